#include "roles/orchestration/intent/train.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <random>
#include <stdexcept>
#include <unordered_map>

#include "roles/orchestration/intent/classifier.hpp"

namespace aurixa::orchestration::intent {
namespace {

// Fisher-Yates with mt19937 (std::shuffle's algorithm is implementation-defined; this is not).
void shuffle(std::vector<std::size_t>& v, std::mt19937& rng) {
  for (std::size_t i = v.size(); i > 1; --i) {
    const std::size_t j = rng() % i;
    std::swap(v[i - 1], v[j]);
  }
}

double mean_nll(const std::vector<std::vector<double>>& logits, const std::vector<int>& gold, double t) {
  double s = 0;
  for (std::size_t i = 0; i < logits.size(); ++i) s -= std::log(std::max(1e-12, softmax(logits[i], t)[gold[i]]));
  return logits.empty() ? 0 : s / double(logits.size());
}

}  // namespace

std::vector<std::string> model_labels(const std::vector<LabeledText>& data) {
  std::vector<std::string> out = labels();
  bool continuation = false;
  for (const auto& row : data) {
    if (row.intent == kContinuationLabel) {
      continuation = true;
    } else if (std::find(out.begin(), out.end(), row.intent) == out.end()) {
      throw std::invalid_argument("unknown intent label '" + row.intent + "' for text: " + row.text);
    }
  }
  if (continuation) out.emplace_back(kContinuationLabel);
  return out;
}

Model train_model(const std::vector<LabeledText>& data, const std::vector<std::string>& label_set,
                  const TrainOptions& o) {
  const std::size_t K = label_set.size();
  std::vector<std::vector<std::pair<std::size_t, float>>> xs;  // compact feature ids
  std::vector<int> ys;
  std::vector<std::uint32_t> hashes;  // compact id -> hash
  std::unordered_map<std::uint32_t, std::size_t> ids;
  for (const auto& row : data) {
    auto it = std::find(label_set.begin(), label_set.end(), row.intent);
    if (it == label_set.end()) throw std::invalid_argument("unknown intent label '" + row.intent + "'");
    ys.push_back(int(it - label_set.begin()));
    std::vector<std::pair<std::size_t, float>> x;
    for (const auto& [h, v] : extract_features(row.text)) {
      auto [pos, fresh] = ids.try_emplace(h, hashes.size());
      if (fresh) hashes.push_back(h);
      x.emplace_back(pos->second, v);
    }
    xs.push_back(std::move(x));
  }
  const std::size_t F = hashes.size();
  std::vector<double> count(K, 0);
  for (int y : ys) count[y] += 1;
  std::vector<double> class_weight(K, 1.0);
  if (o.balance_classes) {
    const double mean =
        double(ys.size()) / double(std::count_if(count.begin(), count.end(), [](double c) { return c > 0; }));
    for (std::size_t k = 0; k < K; ++k)
      if (count[k] > 0) class_weight[k] = std::clamp(mean / count[k], 0.5, 2.0);
  }

  std::vector<float> w(F * K, 0.f), g2(F * K, 0.f);
  std::vector<double> b(K, 0.0), gb(K, 0.0);
  std::vector<std::size_t> order(xs.size());
  for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::mt19937 rng(o.seed);
  std::vector<double> z(K);
  constexpr double kEps = 1e-8, kMinGradient = 1e-4;
  // The exported weights are the average of the end-of-epoch weights over the second half of training:
  // smoother than the last iterate, so less dependent on the order of the final updates.
  std::vector<double> w_avg(F * K, 0.0), b_avg(K, 0.0);
  int averaged = 0;
  for (int epoch = 0; epoch < o.epochs; ++epoch) {
    if (epoch > 0 && epoch >= o.epochs / 2) {
      for (std::size_t q = 0; q < w.size(); ++q) w_avg[q] += w[q];
      for (std::size_t k = 0; k < K; ++k) b_avg[k] += b[k];
      ++averaged;
    }
    shuffle(order, rng);
    for (std::size_t i : order) {
      const auto& x = xs[i];
      for (std::size_t k = 0; k < K; ++k) z[k] = b[k];
      for (const auto& [j, v] : x)
        for (std::size_t k = 0; k < K; ++k) z[k] += double(v) * w[j * K + k];
      const auto p = softmax(z);
      const double cw = class_weight[ys[i]];
      for (std::size_t k = 0; k < K; ++k) {
        const double gk = cw * (p[k] - (int(k) == ys[i] ? 1.0 : 0.0));
        // Classes the example already scores right contribute (almost) nothing: skipping them keeps the
        // training to a couple of seconds (their L2 shrinkage waits for a larger gradient).
        if (std::fabs(gk) < kMinGradient) continue;
        gb[k] += gk * gk;
        b[k] -= o.learning_rate * gk / (std::sqrt(gb[k]) + kEps);
        for (const auto& [j, v] : x) {
          float& wk = w[j * K + k];
          const double grad = gk * v + o.l2 * wk;
          float& acc = g2[j * K + k];
          acc += float(grad * grad);
          wk -= float(o.learning_rate * grad / (std::sqrt(double(acc)) + kEps));
        }
      }
    }
  }

  for (std::size_t q = 0; q < w.size(); ++q) w_avg[q] += w[q];
  for (std::size_t k = 0; k < K; ++k) b_avg[k] += b[k];
  ++averaged;
  for (std::size_t q = 0; q < w.size(); ++q) w[q] = float(w_avg[q] / averaged);
  for (std::size_t k = 0; k < K; ++k) b[k] = b_avg[k] / averaged;

  // Sparse, quantised export: one int8 per class and a scale per feature row.
  Model m;
  m.labels = label_set;
  m.bias.assign(b.begin(), b.end());
  std::vector<std::size_t> rows(F);
  for (std::size_t j = 0; j < F; ++j) rows[j] = j;
  std::sort(rows.begin(), rows.end(), [&](std::size_t a, std::size_t c) { return hashes[a] < hashes[c]; });
  for (std::size_t j : rows) {
    float maxabs = 0;
    for (std::size_t k = 0; k < K; ++k) maxabs = std::max(maxabs, std::fabs(w[j * K + k]));
    if (maxabs < 1e-6f) continue;
    const float scale = maxabs / 127.f;
    m.features.push_back(hashes[j]);
    m.scales.push_back(scale);
    for (std::size_t k = 0; k < K; ++k)
      m.weights.push_back(static_cast<std::int8_t>(std::lround(std::clamp(w[j * K + k] / scale, -127.f, 127.f))));
  }
  return m;
}

double fit_temperature(const std::vector<std::vector<double>>& logits, const std::vector<int>& gold) {
  // The NLL is unimodal in log T: a coarse log-spaced scan, then golden-section refinement.
  double best_t = 1, best = mean_nll(logits, gold, 1);
  for (double lt = std::log(0.05); lt <= std::log(20.0); lt += 0.05) {
    const double v = mean_nll(logits, gold, std::exp(lt));
    if (v < best) best = v, best_t = std::exp(lt);
  }
  double lo = std::log(best_t) - 0.05, hi = std::log(best_t) + 0.05;
  const double phi = (std::sqrt(5.0) - 1) / 2;
  for (int it = 0; it < 40; ++it) {
    const double a = hi - phi * (hi - lo), c = lo + phi * (hi - lo);
    if (mean_nll(logits, gold, std::exp(a)) < mean_nll(logits, gold, std::exp(c)))
      hi = c;
    else
      lo = a;
  }
  return std::exp((lo + hi) / 2);
}

Model train_calibrated(const std::vector<LabeledText>& data, const TrainOptions& o, TrainReport* report) {
  const auto label_set = model_labels(data);
  // Stratified holdout: the same fraction of every class, chosen by a seeded shuffle.
  std::map<std::string, std::vector<std::size_t>> by_class;
  for (std::size_t i = 0; i < data.size(); ++i) by_class[data[i].intent].push_back(i);
  std::mt19937 rng(o.seed ^ 0x9e3779b9u);
  std::vector<bool> held(data.size(), false);
  for (auto& [label, idx] : by_class) {
    shuffle(idx, rng);
    const auto n = static_cast<std::size_t>(std::lround(o.holdout_fraction * double(idx.size())));
    for (std::size_t k = 0; k < n && k + 1 < idx.size(); ++k) held[idx[k]] = true;
  }
  std::vector<LabeledText> fit, hold;
  for (std::size_t i = 0; i < data.size(); ++i) (held[i] ? hold : fit).push_back(data[i]);

  double temperature = 1;
  TrainReport r;
  r.examples = data.size();
  r.holdout = hold.size();
  if (!hold.empty()) {
    const Model partial = train_model(fit, label_set, o);
    std::vector<std::vector<double>> logits;
    std::vector<int> gold;
    std::size_t correct = 0;
    for (const auto& row : hold) {
      logits.push_back(partial.logits(extract_features(row.text)));
      gold.push_back(int(std::find(label_set.begin(), label_set.end(), row.intent) - label_set.begin()));
      const auto& z = logits.back();
      if (std::max_element(z.begin(), z.end()) - z.begin() == gold.back()) ++correct;
    }
    temperature = fit_temperature(logits, gold);
    r.holdout_accuracy = double(correct) / double(hold.size());
    r.holdout_nll_raw = mean_nll(logits, gold, 1);
    r.holdout_nll_calibrated = mean_nll(logits, gold, temperature);
  }
  Model m = train_model(data, label_set, o);
  m.temperature = float(temperature);
  r.temperature = temperature;
  r.features = m.features.size();
  if (report) *report = r;
  return m;
}

}  // namespace aurixa::orchestration::intent
