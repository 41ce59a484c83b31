#pragma once
// The model bytes generated at build time by aurixa-intent-train --embed (embedded_model.cpp in the build dir).
#include <string_view>

namespace aurixa::orchestration::intent {
std::string_view embedded_model_bytes();
}  // namespace aurixa::orchestration::intent
