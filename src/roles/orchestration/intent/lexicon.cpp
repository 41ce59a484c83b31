#include "roles/orchestration/intent/lexicon.hpp"

#include <string>
#include <unordered_map>

namespace aurixa::orchestration::intent {
namespace {

struct Group {
  std::string_view concept_name;
  std::string_view words;  // space-separated
};

// Keep words unambiguous: a word belongs to at most one concept (the first group wins), and common words
// with another everyday sense stay out ("book", "may", "am", "back", "later", "show").
constexpr Group kGroups[] = {
    {"MED",
     "medication medications medicine medicines meds med pill pills tablet tablets capsule capsules prescription "
     "prescriptions rx script scripts inhaler inhalers insulin epipen antibiotic antibiotics antidepressant "
     "antidepressants lisinopril metformin atorvastatin albuterol sertraline levothyroxine synthroid amlodipine "
     "omeprazole adderall gabapentin losartan prednisone zoloft lexapro flonase eliquis montelukast trazodone "
     "citalopram escitalopram lamotrigine warfarin simvastatin buspirone pantoprazole spironolactone ozempic "
     "jardiance metoprolol amoxicillin estradiol hydrochlorothiazide xanax ativan klonopin wellbutrin prozac "
     "cymbalta lyrica norco tramadol oxycodone suboxone methadone ventolin symbicort advair humira januvia "
     "trulicity lantus humalog plavix crestor lipitor zocor norvasc toprol coreg lasix furosemide glipizide "
     "cetirizine loratadine fluoxetine paroxetine venlafaxine duloxetine bupropion clonazepam lorazepam "
     "alprazolam hydroxyzine meloxicam naproxen cyclobenzaprine sumatriptan ondansetron zofran valacyclovir "
     "azithromycin doxycycline cephalexin ciprofloxacin nitrofurantoin fluconazole medicina medicinas "
     "medicamento medicamentos receta recetas pastillas dose doses dosage dosing refill refills pharmacy farmacia"},
    {"OTC",
     "ibuprofen advil motrin tylenol acetaminophen aspirin aleve benadryl zyrtec claritin allegra sudafed "
     "mucinex melatonin nyquil dayquil pepto tums imodium antacid antacids vitamin vitamins supplement "
     "supplements probiotic probiotics ibuprofeno"},
    {"SYMPTOM",
     "pain pains ache aches aching hurts hurting sore fever fevers cough coughing rash rashes nausea nauseous "
     "vomiting diarrhea constipation dizzy dizziness headache headaches migraine migraines swelling swollen "
     "itchy itching fatigue tired congestion congested runny sneezing wheezing cramps cramping bruise bruising "
     "infection infected inflammation insomnia anxiety depression heartburn reflux acidez dolor fiebre tos "
     "mareo chills sweats numbness tingling lump bump blister sunburn"},
    {"BODY",
     "chest arm arms leg legs head throat ear ears eye eyes knee knees stomach belly skin heart lungs lung "
     "ankle ankles wrist wrists foot feet hip hips shoulder shoulders neck tooth teeth jaw toe toes finger "
     "fingers hand hands face nose mouth tongue lips kidney kidneys liver bladder bones bone joint joints "
     "muscle muscles spine brain thyroid prostate breast breasts uterus cervix colon pecho cabeza garganta "
     "espalda estomago rodilla"},
    {"CONDITION",
     "diabetes diabetic hypertension asthma copd arthritis cancer flu covid cold strep pneumonia bronchitis "
     "sinusitis uti allergies allergy gout eczema psoriasis acne adhd autism dementia alzheimers cholesterol "
     "obesity pregnancy pregnant menopause shingles measles chickenpox mono hepatitis hiv std sti "
     "gripe diabetes embarazada"},
    {"EMERG",
     "unconscious unresponsive collapsed collapse seizure seizures seizing convulsing overdose overdosed "
     "choking choke suicidal suicide stroke breathe breathing gasping fainted passed drooping slurred "
     "anaphylaxis hemorrhaging 911 ambulance respira respirar convulsionando desmayo desmayado"},
    {"DAY",
     "monday tuesday wednesday thursday friday saturday sunday mon tue tues wed thu thur thurs fri "
     "tomorrow tmrw tmr today tonight weekend weekday lunes martes miercoles jueves viernes sabado domingo "
     "manana hoy"},
    {"DAYPART", "morning afternoon evening noon midnight lunchtime pm oclock tarde noche"},
    {"MONTH",
     "january february march april june july august september october november december jan feb apr "
     "jun jul aug sep sept oct nov dec enero febrero marzo abril mayo junio julio agosto septiembre octubre "
     "noviembre diciembre"},
    {"PROVIDER",
     "dr doctor doctors doc physician pediatrician dermatologist cardiologist specialist therapist counselor "
     "np pa provider providers gynecologist obgyn urologist neurologist orthopedist allergist dietitian "
     "nutritionist podiatrist psychiatrist psychologist surgeon oncologist endocrinologist doctora medico"},
    {"APPT",
     "appointment appointments appt appts visit visits checkup checkups consultation consult session sessions "
     "booking bookings followup telehealth telemedicine videovisit cita citas consulta"},
    {"SLOT", "slot slots opening openings availability available free space spots spot"},
    {"MONEY",
     "bill bills billed billing charge charges charged fee fees balance payment payments pay paid paying "
     "refund refunds statement statements invoice owe owed dollars dollar cost costs collections overcharged "
     "receipt superbill factura cuenta pago pagar cobro saldo debo"},
    {"INSURER",
     "insurance insurer aetna cigna humana medicare medicaid tricare kaiser anthem bcbs ambetter molina "
     "oscar wellcare unitedhealthcare ppo hmo epo seguro"},
    {"COVERAGE",
     "copay copays coinsurance deductible deductibles network covered coverage cover covers preauthorization "
     "preauth authorization referral eligibility eligible cubre"},
    {"TEST",
     "test tests results result lab labs bloodwork mri xray ct scan scans ultrasound biopsy panel a1c culture "
     "ekg ecg mammogram colonoscopy pathology screening resultados analisis examen"},
    {"LOGISTICS",
     "hours open close closed closing address located location locations directions parking park phone fax "
     "email entrance ramp wheelchair elevator floor interpreter interpreters records portal building office "
     "clinic horario abren cierran estacionamiento direccion clinica"},
    {"HUMAN",
     "person human someone somebody agent representative staff operator receptionist reception frontdesk "
     "callback persona alguien enfermera"},
    {"FAMILY",
     "son daughter wife husband mom mother dad father kid kids child children baby toddler grandma grandpa "
     "grandmother grandfather grandson granddaughter partner teenager twins hijo hija esposo esposa mama papa"},
    {"WEATHER", "weather rain raining snow snowing forecast sunny temperature storm hurricane tornado humidity"},
    {"SPORT",
     "game score team nba nfl mlb nhl soccer football baseball basketball hockey tennis golf playoffs "
     "championship league quarterback partido"},
    {"FINANCE",
     "bank banking stock stocks bitcoin crypto invest investing mortgage loan loans savings checking atm "
     "credit routing 401k ira taxes tax irs"},
    {"TECH",
     "python javascript code coding program programming computer laptop wifi router password app iphone "
     "android printer excel software website css html sql bug"},
    {"TRAVEL",
     "flight flights hotel hotels airport airline vacation trip passport visa cruise luggage baggage rental "
     "uber train"},
    {"FOOD", "recipe recipes cook cooking bake baking restaurant pizza dinner lunch breakfast sushi pasta"},
    {"ENTERTAIN",
     "movie movies song songs music netflix tv series joke jokes riddle novel poem podcast "
     "concert playlist pelicula chiste"},
    {"GREET", "hi hello hey hiya howdy greetings hola"},
    {"THANKS", "thanks thank thx ty tysm appreciate gracias"},
    {"BYE", "bye goodbye farewell adios ciao"},
    {"YES", "yes yeah yep yup sure ok okay si correct confirm"},
    {"NO", "no nope nah"},
};

// Drug-name endings (generic names), checked when a word is not in the table.
constexpr std::string_view kDrugSuffixes[] = {
    "pril",  "olol",  "statin", "sartan",  "prazole",   "dipine",  "cillin",  "mycin",   "floxacin", "tidine",
    "zepam", "zolam", "formin", "gliptin", "gliflozin", "glutide", "oxetine", "triptan", "azole",    "tadine"};

struct Table {
  std::unordered_map<std::string_view, std::string_view> words;
  Table() {
    for (const auto& g : kGroups) {
      std::string_view rest = g.words;
      while (!rest.empty()) {
        const auto sp = rest.find(' ');
        std::string_view w = rest.substr(0, sp);
        if (!w.empty()) words.emplace(w, g.concept_name);
        if (sp == std::string_view::npos) break;
        rest.remove_prefix(sp + 1);
      }
    }
  }
};

const Table& table() {
  static const Table kTable;  // immutable after construction
  return kTable;
}

}  // namespace

std::string_view concept_of(std::string_view word) {
  const auto& t = table().words;
  if (auto it = t.find(word); it != t.end()) return it->second;
  if (word.size() > 3 && word.back() == 's') {
    if (auto it = t.find(word.substr(0, word.size() - 1)); it != t.end()) return it->second;
  }
  if (word.size() >= 7)
    for (auto suffix : kDrugSuffixes)
      if (word.size() > suffix.size() + 2 && word.substr(word.size() - suffix.size()) == suffix) return "MED";
  return {};
}

}  // namespace aurixa::orchestration::intent
