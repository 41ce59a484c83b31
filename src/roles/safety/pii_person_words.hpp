#pragma once
// The word lists of the PERSON recognizer (pii_person.cpp) and one flat-table lookup that gives every property of
// a lower-cased word at once: stop word, non-name, relation, clinician/person title, given name (curated and
// wider list), common English word, organisation, place preposition, street type, people noun, eponym noun,
// verb of addressing. Internal to the safety role.
#include <string_view>

namespace aurixa::safety::person_words {

enum WordFlag : unsigned {
  kStop = 1,
  kNonName = 2,
  kRelation = 4,
  kClinician = 8,
  kTitle = 16,
  kGiven = 32,
  kCue = 64,
  kCommon = 128,    // a common English word (pii_common_words.inc)
  kOrg = 256,       // a word that makes a capitalised run an organisation ("Inc", "Solutions")
  kLocPrep = 512,   // a word after which a capitalised run is a place ("in", "near")
  kGivenExt = 1024,  // in the wider given-name list (pii_given_names.inc); may also be a common word
  kStreet = 2048,    // a street-type word: "Inna Loop", "Mathias Pass" are streets, not people
  kPeople = 4096,    // kPeopleNouns
  kEponym = 8192,    // kEponymNouns
  kAddressVerb = 16384,  // kAddressVerbs
  kEsFunction = 32768    // a Spanish article, pronoun, preposition or frequent verb ("una", "ella", "con", "dar")
};

// The WordFlag bits of a lower-cased word (0 when it is in no list).
unsigned word_flags(std::string_view lower);
// A regular inflection of a common English word ("walked", "bodies", "quickly"): the list keeps base forms.
bool inflected_common(std::string_view lower);
// Ends in a drug-name stem (-pril, -olol, -statin ...): a capitalised "Lisinopril" is a medicine, not a person.
bool drug_like(std::string_view lower);

}  // namespace aurixa::safety::person_words
