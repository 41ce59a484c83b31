#pragma once
// `aurixa chat`: a terminal conversation with a running AURIXA (all-in-one or the gateway of a split
// deployment) through the streaming pipeline route, for demos and debugging.
#include <cstdint>
#include <iosfwd>
#include <optional>
#include <string>

namespace aurixa {

struct ChatOptions {
  std::string url = "http://127.0.0.1:3000";  // the gateway
  std::optional<std::int64_t> patient_id;
  std::string tenant = "t-001";
  std::string session_id;  // empty = a new session
  std::string email, password;  // log in first (when the gateway requires credentials)
  bool verbose = false;         // show status lines, intent and steps
};

// Reads lines from `in` until EOF or "/quit"; returns the process exit code.
int chat_command(const ChatOptions& options, std::istream& in, std::ostream& out);

}  // namespace aurixa
