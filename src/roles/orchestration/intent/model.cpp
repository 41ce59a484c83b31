#include "roles/orchestration/intent/model.hpp"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <stdexcept>

namespace aurixa::orchestration::intent {
namespace {

constexpr std::uint32_t kVersion = 1;

void put_u32(std::string& out, std::uint32_t v) {
  for (int k = 0; k < 4; ++k) out += char((v >> (8 * k)) & 0xFF);
}
void put_f32(std::string& out, float f) {
  std::uint32_t v;
  std::memcpy(&v, &f, 4);
  put_u32(out, v);
}

struct Reader {
  std::string_view s;
  const std::string& what;
  std::size_t i = 0;
  void need(std::size_t n) const {
    if (s.size() - i < n) throw std::runtime_error(what + ": truncated intent model");
  }
  std::uint32_t u32() {
    need(4);
    std::uint32_t v = 0;
    for (int k = 0; k < 4; ++k) v |= std::uint32_t(static_cast<unsigned char>(s[i + k])) << (8 * k);
    i += 4;
    return v;
  }
  float f32() {
    std::uint32_t v = u32();
    float f;
    std::memcpy(&f, &v, 4);
    if (!std::isfinite(f)) throw std::runtime_error(what + ": non-finite value in intent model");
    return f;
  }
};

}  // namespace

std::vector<double> softmax(const std::vector<double>& scores, double temperature) {
  std::vector<double> p(scores.size());
  if (scores.empty()) return p;
  const double m = *std::max_element(scores.begin(), scores.end());
  double sum = 0;
  for (std::size_t k = 0; k < scores.size(); ++k) sum += p[k] = std::exp((scores[k] - m) / temperature);
  for (double& v : p) v /= sum;
  return p;
}

std::vector<double> Model::logits(const std::vector<Feature>& x) const {
  const std::size_t k_count = labels.size();
  std::vector<double> z(bias.begin(), bias.end());
  auto it = features.begin();
  for (const auto& [hash, value] : x) {  // x is sorted by hash, so the search range only shrinks
    it = std::lower_bound(it, features.end(), hash);
    if (it == features.end()) break;
    if (*it != hash) continue;
    const std::size_t row = static_cast<std::size_t>(it - features.begin());
    const double v = double(value) * scales[row];
    const std::int8_t* w = &weights[row * k_count];
    for (std::size_t k = 0; k < k_count; ++k) z[k] += v * w[k];
  }
  return z;
}

std::vector<double> Model::probabilities(const std::vector<Feature>& x) const {
  return softmax(logits(x), temperature);
}

std::string Model::serialize() const {
  std::string out = "AXIC";
  put_u32(out, kVersion);
  put_u32(out, static_cast<std::uint32_t>(labels.size()));
  for (const auto& l : labels) {
    put_u32(out, static_cast<std::uint32_t>(l.size()));
    out += l;
  }
  put_f32(out, temperature);
  for (float b : bias) put_f32(out, b);
  put_u32(out, static_cast<std::uint32_t>(features.size()));
  for (auto f : features) put_u32(out, f);
  for (float s : scales) put_f32(out, s);
  out.append(reinterpret_cast<const char*>(weights.data()), weights.size());
  return out;
}

Model Model::deserialize(std::string_view bytes, const std::string& what) {
  Reader r{bytes, what};
  r.need(4);
  if (bytes.substr(0, 4) != "AXIC") throw std::runtime_error(what + ": not an intent model (bad magic)");
  r.i = 4;
  if (auto v = r.u32(); v != kVersion)
    throw std::runtime_error(what + ": unsupported intent model version " + std::to_string(v));
  Model m;
  const std::uint32_t k = r.u32();
  if (k == 0 || k > 1000) throw std::runtime_error(what + ": bad label count");
  for (std::uint32_t j = 0; j < k; ++j) {
    const std::uint32_t len = r.u32();
    r.need(len);
    m.labels.emplace_back(bytes.substr(r.i, len));
    r.i += len;
  }
  m.temperature = r.f32();
  if (m.temperature <= 0) throw std::runtime_error(what + ": bad temperature");
  for (std::uint32_t j = 0; j < k; ++j) m.bias.push_back(r.f32());
  const std::uint32_t n = r.u32();
  r.need(std::size_t(n) * (8 + k));
  m.features.reserve(n);
  for (std::uint32_t j = 0; j < n; ++j) m.features.push_back(r.u32());
  if (!std::is_sorted(m.features.begin(), m.features.end()) ||
      std::adjacent_find(m.features.begin(), m.features.end()) != m.features.end())
    throw std::runtime_error(what + ": feature table not sorted");
  m.scales.reserve(n);
  for (std::uint32_t j = 0; j < n; ++j) m.scales.push_back(r.f32());
  m.weights.resize(std::size_t(n) * k);
  std::memcpy(m.weights.data(), bytes.data() + r.i, m.weights.size());
  r.i += m.weights.size();
  if (r.i != bytes.size()) throw std::runtime_error(what + ": trailing bytes after intent model");
  return m;
}

}  // namespace aurixa::orchestration::intent
