// pipeline_codec.cpp needs only admin::tenant_wire_id from admin_support.cpp, whose other functions pull in the
// whole store (and src/store/audit.cpp does not compile with clang 14: a structured binding captured by a
// lambda). The fuzzer links this copy instead; keep it identical to admin_support.cpp's.
#include <cstdio>

#include "roles/orchestration/admin_support.hpp"

namespace aurixa::orchestration::admin {

std::string tenant_wire_id(Id id) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "t-%03lld", static_cast<long long>(id));
  return buf;
}

}  // namespace aurixa::orchestration::admin
