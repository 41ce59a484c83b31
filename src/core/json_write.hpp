#pragma once
// Hand-written JSON output for hot paths (log lines, the pipeline response) where building a Boost.JSON
// value first costs more than the write itself.
#include <string>
#include <string_view>

namespace aurixa::json {

// Appends s as a JSON string literal (RFC 8259 escaping; bytes >= 0x80 pass through as UTF-8). Runs of bytes
// that need no escaping are copied at once.
void append_string(std::string& out, std::string_view s);

}  // namespace aurixa::json
