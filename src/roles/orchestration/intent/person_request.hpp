#pragma once
// An explicit request to deal with a human: "can I talk to a real person about it?", "have a nurse call me",
// "quiero hablar con alguien", "necesito que una enfermera me llame". Whatever the message is about (a bill,
// results), the patient has asked for a person, and the classifier, which weighs the topic, may rank the
// hand-off second. Word patterns over the normalised words; negated requests ("I don't need to talk to
// anyone") and reports ("I talked to a nurse yesterday") are not requests. Pure, thread-safe.
#include "roles/orchestration/intent/features.hpp"

namespace aurixa::orchestration::intent {

bool asks_for_person(const Normalized& text);

}  // namespace aurixa::orchestration::intent
