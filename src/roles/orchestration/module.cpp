#include "roles/orchestration/module.hpp"

#include <memory>
#include <stdexcept>

#include "app/app.hpp"
#include "core/redis.hpp"
#include "roles/orchestration/admin_routes.hpp"
#include "roles/orchestration/pipeline.hpp"
#include "roles/orchestration/redis_cache.hpp"
#include "roles/orchestration/routes.hpp"

namespace aurixa::orchestration {

void wire(App& app) {
  std::shared_ptr<const intent::Classifier> classifier =
      intent::make_classifier(app.config.intent_model, app.config.intent_oos_threshold);
  std::shared_ptr<ResponseCache> cache;
  if (!app.config.redis_url.empty()) {  // shared by every orchestration replica
    auto redis = make_redis_client(app.config.redis_url, std::chrono::milliseconds(250));
    cache = std::make_shared<RedisResponseCache>(std::move(redis), std::chrono::seconds(app.config.cache_ttl_s), app.log);
  } else {
    cache = std::make_shared<LocalResponseCache>(static_cast<std::size_t>(app.config.cache_max_entries),
                                                 std::chrono::seconds(app.config.cache_ttl_s));
  }
  auto service = std::make_shared<PipelineService>(app, std::move(classifier), std::move(cache));
  app.on_server_stopped.push_back([service] { service->drain(); });
  app.apis.orchestration = std::move(service);
}

void register_routes(http::Router& router, App& app) {
  if (!app.db) throw std::logic_error("orchestration: the store must be opened before its routes are registered");
  const admin::Deps deps{app.db, std::make_shared<store::AuditLog>(*app.db)};
  admin::register_tenant_routes(router, deps);
  admin::register_platform_routes(router, deps);
  admin::register_patient_routes(router, deps);
  admin::register_appointment_routes(router, deps);
  admin::register_knowledge_routes(router, deps);
  admin::register_clinical_routes(router, deps);
  admin::register_api_key_routes(router, deps);
  auto service = std::dynamic_pointer_cast<PipelineService>(app.apis.orchestration);
  if (!service) throw std::logic_error("orchestration routes registered before orchestration::wire");
  register_pipeline_routes(router, app, service);
}

}  // namespace aurixa::orchestration
