#include "roles/rag/article_source.hpp"

#include <algorithm>
#include <cstdio>

namespace aurixa::rag {
std::string MemoryArticleSource::next_stamp() {
  char buf[24];
  std::snprintf(buf, sizeof buf, "%020llu", static_cast<unsigned long long>(++clock_));
  return buf;
}

void MemoryArticleSource::put(Article article) {
  std::lock_guard lock(mutex_);
  auto id = article.id;
  rows_[id] = ArticleChange{std::move(article), false, next_stamp()};
}

void MemoryArticleSource::remove(std::int64_t article_id) {
  std::lock_guard lock(mutex_);
  auto it = rows_.find(article_id);
  if (it == rows_.end()) return;
  it->second.deleted = true;
  it->second.updated_at = next_stamp();
}

std::vector<ArticleChange> MemoryArticleSource::changed_since(const std::string& since) {
  std::lock_guard lock(mutex_);
  std::vector<ArticleChange> out;
  for (const auto& [_, c] : rows_)
    if (since.empty() || c.updated_at >= since) out.push_back(c);
  std::sort(out.begin(), out.end(), [](const auto& a, const auto& b) { return a.updated_at < b.updated_at; });
  return out;
}

}  // namespace aurixa::rag
