#pragma once
// Voice role registration (see src/app/roles.cpp).
#include "core/router.hpp"

namespace aurixa {
struct App;
}

namespace aurixa::voice {

// Routes: GET /capabilities, /api/v1/voice/capabilities; POST /api/v1/voice/process, /api/v1/process,
// /api/v1/tts, /api/v1/voice/tts; WebSocket /ws/stream.
void register_routes(http::Router& router, App& app);
// Builds the providers in the configured order (offline PocketSphinx + flite need no keys) and the
// VoiceService. The pipeline is app.apis.orchestration, looked up per request (it may be wired later).
void wire(App& app);
// No other role calls voice, so split-mode processes need no voice client.
void wire_remote(App& app);

}  // namespace aurixa::voice
