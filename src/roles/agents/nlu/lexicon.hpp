#pragma once
// Word lists used by slot extraction and act classification (folded forms).
#include <string_view>

namespace aurixa::agents::nlu::detail {

bool is_stopword(std::string_view w);      // function words, pronouns, auxiliaries (English + Spanish)
bool is_person_word(std::string_view w);   // me, him, my son, daughter, mom ... (who a visit is for)
bool is_visit_word(std::string_view w);    // appointment, visit, slot ... (not a reason by itself)
bool is_visit_type(std::string_view w);    // checkup, physical, vaccine, test ... (a reason by itself)
bool is_symptom(std::string_view w);       // rash, cough, fever, migraine ...
bool is_body_part(std::string_view w);     // ankle, wrist, knee ...

// Specialty concepts: maps a folded word (or two-word phrase joined by a space) to a concept id, or "".
std::string_view specialty_concept(std::string_view w);

// Brand name -> generic ("zestril" -> "lisinopril"), or "".
std::string_view brand_generic(std::string_view w);
// Therapeutic class of a generic ("lisinopril" -> "blood_pressure"), or "".
std::string_view drug_class(std::string_view generic);
// Class named by the patient's words ("inhaler", "presion", "cholesterol"), or "".
std::string_view class_keyword(std::string_view w);

bool is_pharmacy_chain(std::string_view w);  // single-token chain names ("cvs", "walgreens")

}  // namespace aurixa::agents::nlu::detail
