// Word lists of the PERSON recognizer and their flag table (pii_person_words.hpp), and the word-class queries of
// pii.hpp that other detectors share (given names, common English words).
#include "roles/safety/pii_person_words.hpp"

#include <cstring>
#include <string_view>
#include <unordered_map>
#include <utility>

#include "roles/safety/pii.hpp"
#include "roles/safety/word_table.hpp"

namespace aurixa::safety {
namespace person_words {
namespace {

#include "roles/safety/pii_common_words.inc"
#include "roles/safety/pii_given_names.inc"

// Organisation words: a capitalised run next to one of these is a company, not a person.
constexpr std::string_view kOrgWords[] = {
    "inc",        "corp",      "corporation", "llc",         "ltd",       "co",         "company",    "group",
    "solutions",  "technologies", "technology", "investments", "insurance", "markets",  "global",     "systems",
    "partners",   "holdings",  "capital",     "analytics",   "labs",      "media",      "foundation", "institute",
    "associates", "consulting", "services",   "bank",        "weekly",    "magazine",   "news",       "times",
    "records",    "studios",   "productions", "airlines",    "motors",    "industries", "international",
    "enterprises", "networks", "software",    "data",        "financial", "pharmaceuticals", "pharma",
    "hathaway",   "elsevier",  "lines",       "trust",       "fund",      "society",    "association", "club",
    "university", "college",   "hospital",    "clinic",      "center",    "centre",     "agency",     "council",
    "ministry",   "department", "gmbh",       "ag",          "sa",        "plc",        "bv",         "oy",
    "ab",         "as",        "srl",         "spa",      "orchestra", "band", "quartet", "trio", "choir",
    "symphony",   "philharmonic", "sons",     "brothers"};
// Countries, nationalities and street words: capitalised, not common English words, never a person.
constexpr std::string_view kPlaceWords[] = {
    "afghanistan", "albania", "algeria", "andorra", "angola", "argentina", "armenia", "australia", "austria",
    "azerbaijan", "bahamas", "bahrain", "bangladesh", "barbados", "belarus", "belgium", "belize", "benin", "bhutan",
    "bolivia", "bosnia", "botswana", "brazil", "brunei", "bulgaria", "burundi", "cambodia", "cameroon", "canada",
    "chad", "chile", "china", "colombia", "congo", "croatia", "cuba", "cyprus", "czechia", "denmark", "djibouti",
    "dominica", "ecuador", "egypt", "eritrea", "estonia", "eswatini", "ethiopia", "fiji", "finland", "france",
    "gabon", "gambia", "georgia", "germany", "ghana", "greece", "greenland", "grenada", "guatemala", "guinea",
    "guyana", "haiti", "honduras", "hungary", "iceland", "india", "indonesia", "iran", "iraq", "ireland", "israel",
    "italy", "jamaica", "japan", "jordan", "kazakhstan", "kenya", "kiribati", "korea", "kosovo", "kuwait",
    "kyrgyzstan", "laos", "latvia", "lebanon", "lesotho", "liberia", "libya", "liechtenstein", "lithuania",
    "luxembourg", "madagascar", "malawi", "malaysia", "maldives", "mali", "malta", "mauritania", "mauritius",
    "mexico", "micronesia", "moldova", "monaco", "mongolia", "montenegro", "morocco", "mozambique", "myanmar",
    "namibia", "nauru", "nepal", "netherlands", "nicaragua", "niger", "nigeria", "norway", "oman", "pakistan",
    "palau", "palestine", "panama", "paraguay", "peru", "philippines", "poland", "portugal", "qatar", "romania",
    "russia", "rwanda", "samoa", "senegal", "serbia", "seychelles", "singapore", "slovakia", "slovenia", "somalia",
    "spain", "sudan", "suriname", "sweden", "switzerland", "syria", "taiwan", "tajikistan", "tanzania", "thailand",
    "togo", "tonga", "trinidad", "tobago", "tunisia", "turkey", "turkmenistan", "tuvalu", "uganda", "ukraine",
    "uruguay", "uzbekistan", "vanuatu", "venezuela", "vietnam", "yemen", "zambia", "zimbabwe", "england",
    "scotland", "wales", "britain", "usa", "uk", "europe", "africa", "asia", "america", "american", "english",
    "french", "german", "greek", "italian", "spanish", "polish", "swedish", "danish", "norwegian", "finnish",
    "dutch", "hungarian", "czech", "slovenian", "croatian", "serbian", "russian", "ukrainian", "chinese",
    "japanese", "korean", "vietnamese", "thai", "indian", "mexican", "brazilian", "canadian", "australian",
    "irish", "scottish", "welsh", "icelandic", "estonian", "latvian", "lithuanian", "portuguese", "turkish",
    "arab", "arabic", "israeli", "egyptian", "nigerian", "greenlander", "swiss", "austrian", "belgian", "british",
    "rua", "strada", "str", "strasse", "straße", "via", "viale", "piazza", "piazzetta", "avenida", "calle", "rue",
    "ul", "ulica", "utca", "vej", "gade", "katu", "tie", "provinciale", "carrer", "camino", "travessa", "largo",
};
// Prepositions of place: "in Amsterdam", "near Lyon".
constexpr std::string_view kLocPrepWords[] = {"in", "near", "at", "via", "into", "outside", "across"};

// Drug-name endings (INN stems): a capitalised "Lisinopril" is a medicine, not a person.
constexpr std::string_view kDrugStems[] = {
    "pril",   "olol",  "statin", "mab",    "cillin", "mycin",  "azole", "prazole", "sartan", "dipine", "formin",
    "tidine", "oxetine", "pam",  "codone", "profen", "cycline", "floxacin", "vir",   "lukast", "gliptin", "parin",
    "semide", "thiazide", "triptan", "afil", "olone", "asone",  "tropin", "caine",  "phylline", "zepam", "done",
    "xaban",  "gatran", "oprazole", "amine", "adol"};

constexpr std::string_view kStopWords[] = {
    "and",    "or",       "the",       "a",         "an",      "i",       "im",     "i'm",    "my",        "me",
    "is",     "am",       "are",       "was",       "were",    "be",      "been",   "to",     "of",        "in",
    "on",     "at",       "for",       "from",      "with",    "by",      "dob",    "d.o.b",  "born",      "birthday",
    "ssn",    "mrn",      "phone",     "email",     "please",  "thanks",  "thank",  "can",    "could",     "would",
    "will",   "need",     "needs",     "here",      "there",   "calling", "call",   "about",  "regarding", "y",
    "e",      "pero",     "el",        "la",        "los",     "las",     "mi",     "su",     "es",        "not",
    "just",   "so",       "very",      "really",    "also",    "too",     "going",  "trying", "having",    "feeling",
    "doing",  "sick",     "tired",     "fine",      "good",    "okay",    "ok",     "sorry",  "new",       "back",
    "home",   "writing",  "looking",   "wondering", "hoping",  "patient", "who",    "what",   "when",      "where",
    "why",    "how",      "he",        "she",       "they",    "we",      "you",    "his",    "her",       "their",
    "our",    "your",     "it",        "its",       "it's",    "this",    "that",   "has",    "have",      "had",
    "do",     "does",     "did",       "get",       "got",     "needs",   "wants",  "want",   "said",      "says",
    "told",   "asked",    "if",        "but",       "because", "since",   "as",     "than",   "then",      "now",
    "today",  "tomorrow", "yesterday", "again",     "still",   "already", "yet",    "still",  "age",       "aged",
    "years",  "year",     "old",       "cell",      "number",  "address", "at",     "tengo",  "soy",       "necesito",
    "quiero", "con",      "para",      "por",       "que",     "nacido",  "nacida", "fecha",  "medicare",  "mrn#",
    "dob:",   "via",      "who's",     "whos",      "can't",   "cant",    "won't",  "wont",   "don't",     "dont",
    "didn't",
};

// Spanish closed-class words and frequent verbs. Several are also given names in the wide list ("una", "ella", "mia", "esta",
// "con"), so lower-case Spanish ("necesito que una enfermera me llame") read "una enfermera" as a first name
// and a surname.
constexpr std::string_view kSpanishFunctionWords[] = {
    "un",     "una",    "unos",   "unas",    "el",     "la",     "los",    "las",    "lo",     "le",     "les",
    "del",    "al",     "de",     "en",      "con",    "por",    "para",   "sin",    "sobre",  "entre",  "hasta",
    "desde",  "hacia",  "mi",     "mis",     "tu",     "tus",    "su",     "sus",    "mio",    "mia",    "nuestro",
    "nuestra", "este",  "esta",   "estos",   "estas",  "ese",    "esa",    "esos",   "esas",   "eso",    "esto",
    "aquel",  "aquella", "que",   "quien",   "como",   "cuando", "donde",  "porque", "pero",   "mas",    "muy",
    "ya",     "si",     "se",     "me",      "te",     "nos",    "yo",     "ella",   "ellos",  "ellas",  "usted",
    "ustedes", "tengo", "tiene",  "tienen",  "estoy",  "estan",  "soy",    "es",     "son",    "fue",    "hay",
    "puedo",  "puede",  "quiero", "necesito", "otra",  "otro",   "toda",   "todo",   "cada",   "algo",   "alguien",
    "nada",   "nadie",  "tambien", "ahora",  "hoy",    "manana", "ayer",   "aqui",   "alli",   "bien",   "mal",
    // frequent verbs ("me puede dar una cita": "dar" is also a given name)
    "dar",    "ver",    "ir",     "hacer",   "tener",  "decir",  "poder",  "saber",  "querer", "llegar", "pasar",
    "deber",  "poner",  "quedar", "creer",   "hablar", "llevar", "dejar",  "seguir", "llamar", "venir",  "pensar",
    "salir",  "volver", "tomar",  "conocer", "vivir",  "sentir", "tratar", "mirar",  "contar", "esperar", "buscar",
    "pedir",  "recibir", "cambiar", "abrir", "traer",  "leer",   "sacar",  "dame",   "deme",   "doy",    "da",
    // the same words with their accents (the lists are matched on lower case, not accent-folded)
    "él",     "tú",     "mí",     "mío",     "mía",    "sí",     "más",    "quién",  "cómo",   "cuándo", "dónde",
    "están",  "también", "mañana", "aquí",   "allí"};

// Capitalised words that are not person names (places, organisations, calendar, form labels); the street-type
// words below are not names either.
constexpr std::string_view kNonNameWords[] = {
    "january",    "february",   "march",        "april",      "may",       "june",     "july",     "august",
    "september",  "october",    "november",     "december",   "jan",       "feb",      "mar",      "apr",
    "jun",        "jul",        "aug",          "sep",        "sept",      "oct",      "nov",      "dec",
    "monday",     "tuesday",    "wednesday",    "thursday",   "friday",    "saturday", "sunday",   "place",
    "city",       "county",     "state",        "north",      "south",     "east",     "west",     "beach",
    "park",       "lake",       "river",        "valley",     "hill",      "hospital", "clinic",   "medical",
    "center",     "centre",     "health",       "healthcare", "care",      "pharmacy", "insurance", "medicare",
    "medicaid",   "visa",       "mastercard",   "amex",       "discover",  "blue",     "cross",    "shield",
    "aetna",      "cigna",      "humana",       "kaiser",     "united",    "bank",     "university", "college",
    "school",     "family",     "medicine",     "department", "dept",      "office",   "portal",   "app",
    "team",       "group",      "services",     "airlines",   "express",   "inc",      "llc",      "corp",
    "company",    "dr",         "mr",           "mrs",        "ms",        "md",       "rn",       "do",
    "np",         "pa",         "doctor",       "nurse",      "patient",   "name",     "dob",      "ssn",
    "mrn",        "npi",        "dea",          "apt",        "suite",     "thanks",   "thank",    "hi",
    "hello",      "hey",        "dear",         "please",     "yes",       "no",       "ok",       "okay",
    "urgent",     "emergency",  "er",           "icu",        "covid",     "flu",      "walmart",  "cvs",
    "walgreens",  "target",     "amazon",       "google",     "apple",     "microsoft", "facebook", "zoom",
    "lakeview",   "christmas",  "easter",       "thanksgiving", "am",      "pm",       "the",      "and",
    "heights",    "gardens",
};
// Street-type words: never a name word, and a run followed by one is a street ("Inna Loop", "Mathias Pass").
constexpr std::string_view kStreetWords[] = {
    "street",  "st",       "road",     "rd",     "avenue",  "ave",      "lane",       "ln",   "drive",
    "court",   "ct",       "boulevard", "blvd",  "way",     "loop",     "pass",       "bypass", "pike",
    "trail",   "terrace",  "parkway",  "plaza",  "circle",  "highway",  "crossing",   "square", "alley",
    "expressway"};
// Street-type words that are also ordinary words or names ("Close", "Grove"): they only mark a street after a run.
constexpr std::string_view kStreetOnlyWords[] = {"row", "close", "crescent", "mews", "grove", "walk", "hwy", "pkwy"};
// Plural nouns for people: a list after "<noun>:" names people ("our 3 founders: Šušulić, Bowman and White").
constexpr std::string_view kPeopleNouns[] = {
    "founders", "co-founders", "cofounders", "members", "partners", "authors", "speakers", "guests",
    "attendees", "participants", "winners", "nominees", "candidates", "students", "children", "kids",
    "sons", "daughters", "siblings", "grandchildren", "friends", "colleagues", "employees", "owners",
    "directors", "hosts", "judges", "panelists", "contestants", "players", "singers", "musicians",
    "artists", "writers", "parents", "investors", "heirs", "witnesses", "volunteers", "organizers",
    "organisers", "coaches", "teammates", "classmates", "roommates", "cousins", "brothers", "sisters"};
// Nouns an eponymous surname modifies: "the Castro novel", "the Johnson family".
constexpr std::string_view kEponymNouns[] = {
    "novel", "novels", "book", "books", "film", "films", "movie", "biography", "memoir", "album", "song",
    "poem", "painting", "paintings", "play", "symphony", "opera", "family", "administration", "estate",
    "household", "twins", "sisters", "brothers", "children", "kids", "household", "residence", "trilogy"};
// Verbs after which "at/to/with <Name>" is a person: "shouted at Tiffany", "talking to Ines".
constexpr std::string_view kAddressVerbs[] = {
    "shouted", "yelled", "screamed", "smiled", "waved", "looked", "stared", "glanced", "winked", "nodded",
    "pointed", "laughed", "talked", "talking", "talk", "spoke", "speaking", "whispered", "chatted", "argued",
    "married", "engaged", "danced", "listened", "wrote", "writing", "replied", "said", "lied", "apologized",
    "apologised", "sang", "barked", "snapped", "turned", "grinned"};

// Staff and professional titles: the names after them are clinicians, teachers or officials, not
// patients (Italian "Dott."/"Dott.ssa" included).
constexpr std::string_view kClinicianTitles[] = {
    "dr",      "dr.",        "doctor", "dra",      "doc",        "nurse",     "prof",       "professor",
    "np",      "pa",         "rn",     "provider", "dentist",    "therapist", "pharmacist", "dott",
    "ssa",     "dottoressa", "coach",  "teacher",  "instructor", "officer",   "counselor",  "counsellor",
    "surgeon", "midwife",    "tutor",  "pastor",   "father",     "sister",    "rev",        "reverend"};
constexpr std::string_view kPersonTitles[] = {"mr", "mrs", "ms", "miss", "mx", "sr", "sra", "srta"};
constexpr std::string_view kRelationWords[] = {
    "wife",        "husband", "son",           "daughter",   "mother",     "mom",         "mum",      "mama",
    "father",      "dad",     "papa",          "brother",    "sister",     "grandmother", "grandma",  "granny",
    "grandfather", "grandpa", "granddaughter", "grandson",   "caregiver",  "aunt",        "uncle",    "cousin",
    "friend",      "partner", "boyfriend",     "girlfriend", "fiance",     "fiancee",     "child",    "kid",
    "baby",        "twins",   "nephew",        "niece",      "neighbor",   "neighbour",   "roommate", "spouse",
    "guardian",    "stepson", "stepdaughter",  "stepmother", "stepfather", "sibling",     "children", "kids",
    "esposo",      "esposa",  "hijo",          "hija",       "madre",      "padre",       "hermano",  "hermana",
    "abuela",      "abuelo",  "named",         "called",     "contact",    "cc",          "patient",  "pt",
    "for",         "soy",     "signed",        "regards",    "sincerely",  "hi",          "hello",    "dear",
    "hey",         "thanks",  "said",          "says",       "asked",      "told",        "replied",  "add",
    "beneficiary", "member",
};

}  // namespace

// One lookup per word gives every property the rules need (a flat table, word_table.hpp).
unsigned word_flags(std::string_view lower) {
  static const WordTable table = [] {
    std::unordered_map<std::string_view, unsigned, Fnv1a> m;
    for (auto w : kStopWords) m[w] |= kStop;
    for (auto w : kNonNameWords) m[w] |= kNonName;
    for (auto w : kRelationWords) m[w] |= kRelation;
    for (auto w : kClinicianTitles) m[w] |= kClinician;
    for (auto w : kPersonTitles) m[w] |= kTitle;
    for (auto w : given_name_list()) m[w] |= kGiven;
    for (auto w : kOrgWords) m[w] |= kOrg;
    for (auto w : kPlaceWords) m[w] |= kNonName;
    for (auto w : kLocPrepWords) m[w] |= kLocPrep;
    for (auto w : kStreetWords) m[w] |= kStreet | kNonName;
    for (auto w : kStreetOnlyWords) m[w] |= kStreet;
    for (auto w : kPeopleNouns) m[w] |= kPeople;
    for (auto w : kEponymNouns) m[w] |= kEponym;
    for (auto w : kAddressVerbs) m[w] |= kAddressVerb;
    for (auto w : kSpanishFunctionWords) m[w] |= kEsFunction;
    auto add_all = [&](std::string_view all, unsigned flag) {
      for (std::size_t i = 0; i < all.size();) {
        const std::size_t j = all.find(' ', i);
        const std::size_t e = j == std::string_view::npos ? all.size() : j;
        if (e > i) m[all.substr(i, e - i)] |= flag;
        i = e + 1;
      }
    };
    add_all(kCommonWordsText, kCommon);
    add_all(kGivenNamesText, kGivenExt);
    // Words after which a name may follow in lower case ("my name is jorge", "i'm ana", "me llamo rosa").
    for (auto w : {"is", "llamo", "llama", "llaman", "es", "name", "nombre", "are", "i'm", "im", "am", "its", "it's", "and", "me"})
      m[w] |= kCue;
    return WordTable(m);
  }();
  return table.find(lower);
}

// A regular inflection of a listed word ("walked", "bodies", "quickly"): the list keeps base forms only.
bool inflected_common(std::string_view s) {
  static constexpr std::pair<std::string_view, std::string_view> kRules[] = {
      {"s", ""}, {"es", ""}, {"ies", "y"}, {"ed", ""}, {"ed", "e"}, {"ied", "y"}, {"ing", ""}, {"ing", "e"}, {"ly", ""}};
  char buf[64];
  for (const auto& [suf, rep] : kRules) {
    if (s.size() < suf.size() + 3 || s.size() > sizeof buf || !s.ends_with(suf)) continue;
    const std::size_t n = s.size() - suf.size();
    std::memcpy(buf, s.data(), n);
    std::memcpy(buf + n, rep.data(), rep.size());
    if (word_flags(std::string_view(buf, n + rep.size())) & kCommon) return true;
  }
  return false;
}

bool drug_like(std::string_view lower) {
  for (auto stem : kDrugStems)
    if (lower.size() > stem.size() + 2 && lower.ends_with(stem)) return true;
  return false;
}

}  // namespace person_words

using namespace person_words;

bool is_given_name(std::string_view lower) noexcept { return (word_flags(lower) & (kGiven | kGivenExt)) != 0; }

WordClass classify_word(std::string_view lower) noexcept {
  const unsigned f = word_flags(lower);
  return {(f & kCommon) || inflected_common(lower), (f & (kGiven | kGivenExt)) != 0, (f & kStop) != 0};
}

bool is_common_english_word(std::string_view lower) noexcept {
  return (word_flags(lower) & kCommon) || inflected_common(lower);
}

}  // namespace aurixa::safety
