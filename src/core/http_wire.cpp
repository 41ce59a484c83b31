#include "core/http_wire.hpp"

#include <boost/beast/http/status.hpp>
#include <charconv>

namespace aurixa::http {

std::string serialize_response(const Response& res, bool keep_alive, bool head) {
  std::string out;
  std::size_t head_bytes = 64;
  for (const auto& [k, v] : res.headers.items()) head_bytes += k.size() + v.size() + 4;
  out.reserve(head_bytes + (head ? 0 : res.body.size()));
  out += "HTTP/1.1 ";
  char num[24];
  out.append(num, std::to_chars(num, num + sizeof num, res.status).ptr);
  out += ' ';
  out += boost::beast::http::obsolete_reason(static_cast<boost::beast::http::status>(res.status));
  out += "\r\n";
  for (const auto& [k, v] : res.headers.items()) {
    if (iequals(k, "Content-Length") || iequals(k, "Connection") || iequals(k, "Transfer-Encoding"))
      continue;
    out += k;
    out += ": ";
    const std::size_t at = out.size();
    out += v;
    for (std::size_t i = at; i < out.size(); ++i)  // no response splitting (a loop: find_first_of is a memchr per char)
      if (out[i] == '\r' || out[i] == '\n') out[i] = ' ';
    out += "\r\n";
  }
  out += "Content-Length: ";
  out.append(num, std::to_chars(num, num + sizeof num, res.body.size()).ptr);
  out += keep_alive ? "\r\n\r\n" : "\r\nConnection: close\r\n\r\n";
  if (!head) out += res.body;
  return out;
}
}  // namespace aurixa::http
