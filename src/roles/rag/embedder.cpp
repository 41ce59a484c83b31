#include "roles/rag/embedder.hpp"

#include <cmath>

namespace aurixa::rag {

void normalize(std::vector<float>& v) {
  double sum = 0;
  for (float x : v) sum += double(x) * double(x);
  if (sum <= 0) return;
  auto inv = static_cast<float>(1.0 / std::sqrt(sum));
  for (float& x : v) x *= inv;
}

}  // namespace aurixa::rag
