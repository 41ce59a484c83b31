#include "roles/agents/nlu/lexicon.hpp"

#include <algorithm>
#include <iterator>
#include <utility>

namespace aurixa::agents::nlu::detail {
namespace {

template <std::size_t N>
bool member(const std::string_view (&set)[N], std::string_view w) {
  return std::find(std::begin(set), std::end(set), w) != std::end(set);
}

constexpr std::string_view kStop[] = {
    "a", "an", "the", "my", "his", "her", "their", "our", "your", "its", "this", "that", "these", "those", "some",
    "any", "i", "im", "ive", "id", "ill", "me", "you", "he", "she", "we", "they", "it", "us", "them", "is", "are",
    "was", "were", "be", "been", "being", "am", "do", "does", "did", "have", "has", "had", "having", "can", "could",
    "would", "will", "should", "shall", "may", "might", "must", "need", "needs", "want", "wants", "like", "get",
    "got", "make", "book", "schedule", "cancel", "reschedule", "move", "set", "see", "come", "go", "going", "to",
    "for", "of", "in", "on", "at", "by", "with", "about", "from", "and", "or", "but", "so", "if", "then", "because",
    "as", "please", "pls", "plz", "thanks", "thank", "hi", "hello", "hey", "just", "also", "really", "very", "up",
    "out", "again", "still", "now", "when", "what", "which", "who", "how", "where", "why", "there", "here", "not",
    "no", "yes", "dont", "cant", "wont", "didnt", "isnt", "soon", "asap", "possible", "available", "appointment",
    "el", "la", "los", "las", "un", "una", "unos", "unas", "mi", "mis", "su", "sus", "de", "del", "que", "y", "o",
    "para", "por", "con", "en", "a", "al", "es", "son", "me", "quiero", "quisiera", "necesito", "tengo", "hacer",
    "cita", "favor", "le", "lo", "se", "si", "ya", "muy", "mas", "pero", "como", "cuando", "donde", "hola",
    "gracias", "would", "wanna", "gonna", "try", "trying", "let", "lets", "know", "think", "ask", "asking",
    "wondering", "able", "sometime", "someone", "somebody", "anything", "something", "everything", "after",
    "before", "during", "into", "over", "than", "too", "all", "every", "each", "more", "most", "other", "another", "otro", "otra", "otros", "otras",
    "same", "own", "only", "well", "ok", "okay", "sure", "new_"};

constexpr std::string_view kPerson[] = {
    "me", "myself", "him", "her", "them", "us", "you", "son", "sons", "daughter", "daughters", "father", "fathers",
    "mother", "mothers", "mom", "moms", "mum", "dad", "dads", "wife", "wifes", "husband", "husbands", "kid", "kids",
    "child", "childs", "children", "baby", "babys", "boy", "girl", "grandfather", "grandmother", "grandma", "grandpa",
    "brother", "sister", "family", "partner", "parents", "parent", "hijo", "hija", "esposo", "esposa", "mama",
    "papa", "abuelo", "abuela", "nino", "nina", "bebe", "everyone", "friend"};

constexpr std::string_view kVisitWord[] = {
    "appointment", "appointments", "appt", "appts", "visit", "visits", "slot", "slots", "spot", "spots", "opening",
    "openings", "time", "times", "one", "it", "that", "this", "something", "anything", "cita", "citas", "turno",
    "hora", "session", "booking", "reservation", "refill", "refills", "prescription", "rx", "hour", "minutes",
    "day", "days", "week", "weeks", "month", "while", "bit"};

constexpr std::string_view kVisitType[] = {
    "checkup", "checkups", "physical", "physicals", "followup", "vaccine", "vaccines", "vaccination",
    "vaccinations", "shot", "shots", "test", "tests", "testing", "screening", "screenings", "exam", "exams",
    "mammogram", "colonoscopy", "consult", "consultation", "labs", "lab", "bloodwork", "xray", "ultrasound",
    "biopsy", "pap", "smear", "immunization", "immunizations", "booster", "ekg", "ecg", "mri", "ct", "scan",
    "wellness", "annual", "cleaning", "therapy", "counseling", "injection", "infusion", "procedure", "surgery",
    "stitches", "removal", "evaluation", "assessment", "chequeo", "examen", "consulta", "vacuna", "vacunas",
    "analisis", "prueba", "revision", "control", "physicals", "telehealth_", "sports", "prenatal", "postpartum",
    "dressing", "draw", "bloodtest"};

constexpr std::string_view kSymptom[] = {
    "rash", "rashes", "cough", "coughing", "fever", "pain", "pains", "ache", "aches", "headache", "headaches",
    "migraine", "migraines", "infection", "infections", "flu", "cold", "allergies", "allergy", "throat", "earache",
    "uti", "std", "sti", "sprain", "burn", "bite", "swelling", "lump", "mole", "moles",
    "acne", "eczema", "asthma", "diabetes", "pressure", "anxiety", "depression", "insomnia", "nausea", "vomiting",
    "diarrhea", "dizziness", "bronchitis", "pneumonia", "covid", "sinus", "congestion", "wart", "warts",
    "cyst", "injury", "injuries", "fracture", "stomachache", "cramps", "bleeding", "itching", "itchy",
    "pink", "conjunctivitis", "strep", "tonsillitis", "cholesterol", "thyroid", "weight", "fatigue", "tired",
    "shortness", "wheezing", "palpitations", "dolor", "fiebre", "tos", "gripe", "infeccion", "alergia", "alergias",
    "presion", "diabetes", "ansiedad", "depresion", "mareo", "mareos", "sarpullido", "hemorrhoids", "reflux",
    "heartburn"};

constexpr std::string_view kBody[] = {
    "ankle", "ankles", "wrist", "wrists", "knee", "knees", "back", "shoulder", "shoulders", "neck", "head", "ear",
    "ears", "eye", "eyes", "foot", "feet", "hand", "hands", "arm", "arms", "leg", "legs", "hip", "hips", "chest",
    "stomach", "belly", "tooth", "teeth", "skin", "elbow", "elbows", "finger", "fingers", "toe", "toes", "heel",
    "nose", "jaw", "spine", "thumb", "abdomen", "tummy", "bladder", "kidney", "kidneys", "lungs", "heart", "mouth",
    "tobillo", "muneca", "rodilla", "espalda", "hombro", "cuello", "cabeza", "oido", "pie", "mano"};

constexpr std::pair<std::string_view, std::string_view> kSpecialty[] = {
    {"dermatology", "derm"}, {"dermatologist", "derm"}, {"dermatologists", "derm"}, {"derm", "derm"},
    {"dermatologo", "derm"}, {"dermatologa", "derm"}, {"dermatologia", "derm"}, {"skin doctor", "derm"},
    {"cardiology", "cardio"}, {"cardiologist", "cardio"}, {"cardio", "cardio"}, {"heart doctor", "cardio"},
    {"cardiologo", "cardio"}, {"cardiologa", "cardio"}, {"cardiologia", "cardio"},
    {"pediatrics", "peds"}, {"pediatric", "peds"}, {"pediatrician", "peds"}, {"pediatricians", "peds"},
    {"paediatrician", "peds"}, {"peds", "peds"}, {"pediatra", "peds"}, {"pediatria", "peds"},
    {"kids doctor", "peds"}, {"childrens doctor", "peds"},
    {"family medicine", "pcp"}, {"family practice", "pcp"}, {"family doctor", "pcp"}, {"primary care", "pcp"},
    {"pcp", "pcp"}, {"gp", "pcp"}, {"general practitioner", "pcp"}, {"internal medicine", "pcp"},
    {"internist", "pcp"}, {"regular doctor", "pcp"}, {"general medicine", "pcp"}, {"medico general", "pcp"},
    {"medicina general", "pcp"}, {"medicina familiar", "pcp"}, {"medico familiar", "pcp"},
    {"orthopedics", "ortho"}, {"orthopaedics", "ortho"}, {"orthopedic", "ortho"}, {"orthopedist", "ortho"},
    {"orthopaedic", "ortho"}, {"ortho", "ortho"}, {"bone doctor", "ortho"}, {"traumatologo", "ortho"},
    {"ortopedista", "ortho"}, {"sports medicine", "ortho"},
    {"allergy", "allergy"}, {"allergist", "allergy"}, {"allergists", "allergy"}, {"allergology", "allergy"},
    {"immunology", "allergy"}, {"alergologo", "allergy"}, {"alergista", "allergy"},
    {"obgyn", "obgyn"}, {"ob", "obgyn"}, {"gyn", "obgyn"}, {"gyno", "obgyn"}, {"gynecology", "obgyn"},
    {"gynecologist", "obgyn"}, {"obstetrics", "obgyn"}, {"obstetrician", "obgyn"}, {"ginecologo", "obgyn"},
    {"ginecologa", "obgyn"}, {"womens health", "obgyn"},
    {"neurology", "neuro"}, {"neurologist", "neuro"}, {"neuro", "neuro"}, {"neurologo", "neuro"},
    {"psychiatry", "psych"}, {"psychiatrist", "psych"}, {"psych", "psych"}, {"psiquiatra", "psych"},
    {"behavioral health", "psych"}, {"mental health", "psych"}, {"psychology", "psych"}, {"psychologist", "psych"},
    {"ent", "ent"}, {"otolaryngology", "ent"}, {"otolaryngologist", "ent"}, {"otorrino", "ent"},
    {"pt", "pt"}, {"physical therapy", "pt"}, {"physical therapist", "pt"}, {"physio", "pt"},
    {"physiotherapy", "pt"}, {"physiotherapist", "pt"}, {"fisioterapia", "pt"}, {"fisioterapeuta", "pt"},
    {"endocrinology", "endo"}, {"endocrinologist", "endo"}, {"endo", "endo"}, {"endocrinologo", "endo"},
    {"gastroenterology", "gi"}, {"gastroenterologist", "gi"}, {"gastro", "gi"}, {"gi", "gi"},
    {"gastroenterologo", "gi"},
    {"ophthalmology", "eye"}, {"ophthalmologist", "eye"}, {"optometry", "eye"}, {"optometrist", "eye"},
    {"eye doctor", "eye"}, {"oftalmologo", "eye"},
    {"urology", "uro"}, {"urologist", "uro"}, {"urologo", "uro"},
    {"oncology", "onc"}, {"oncologist", "onc"}, {"oncologo", "onc"},
    {"pulmonology", "pulm"}, {"pulmonologist", "pulm"}, {"lung doctor", "pulm"}, {"neumologo", "pulm"},
    {"rheumatology", "rheum"}, {"rheumatologist", "rheum"}, {"reumatologo", "rheum"},
    {"nephrology", "neph"}, {"nephrologist", "neph"},
    {"podiatry", "podiatry"}, {"podiatrist", "podiatry"}, {"foot doctor", "podiatry"},
    {"dentist", "dental"}, {"dentistry", "dental"}, {"dental", "dental"}, {"dentista", "dental"},
    {"nutrition", "nutrition"}, {"nutritionist", "nutrition"}, {"dietitian", "nutrition"},
};

constexpr std::pair<std::string_view, std::string_view> kBrand[] = {
    {"zestril", "lisinopril"}, {"prinivil", "lisinopril"}, {"glucophage", "metformin"},
    {"norvasc", "amlodipine"}, {"lipitor", "atorvastatin"}, {"crestor", "rosuvastatin"},
    {"zocor", "simvastatin"}, {"synthroid", "levothyroxine"}, {"levoxyl", "levothyroxine"},
    {"zoloft", "sertraline"}, {"prozac", "fluoxetine"}, {"lexapro", "escitalopram"}, {"celexa", "citalopram"},
    {"wellbutrin", "bupropion"}, {"prilosec", "omeprazole"}, {"nexium", "esomeprazole"},
    {"protonix", "pantoprazole"}, {"toprol", "metoprolol"}, {"lopressor", "metoprolol"},
    {"flomax", "tamsulosin"}, {"aldactone", "spironolactone"}, {"glucotrol", "glipizide"},
    {"zyrtec", "cetirizine"}, {"claritin", "loratadine"}, {"allegra", "fexofenadine"},
    {"ventolin", "albuterol"}, {"proair", "albuterol"}, {"proventil", "albuterol"}, {"lasix", "furosemide"},
    {"coumadin", "warfarin"}, {"eliquis", "apixaban"}, {"xarelto", "rivaroxaban"}, {"plavix", "clopidogrel"},
    {"neurontin", "gabapentin"}, {"ambien", "zolpidem"}, {"singulair", "montelukast"}, {"cozaar", "losartan"},
    {"diovan", "valsartan"}, {"motrin", "ibuprofen"}, {"advil", "ibuprofen"}, {"tylenol", "acetaminophen"},
    {"flonase", "fluticasone"}, {"advair", "fluticasone"}, {"symbicort", "budesonide"}, {"januvia", "sitagliptin"},
    {"jardiance", "empagliflozin"}, {"ozempic", "semaglutide"}, {"lantus", "insulin"}, {"humalog", "insulin"},
    {"xanax", "alprazolam"}, {"klonopin", "clonazepam"}, {"adderall", "amphetamine"}, {"amoxil", "amoxicillin"},
    {"zithromax", "azithromycin"}, {"zpak", "azithromycin"}, {"keflex", "cephalexin"}, {"hctz", "hydrochlorothiazide"},
    {"microzide", "hydrochlorothiazide"}, {"coreg", "carvedilol"}, {"tenormin", "atenolol"},
    {"pepcid", "famotidine"}, {"mobic", "meloxicam"}, {"ultram", "tramadol"}, {"desyrel", "trazodone"},
    {"effexor", "venlafaxine"}, {"cymbalta", "duloxetine"}, {"paxil", "paroxetine"}, {"buspar", "buspirone"},
};

constexpr std::pair<std::string_view, std::string_view> kClass[] = {
    {"lisinopril", "bp"}, {"amlodipine", "bp"}, {"losartan", "bp"}, {"valsartan", "bp"}, {"metoprolol", "bp"},
    {"atenolol", "bp"}, {"carvedilol", "bp"}, {"hydrochlorothiazide", "bp"}, {"chlorthalidone", "bp"},
    {"enalapril", "bp"}, {"benazepril", "bp"}, {"ramipril", "bp"}, {"nifedipine", "bp"}, {"diltiazem", "bp"},
    {"spironolactone", "bp"}, {"furosemide", "water"}, {"olmesartan", "bp"}, {"irbesartan", "bp"},
    {"metformin", "diabetes"}, {"glipizide", "diabetes"}, {"glyburide", "diabetes"}, {"glimepiride", "diabetes"},
    {"sitagliptin", "diabetes"}, {"empagliflozin", "diabetes"}, {"semaglutide", "diabetes"},
    {"insulin", "diabetes"}, {"pioglitazone", "diabetes"}, {"dapagliflozin", "diabetes"},
    {"atorvastatin", "cholesterol"}, {"rosuvastatin", "cholesterol"}, {"simvastatin", "cholesterol"},
    {"pravastatin", "cholesterol"}, {"lovastatin", "cholesterol"}, {"ezetimibe", "cholesterol"},
    {"levothyroxine", "thyroid"}, {"liothyronine", "thyroid"}, {"methimazole", "thyroid"},
    {"albuterol", "inhaler"}, {"fluticasone", "inhaler"}, {"budesonide", "inhaler"}, {"tiotropium", "inhaler"},
    {"salmeterol", "inhaler"}, {"formoterol", "inhaler"}, {"ipratropium", "inhaler"},
    {"cetirizine", "allergy"}, {"loratadine", "allergy"}, {"fexofenadine", "allergy"}, {"montelukast", "allergy"},
    {"levocetirizine", "allergy"}, {"diphenhydramine", "allergy"},
    {"omeprazole", "stomach"}, {"esomeprazole", "stomach"}, {"pantoprazole", "stomach"},
    {"lansoprazole", "stomach"}, {"famotidine", "stomach"}, {"ranitidine", "stomach"},
    {"sertraline", "mood"}, {"fluoxetine", "mood"}, {"escitalopram", "mood"}, {"citalopram", "mood"},
    {"bupropion", "mood"}, {"paroxetine", "mood"}, {"venlafaxine", "mood"}, {"duloxetine", "mood"},
    {"trazodone", "sleep"}, {"zolpidem", "sleep"}, {"buspirone", "mood"}, {"alprazolam", "mood"},
    {"warfarin", "thinner"}, {"apixaban", "thinner"}, {"rivaroxaban", "thinner"}, {"clopidogrel", "thinner"},
    {"ibuprofen", "pain"}, {"acetaminophen", "pain"}, {"naproxen", "pain"}, {"meloxicam", "pain"},
    {"tramadol", "pain"}, {"gabapentin", "pain"}, {"cyclobenzaprine", "pain"},
    {"tamsulosin", "prostate"}, {"finasteride", "prostate"},
    {"amoxicillin", "antibiotic"}, {"azithromycin", "antibiotic"}, {"cephalexin", "antibiotic"},
    {"doxycycline", "antibiotic"}, {"ciprofloxacin", "antibiotic"},
    {"norethindrone", "birth"}, {"levonorgestrel", "birth"}, {"drospirenone", "birth"},
};

constexpr std::pair<std::string_view, std::string_view> kClassWord[] = {
    {"pressure", "bp"}, {"bp", "bp"}, {"presion", "bp"}, {"hypertension", "bp"}, {"tension", "bp"},
    {"diabetes", "diabetes"}, {"sugar", "diabetes"}, {"azucar", "diabetes"}, {"diabetic", "diabetes"},
    {"cholesterol", "cholesterol"}, {"colesterol", "cholesterol"}, {"statin", "cholesterol"},
    {"thyroid", "thyroid"}, {"tiroides", "thyroid"},
    {"inhaler", "inhaler"}, {"inhalers", "inhaler"}, {"inhalador", "inhaler"}, {"puffer", "inhaler"},
    {"allergy", "allergy"}, {"allergies", "allergy"}, {"alergia", "allergy"}, {"antihistamine", "allergy"},
    {"reflux", "stomach"}, {"heartburn", "stomach"}, {"acid", "stomach"}, {"stomach", "stomach"},
    {"gastritis", "stomach"},
    {"antidepressant", "mood"}, {"depression", "mood"}, {"anxiety", "mood"}, {"ansiedad", "mood"},
    {"depresion", "mood"},
    {"sleep", "sleep"}, {"sleeping", "sleep"}, {"dormir", "sleep"},
    {"thinner", "thinner"}, {"anticoagulant", "thinner"},
    {"prostate", "prostate"}, {"prostata", "prostate"},
    {"antibiotic", "antibiotic"}, {"antibiotics", "antibiotic"}, {"antibiotico", "antibiotic"},
    {"water", "water"}, {"diuretic", "water"},
    {"birth", "birth"}, {"contraceptive", "birth"}, {"anticonceptivas", "birth"},
};

constexpr std::string_view kChains[] = {
    "cvs", "walgreens", "walmart", "costco", "riteaid", "target", "kroger", "safeway", "publix", "heb", "meijer",
    "albertsons", "wegmans", "hyvee", "duane", "sams", "giant", "vons", "ralphs", "winn", "fredmeyer", "shoprite",
    "harris", "walgreen", "cvspharmacy", "benavides", "guadalajara", "ahorro", "similares", "amazon"};

}  // namespace

bool is_stopword(std::string_view w) { return member(kStop, w); }
bool is_person_word(std::string_view w) { return member(kPerson, w); }
bool is_visit_word(std::string_view w) { return member(kVisitWord, w); }
bool is_visit_type(std::string_view w) { return member(kVisitType, w); }
bool is_symptom(std::string_view w) { return member(kSymptom, w); }
bool is_body_part(std::string_view w) { return member(kBody, w); }

std::string_view specialty_concept(std::string_view w) {
  for (const auto& [k, v] : kSpecialty)
    if (k == w) return v;
  return {};
}

std::string_view brand_generic(std::string_view w) {
  for (const auto& [k, v] : kBrand)
    if (k == w) return v;
  return {};
}

std::string_view drug_class(std::string_view generic) {
  for (const auto& [k, v] : kClass)
    if (k == generic) return v;
  return {};
}

std::string_view class_keyword(std::string_view w) {
  for (const auto& [k, v] : kClassWord)
    if (k == w) return v;
  return {};
}

bool is_pharmacy_chain(std::string_view w) { return member(kChains, w); }

}  // namespace aurixa::agents::nlu::detail
