#pragma once
// The "[REDACTED-PERSON]" tokens the safety role puts where personal data was. Words to a reader, noise to a
// search or an extractive answer: "my name is [REDACTED-PERSON], are my blood test results in?" should match
// the lab results article on "blood test results", not on "redacted" and "person". Pure, thread-safe.
#include <string>
#include <string_view>

namespace aurixa {

// `text` with every "[REDACTED-<TYPE>]" token replaced by a space.
std::string without_redaction_marks(std::string_view text);

}  // namespace aurixa
