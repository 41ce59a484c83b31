#pragma once
// The words of a UTF-8 text, lower-cased and accent-folded to ASCII, for matching word lists that are written
// without accents (the intent model's features, the Spanish gloss). Plain C++, pure, thread-safe.
#include <string>
#include <string_view>
#include <vector>

namespace aurixa {

// Latin-1 letters fold to ASCII ("Clínica" -> "clinica", "Ñandú" -> "nandu", "ß" -> "ss"); apostrophes
// inside a word are dropped ("I'd" -> "id"), at its ends stripped; every other character that is not an
// ASCII letter or digit separates words. Malformed UTF-8 separates words too.
std::vector<std::string> fold_words(std::string_view text);

}  // namespace aurixa
