#pragma once
// Loading the evaluation data for rag_eval and rag_bench: the dev knowledge base (../shared/eval) and
// MedQuAD in BEIR format (../shared/data/medquad_beir). The data directory is $AURIXA_SHARED_DIR,
// else ../shared beside the source tree.
#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "roles/rag/chunker.hpp"

namespace aurixa::rag::bench {

std::filesystem::path shared_dir();

struct Query {
  std::string id;
  std::string text;
  std::map<std::int64_t, int> relevant;      // article id -> grade (>= 1)
  std::int64_t primary = 0;                  // first listed relevant article (KB set)
  std::vector<std::string> answer_contains;  // KB set only
};

struct Dataset {
  std::vector<Article> articles;  // tenant 1
  std::vector<Query> queries;
  std::map<std::int64_t, std::string> names;  // article id -> the dataset's own id ("kb-04", "GARD_...")
};

// kb.jsonl + rag_queries.jsonl (or another query file in that format); article "kb-NN" gets id NN.
Dataset load_kb(const std::filesystem::path& eval_dir, const std::filesystem::path& queries = {});
// corpus.jsonl + queries.jsonl + qrels/test.tsv; articles get ids 1..N in corpus order. Queries without
// a judged passage are dropped.
Dataset load_medquad(const std::filesystem::path& dir);

}  // namespace aurixa::rag::bench
