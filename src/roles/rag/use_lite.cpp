#include "roles/rag/use_lite.hpp"

#include <utf8proc.h>

#include <algorithm>
#include <boost/json.hpp>
#include <cmath>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <list>
#include <mutex>
#include <sstream>
#include <stdexcept>

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

// Eight floats in one (AVX2) register; the baseline clone lowers it to two SSE registers.
typedef float Vec8 __attribute__((vector_size(32), aligned(4)));

// R rows x 16 columns of out, kept in 2R registers for the whole k loop (a register-blocked GEMM micro-kernel):
// each b row segment is loaded once for R rows and nothing is stored until the end. Steps where all R inputs
// are zero (ReLU outputs) are skipped.
template <int R>
__attribute__((always_inline)) inline void linear_tile(const float* a, std::size_t k, const float* b, std::size_t n,
                                                      const float* bias, float* out, std::size_t i0, std::size_t j0) {
  Vec8 acc[R][2];
  Vec8 bias0, bias1;
  std::memcpy(&bias0, bias + j0, sizeof bias0);
  std::memcpy(&bias1, bias + j0 + 8, sizeof bias1);
  for (int r = 0; r < R; ++r) {
    acc[r][0] = bias0;
    acc[r][1] = bias1;
  }
  for (std::size_t kk = 0; kk < k; ++kk) {
    float x[R];
    bool any = false;
    for (int r = 0; r < R; ++r) {
      x[r] = a[(i0 + r) * k + kk];
      any = any || x[r] != 0.0f;
    }
    if (!any) continue;
    Vec8 b0, b1;
    std::memcpy(&b0, b + kk * n + j0, sizeof b0);
    std::memcpy(&b1, b + kk * n + j0 + 8, sizeof b1);
    for (int r = 0; r < R; ++r) {
      acc[r][0] += x[r] * b0;
      acc[r][1] += x[r] * b1;
    }
  }
  for (int r = 0; r < R; ++r) {
    std::memcpy(out + (i0 + r) * n + j0, &acc[r][0], sizeof acc[r][0]);
    std::memcpy(out + (i0 + r) * n + j0 + 8, &acc[r][1], sizeof acc[r][1]);
  }
}

// out[M x N] = a[M x K] * b[K x N] + bias[N] (row-major). Register-blocked 4 x 16 tiles (2.2-2.4x the previous
// cache-tiled axpy loop, which stored every partial sum: ~54% of an uncached pipeline turn's CPU went here);
// widths that are not a multiple of 16 take the plain loop. Compiled for x86-64-v3 (AVX2 + FMA) and baseline
// x86-64, picked at run time (an AVX-512 clone was slower on this machine).
__attribute__((target_clones("arch=x86-64-v3", "default"))) void linear(const float* a, std::size_t m, std::size_t k,
                                                                        const float* b, std::size_t n, const float* bias,
                                                                        float* out) {
  if (n % 16 == 0) {
    for (std::size_t j0 = 0; j0 < n; j0 += 16) {
      std::size_t i0 = 0;
      for (; i0 + 4 <= m; i0 += 4) linear_tile<4>(a, k, b, n, bias, out, i0, j0);
      switch (m - i0) {  // the last rows in one pass over b, not one pass each
        case 3: linear_tile<3>(a, k, b, n, bias, out, i0, j0); break;
        case 2: linear_tile<2>(a, k, b, n, bias, out, i0, j0); break;
        case 1: linear_tile<1>(a, k, b, n, bias, out, i0, j0); break;
        default: break;
      }
    }
    return;
  }
  for (std::size_t i = 0; i < m; ++i) {
    std::memcpy(out + i * n, bias, n * sizeof(float));
    for (std::size_t kk = 0; kk < k; ++kk) {
      const float x = a[i * k + kk];
      if (x == 0.0f) continue;
      const float* brow = b + kk * n;
      float* o = out + i * n;
      for (std::size_t j = 0; j < n; ++j) o[j] += x * brow[j];
    }
  }
}

void layer_norm(const float* x, std::size_t rows, std::size_t d, const float* scale, const float* bias, float eps,
                float* out) {
  for (std::size_t r = 0; r < rows; ++r) {
    const float* xr = x + r * d;
    float* o = out + r * d;
    float mean = 0;
    for (std::size_t j = 0; j < d; ++j) mean += xr[j];
    mean /= static_cast<float>(d);
    float var = 0;
    for (std::size_t j = 0; j < d; ++j) var += (xr[j] - mean) * (xr[j] - mean);
    var /= static_cast<float>(d);
    const float inv = 1.0f / std::sqrt(var + eps);
    for (std::size_t j = 0; j < d; ++j) o[j] = scale[j] * inv * (xr[j] - mean) + bias[j];
  }
}

}  // namespace

// ---------------------------------------------------------------------------------------------- tokenizer

PieceTokenizer::PieceTokenizer(std::vector<Piece> pieces, std::size_t reserved) : pieces_(std::move(pieces)) {
  if (pieces_.empty()) throw std::invalid_argument("empty sentencepiece vocabulary");
  utf16_length_.reserve(pieces_.size());
  std::vector<std::size_t> starts;
  for (std::size_t i = 0; i < pieces_.size(); ++i) {
    utf16_length_.push_back(std::max(1, utf16_units(pieces_[i].text)));
    if (i < reserved || pieces_[i].text.empty()) continue;
    ids_[pieces_[i].text] = static_cast<int>(i);  // a later duplicate wins, as in the TF.js trie
    split_chars(pieces_[i].text, starts);
    max_piece_chars_ = std::max(max_piece_chars_, starts.size() - 1);
  }
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
    std::size_t start;
    int id;
    double score;
  };
  // Edges ending at each position, in increasing start order (the order the TF.js lattice visits them).
  std::vector<std::vector<Edge>> ending(n + 1);
  for (std::size_t i = 0; i < n; ++i) {
    bool found = false;
    const std::size_t longest = std::min(max_piece_chars_, n - i);
    for (std::size_t len = 1; len <= longest; ++len) {
      auto it = ids_.find(s.substr(at[i], at[i + len] - at[i]));
      if (it == ids_.end()) continue;
      ending[i + len].push_back({i, it->second, pieces_[static_cast<std::size_t>(it->second)].score});
      found = true;
    }
    if (!found) ending[i + 1].push_back({i, 0, 0.0});  // unknown character: id 0, score 0
  }
  // Viterbi. As in TF.js, 0 means "no path yet" (piece scores are negative), and ties go to the later edge.
  std::vector<double> best(n + 1, 0.0);
  std::vector<int> words(n + 1, 0);
  for (std::size_t end = 0; end <= n; ++end) {
    for (const auto& e : ending[end]) {
      double score = e.score + best[e.start];
      if (best[end] == 0 || score >= best[end]) {
        best[end] = score;
        words[end] = e.id;
      }
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
    std::vector<float> ln1_scale, ln1_bias, qkv, qkv_bias, out, out_bias;
    std::vector<float> residual, residual_bias;  // layer 0: 256 -> 512 projection of the input
    std::vector<float> ln2_scale, ln2_bias, ffn1, ffn1_bias, ffn2, ffn2_bias;
  };
  std::size_t vocab = 0, emb_dim = 0;
  std::vector<float> embeddings;
  std::vector<float> inv_timescales;
  float eps = 1e-6f;
  float l2_floor = 1e-12f;
  Layer layers[2];
  std::vector<float> final_w, final_b;
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

std::shared_ptr<const UseLiteModel> UseLiteModel::load(const std::string& dir_s) {
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

  auto w = std::make_unique<Weights>();
  const std::string enc = "module_apply_default/Encoder_en/KonaTransformer/Encode/";
  const std::string kernels = "module/Encoder_en/KonaTransformer/Encode/";
  w->embeddings = take("module/Embeddings_en", 0);
  const auto& es = l.shapes.at("module/Embeddings_en");
  if (es.size() != 2) throw std::runtime_error("module/Embeddings_en is not a matrix");
  w->vocab = static_cast<std::size_t>(es[0]);
  w->emb_dim = static_cast<std::size_t>(es[1]);
  w->inv_timescales = take(enc + "TransformerStack/Layer_0/AddTimingSignal/TimingSignal/ExpandDims_1", w->emb_dim / 2);
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
    L.qkv = take(kernels + n + "MultiheadAttention/qkv_transform_single/kernel/part_0", L.d_in * 3 * L.d_model);
    L.qkv_bias = take(enc + n + "MultiheadAttention/qkv_transform_single/bias/ConcatPartitions/concat", 3 * L.d_model);
    L.out = take(kernels + n + "MultiheadAttention/output_transform_single/kernel/part_0", L.d_model * kDim);
    L.out_bias = take(enc + n + "MultiheadAttention/output_transform_single/bias/ConcatPartitions/concat", kDim);
    if (li == 0) {
      L.residual = take(enc + n + "dense/kernel/ConcatPartitions/concat", L.d_in * kDim);
      L.residual_bias = take(enc + n + "dense/bias/ConcatPartitions/concat", kDim);
    }
    const std::string fln = enc + n + "FFN/layer_prepostprocess/layer_norm/";
    L.ln2_scale = take(fln + "layer_norm_scale/ConcatPartitions/concat", kDim);
    L.ln2_bias = take(fln + "layer_norm_bias/ConcatPartitions/concat", kDim);
    L.ffn1_bias = take(enc + n + "FFN/conv1/bias/ConcatPartitions/concat", 0);
    L.ffn1 = take(stack + "FFN/conv1/Tensordot/Reshape_1", kDim * L.ffn1_bias.size());
    L.ffn2 = take(stack + "FFN/conv2/Tensordot/Reshape_1", L.ffn1_bias.size() * kDim);
    L.ffn2_bias = take(enc + n + "FFN/conv2/bias/ConcatPartitions/concat", kDim);
  }
  w->final_w = take("module/Encoder_en/hidden_layers/tanh_layer_0/weights", kDim * kDim);
  w->final_b = take("module/Encoder_en/hidden_layers/tanh_layer_0/bias", kDim);

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

std::vector<std::vector<float>> UseLiteModel::embed_tokens(const std::vector<std::vector<int>>& tokens) const {
  const Weights& w = *w_;
  // Rows of the batch: every text's first kMaxTokens pieces, back to back.
  std::vector<std::size_t> begin, len;
  std::size_t rows = 0;
  for (const auto& t : tokens) {
    begin.push_back(rows);
    len.push_back(std::min(t.size(), kMaxTokens));
    rows += len.back();
  }
  const std::size_t e = w.emb_dim, half = e / 2;
  // Layer-0 input: the graph adds the scattered embeddings to (embeddings + timing signal), i.e. 2*emb + timing.
  std::vector<float> x(rows * e);
  for (std::size_t b = 0; b < tokens.size(); ++b) {
    for (std::size_t p = 0; p < len[b]; ++p) {
      auto id = static_cast<std::size_t>(tokens[b][p]);
      if (id >= w.vocab) id = 0;
      const float* emb = w.embeddings.data() + id * e;
      float* row = x.data() + (begin[b] + p) * e;
      for (std::size_t j = 0; j < half; ++j) {
        const float angle = static_cast<float>(p) * w.inv_timescales[j];
        row[j] = emb[j] + (emb[j] + std::sin(angle));
        row[half + j] = emb[half + j] + (emb[half + j] + std::cos(angle));
      }
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
    linear(normed.data(), rows, d, L.qkv.data(), 3 * dm, L.qkv_bias.data(), qkv.data());
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
            float s = 0;
            for (std::size_t c = 0; c < hd; ++c) s += (q[c] * L.query_scale) * k[c];
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
    linear(ctx.data(), rows, dm, L.out.data(), kDim, L.out_bias.data(), tmp.data());
    if (li == 0) {
      // The residual path of layer 0 projects the 256-d input to 512.
      std::vector<float> res(rows * kDim);
      linear(x.data(), rows, d, L.residual.data(), kDim, L.residual_bias.data(), res.data());
      for (std::size_t i = 0; i < rows * kDim; ++i) h[i] = tmp[i] + res[i];
    } else {
      for (std::size_t i = 0; i < rows * kDim; ++i) h[i] = tmp[i] + h[i];
    }
    // Feed-forward block (pre-norm).
    const std::size_t f = L.ffn1_bias.size();
    normed.resize(rows * kDim);
    layer_norm(h.data(), rows, kDim, L.ln2_scale.data(), L.ln2_bias.data(), w.eps, normed.data());
    ffn.resize(rows * f);
    linear(normed.data(), rows, kDim, L.ffn1.data(), f, L.ffn1_bias.data(), ffn.data());
    for (auto& v : ffn) v = std::max(v, 0.0f);
    linear(ffn.data(), rows, f, L.ffn2.data(), kDim, L.ffn2_bias.data(), tmp.data());
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
  linear(pooled.data(), tokens.size(), kDim, w.final_w.data(), kDim, w.final_b.data(), y.data());
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
