#include "roles/orchestration/intent/classifier.hpp"

namespace aurixa::orchestration::intent {

const std::vector<std::string>& labels() {
  static const std::vector<std::string> kLabels = {
      "smalltalk",           "book_appointment",   "reschedule_appointment",
      "cancel_appointment",  "list_appointments",  "check_availability",
      "prescription_refill", "insurance_coverage", "billing",
      "lab_results",         "clinic_info",        "medical_question",
      "emergency",           "human_handoff",      "out_of_scope"};
  return kLabels;
}

}  // namespace aurixa::orchestration::intent
