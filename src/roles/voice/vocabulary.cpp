#include "roles/voice/vocabulary.hpp"

namespace aurixa::voice {

const std::vector<std::string>& clinic_vocabulary() {
  static const std::vector<std::string> kWords = {
      // The most prescribed medications (US), generic names.
      "atorvastatin", "levothyroxine", "lisinopril", "metformin", "amlodipine", "metoprolol", "albuterol",
      "omeprazole", "losartan", "simvastatin", "gabapentin", "hydrochlorothiazide", "sertraline", "rosuvastatin",
      "montelukast", "escitalopram", "pantoprazole", "furosemide", "bupropion", "fluoxetine", "trazodone",
      "carvedilol", "tamsulosin", "meloxicam", "clopidogrel", "prednisone", "citalopram", "insulin", "warfarin",
      "apixaban", "rivaroxaban", "amoxicillin", "azithromycin", "doxycycline", "cetirizine", "loratadine",
      "ibuprofen", "acetaminophen", "naproxen", "tramadol", "oxycodone", "hydrocodone", "semaglutide",
      "ozempic", "lipitor", "synthroid", "eliquis", "xarelto", "januvia", "jardiance", "zoloft", "lexapro",
      // Departments, procedures and visit types.
      "cardiology", "dermatology", "orthopedics", "pediatrics", "neurology", "oncology", "radiology",
      "gastroenterology", "endocrinology", "ophthalmology", "urology", "obstetrics", "gynecology", "telehealth",
      "mammogram", "colonoscopy", "ultrasound", "echocardiogram", "electrocardiogram", "vaccination",
      // Billing and insurance.
      "copay", "deductible", "coinsurance", "preauthorization", "medicare", "medicaid",
      // What callers ask for (the intents' typical phrases): bigrams make these word pairs likely.
      "book an appointment", "make an appointment", "cancel my appointment", "reschedule my appointment",
      "move my appointment", "my appointments", "next available appointment", "opening hours", "office hours",
      "prescription refill", "refill my prescription", "my lab results", "blood test results",
      "insurance coverage", "does my insurance cover", "pay my bill", "billing question", "talk to a person",
      "speak to a human", "chest pain", "trouble breathing", "where are you located", "parking",
  };
  return kWords;
}

}  // namespace aurixa::voice
