// HTTP adapter of the LLM role: parse, call llm::Api, serialise. The original's routes (spec/API.md §4).
#include <chrono>

#include "app/app.hpp"
#include "core/error.hpp"
#include "core/json.hpp"
#include "core/router.hpp"
#include "roles/llm/api.hpp"
#include "roles/llm/codec.hpp"
#include "roles/llm/module.hpp"

namespace aurixa {
namespace llm {
void register_openai_routes(http::Router& router, std::shared_ptr<Api> api);
}

namespace {

// Generation routes get the gateway's LLM timeout; the LLM deadline inside is min(this, AURIXA_LLM_TIMEOUT_MS).
constexpr std::chrono::milliseconds kGenerateTimeout{120'000};

// NDJSON deltas, then done (spec/API.md §4.4). As the original: an error line ends the stream without
// "done"; an empty answer is an error line followed by "done".
http::Response ndjson_generation(std::shared_ptr<llm::Api> api, llm::ChatRequest request, const CallContext& ctx) {
  auto res =
      http::Response::streaming("application/x-ndjson", [api, request = std::move(request), ctx](http::ChunkWriter& w) {
        bool client_gone = false, wrote = false;
        try {
          auto r = api->generate_stream(request, ctx, [&](std::string_view delta) {
            wrote = true;
            client_gone = !w.write(llm::codec::delta_line(delta) + "\n");
            return !client_gone;
          });
          if (client_gone) return;
          if (r.finish_reason == "error") {
            w.write(llm::codec::error_line(r.error) + "\n");
            return;
          }
          if (r.text.empty()) w.write(llm::codec::error_line("LLM returned no content") + "\n");
          w.write(llm::codec::done_line(r) + "\n");
        } catch (const ApiError& e) {
          // Nothing sent yet (a limit hit between the admission check and here): answer with a real status.
          if (!wrote) {
            http::Headers h;
            h.set("Content-Type", "application/json");
            w.begin(e.status(), std::move(h));
            w.write(e.to_json());
          } else if (!client_gone) {
            w.write(llm::codec::error_line(e.what()) + "\n");
          }
        } catch (const std::exception& e) {
          if (!client_gone) w.write(llm::codec::error_line(e.what()) + "\n");
        }
      });
  res.headers.set("Cache-Control", "no-store");
  return res;
}

}  // namespace

void register_llm_routes(http::Router& router, App& app) {
  if (!app.apis.llm) wire_llm(app);
  std::shared_ptr<llm::Api> api = app.apis.llm;

  router.post("/api/v1/route", [api](const http::Request& req, CallContext& ctx) {
    auto decision = api->route(llm::codec::parse_route(json::parse_object(req)), ctx);
    return json::ok(llm::codec::route_response(decision));
  });

  router.post("/api/v1/generate",
              [api](const http::Request& req, CallContext& ctx) {
                auto response = api->generate(llm::codec::parse_generate(json::parse_object(req)), ctx);
                return json::ok(llm::codec::generate_response(response));
              },
              {.timeout = kGenerateTimeout});

  router.post("/api/v1/generate/stream",
              [api](const http::Request& req, CallContext& ctx) {
                auto request = llm::codec::parse_generate(json::parse_object(req));
                api->check_admission(request, ctx);  // 422 / 429 while a status code can still be sent
                return ndjson_generation(api, std::move(request), ctx);
              },
              {.timeout = kGenerateTimeout});

  router.get("/api/v1/providers", [api](const http::Request&, CallContext&) {
    return json::ok(llm::codec::providers_response(api->providers()));
  });
  router.get("/api/v1/models", [api](const http::Request&, CallContext&) {
    return json::ok(llm::codec::models_response(api->models()));
  });

  llm::register_openai_routes(router, api);
}

}  // namespace aurixa
