// safety::Api over HTTP (split mode): the same JSON as http.cpp via codec, errors rebuilt with
// ApiError::from_http so a remote 422 is the same error as a local one.
#include <boost/json.hpp>

#include "core/error.hpp"
#include "core/http_client.hpp"
#include "core/json.hpp"
#include "core/role_call.hpp"
#include "roles/safety/codec.hpp"
#include "roles/safety/module.hpp"
#include "roles/safety/pii.hpp"
#include "roles/safety/service.hpp"

namespace aurixa {
namespace {

class SafetyClient final : public safety::Api {
 public:
  SafetyClient(HttpClient& http, std::string base) : http_(http), base_(std::move(base)) {
    while (!base_.empty() && base_.back() == '/') base_.pop_back();
  }

  safety::ValidateResult validate(const safety::ValidateRequest& request) override {
    auto body = call("POST", "/api/v1/validate", aurixa::json::serialize(safety::codec::to_json(request)));
    return safety::codec::parse_validate_result(json::parse_object(body));
  }

  std::string redact(std::string_view text) override {
    try {
      return safety::apply_pii_mode(text, pii_.detect(text), safety::PiiMode::redact);
    } catch (...) {
      return "[REDACTION-FAILED]";
    }
  }

  void set_tenant_policy(const std::string& tenant_id, safety::TenantPolicy policy) override {
    call("PUT", "/api/v1/safety/policies/" + tenant_id, aurixa::json::serialize(safety::codec::to_json(policy)));
  }

  std::optional<safety::TenantPolicy> tenant_policy(const std::string& tenant_id) override {
    auto o = json::parse_object(call("GET", "/api/v1/safety/policies/" + tenant_id, {}));
    if (const auto* d = o.if_contains("default"); d && d->is_bool() && d->as_bool()) return std::nullopt;
    return safety::codec::parse_policy(o);
  }

 private:
  std::string call(const std::string& method, const std::string& path, std::string body) {
    return role_call(http_, role_request(method, base_ + path, std::move(body), CallContext{}, {}));
  }

  HttpClient& http_;
  std::string base_;
  safety::PiiDetector pii_;
};

}  // namespace

std::shared_ptr<safety::Api> make_safety_client(HttpClient& http, std::string base_url) {
  return std::make_shared<SafetyClient>(http, std::move(base_url));
}

}  // namespace aurixa
