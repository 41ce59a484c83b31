#include "roles/gateway/static_files.hpp"

#include <sys/stat.h>

#include <array>
#include <cstdlib>
#include <fstream>
#include <optional>
#include <sstream>
#include <utility>

#include "core/config.hpp"
#include "core/error.hpp"
#include "core/router.hpp"

#ifndef AURIXA_DEFAULT_WEB_DIR
#define AURIXA_DEFAULT_WEB_DIR "web/dist"
#endif

namespace aurixa::gateway {
namespace {

constexpr std::array kApps = {"dashboard", "patient", "hospital"};
constexpr const char* kImmutable = "public, max-age=31536000, immutable";

bool ends_with(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

// Only plain relative paths: no "..", ".", empty segments, backslashes or control bytes.
bool safe_relative(std::string_view rest) {
  if (rest.empty()) return true;
  if (rest.front() == '/') return false;
  for (char c : rest)
    if (c == '\\' || static_cast<unsigned char>(c) < 0x20 || c == 0x7f) return false;
  std::size_t start = 0;
  while (start <= rest.size()) {
    auto end = rest.find('/', start);
    auto seg = rest.substr(start, end == std::string_view::npos ? std::string_view::npos : end - start);
    if (seg.empty() && end != std::string_view::npos) return false;  // "a//b"
    if (seg == "." || seg == "..") return false;
    if (end == std::string_view::npos) break;
    start = end + 1;
  }
  return true;
}

struct FileInfo {
  std::string path;
  long long size = 0;
  long long mtime = 0;
};

std::optional<FileInfo> regular_file(const std::string& path) {
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0 || !S_ISREG(st.st_mode)) return std::nullopt;
  return FileInfo{path, static_cast<long long>(st.st_size), static_cast<long long>(st.st_mtime)};
}

http::Response file_response(const FileInfo& f, std::string_view cache_control, std::string_view if_none_match) {
  const std::string etag = "\"" + std::to_string(f.size) + "-" + std::to_string(f.mtime) + "\"";
  http::Response res;
  res.headers.set("ETag", etag);
  res.headers.set("Cache-Control", std::string(cache_control));
  if (!if_none_match.empty() && if_none_match == etag) {
    res.status = 304;
    return res;
  }
  std::ifstream in(f.path, std::ios::binary);
  if (!in) throw ApiError::not_found("Not Found");
  std::ostringstream ss;
  ss << in.rdbuf();
  res.body = std::move(ss).str();
  res.headers.set("Content-Type", std::string(content_type_for(f.path)));
  return res;
}

}  // namespace

std::string web_dist_dir() {
  if (const char* env = std::getenv("AURIXA_WEB_DIR"); env && *env) return env;
  return AURIXA_DEFAULT_WEB_DIR;
}

std::string_view content_type_for(std::string_view name) {
  static constexpr std::pair<std::string_view, std::string_view> kTypes[] = {
      {".html", "text/html; charset=utf-8"},
      {".js", "text/javascript; charset=utf-8"},
      {".mjs", "text/javascript; charset=utf-8"},
      {".css", "text/css; charset=utf-8"},
      {".json", "application/json"},
      {".map", "application/json"},
      {".webmanifest", "application/manifest+json"},
      {".svg", "image/svg+xml"},
      {".png", "image/png"},
      {".jpg", "image/jpeg"},
      {".jpeg", "image/jpeg"},
      {".gif", "image/gif"},
      {".webp", "image/webp"},
      {".ico", "image/x-icon"},
      {".woff2", "font/woff2"},
      {".woff", "font/woff"},
      {".txt", "text/plain; charset=utf-8"},
      {".wasm", "application/wasm"},
      {".wav", "audio/wav"},
  };
  for (const auto& [ext, type] : kTypes)
    if (ends_with(name, ext)) return type;
  return "application/octet-stream";
}

http::Response serve_static(const std::string& root, std::string_view mount, std::string_view rest,
                            std::string_view if_none_match) {
  if (!safe_relative(rest)) throw ApiError::not_found("Not Found");
  const std::string base = root + "/" + std::string(mount);
  if (mount == "assets") {
    if (rest.empty()) throw ApiError::not_found("Not Found");
    auto f = regular_file(base + "/" + std::string(rest));
    if (!f) throw ApiError::not_found("Asset not found");
    return file_response(*f, kImmutable, if_none_match);
  }
  if (!rest.empty() && rest.back() == '/') rest.remove_suffix(1);
  if (!rest.empty()) {
    if (auto f = regular_file(base + "/" + std::string(rest)))
      return file_response(*f, ends_with(rest, ".html") ? "no-cache" : "public, max-age=3600", if_none_match);
    // A last segment with a dot names a file that does not exist: 404, not the SPA page.
    auto last = rest.substr(rest.rfind('/') == std::string_view::npos ? 0 : rest.rfind('/') + 1);
    if (last.find('.') != std::string_view::npos) throw ApiError::not_found("File not found");
  }
  auto index = regular_file(base + "/index.html");
  if (!index) throw ApiError::not_found("Web app '" + std::string(mount) + "' is not built (run `make build`)");
  return file_response(*index, "no-cache", if_none_match);
}

void register_static_routes(http::Router& router, std::string root) {
  auto serve = [root = std::move(root)](std::string_view mount, const http::Request& req, std::string_view rest) {
    auto inm = req.header("If-None-Match");
    return serve_static(root, mount, rest, inm ? *inm : std::string_view{});
  };
  for (const char* app : kApps) {
    router.get(std::string("/") + app,
               [serve, app](const http::Request& req, CallContext&) { return serve(app, req, {}); }, {.name = "/web"});
    router.get(std::string("/") + app + "/{rest...}",
               [serve, app](const http::Request& req, CallContext&) { return serve(app, req, req.param("rest")); },
               {.name = "/web"});
  }
  router.get("/assets/{rest...}",
             [serve](const http::Request& req, CallContext&) { return serve("assets", req, req.param("rest")); },
             {.name = "/web/assets"});
}

std::vector<WebPort> parse_web_ports(std::string_view spec) {
  auto trim = [](std::string_view v) {
    while (!v.empty() && v.front() == ' ') v.remove_prefix(1);
    while (!v.empty() && v.back() == ' ') v.remove_suffix(1);
    return v;
  };
  spec = trim(spec);
  if (spec.empty()) return {};
  auto bad = [&](const std::string& why) {
    return ConfigError("invalid setting 'web_ports' (AURIXA_WEB_PORTS, --web-ports) '" + std::string(spec) +
                       "': " + why);
  };
  std::vector<WebPort> out;
  std::size_t start = 0;
  for (;;) {
    const auto comma = spec.find(',', start);
    const auto item =
        trim(spec.substr(start, comma == std::string_view::npos ? std::string_view::npos : comma - start));
    if (out.size() == kApps.size()) throw bad("expected three ports: dashboard,patient,hospital");
    unsigned port = 0;
    if (item.empty() || item.size() > 5) throw bad("'" + std::string(item) + "' is not a port number");
    for (char c : item) {
      if (c < '0' || c > '9') throw bad("'" + std::string(item) + "' is not a port number");
      port = port * 10 + static_cast<unsigned>(c - '0');
    }
    if (port > 65535) throw bad("'" + std::string(item) + "' is not a port number (0..65535)");
    for (const auto& w : out)
      if (port != 0 && w.port == port) throw bad("port " + std::to_string(port) + " is given twice");
    out.push_back({kApps[out.size()], static_cast<unsigned short>(port)});
    if (comma == std::string_view::npos) break;
    start = comma + 1;
  }
  if (out.size() != kApps.size()) throw bad("expected three ports: dashboard,patient,hospital");
  return out;
}

std::string web_port_target(std::string_view app, std::string_view target) {
  std::string_view path = target.substr(0, target.find('?'));
  std::string_view first = path.substr(path.empty() || path.front() != '/' ? 0 : 1);
  first = first.substr(0, first.find('/'));
  static constexpr std::string_view kShared[] = {"api", "ws", "health", "metrics", "assets", "debug"};
  for (auto s : kShared)
    if (first == s) return std::string(target);
  if (first == app) return std::string(target);
  std::string out = "/" + std::string(app);
  if (target.empty() || target.front() != '/') out += '/';
  out += target;
  return out;
}

}  // namespace aurixa::gateway
