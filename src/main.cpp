// aurixa: one binary, nine roles. `aurixa serve [--roles ...]`, `aurixa migrate`, `aurixa seed`,
// `aurixa version`, `aurixa config`. main builds the one App that owns everything and wires roles.
#include <CLI/CLI.hpp>
#include <algorithm>
#include <charconv>
#include <boost/json.hpp>
#include <cstdio>
#include <cstdlib>
#include <iostream>

#include "app/app.hpp"
#include "app/chat.hpp"
#include "app/debug_routes.hpp"
#include "app/roles.hpp"
#include "core/config.hpp"
#include "core/http_client.hpp"
#include "core/http_server.hpp"
#include "core/json.hpp"
#include "core/log.hpp"
#include "core/metrics.hpp"
#include "core/otlp.hpp"
#include "core/router.hpp"
#include "core/telemetry.hpp"
#ifdef AURIXA_HAS_ROLE_GATEWAY
#include "roles/gateway/static_files.hpp"
#endif
#ifdef AURIXA_HAS_STORE
#include "store/startup.hpp"
#endif

#ifndef AURIXA_VERSION
#define AURIXA_VERSION "0.0.0"
#endif

namespace aurixa {
namespace {

struct CommonFlags {
  std::string config_file;
  std::map<std::string, std::string> overrides;
};

void add_setting_flag(CLI::App* cmd, CommonFlags& flags, const std::string& flag, const std::string& setting,
                      const std::string& help) {
  cmd->add_option_function<std::string>(
      "--" + flag, [&flags, setting](const std::string& v) { flags.overrides[setting] = v; }, help);
}

Config load(const CommonFlags& flags) {
  ConfigSources src;
  src.flags = flags.overrides;
  src.file = flags.config_file;
  src.env = [](const std::string& name) -> std::optional<std::string> {
    const char* v = std::getenv(name.c_str());
    return v ? std::optional<std::string>(v) : std::nullopt;
  };
  return load_config(src);
}

void register_core_routes(http::Router& router, App& app, const std::vector<std::string>& roles,
                          const std::chrono::steady_clock::time_point started) {
  // The service name follows the original: a single-role process reports that role's name.
  std::string service = roles.size() == 1 ? std::string(find_role(roles[0])->service_name) : "aurixa";
  boost::json::array role_list;
  for (const auto& r : roles) role_list.emplace_back(r);
  // /health is polled by load balancers: the constant part is serialised once.
  std::string prefix = aurixa::json::serialize(boost::json::object{
      {"service", service}, {"status", "healthy"}, {"version", AURIXA_VERSION}, {"roles", role_list}});
  prefix.pop_back();  // drop '}' so uptime can be appended
  router.get(
      "/health",
      [prefix, started](const http::Request&, CallContext&) {
        // std::to_chars rather than snprintf("%.3f"): printf's float path was ~1% of the server's CPU on /health.
        std::string body;
        body.reserve(prefix.size() + 32);
        body += prefix;
        body += ",\"uptime\":";
        char uptime[32];
        const double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
        body.append(uptime, std::to_chars(uptime, uptime + sizeof uptime, secs, std::chars_format::fixed, 3).ptr);
        body += '}';
        return http::Response::json(200, std::move(body));
      },
      {.execution = http::Execution::inline_io, .name = "/health"});
  router.get(
      "/metrics",
      [&app](const http::Request&, CallContext&) {
        return http::Response::text(200, app.metrics.render(), "text/plain; version=0.0.4; charset=utf-8");
      },
      {.execution = http::Execution::inline_io});
}

// --web-ports: the gateway also serves each web app at "/" on a port of its own (the seed's 3100/3300/3400).
// parse_web_ports() runs first (a malformed list stops start-up before the store is opened); this binds the ports on
// `server` and returns one {"event":"listening","port":N,"app":"<app>"} line per port. Throws on failure.
#ifdef AURIXA_HAS_ROLE_GATEWAY
std::string listen_web_ports(HttpServer& server, const std::vector<gateway::WebPort>& ports, const Config& cfg,
                             const App& app, Log& log) {
  std::string lines;
  if (!ports.empty() && !app.runs("gateway")) {
    log.warn("web_ports ignored: the gateway role does not run in this process");
    return lines;
  }
  for (const auto& w : ports) {
    unsigned short port = 0;
    try {
      port = server.listen_also(
          w.port, [app_name = w.app](std::string_view target) { return gateway::web_port_target(app_name, target); });
    } catch (const std::exception& e) {
      throw std::runtime_error("web port " + std::to_string(w.port) + " (" + w.app + "): " + e.what());
    }
    log.info("listening", {{"host", cfg.host}, {"port", static_cast<std::int64_t>(port)}, {"app", w.app}});
    lines += "{\"event\":\"listening\",\"port\":" + std::to_string(port) + ",\"app\":\"" + w.app + "\"}\n";
  }
  return lines;
}
#endif

int serve(const Config& cfg) {
  Log log(cfg.log_level);
#ifdef AURIXA_HAS_ROLE_GATEWAY
  std::vector<gateway::WebPort> web_ports;
  try {
    web_ports = gateway::parse_web_ports(cfg.web_ports);
  } catch (const ConfigError& e) {
    std::fprintf(stderr, "aurixa: %s\n", e.what());
    return 2;
  }
#else
  if (!cfg.web_ports.empty()) log.warn("web_ports ignored: the gateway role is not built into this binary");
#endif
  Metrics metrics;
  HttpClient http_client;
#ifdef AURIXA_HAS_STORE
  // Declared before the App so it outlives everything roles keep in app.owned and every request.
  std::unique_ptr<store::Database> db;
#endif
  App app{cfg, log, metrics, http_client, select_roles(cfg.roles), nullptr, {}};

  // The store, when a local role persists (safety, llm and voice do not): opened, migrated and seeded
  // before any role is wired.
#ifdef AURIXA_HAS_STORE
  if (std::any_of(app.local_roles.begin(), app.local_roles.end(),
                  [](const std::string& r) { return r != "safety" && r != "llm" && r != "voice"; })) {
    try {
      db = store::open_for_serve(cfg, log);
    } catch (const std::exception& e) {
      log.error("cannot open the store", {{"error", e.what()}});
      log.flush();
      std::fprintf(stderr, "aurixa: cannot open the store: %s\n", e.what());
      return 1;
    }
    app.db = db.get();
  }
#endif

  // What roles create at wiring time (sinks writing to the store, retention threads) must end before
  // the store does: this guard, declared after the store, releases them first.
  struct ReleaseOwned {
    App& app;
    ~ReleaseOwned() { app.owned.clear(); }
  } release_owned{app};

  // Telemetry goes to the observability role: its wire() points app.telemetry at the store when it runs
  // here; otherwise events are batched to it over HTTP. AURIXA_TELEMETRY=off leaves app.telemetry null:
  // the request path then builds no events and no spans at all.
  std::unique_ptr<AsyncTelemetry> remote_telemetry;
  if (cfg.telemetry && !app.runs("observability")) {
    remote_telemetry = std::make_unique<AsyncTelemetry>(
        std::make_shared<HttpTelemetryWriter>(http_client, cfg.role_url("observability")), metrics);
    app.telemetry = remote_telemetry.get();
  }
  // Roles running elsewhere are reached through HTTP clients implementing the same interfaces.
  try {
    for (const auto& m : role_modules())
      if (!app.runs(std::string(m.name)) && m.wire_remote) m.wire_remote(app);
    for (const auto& name : app.local_roles)
      if (auto* m = find_role(name); m && m->wire) m->wire(app);
  } catch (const ConfigError& e) {  // a role's own configuration (e.g. the LLM config file) is invalid
    log.error("invalid configuration", {{"error", e.what()}});
    log.flush();
    std::fprintf(stderr, "aurixa: %s\n", e.what());
    return 2;
  }
  // OTEL_EXPORTER_OTLP_ENDPOINT: what this process emits also becomes trace spans (before routes are
  // registered, since some roles keep the sink pointer from then on).
  std::unique_ptr<SpanExportingTelemetry> span_export;
  if (cfg.telemetry && !cfg.otlp_endpoint.empty()) {
    span_export = std::make_unique<SpanExportingTelemetry>(
        app.telemetry, std::make_shared<OtlpSpanWriter>(http_client, cfg.otlp_endpoint), metrics);
    app.telemetry = span_export.get();
    log.info("exporting trace spans (OTLP/HTTP JSON to OTEL_EXPORTER_OTLP_ENDPOINT)");
  }

  // Each role registers into its own router. With a local gateway the other roles are reached only
  // through it (in-process, no HTTP hop), so its authentication and limits cannot be bypassed; without
  // one, the roles' routes are served directly as in split mode.
  std::map<std::string, std::unique_ptr<http::Router>> role_routers;
  for (const auto& name : app.local_roles) {
    auto r = std::make_unique<http::Router>();
    if (auto* m = find_role(name); m && m->register_routes) m->register_routes(*r, app);
    if (name != "gateway") app.role_routers[name] = r.get();
    role_routers[name] = std::move(r);
  }
  http::Router router;
  const auto started = std::chrono::steady_clock::now();
  register_core_routes(router, app, app.local_roles, started);
  if (app.runs("gateway")) {
    router.merge(std::move(*role_routers["gateway"]));
  } else {
    for (auto& [name, r] : role_routers) router.merge(std::move(*r));
  }
  if (cfg.debug_routes) {
    register_debug_routes(router, "");
    if (!app.runs("gateway")) register_debug_routes(router, "/api/v1");
  }

  ServerOptions so;
  so.host = cfg.host;
  so.port = static_cast<unsigned short>(cfg.port);
  so.io_threads = cfg.io_threads;
  so.worker_threads = cfg.worker_threads;
  so.stream_threads = cfg.stream_threads;
  so.max_body_bytes = static_cast<std::size_t>(cfg.max_body_bytes);
  so.max_header_bytes = static_cast<std::size_t>(cfg.max_header_bytes);
  so.idle_timeout = std::chrono::milliseconds(cfg.idle_timeout_ms);
  so.request_timeout = std::chrono::milliseconds(cfg.request_timeout_ms);
  so.shutdown_grace = std::chrono::milliseconds(cfg.shutdown_grace_ms);
  so.access_log = cfg.access_log;
  so.trust_identity_headers = !app.runs("gateway");
  so.internal_token = cfg.internal_token;

  HttpServer server(so, router, metrics, log);
  if (app.request_filter) server.set_filter(app.request_filter);
  server.set_telemetry(app.telemetry, app.runs("gateway") || app.local_roles.size() != 1
                                          ? std::string("api-gateway")
                                          : std::string(find_role(app.local_roles[0])->service_name));
  unsigned short port = 0;
  std::string web_lines;
  try {
    port = server.listen();
#ifdef AURIXA_HAS_ROLE_GATEWAY
    web_lines = listen_web_ports(server, web_ports, cfg, app, log);
#endif
  } catch (const std::exception& e) {
    log.error("cannot listen", {{"host", cfg.host}, {"port", static_cast<std::int64_t>(cfg.port)}, {"error", e.what()}});
    log.flush();
    std::fprintf(stderr, "aurixa: cannot listen on %s:%d: %s\n", cfg.host.c_str(), cfg.port, e.what());
    return 1;
  }
  std::string roles_csv;
  for (const auto& r : app.local_roles) roles_csv += (roles_csv.empty() ? "" : ",") + r;
  log.info("listening", {{"host", cfg.host}, {"port", static_cast<std::int64_t>(port)}, {"roles", roles_csv}});
  // The web apps' lines first: the line without "app" comes last and means every port is ready.
  std::fputs(web_lines.c_str(), stdout);
  std::printf("{\"event\":\"listening\",\"port\":%u}\n", port);
  std::fflush(stdout);
  server.run();
  for (const auto& f : app.on_server_stopped) f();
  log.info("stopped");
  log.flush();
  return 0;
}

}  // namespace
}  // namespace aurixa

int main(int argc, char** argv) {
  using namespace aurixa;
  CLI::App cli{"AURIXA: conversational AI for clinics and hospitals"};
  cli.require_subcommand(1);
  CommonFlags flags;

  auto* serve_cmd = cli.add_subcommand("serve", "Run roles (all by default) as an HTTP server");
  add_setting_flag(serve_cmd, flags, "roles", "roles", "all, or a comma list of roles");
  add_setting_flag(serve_cmd, flags, "port", "port", "Port (0 = ephemeral; the real port is printed)");
  add_setting_flag(serve_cmd, flags, "host", "host", "Address to bind");
  add_setting_flag(serve_cmd, flags, "data-dir", "data_dir", "Data directory (SQLite store, indexes)");
  add_setting_flag(serve_cmd, flags, "web-ports", "web_ports", "Also serve dashboard,patient,hospital apps on these ports (e.g. 3100,3300,3400)");
  serve_cmd->add_option("--config", flags.config_file, "JSON config file");

  auto* migrate_cmd = cli.add_subcommand("migrate", "Apply database migrations and exit");
  add_setting_flag(migrate_cmd, flags, "data-dir", "data_dir", "Data directory");
  migrate_cmd->add_option("--config", flags.config_file, "JSON config file");
  auto* seed_cmd = cli.add_subcommand("seed", "Load the demo data into an empty store and exit");
  add_setting_flag(seed_cmd, flags, "data-dir", "data_dir", "Data directory");
  seed_cmd->add_option("--config", flags.config_file, "JSON config file");
  ChatOptions chat;
  std::int64_t chat_patient = 0;
  auto* chat_cmd = cli.add_subcommand("chat", "Talk to a running AURIXA in the terminal (streaming replies)");
  chat_cmd->add_option("--url", chat.url, "Gateway URL")->capture_default_str();
  chat_cmd->add_option("--patient-id", chat_patient, "Act as this patient (demo: 1)");
  chat_cmd->add_option("--tenant", chat.tenant, "Tenant id (t-001)")->capture_default_str();
  chat_cmd->add_option("--session", chat.session_id, "Continue this session id");
  chat_cmd->add_option("--email", chat.email, "Log in as this account first (when auth is on)");
  chat_cmd->add_option("--password", chat.password, "Password for --email (default: AURIXA_DEMO_PASSWORD or aurixa-demo)");
  chat_cmd->add_flag("-v,--verbose", chat.verbose, "Show status lines and the intent");
  auto* version_cmd = cli.add_subcommand("version", "Print the version");
  auto* config_cmd = cli.add_subcommand("config", "Print every setting with its env names and default (markdown)");

  CLI11_PARSE(cli, argc, argv);

  if (chat_cmd->parsed()) {
    if (chat_patient > 0) chat.patient_id = chat_patient;
    if (!chat.email.empty() && chat.password.empty()) {
      const char* p = std::getenv("AURIXA_DEMO_PASSWORD");
      chat.password = p && *p ? p : "aurixa-demo";
    }
    return chat_command(chat, std::cin, std::cout);
  }
  if (version_cmd->parsed()) {
    std::printf("aurixa %s\n", AURIXA_VERSION);
    return 0;
  }
  if (config_cmd->parsed()) {
    std::printf("| setting | environment | default | meaning |\n|---|---|---|---|\n");
    for (const auto& d : config_docs())
      std::printf("| `%s` | `%s` | `%s` | %s |\n", d.name.c_str(), d.env.c_str(), d.def.c_str(), d.help.c_str());
    return 0;
  }
  Config cfg;
  try {
    cfg = load(flags);
  } catch (const ConfigError& e) {
    std::fprintf(stderr, "aurixa: %s\n", e.what());
    return 2;
  }
  if (serve_cmd->parsed()) return serve(cfg);
#ifdef AURIXA_HAS_STORE
  if (migrate_cmd->parsed()) return store::migrate_command(cfg);
  if (seed_cmd->parsed()) return store::seed_command(cfg);
#else
  if (migrate_cmd->parsed() || seed_cmd->parsed()) {
    std::fprintf(stderr, "aurixa: the store is not built into this binary\n");
    return 1;
  }
#endif
  return 0;
}
