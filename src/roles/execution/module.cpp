#include "roles/execution/module.hpp"

#include <memory>
#include <stdexcept>

#include "app/app.hpp"
#include "roles/execution/client.hpp"
#include "roles/execution/service.hpp"

namespace aurixa::execution {

void wire(App& app) {
  if (!app.db) throw std::logic_error("execution: the store must be opened before the role is wired");
  app.apis.execution = std::make_shared<ExecutionService>(*app.db);
}

void wire_remote(App& app) {
  app.apis.execution = make_client(app.http, app.config.role_url("execution"), app.config.internal_token);
}

}  // namespace aurixa::execution
