#pragma once
// Domain vocabulary for the offline recogniser: words a clinic's callers say that a general English
// model rarely expects (medication names, departments, billing terms), plus the tenant's own words
// (provider names from the store, added at wiring time).
#include <string>
#include <vector>

namespace aurixa::voice {

// Built-in clinic vocabulary (common medications, departments, insurance terms).
const std::vector<std::string>& clinic_vocabulary();

}  // namespace aurixa::voice
