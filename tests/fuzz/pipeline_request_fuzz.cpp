// libFuzzer target for the JSON request decoding of POST /api/v1/pipelines (orchestration pipeline_codec):
// arbitrary bytes are parsed as JSON the way the route does; an object goes through codec::parse_request.
// Bad input must end as an ApiError (a 4xx naming the field), never another exception or a crash; a request
// that decodes must survive a round trip through to_json.
#include <boost/json.hpp>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <string_view>

#include "core/error.hpp"
#include "roles/orchestration/pipeline_codec.hpp"

namespace codec = aurixa::orchestration::codec;

namespace {
[[noreturn]] void fail(const char* what) {
  std::fprintf(stderr, "invariant violated: %s\n", what);
  __builtin_trap();
}
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  boost::system::error_code ec;
  const auto value = boost::json::parse(std::string_view(reinterpret_cast<const char*>(data), size), ec);
  if (ec || !value.is_object()) return 0;  // the route answers 422 before the codec sees it
  aurixa::orchestration::PipelineRequest req;
  try {
    req = codec::parse_request(value.as_object());
  } catch (const aurixa::ApiError& e) {
    if (e.status() < 400 || e.status() >= 500) fail("decoding error is not a 4xx");
    return 0;
  }
  if (req.prompt.empty()) fail("accepted an empty prompt");
  aurixa::orchestration::PipelineRequest again;
  try {
    again = codec::parse_request(codec::to_json(req));
  } catch (const aurixa::ApiError&) {
    fail("parse_request refused what to_json wrote");
  }
  if (again.prompt != req.prompt || again.session_id != req.session_id || again.tenant_id != req.tenant_id ||
      again.patient_id != req.patient_id || again.user_id != req.user_id || again.channel != req.channel)
    fail("to_json/parse_request round trip changed the request");
  return 0;
}
