#!/usr/bin/env bash
# RAG with builtin (USE Lite) vectors at 100k chunks: docs/PERFORMANCE.md "Builtin vectors at 100k chunks".
#   bash bench/rag_vectors.sh [BUILD_DIR] [extra rag_bench arguments]
# Step 1 (once, ~20-40 min on 2 cores): embed every MedQuAD chunk with the builtin model and save the
# vector index under bench/results/rag_vectors (rag_eval reuses it afterwards; it also prints the quality
# report). Step 2: rag_bench --vectors 100000 measures the embedding rate on 2,000 chunks, builds a
# 100k-vector HNSW graph from those real vectors plus jittered copies, reports recall@10 vs brute force and
# latency per ef_search, then the hybrid retrieve over 100k chunks in RagService.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
build="${1:-$root/build}"
shift || true
cmake --build "$build" --target rag_eval rag_bench
cache="$root/bench/results/rag_vectors"
if [[ ! -f "$cache/builtin_use-lite-medquad/manifest.json" ]]; then
  "$build/bench/rag_eval" --embedder builtin --vector-cache "$cache"
fi
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
"$build/bench/rag_bench" --vectors 100000 --vector-cache "$cache/builtin_use-lite-medquad" "$@"
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
