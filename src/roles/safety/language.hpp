#pragma once
// Which language a patient wrote in, for the words we answer with (escalation guidance). English and Spanish
// are the languages of our users (~5% Spanish); anything else reads as English. Pure function, thread-safe.
#include <string_view>

namespace aurixa::safety {

// "es" when the text reads as Spanish ("mi bebé no respira", "me quiero matar"), else "en". Counts function
// words and common clinic words of each language on the accent-folded text (words both languages use, "no",
// "me", "a", count for neither): two Spanish words that outnumber the English ones, or one in a message of at
// most four words with no English word.
std::string_view detect_language(std::string_view text);

}  // namespace aurixa::safety
