#pragma once
// Street address and PO box candidates (internal to the PII detector).
#include <cstddef>
#include <string_view>
#include <vector>

namespace aurixa::safety {

struct AddressSpan {
  std::size_t begin, end;  // bytes
  double score;
};
std::vector<AddressSpan> find_addresses(std::string_view text);

}  // namespace aurixa::safety
