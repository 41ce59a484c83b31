#include "core/redaction_marks.hpp"

namespace aurixa {

std::string without_redaction_marks(std::string_view text) {
  constexpr std::string_view kOpen = "[REDACTED-";
  std::string out;
  out.reserve(text.size());
  std::size_t i = 0;
  while (i < text.size()) {
    const std::size_t at = text.find(kOpen, i);
    if (at == std::string_view::npos) break;
    const std::size_t close = text.find(']', at + kOpen.size());
    if (close == std::string_view::npos) break;
    // Only an upper-case type name ("PERSON", "DATE_OF_BIRTH") closes a mark.
    bool type = close > at + kOpen.size();
    for (std::size_t k = at + kOpen.size(); k < close && type; ++k)
      type = (text[k] >= 'A' && text[k] <= 'Z') || text[k] == '_';
    out.append(text.substr(i, at - i));
    if (type) {
      out += ' ';
    } else {
      out.append(text.substr(at, close + 1 - at));
    }
    i = close + 1;
  }
  out.append(text.substr(i));
  return out;
}

}  // namespace aurixa
