#include "rag_data.hpp"

#include <boost/json.hpp>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <stdexcept>

namespace aurixa::rag::bench {
namespace fs = std::filesystem;
namespace bj = boost::json;
namespace {

template <class F>
void for_each_jsonl(const fs::path& p, F&& fn) {
  std::ifstream in(p);
  if (!in) throw std::runtime_error("cannot read " + p.string());
  for (std::string line; std::getline(in, line);) {
    if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
    fn(bj::parse(line).as_object());
  }
}

std::string str(const bj::object& o, const char* k) {
  const auto* v = o.if_contains(k);
  return v && v->is_string() ? std::string(v->as_string()) : std::string();
}

}  // namespace

fs::path shared_dir() {
  if (const char* e = std::getenv("AURIXA_SHARED_DIR"); e && *e) return e;
  return fs::path(AURIXA_SOURCE_DIR) / ".." / "shared";
}

Dataset load_kb(const fs::path& dir, const fs::path& queries) {
  Dataset d;
  std::map<std::string, std::int64_t> ids;
  for_each_jsonl(dir / "kb.jsonl", [&](const bj::object& o) {
    auto name = str(o, "id");
    auto id = std::stoll(name.substr(name.find('-') + 1));
    ids[name] = id;
    d.names[id] = name;
    d.articles.push_back(Article{id, 1, str(o, "title"), str(o, "content"), str(o, "category")});
  });
  int n = 0;
  for_each_jsonl(queries.empty() ? dir / "rag_queries.jsonl" : queries, [&](const bj::object& o) {
    Query q;
    q.id = "q" + std::to_string(++n);
    q.text = str(o, "query");
    for (const auto& r : o.at("relevant").as_array()) {
      auto id = ids.at(std::string(r.as_string()));
      if (!q.primary) q.primary = id;
      q.relevant[id] = 1;
    }
    for (const auto& a : o.at("answer_contains").as_array()) q.answer_contains.emplace_back(a.as_string());
    d.queries.push_back(std::move(q));
  });
  return d;
}

Dataset load_medquad(const fs::path& dir) {
  Dataset d;
  std::map<std::string, std::int64_t> ids;
  for_each_jsonl(dir / "corpus.jsonl", [&](const bj::object& o) {
    auto id = static_cast<std::int64_t>(d.articles.size() + 1);
    auto name = str(o, "_id");
    ids[name] = id;
    d.names[id] = name;
    d.articles.push_back(Article{id, 1, str(o, "title"), str(o, "text"), str(o, "qtype")});
  });
  std::map<std::string, Query> by_id;
  for_each_jsonl(dir / "queries.jsonl", [&](const bj::object& o) {
    Query q;
    q.id = str(o, "_id");
    q.text = str(o, "text");
    by_id[q.id] = std::move(q);
  });
  std::ifstream in(dir / "qrels" / "test.tsv");
  if (!in) throw std::runtime_error("cannot read qrels/test.tsv");
  std::string line;
  std::getline(in, line);  // header
  while (std::getline(in, line)) {
    std::istringstream ls(line);
    std::string qid, cid;
    int grade = 0;
    if (!(ls >> qid >> cid >> grade) || grade <= 0) continue;
    auto q = by_id.find(qid);
    auto c = ids.find(cid);
    if (q == by_id.end() || c == ids.end()) continue;
    q->second.relevant[c->second] = grade;
    if (!q->second.primary) q->second.primary = c->second;
  }
  for (auto& [_, q] : by_id)
    if (!q.relevant.empty()) d.queries.push_back(std::move(q));
  return d;
}

}  // namespace aurixa::rag::bench
