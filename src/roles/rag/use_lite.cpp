#include "roles/rag/use_lite.hpp"

#include <utf8proc.h>

#include <algorithm>
#include <boost/json.hpp>
#include <cmath>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <list>
#include <map>
#include <mutex>
#include <sstream>
#include <stdexcept>
#include <unordered_map>

#include "roles/rag/dense_kernel.hpp"

namespace aurixa::rag {
namespace {

namespace fs = std::filesystem;

constexpr std::string_view kSeparator = "\xE2\x96\x81";  // U+2581 LOWER ONE EIGHTH BLOCK, "▁"

// Byte length of the UTF-8 sequence starting with `c` (1 for a stray continuation or invalid byte).
std::size_t utf8_length(unsigned char c) {
  if (c < 0x80) return 1;
  if ((c >> 5) == 0x6) return 2;
  if ((c >> 4) == 0xE) return 3;
  if ((c >> 3) == 0x1E) return 4;
  return 1;
}

// Code point start offsets of `s` (plus s.size() at the end), and whether each is outside the BMP
// (two UTF-16 units in JavaScript).
void split_chars(std::string_view s, std::vector<std::size_t>& starts) {
  starts.clear();
  std::size_t i = 0;
  while (i < s.size()) {
    starts.push_back(i);
    std::size_t n = utf8_length(static_cast<unsigned char>(s[i]));
    if (i + n > s.size()) n = 1;
    for (std::size_t k = 1; k < n; ++k)
      if ((static_cast<unsigned char>(s[i + k]) & 0xC0) != 0x80) {
        n = 1;
        break;
      }
    i += n;
  }
  starts.push_back(s.size());
}

int utf16_units(std::string_view piece) {
  int n = 0;
  for (std::size_t i = 0; i < piece.size();) {
    std::size_t len = utf8_length(static_cast<unsigned char>(piece[i]));
    n += len == 4 ? 2 : 1;
    i += len;
  }
  return n;
}

std::string nfkc(std::string_view text) {
  utf8proc_uint8_t* out = nullptr;
  auto n =
      utf8proc_map(reinterpret_cast<const utf8proc_uint8_t*>(text.data()), static_cast<utf8proc_ssize_t>(text.size()),
                   &out, static_cast<utf8proc_option_t>(UTF8PROC_STABLE | UTF8PROC_COMPOSE | UTF8PROC_COMPAT));
  if (n < 0) return std::string(text);  // invalid UTF-8: tokenise the bytes as they are
  std::string s(reinterpret_cast<char*>(out), static_cast<std::size_t>(n));
  std::free(out);
  return s;
}

std::string read_file(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  if (!in) throw std::runtime_error("cannot read " + p.string());
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

float half_to_float(std::uint16_t h) {
  std::uint32_t sign = (h & 0x8000u) << 16, exp = (h >> 10) & 0x1F, mant = h & 0x3FF, bits;
  if (exp == 0) {
    if (mant == 0) {
      bits = sign;
    } else {  // subnormal
      exp = 127 - 15 + 1;
      while (!(mant & 0x400)) {
        mant <<= 1;
        --exp;
      }
      bits = sign | (exp << 23) | ((mant & 0x3FF) << 13);
    }
  } else if (exp == 31) {
    bits = sign | 0x7F800000u | (mant << 13);
  } else {
    bits = sign | ((exp + 127 - 15) << 23) | (mant << 13);
  }
  float f;
  std::memcpy(&f, &bits, sizeof f);
  return f;
}

// Sums in eight interleaved partial sums (vectorisable: a single running sum is one long dependency chain).
template <typename F>
inline float sum8(std::size_t n, F term) {
  float acc[8] = {};
  const std::size_t full = n / 8;
  for (std::size_t b = 0; b < full; ++b)
    for (std::size_t l = 0; l < 8; ++l) acc[l] += term(b * 8 + l);
  for (std::size_t c = full * 8; c < n; ++c) acc[0] += term(c);
  return ((acc[0] + acc[4]) + (acc[1] + acc[5])) + ((acc[2] + acc[6]) + (acc[3] + acc[7]));
}

// The per-token loops (layer norm, attention) are cloned for AVX2: wider vectors, the same results (no FMA
// contraction in ISO C++ mode, the sums in the same order).
__attribute__((target_clones("avx2", "default"))) void layer_norm(const float* x, std::size_t rows, std::size_t d,
                                                                  const float* scale, const float* bias, float eps,
                                                                  float* out) {
  for (std::size_t r = 0; r < rows; ++r) {
    const float* xr = x + r * d;
    float* o = out + r * d;
    const float mean = sum8(d, [xr](std::size_t j) { return xr[j]; }) / static_cast<float>(d);
    const float var =
        sum8(d, [xr, mean](std::size_t j) { return (xr[j] - mean) * (xr[j] - mean); }) / static_cast<float>(d);
    const float inv = 1.0f / std::sqrt(var + eps);
    for (std::size_t j = 0; j < d; ++j) o[j] = scale[j] * inv * (xr[j] - mean) + bias[j];
  }
}

}  // namespace

// ---------------------------------------------------------------------------------------------- tokenizer

PieceTokenizer::PieceTokenizer(std::vector<Piece> pieces, std::size_t reserved) : pieces_(std::move(pieces)) {
  if (pieces_.empty()) throw std::invalid_argument("empty sentencepiece vocabulary");
  utf16_length_.reserve(pieces_.size());
  for (const auto& p : pieces_) utf16_length_.push_back(std::max(1, utf16_units(p.text)));
  // Built with a map, then flattened into sorted child arrays.
  std::vector<int> ids{-1};
  std::map<std::pair<std::uint32_t, unsigned char>, std::uint32_t> next;
  for (std::size_t i = reserved; i < pieces_.size(); ++i) {
    if (pieces_[i].text.empty()) continue;
    std::uint32_t node = 0;
    for (unsigned char c : pieces_[i].text) {
      auto [it, added] = next.try_emplace({node, c}, static_cast<std::uint32_t>(ids.size()));
      if (added) ids.push_back(-1);
      node = it->second;
    }
    ids[node] = static_cast<int>(i);  // a later duplicate wins, as in the TF.js trie
  }
  trie_id_ = std::move(ids);
  first_child_.assign(trie_id_.size() + 1, 0);
  for (const auto& [edge, to] : next) {  // ordered by (node, byte)
    ++first_child_[edge.first + 1];
    child_bytes_.push_back(edge.second);
    child_nodes_.push_back(to);
    if (edge.first == 0) root_[edge.second] = to;
  }
  for (std::size_t n = 1; n < first_child_.size(); ++n) first_child_[n] += first_child_[n - 1];
}

std::uint32_t PieceTokenizer::child(std::uint32_t node, unsigned char byte) const {
  if (node == 0) return root_[byte];
  for (std::uint32_t c = first_child_[node]; c < first_child_[node + 1]; ++c)
    if (child_bytes_[c] == byte) return child_nodes_[c];
  return 0;
}

std::vector<int> PieceTokenizer::encode(std::string_view text) const {
  std::string normalized = nfkc(text);
  if (normalized.empty()) return {};
  std::string s(kSeparator);
  s.reserve(normalized.size() * 2);
  for (char c : normalized) {
    if (c == ' ')
      s += kSeparator;
    else
      s += c;
  }
  std::vector<std::size_t> at;
  split_chars(s, at);
  const std::size_t n = at.size() - 1;

  struct Edge {
    std::size_t start, end;  // characters [start, end)
    int id;
    double score;
  };
  // Every edge of the lattice, in increasing start order (the order the TF.js lattice visits them).
  std::vector<Edge> edges;
  for (std::size_t i = 0; i < n; ++i) {
    bool found = false;
    std::uint32_t node = 0;
    std::size_t byte = at[i];
    for (std::size_t len = 1; i + len <= n; ++len) {
      bool known = true;  // some piece starts with characters i .. i + len
      for (; byte < at[i + len]; ++byte) {
        node = child(node, static_cast<unsigned char>(s[byte]));
        if (node == 0) {
          known = false;
          break;
        }
      }
      if (!known) break;
      const int id = trie_id_[node];
      if (id < 0) continue;  // only a prefix of longer pieces
      edges.push_back({i, i + len, id, pieces_[static_cast<std::size_t>(id)].score});
      found = true;
    }
    if (!found) edges.push_back({i, i + 1, 0, 0.0});  // unknown character: id 0, score 0
  }
  // Grouped by end; stable, so each group keeps increasing start order.
  std::stable_sort(edges.begin(), edges.end(), [](const Edge& a, const Edge& b) { return a.end < b.end; });
  // Viterbi. As in TF.js, 0 means "no path yet" (piece scores are negative), and ties go to the later edge.
  std::vector<double> best(n + 1, 0.0);
  std::vector<int> words(n + 1, 0);
  for (const Edge& e : edges) {
    const double score = e.score + best[e.start];
    if (best[e.end] == 0 || score >= best[e.end]) {
      best[e.end] = score;
      words[e.end] = e.id;
    }
  }
  std::vector<int> reversed;
  for (std::ptrdiff_t pos = static_cast<std::ptrdiff_t>(n); pos > 0;) {
    int id = words[static_cast<std::size_t>(pos)];
    reversed.push_back(id);
    pos -= utf16_length_[static_cast<std::size_t>(id)];
  }
  std::vector<int> out;
  out.reserve(reversed.size());
  bool previous_unknown = false;
  for (int id : reversed) {
    if (!(previous_unknown && id == 0)) out.push_back(id);
    previous_unknown = id == 0;
  }
  std::reverse(out.begin(), out.end());
  return out;
}

// ---------------------------------------------------------------------------------------------- weights

struct UseLiteModel::Weights {
  struct Layer {
    std::size_t d_in = 0, d_model = 0, heads = 0;
    float query_scale = 0;
    std::vector<float> ln1_scale, ln1_bias, ln2_scale, ln2_bias;
    // The dense layers, packed for the kernel (dense_kernel.hpp) with their biases.
    PackedMatrix qkv, out;
    PackedMatrix residual;  // layer 0: 256 -> 512 projection of the input
    PackedMatrix ffn1, ffn2;
  };
  std::size_t vocab = 0, emb_dim = 0;
  std::vector<float> embeddings;
  // The timing signal of every position, computed once: kMaxTokens rows of emb_dim (sines, then cosines).
  std::vector<float> timing;
  float eps = 1e-6f;
  float l2_floor = 1e-12f;
  Layer layers[2];
  PackedMatrix final_layer;
};

namespace {

struct Loaded {
  std::unordered_map<std::string, std::vector<float>> floats;
  std::unordered_map<std::string, std::vector<std::int32_t>> ints;
  std::unordered_map<std::string, std::vector<std::int64_t>> shapes;
};

Loaded load_weights(const fs::path& dir) {
  namespace js = boost::json;
  const auto model_path = dir / "model.json";
  js::value root;
  try {
    root = js::parse(read_file(model_path));
  } catch (const std::system_error& e) {
    throw std::runtime_error(model_path.string() + ": invalid JSON: " + e.what());
  }
  Loaded out;
  const auto& manifest = root.at("weightsManifest").as_array();
  for (const auto& group_v : manifest) {
    const auto& group = group_v.as_object();
    std::string buf;
    for (const auto& p : group.at("paths").as_array()) buf += read_file(dir / std::string(p.as_string()));
    std::size_t off = 0;
    for (const auto& w_v : group.at("weights").as_array()) {
      const auto& w = w_v.as_object();
      std::string name(w.at("name").as_string());
      std::string dtype(w.at("dtype").as_string());
      std::vector<std::int64_t> shape;
      std::size_t count = 1;
      for (const auto& d : w.at("shape").as_array()) {
        shape.push_back(d.to_number<std::int64_t>());
        count *= static_cast<std::size_t>(shape.back());
      }
      auto need = [&](std::size_t bytes) {
        if (off + bytes > buf.size())
          throw std::runtime_error(model_path.string() + ": weight shards too short for " + name);
      };
      if (const auto* q = w.if_contains("quantization")) {
        const auto& qo = q->as_object();
        std::string qd(qo.at("dtype").as_string());
        std::vector<float> v(count);
        if (qd == "float16") {
          need(count * 2);
          for (std::size_t i = 0; i < count; ++i) {
            std::uint16_t h;
            std::memcpy(&h, buf.data() + off + i * 2, 2);
            v[i] = half_to_float(h);
          }
          off += count * 2;
        } else if (qd == "uint8" || qd == "uint16") {
          const float scale = static_cast<float>(qo.at("scale").to_number<double>());
          const float min = static_cast<float>(qo.at("min").to_number<double>());
          const std::size_t bytes = qd == "uint8" ? 1 : 2;
          need(count * bytes);
          for (std::size_t i = 0; i < count; ++i) {
            std::uint16_t x = 0;
            std::memcpy(&x, buf.data() + off + i * bytes, bytes);
            v[i] = static_cast<float>(x) * scale + min;
          }
          off += count * bytes;
        } else {
          throw std::runtime_error(model_path.string() + ": unsupported quantization " + qd + " for " + name);
        }
        if (dtype == "int32") {
          std::vector<std::int32_t> iv(count);
          for (std::size_t i = 0; i < count; ++i) iv[i] = static_cast<std::int32_t>(std::lround(v[i]));
          out.ints[name] = std::move(iv);
        } else {
          out.floats[name] = std::move(v);
        }
      } else if (dtype == "float32") {
        need(count * 4);
        std::vector<float> v(count);
        std::memcpy(v.data(), buf.data() + off, count * 4);
        out.floats[name] = std::move(v);
        off += count * 4;
      } else if (dtype == "int32") {
        need(count * 4);
        std::vector<std::int32_t> v(count);
        std::memcpy(v.data(), buf.data() + off, count * 4);
        out.ints[name] = std::move(v);
        off += count * 4;
      } else if (dtype == "bool") {
        off += count;
      } else {
        throw std::runtime_error(model_path.string() + ": unsupported dtype " + dtype + " for " + name);
      }
      out.shapes[name] = std::move(shape);
    }
  }
  return out;
}

}  // namespace

std::shared_ptr<const UseLiteModel> UseLiteModel::load(const std::string& dir_s, DenseIsa isa) {
  const fs::path dir(dir_s);
  Loaded l = load_weights(dir);
  auto take = [&](const std::string& name, std::size_t expect) {
    auto it = l.floats.find(name);
    if (it == l.floats.end()) throw std::runtime_error((dir / "model.json").string() + ": missing weight " + name);
    if (expect && it->second.size() != expect)
      throw std::runtime_error((dir / "model.json").string() + ": unexpected size of " + name);
    return std::move(it->second);
  };
  auto scalar_int = [&](const std::string& name) {
    auto it = l.ints.find(name);
    if (it == l.ints.end() || it->second.size() != 1)
      throw std::runtime_error((dir / "model.json").string() + ": missing constant " + name);
    return static_cast<std::size_t>(it->second[0]);
  };

  auto pack = [&](const std::string& kernel, const std::string& bias, std::size_t k, std::size_t n) {
    auto b = take(bias, n);
    if (b.empty()) throw std::runtime_error((dir / "model.json").string() + ": empty bias " + bias);
    auto wt = take(kernel, k * b.size());
    return PackedMatrix(wt.data(), k, b.size(), b.data(), isa);
  };
  auto w = std::make_unique<Weights>();
  const std::string enc = "module_apply_default/Encoder_en/KonaTransformer/Encode/";
  const std::string kernels = "module/Encoder_en/KonaTransformer/Encode/";
  w->embeddings = take("module/Embeddings_en", 0);
  const auto& es = l.shapes.at("module/Embeddings_en");
  if (es.size() != 2) throw std::runtime_error("module/Embeddings_en is not a matrix");
  w->vocab = static_cast<std::size_t>(es[0]);
  w->emb_dim = static_cast<std::size_t>(es[1]);
  {
    const std::size_t e = w->emb_dim, half = e / 2;
    const auto inv_timescales = take(enc + "TransformerStack/Layer_0/AddTimingSignal/TimingSignal/ExpandDims_1", half);
    w->timing.resize(kMaxTokens * e);
    for (std::size_t p = 0; p < kMaxTokens; ++p)
      for (std::size_t j = 0; j < half; ++j) {
        const float angle = static_cast<float>(p) * inv_timescales[j];
        w->timing[p * e + j] = std::sin(angle);
        w->timing[p * e + half + j] = std::cos(angle);
      }
  }
  w->eps = take(enc + "TransformerStack/Layer_1/TransformerLayer/FFN/layer_prepostprocess/layer_norm/Cast/x", 1)[0];
  w->l2_floor = take("module_apply_default/Encoder_en/hidden_layers/l2_normalize/Maximum/y", 1)[0];
  for (int li = 0; li < 2; ++li) {
    auto& L = w->layers[li];
    const std::string n = "Layer_" + std::to_string(li) + "/TransformerLayer/";
    const std::string stack = enc + "TransformerStack/" + n;
    L.d_in = li == 0 ? w->emb_dim : kDim;
    // Attention width = input width; the head size is a per-layer constant of the split_heads reshape.
    const std::size_t head_dim =
        scalar_int(stack + "MultiheadAttention/split_heads/split_last_dimension/Reshape/shape/3");
    if (head_dim == 0 || L.d_in % head_dim)
      throw std::runtime_error("unexpected head size in layer " + std::to_string(li));
    L.d_model = L.d_in;
    L.heads = L.d_in / head_dim;
    L.query_scale = take(stack + "MultiheadAttention/mul/y", 1)[0];
    const std::string ln = enc + n + "layer_prepostprocess/layer_norm/";
    L.ln1_scale = take(ln + "layer_norm_scale/ConcatPartitions/concat", L.d_in);
    L.ln1_bias = take(ln + "layer_norm_bias/ConcatPartitions/concat", L.d_in);
    L.qkv =
        pack(kernels + n + "MultiheadAttention/qkv_transform_single/kernel/part_0",
             enc + n + "MultiheadAttention/qkv_transform_single/bias/ConcatPartitions/concat", L.d_in, 3 * L.d_model);
    L.out = pack(kernels + n + "MultiheadAttention/output_transform_single/kernel/part_0",
                 enc + n + "MultiheadAttention/output_transform_single/bias/ConcatPartitions/concat", L.d_model, kDim);
    if (li == 0)
      L.residual = pack(enc + n + "dense/kernel/ConcatPartitions/concat",
                        enc + n + "dense/bias/ConcatPartitions/concat", L.d_in, kDim);
    const std::string fln = enc + n + "FFN/layer_prepostprocess/layer_norm/";
    L.ln2_scale = take(fln + "layer_norm_scale/ConcatPartitions/concat", kDim);
    L.ln2_bias = take(fln + "layer_norm_bias/ConcatPartitions/concat", kDim);
    L.ffn1 = pack(stack + "FFN/conv1/Tensordot/Reshape_1", enc + n + "FFN/conv1/bias/ConcatPartitions/concat", kDim, 0);
    L.ffn2 = pack(stack + "FFN/conv2/Tensordot/Reshape_1", enc + n + "FFN/conv2/bias/ConcatPartitions/concat",
                  L.ffn1.n(), kDim);
  }
  w->final_layer = pack("module/Encoder_en/hidden_layers/tanh_layer_0/weights",
                        "module/Encoder_en/hidden_layers/tanh_layer_0/bias", kDim, kDim);

  // vocab.json: [[piece, score], ...]
  const auto vocab_path = dir / "vocab.json";
  boost::json::value vocab;
  try {
    vocab = boost::json::parse(read_file(vocab_path));
  } catch (const std::system_error& e) {
    throw std::runtime_error(vocab_path.string() + ": invalid JSON: " + e.what());
  }
  std::vector<PieceTokenizer::Piece> pieces;
  for (const auto& p : vocab.as_array()) {
    const auto& a = p.as_array();
    // A few pieces (":", "://", emoticons) have a null score, which JavaScript adds as 0.
    pieces.push_back({std::string(a.at(0).as_string()), a.at(1).is_null() ? 0.0 : a.at(1).to_number<double>()});
  }
  if (pieces.size() > w->vocab) throw std::runtime_error(vocab_path.string() + ": more pieces than embeddings");

  std::shared_ptr<UseLiteModel> m(new UseLiteModel());
  m->isa_ = isa;
  m->tokenizer_ = std::make_unique<PieceTokenizer>(std::move(pieces));
  m->w_ = std::move(w);
  return m;
}

UseLiteModel::~UseLiteModel() = default;

std::vector<std::vector<float>> UseLiteModel::embed(const std::vector<std::string>& texts) const {
  std::vector<std::vector<int>> tokens;
  tokens.reserve(texts.size());
  for (const auto& t : texts) tokens.push_back(tokenizer_->encode(t));
  return embed_tokens(tokens);
}

__attribute__((target_clones("avx2", "default"))) std::vector<std::vector<float>> UseLiteModel::embed_tokens(
    const std::vector<std::vector<int>>& tokens) const {
  const Weights& w = *w_;
  // Rows of the batch: every text's first kMaxTokens pieces, back to back.
  std::vector<std::size_t> begin, len;
  std::size_t rows = 0;
  for (const auto& t : tokens) {
    begin.push_back(rows);
    len.push_back(std::min(t.size(), kMaxTokens));
    rows += len.back();
  }
  const std::size_t e = w.emb_dim;
  // Layer-0 input: the graph adds the scattered embeddings to (embeddings + timing signal), i.e. 2*emb + timing.
  std::vector<float> x(rows * e);
  for (std::size_t b = 0; b < tokens.size(); ++b) {
    for (std::size_t p = 0; p < len[b]; ++p) {
      auto id = static_cast<std::size_t>(tokens[b][p]);
      if (id >= w.vocab) id = 0;
      const float* emb = w.embeddings.data() + id * e;
      float* row = x.data() + (begin[b] + p) * e;
      const float* timing = w.timing.data() + p * e;
      for (std::size_t j = 0; j < e; ++j) row[j] = emb[j] + (emb[j] + timing[j]);
    }
  }

  std::vector<float> h(rows * kDim), normed, qkv, ctx, tmp(rows * kDim), ffn;
  std::vector<float> scores;
  for (int li = 0; li < 2; ++li) {
    const auto& L = w.layers[li];
    const std::size_t d = L.d_in, dm = L.d_model, hd = dm / L.heads;
    const float* input = li == 0 ? x.data() : h.data();
    // Attention block (pre-norm).
    normed.resize(rows * d);
    layer_norm(input, rows, d, L.ln1_scale.data(), L.ln1_bias.data(), w.eps, normed.data());
    qkv.resize(rows * 3 * dm);
    linear(normed.data(), rows, L.qkv, qkv.data());
    ctx.assign(rows * dm, 0.0f);
    for (std::size_t b = 0; b < tokens.size(); ++b) {
      const std::size_t t0 = begin[b], n = len[b];
      scores.resize(n);
      for (std::size_t head = 0; head < L.heads; ++head) {
        const std::size_t qo = head * hd, ko = dm + head * hd, vo = 2 * dm + head * hd;
        for (std::size_t i = 0; i < n; ++i) {
          const float* q = qkv.data() + (t0 + i) * 3 * dm + qo;
          float mx = -INFINITY;
          for (std::size_t j = 0; j < n; ++j) {
            const float* k = qkv.data() + (t0 + j) * 3 * dm + ko;
            const float qs = L.query_scale;
            const float s = sum8(hd, [q, k, qs](std::size_t c) { return (q[c] * qs) * k[c]; });
            scores[j] = s;
            mx = std::max(mx, s);
          }
          float sum = 0;
          for (std::size_t j = 0; j < n; ++j) {
            scores[j] = std::exp(scores[j] - mx);
            sum += scores[j];
          }
          float* o = ctx.data() + (t0 + i) * dm + head * hd;
          for (std::size_t j = 0; j < n; ++j) {
            const float a = scores[j] / sum;
            const float* v = qkv.data() + (t0 + j) * 3 * dm + vo;
            for (std::size_t c = 0; c < hd; ++c) o[c] += a * v[c];
          }
        }
      }
    }
    linear(ctx.data(), rows, L.out, tmp.data());
    if (li == 0) {
      // The residual path of layer 0 projects the 256-d input to 512.
      std::vector<float> res(rows * kDim);
      linear(x.data(), rows, L.residual, res.data());
      for (std::size_t i = 0; i < rows * kDim; ++i) h[i] = tmp[i] + res[i];
    } else {
      for (std::size_t i = 0; i < rows * kDim; ++i) h[i] = tmp[i] + h[i];
    }
    // Feed-forward block (pre-norm).
    const std::size_t f = L.ffn1.n();
    normed.resize(rows * kDim);
    layer_norm(h.data(), rows, kDim, L.ln2_scale.data(), L.ln2_bias.data(), w.eps, normed.data());
    ffn.resize(rows * f);
    linear(normed.data(), rows, L.ffn1, ffn.data());
    for (auto& v : ffn) v = std::max(v, 0.0f);
    linear(ffn.data(), rows, L.ffn2, tmp.data());
    for (std::size_t i = 0; i < rows * kDim; ++i) h[i] = tmp[i] + h[i];
  }

  // Mean over tokens, tanh layer, L2 normalisation.
  std::vector<float> pooled(tokens.size() * kDim, 0.0f), y(tokens.size() * kDim);
  for (std::size_t b = 0; b < tokens.size(); ++b) {
    float* p = pooled.data() + b * kDim;
    for (std::size_t t = 0; t < len[b]; ++t) {
      const float* r = h.data() + (begin[b] + t) * kDim;
      for (std::size_t j = 0; j < kDim; ++j) p[j] += r[j];
    }
    const float div = static_cast<float>(std::max<std::size_t>(len[b], 1));
    for (std::size_t j = 0; j < kDim; ++j) p[j] /= div;
  }
  linear(pooled.data(), tokens.size(), w.final_layer, y.data());
  std::vector<std::vector<float>> out(tokens.size());
  for (std::size_t b = 0; b < tokens.size(); ++b) {
    auto& v = out[b];
    v.resize(kDim);
    float ss = 0;
    for (std::size_t j = 0; j < kDim; ++j) {
      v[j] = std::tanh(y[b * kDim + j]);
      ss += v[j] * v[j];
    }
    const float inv = 1.0f / std::sqrt(std::max(ss, w.l2_floor));
    for (auto& x_ : v) x_ *= inv;
  }
  return out;
}

// ---------------------------------------------------------------------------------------------- lookup

std::string use_lite_dir_in_prefix(const std::string& npm_prefix) {
  return (fs::path(npm_prefix) / "node_modules" / "@energetic-ai" / "model-embeddings-en" / "dist").string();
}

std::string find_use_lite_model(const std::vector<std::string>& candidates) {
  std::error_code ec;
  for (const auto& c : candidates) {
    if (c.empty()) continue;
    for (const auto& dir : {c, use_lite_dir_in_prefix(c)}) {
      if (fs::is_regular_file(fs::path(dir) / "model.json", ec) &&
          fs::is_regular_file(fs::path(dir) / "vocab.json", ec))
        return dir;
    }
  }
  return "";
}

// ---------------------------------------------------------------------------------------------- embedder

namespace {

class BuiltinEmbedder final : public Embedder {
 public:
  BuiltinEmbedder(std::shared_ptr<const UseLiteModel> model, BuiltinEmbedderOptions o)
      : model_(std::move(model)), options_(o) {
    if (options_.batch_size == 0) options_.batch_size = 1;
  }

  std::string name() const override { return "builtin:use-lite"; }

  std::vector<std::vector<float>> embed(const std::vector<std::string>& texts) override {
    std::vector<std::vector<float>> out(texts.size());
    std::vector<std::size_t> missing;
    {
      std::lock_guard lock(mutex_);
      for (std::size_t i = 0; i < texts.size(); ++i) {
        auto it = index_.find(texts[i]);
        if (it == index_.end()) {
          missing.push_back(i);
          continue;
        }
        lru_.splice(lru_.begin(), lru_, it->second);
        out[i] = it->second->second;
      }
    }
    for (std::size_t s = 0; s < missing.size(); s += options_.batch_size) {
      std::vector<std::string> batch;
      for (std::size_t k = s; k < missing.size() && k < s + options_.batch_size; ++k)
        batch.push_back(texts[missing[k]]);
      auto vecs = model_->embed(batch);
      std::lock_guard lock(mutex_);
      for (std::size_t k = 0; k < vecs.size(); ++k) {
        const std::string& text = batch[k];
        if (options_.cache_entries && !index_.count(text)) {
          lru_.emplace_front(text, vecs[k]);
          index_[text] = lru_.begin();
          if (lru_.size() > options_.cache_entries) {
            index_.erase(lru_.back().first);
            lru_.pop_back();
          }
        }
        out[missing[s + k]] = std::move(vecs[k]);
      }
    }
    return out;
  }

 private:
  using Entry = std::pair<std::string, std::vector<float>>;
  std::shared_ptr<const UseLiteModel> model_;
  BuiltinEmbedderOptions options_;
  std::mutex mutex_;
  std::list<Entry> lru_;
  std::unordered_map<std::string, std::list<Entry>::iterator> index_;
};

}  // namespace

std::shared_ptr<Embedder> make_builtin_embedder(std::shared_ptr<const UseLiteModel> model,
                                                BuiltinEmbedderOptions options) {
  if (!model) throw std::invalid_argument("make_builtin_embedder: no model");
  return std::make_shared<BuiltinEmbedder>(std::move(model), options);
}

}  // namespace aurixa::rag
