#pragma once
// Role-to-role calls in split mode carry the caller's identity (principal, role, tenant, patient, staff) as
// X-Aurixa-* headers plus the shared internal token; the receiving server trusts them only with that token.
#include <string>

#include "core/context.hpp"
#include "core/http_types.hpp"

namespace aurixa {

void forward_identity(http::Headers& headers, const CallContext& ctx, const std::string& internal_token);

}  // namespace aurixa
