#pragma once
// The built web apps (web/dist, produced by `npm run build` in web/) served by the gateway:
//   /dashboard[/...], /patient[/...], /hospital[/...]  -> <root>/<app>/<file>, or <root>/<app>/index.html for a
//                                                         client-side route (a last segment without a dot)
//   /assets/<file>                                     -> <root>/assets/<file> (Vite's content-hashed bundles)
// Hashed assets are cached for a year (immutable); index.html is revalidated on every load (no-cache) so a new
// build is picked up at once. A missing file that is not a client-side route is a 404 in the usual error JSON,
// never the SPA page. Paths with "..", "." or empty segments, backslashes or NUL bytes are 404 (no traversal).
// Thread-safety: stateless apart from the root path; handlers read files on the worker pool.
#include <string>
#include <string_view>
#include <vector>

#include "core/http_types.hpp"

namespace aurixa::http {
class Router;
}

namespace aurixa::gateway {

// The dist directory: AURIXA_WEB_DIR when set, else the source tree's web/dist (compile definition
// AURIXA_DEFAULT_WEB_DIR).
std::string web_dist_dir();

// Content-Type for a file name by extension ("application/octet-stream" when unknown).
std::string_view content_type_for(std::string_view filename);

// Answers GET <mount>/<rest> from `root`. `mount` is "dashboard", "patient", "hospital" or "assets"; `rest` is the
// decoded path after "/<mount>/" ("" for the app root). `if_none_match` is the request's If-None-Match (or empty).
// Throws ApiError 404 when there is nothing to serve.
http::Response serve_static(const std::string& root, std::string_view mount, std::string_view rest,
                            std::string_view if_none_match = {});

// Registers GET (and so HEAD) routes for the three apps and /assets/ on the gateway router.
void register_static_routes(http::Router& router, std::string root);

// ---- the seed's per-app ports (setting web_ports, --web-ports 3100,3300,3400) --------------------------------
// Each app may also get a port of its own where it lives at "/" (the original served the dashboard on :3100, the
// patient portal on :3300 and the hospital portal on :3400). The same server, router and limits answer there; only
// the request target is rewritten first (web_port_target), so the apps' same-origin /api, /ws and /health calls
// work unchanged from that port.
struct WebPort {
  std::string app;          // "dashboard", "patient" or "hospital"
  unsigned short port = 0;  // 0 = an ephemeral port (tests)
};

// Parses "3100,3300,3400" (dashboard, patient, hospital, in that order; spaces allowed). "" -> no extra ports.
// Throws ConfigError naming the setting unless it is exactly three port numbers 0..65535 with no repeated non-zero port.
std::vector<WebPort> parse_web_ports(std::string_view spec);

// The target a request arriving on `app`'s own port is routed as: "/api/...", "/ws/...", "/health...", "/metrics",
// "/assets/...", "/debug/..." and "/<app>..." stay as they are; anything else is a page of the app, so "/" becomes
// "/<app>/" and "/visits?x=1" becomes "/<app>/visits?x=1" (served as the SPA page by serve_static).
std::string web_port_target(std::string_view app, std::string_view target);

}  // namespace aurixa::gateway
