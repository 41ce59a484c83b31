#pragma once
// Hand-written JSON output for hot paths (log lines, the pipeline response) where building a Boost.JSON
// value first costs more than the write itself.
#include <cstdint>
#include <string>
#include <string_view>

namespace aurixa::json {

// Appends s as a JSON string literal (RFC 8259 escaping; bytes >= 0x80 pass through as UTF-8). Runs of bytes
// that need no escaping are copied at once.
void append_string(std::string& out, std::string_view s);

// Appends v as Python writes a float (the original service's format): its shortest round-trip form, with ".0"
// when that has no fraction or exponent ("0.93", "1.0", "1e+16"); a value that is not finite as null.
void append_number(std::string& out, double v);
void append_int(std::string& out, std::int64_t v);

}  // namespace aurixa::json
