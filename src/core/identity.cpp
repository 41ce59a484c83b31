#include "core/identity.hpp"

namespace aurixa {

void forward_identity(http::Headers& h, const CallContext& ctx, const std::string& internal_token) {
  if (!ctx.request_id.empty()) h.set("X-Request-Id", ctx.request_id);
  if (!ctx.trace.trace_id.empty()) h.set("traceparent", ctx.trace.header_for_child());
  // An anonymous caller (auth off) still carries the tenant a role resolved for it.
  if (ctx.principal.role == "anonymous" && !ctx.tenant_id) return;
  h.set("X-Aurixa-Principal", ctx.principal.id);
  h.set("X-Aurixa-Role", ctx.principal.role);
  if (ctx.tenant_id) h.set("X-Aurixa-Tenant", std::to_string(*ctx.tenant_id));
  if (ctx.principal.patient_id) h.set("X-Aurixa-Patient", std::to_string(*ctx.principal.patient_id));
  if (ctx.principal.staff_id) h.set("X-Aurixa-Staff", std::to_string(*ctx.principal.staff_id));
  if (!internal_token.empty()) h.set("X-Aurixa-Internal", internal_token);
}

}  // namespace aurixa
