#pragma once
// Builds the VoiceService from App's configuration (providers in the configured order).
#include <memory>

namespace aurixa {
struct App;
}

namespace aurixa::voice {

class VoiceService;
std::shared_ptr<VoiceService> build_service(App& app);

}  // namespace aurixa::voice
