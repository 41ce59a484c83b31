#include "core/router.hpp"

#include <stdexcept>

namespace aurixa::http {
namespace {

bool is_param(std::string_view seg) { return seg.size() >= 2 && seg.front() == '{' && seg.back() == '}'; }
bool is_rest_param(std::string_view seg) { return is_param(seg) && seg.size() > 5 && seg.substr(seg.size() - 4) == "...}"; }
std::string param_name(std::string_view seg) {
  seg = seg.substr(1, seg.size() - 2);
  if (seg.size() > 3 && seg.substr(seg.size() - 3) == "...") seg.remove_suffix(3);
  return std::string(seg);
}

// Specificity score: literal segments beat parameters, parameters beat rest-captures.
int specificity(const Route& r) {
  int s = 0;
  for (const auto& seg : r.segments) s = s * 3 + (is_rest_param(seg) ? 0 : is_param(seg) ? 1 : 2);
  return s;
}

bool match_segments(const Route& r, const std::vector<std::string_view>& parts,
                    std::vector<std::pair<std::string, std::string>>& params) {
  params.clear();
  const auto& segs = r.segments;
  for (std::size_t i = 0; i < segs.size(); ++i) {
    if (is_rest_param(segs[i])) {
      std::string rest;
      for (std::size_t j = i; j < parts.size(); ++j) {
        if (j > i) rest += '/';
        rest.append(parts[j]);
      }
      params.emplace_back(param_name(segs[i]), std::move(rest));
      return parts.size() > i;  // a rest capture needs at least one segment
    }
    if (i >= parts.size()) return false;
    if (is_param(segs[i])) {
      if (parts[i].empty()) return false;
      params.emplace_back(param_name(segs[i]), url_decode(parts[i]));
    } else if (std::string_view(segs[i]) != parts[i]) {
      return false;
    }
  }
  return segs.size() == parts.size();
}

}  // namespace

std::vector<std::string> split_path(std::string_view path) {
  std::vector<std::string> out;
  if (!path.empty() && path.front() == '/') path.remove_prefix(1);
  if (path.empty()) return out;
  std::size_t start = 0;
  while (true) {
    auto pos = path.find('/', start);
    out.emplace_back(path.substr(start, pos == std::string_view::npos ? std::string_view::npos : pos - start));
    if (pos == std::string_view::npos) break;
    start = pos + 1;
  }
  return out;
}

Route& Router::insert(std::string method, std::string pattern, RouteOptions options) {
  for (const auto& r : routes_)
    if (r->method == method && r->pattern == pattern) throw std::logic_error("duplicate route " + method + " " + pattern);
  auto route = std::make_unique<Route>();
  route->method = std::move(method);
  route->segments = split_path(pattern);
  if (options.name.empty()) options.name = pattern;
  route->pattern = std::move(pattern);
  route->options = std::move(options);
  // Keep routes ordered by specificity so the first match is the most specific one.
  auto pos = routes_.begin();
  const int s = specificity(*route);
  while (pos != routes_.end() && specificity(**pos) >= s) ++pos;
  index_literal(*route);
  return **routes_.insert(pos, std::move(route));
}

void Router::add(std::string method, std::string pattern, Handler handler, RouteOptions options) {
  insert(std::move(method), std::move(pattern), std::move(options)).handler = std::move(handler);
}

void Router::add_async(std::string method, std::string pattern, std::shared_ptr<const AsyncRoute> handler,
                       RouteOptions options, Handler sync_twin) {
  if (!handler) throw std::logic_error("add_async without a handler: " + method + " " + pattern);
  options.execution = Execution::async_io;
  Route& r = insert(std::move(method), std::move(pattern), std::move(options));
  r.async = std::move(handler);
  r.handler = std::move(sync_twin);
}

void Router::merge(Router&& other) {
  for (auto& r : other.routes_) {
    Route& moved = *r;
    if (moved.ws_handler) {
      websocket(moved.pattern, std::move(moved.ws_handler), std::move(moved.options));
    } else {
      Route& added = insert(moved.method, moved.pattern, std::move(moved.options));
      added.handler = std::move(moved.handler);
      added.async = std::move(moved.async);
    }
  }
  other.routes_.clear();
  other.literal_.clear();
}

void Router::websocket(std::string pattern, WsHandler handler, RouteOptions options) {
  options.execution = Execution::worker;
  insert("GET", std::move(pattern), std::move(options)).ws_handler = std::move(handler);
}

// Splits without allocating strings: views into `path`.
std::vector<std::string_view> split_views(std::string_view path) {
  std::vector<std::string_view> out;
  if (!path.empty() && path.front() == '/') path.remove_prefix(1);
  if (path.empty()) return out;
  for (;;) {
    auto pos = path.find('/');
    out.push_back(path.substr(0, pos));
    if (pos == std::string_view::npos) break;
    path.remove_prefix(pos + 1);
  }
  return out;
}

void Router::index_literal(const Route& r) {
  for (const auto& seg : r.segments)
    if (is_param(seg)) return;
  literal_["/" + [&] {
    std::string joined;
    for (std::size_t i = 0; i < r.segments.size(); ++i) joined += (i ? "/" : "") + r.segments[i];
    return joined;
  }()].push_back(&r);
}

Match Router::match(std::string_view method, std::string_view path) const {
  Match m;
  if (auto it = literal_.find(path); it != literal_.end()) {
    for (const Route* r : it->second)
      if (r->method == method || (method == "HEAD" && r->method == "GET")) {
        m.kind = Match::Kind::found;
        m.route = r;
        return m;
      }
  }
  const auto parts = split_views(path);
  std::vector<std::pair<std::string, std::string>> params;
  std::string allow;
  for (const auto& r : routes_) {
    if (!match_segments(*r, parts, params)) continue;
    if (r->method == method || (method == "HEAD" && r->method == "GET")) {
      m.kind = Match::Kind::found;
      m.route = r.get();
      m.params = std::move(params);
      return m;
    }
    if (allow.find(r->method) == std::string::npos) allow += (allow.empty() ? "" : ", ") + r->method;
  }
  if (!allow.empty()) {
    m.kind = Match::Kind::method_not_allowed;
    m.allow = std::move(allow);
  }
  return m;
}

}  // namespace aurixa::http
