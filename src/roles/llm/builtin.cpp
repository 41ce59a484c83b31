#include "roles/llm/builtin.hpp"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <map>
#include <set>
#include <tuple>

#include "core/redaction_marks.hpp"
#include "core/spanish_gloss.hpp"
#include "roles/llm/answer_type.hpp"
#include "roles/llm/prompt.hpp"
#include "roles/llm/text.hpp"

namespace aurixa::llm {
namespace {

// The responder's own sentences, in English and in Spanish (ChatRequest::language "es"); answers taken from
// the passages stay in the passages' language.
struct Phrase {
  const char* en;
  const char* es;
  const char* in(const std::string& language) const { return language == "es" ? es : en; }
};
constexpr Phrase kNoInformation = {
    "I'm sorry, I don't have that information. Would you like me to connect you with a member of our staff "
    "who can help?",
    "Lo siento, no tengo esa información. ¿Quiere que lo comunique con un miembro de nuestro personal que pueda "
    "ayudarle?"};
constexpr Phrase kOutOfScope = {
    "I'm sorry, but I can only help with questions about our clinic: appointments, prescriptions, billing, "
    "insurance and our services. Is there something along those lines I can help you with?",
    "Lo siento, solo puedo ayudar con preguntas sobre nuestra clínica: citas, recetas, facturación, seguros y "
    "nuestros servicios. ¿Hay algo de eso en lo que pueda ayudarle?"};
constexpr Phrase kGreeting = {
    "Hello! I'm the clinic's virtual assistant. I can help you book or change appointments, request "
    "prescription refills, answer billing and insurance questions, and share information about the clinic. "
    "How can I help you today?",
    "¡Hola! Soy el asistente virtual de la clínica. Puedo ayudarle a programar o cambiar citas, pedir "
    "resurtidos de recetas, responder preguntas de facturación y seguros, y darle información sobre la "
    "clínica. ¿En qué puedo ayudarle hoy?"};
constexpr Phrase kThanks = {"You're welcome! Is there anything else I can help you with?",
                            "¡Con gusto! ¿Hay algo más en lo que pueda ayudarle?"};
constexpr Phrase kHandoff = {
    "Of course. I'll connect you with a member of our staff; they will be with you as soon as possible.",
    "Por supuesto. Lo comunicaré con un miembro de nuestro personal; le atenderán lo antes posible."};
constexpr Phrase kMedicalNoInfo = {
    "I can't give medical advice, but our clinicians can. Would you like me to book an appointment or connect "
    "you with a member of our staff?",
    "No puedo dar consejos médicos, pero nuestros médicos sí. ¿Quiere que le programe una cita o que lo "
    "comunique con un miembro de nuestro personal?"};
constexpr Phrase kTopicFallback = {"I can't see that detail here, but this should help:",
                                   "No veo ese dato aquí, pero esto puede ayudarle:"};
constexpr Phrase kOwnSituation = {"For advice about your own situation, please speak with one of our clinicians.",
                                  "Para consejos sobre su situación, hable con uno de nuestros médicos."};

// Words that only greet: they say nothing about which passage answers the question.
bool is_greeting_word(std::string_view w) {
  static const std::set<std::string_view> kWords = {"hello",   "hi",      "hey",       "thank",   "thanks",
                                                    "good",    "morning", "afternoon", "evening", "bye",
                                                    "goodbye", "there",   "greetings"};
  return kWords.count(w) > 0;
}

std::string capitalise(std::string s) {
  if (!s.empty()) s[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(s[0])));
  return s;
}

std::string ensure_period(std::string s) {
  s = text::trim(s);
  if (!s.empty() && s.back() != '.' && s.back() != '!' && s.back() != '?' && s.back() != ':') s += '.';
  return s;
}

// At most this many items follow a list lead-in in an answer.
constexpr std::size_t kMaxListItems = 6;

// "- Missed appointment: $40", "2. Complete the packet", "• Photo ID": an item of a list in a passage.
bool list_item(std::string_view s) {
  if (s.empty()) return false;
  if (s[0] == '-' || s[0] == '*' || s.rfind("\u2022", 0) == 0) return true;
  std::size_t i = 0;
  while (i < s.size() && i < 3 && std::isdigit(static_cast<unsigned char>(s[i]))) ++i;
  return i > 0 && i < s.size() && (s[i] == '.' || s[i] == ')');
}

// "a, b and c"
std::string join_list(const std::vector<std::string>& items) {
  std::string out;
  for (std::size_t i = 0; i < items.size(); ++i) {
    if (i > 0) out += (i + 1 == items.size()) ? " and " : ", ";
    out += items[i];
  }
  return out;
}

std::string slot_phrase(const std::string& slot) {
  static const std::map<std::string, std::string, std::less<>> kPhrases = {
      {"date", "the date you'd prefer"},
      {"preferred_date", "the date you'd prefer"},
      {"time", "the time that works best for you"},
      {"preferred_time", "the time that works best for you"},
      {"provider", "which doctor you'd like to see"},
      {"doctor", "which doctor you'd like to see"},
      {"provider_name", "which doctor you'd like to see"},
      {"staff_id", "which doctor you'd like to see"},
      {"reason", "the reason for your visit"},
      {"visit_reason", "the reason for your visit"},
      {"medication", "the name of the medication"},
      {"medication_name", "the name of the medication"},
      {"pharmacy", "your preferred pharmacy"},
      {"name", "your full name"},
      {"patient_name", "your full name"},
      {"date_of_birth", "your date of birth"},
      {"dob", "your date of birth"},
      {"phone", "a phone number where we can reach you"},
      {"phone_number", "a phone number where we can reach you"},
      {"email", "your email address"},
      {"insurance", "your insurance provider"},
      {"insurance_provider", "your insurance provider"},
      {"member_id", "your insurance member ID"},
      {"appointment_id", "which appointment you mean"},
      {"location", "which of our locations you'd like to visit"},
  };
  auto key = text::lower(slot);
  if (auto it = kPhrases.find(key); it != kPhrases.end()) return it->second;
  return "your " + text::humanize(key);
}

std::string intent_lead(const std::string& intent) {
  static const std::map<std::string, std::string, std::less<>> kLeads = {
      {"book_appointment", "I can help you book an appointment."},
      {"reschedule_appointment", "I can help you reschedule your appointment."},
      {"cancel_appointment", "I can help you cancel your appointment."},
      {"check_availability", "I can check availability for you."},
      {"prescription_refill", "I can help you with a prescription refill."},
      {"insurance_coverage", "I can help with your insurance question."},
      {"billing", "I can help with your billing question."},
      {"lab_results", "I can help you with your lab results."},
  };
  auto it = kLeads.find(intent);
  return it == kLeads.end() ? "I can help with that." : it->second;
}

// Headline for a successful tool run, by tool name (the agent's tool ids and the intent labels).
std::string success_headline(const std::string& name) {
  static const std::map<std::string, std::string, std::less<>> kHeadlines = {
      {"book_appointment", "Your appointment is booked."},
      {"schedule_appointment", "Your appointment is booked."},
      {"reschedule_appointment", "Your appointment has been rescheduled."},
      {"cancel_appointment", "Your appointment has been cancelled."},
      {"request_refill", "Your prescription refill request has been submitted."},
      {"refill_prescription", "Your prescription refill request has been submitted."},
      {"prescription_refill", "Your prescription refill request has been submitted."},
      {"check_availability", "Here is the availability I found."},
      {"get_availability", "Here is the availability I found."},
      {"list_appointments", "Here are your appointments."},
      {"get_appointments", "Here are your appointments."},
      {"check_insurance", "Here is your insurance information."},
      {"request_callback", "Your callback request has been recorded."},
      {"human_handoff", "I've asked a member of our staff to contact you."},
  };
  auto it = kHeadlines.find(text::lower(name));
  return it == kHeadlines.end() ? "Done: " + text::humanize(name) + "." : it->second;
}

std::string join_paragraphs(const std::vector<std::string>& parts) {
  std::string out;
  for (const auto& p : parts) out += (out.empty() ? "" : "\n\n") + p;
  return out;
}

struct ScoredSentence {
  std::size_t passage = 0;
  std::size_t index = 0;  // within the passage
  std::string text;
  double score = 0;
  bool cite = true;  // false inside a list, whose last item carries the citation
};

}  // namespace

std::string BuiltinResponder::respond(const ChatRequest& req) const {
  const std::string question = last_user_message(req);
  const std::string intent = text::lower(req.intent);
  const std::string& lang = req.language;
  if (intent == "out_of_scope") return kOutOfScope.in(lang);

  std::vector<std::string> parts;
  if (!req.tool_results.empty()) parts.push_back(confirm_tools(req.tool_results));
  if (!req.missing_slots.empty()) {
    // Asking for what is missing comes before answering anything else: the next turn depends on it.
    parts.push_back(ask_for_slots(req.tool_results.empty() ? intent : std::string(), req.missing_slots));
    return join_paragraphs(parts);
  }
  if (!req.passages.empty()) {
    if (auto a = answer_from_passages(question, req.passages); !a.empty()) {
      if (intent == "medical_question") a += std::string("\n\n") + kOwnSituation.in(lang);
      parts.push_back(std::move(a));
    } else if (auto t = topic_article_opening(intent, req.passages); !t.empty()) {
      // "How much do I owe?": the balance is not in the knowledge base, but the billing article says whom to ask.
      parts.push_back(std::string(kTopicFallback.in(lang)) + ' ' + t);
    }
  }
  if (parts.empty()) {
    auto ws = text::words(question);
    bool only_greeting = !ws.empty() && std::all_of(ws.begin(), ws.end(), [](const std::string& w) {
      return is_greeting_word(w) || text::is_stopword(w);
    });
    if (intent == "human_handoff") return kHandoff.in(lang);
    if (intent == "smalltalk" || only_greeting) {
      bool thanks = std::any_of(ws.begin(), ws.end(),
                                [](const std::string& w) { return w == "thanks" || w == "thank" || w == "gracias"; });
      return (thanks ? kThanks : kGreeting).in(lang);
    }
    if (intent == "medical_question") return kMedicalNoInfo.in(lang);
    return kNoInformation.in(lang);
  }
  return join_paragraphs(parts);
}

// The opening of the retrieved article about the intent's own topic (its title names it: "Billing Inquiries" for
// billing), with its citation; empty when the intent has no such topic or no passage is about it.
std::string BuiltinResponder::topic_article_opening(const std::string& intent,
                                                    const std::vector<Passage>& passages) const {
  // Each topic's title words, as the terms content_terms() makes of them (stemmed once).
  static const std::map<std::string, std::set<std::string>> kTopics = [] {
    const std::map<std::string, std::vector<const char*>> words = {
        {"billing", {"bill", "billing", "payment", "invoice", "statement"}},
        {"lab_results", {"lab", "result"}},
        {"prescription_refill", {"refill", "prescription"}},
        {"insurance_coverage", {"insurance", "coverage"}}};
    std::map<std::string, std::set<std::string>> terms;
    for (const auto& [topic, list] : words)
      for (const char* w : list)
        for (auto& t : text::content_terms(w)) terms[topic].insert(std::move(t));
    return terms;
  }();
  const auto it = kTopics.find(intent);
  if (it == kTopics.end()) return {};
  for (const auto& p : passages)
    for (const auto& t : text::content_terms(p.title))
      if (it->second.count(t)) return answer_from_passages(p.title, {p});  // a title question: its opening
  return {};
}

// A passage's title terms and its sentences with their terms (each sorted, without duplicates).
struct BuiltinResponder::Analysed {
  std::vector<std::string> title_terms;
  std::vector<std::string> sentences;
  std::vector<std::vector<std::string>> sentence_terms;
  std::vector<unsigned> sentence_types;  // answer::present() of each sentence
};

namespace {

// "hours" after a count is a length of time ("24 to 48 hours", "a few hours", "how many hours"); without one it
// is usually the clinic's opening hours ("what are your hours on weekends?"). The two senses become different
// terms so that one cannot answer the other.
std::string mark_duration_hours(std::string_view text) {
  static const std::set<std::string, std::less<>> kCounts = {
      "a",   "an",  "one", "two",   "three", "four",   "five", "six",  "seven",  "eight",  "nine",
      "ten", "twelve", "few", "several", "many", "couple", "24", "48", "72"};
  std::string out;
  out.reserve(text.size() + 8);
  std::string prev;  // the previous word, lower case
  for (std::size_t i = 0; i < text.size();) {
    if (!std::isalnum(static_cast<unsigned char>(text[i]))) {
      out += text[i++];
      continue;
    }
    std::size_t j = i;
    while (j < text.size() && std::isalnum(static_cast<unsigned char>(text[j]))) ++j;
    std::string word(text.substr(i, j - i));
    std::string lower = word;
    for (auto& ch : lower) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
    const bool hour = lower == "hour" || lower == "hours" || lower == "hr" || lower == "hrs";
    const bool counted = kCounts.count(prev) || (!prev.empty() && std::isdigit(static_cast<unsigned char>(prev.back())));
    out += hour && counted ? "hourspan" : word;
    prev = std::move(lower);
    i = j;
  }
  return out;
}

std::vector<std::string> term_set(std::vector<std::string> terms) {
  std::sort(terms.begin(), terms.end());
  terms.erase(std::unique(terms.begin(), terms.end()), terms.end());
  return terms;
}

bool has(const std::vector<std::string>& set, const std::string& t) {
  return std::binary_search(set.begin(), set.end(), t);
}

}  // namespace

std::shared_ptr<const BuiltinResponder::Analysed> BuiltinResponder::analyse(const Passage& p) const {
  std::string key = p.title;
  key += '\0';
  key += p.content;
  {
    std::lock_guard lock(mutex_);
    if (auto it = cache_.find(key); it != cache_.end()) return it->second;
  }
  auto a = std::make_shared<Analysed>();
  a->title_terms = term_set(text::content_terms(p.title));
  a->sentences = text::sentences(p.content);
  for (const auto& s : a->sentences) {
    a->sentence_terms.push_back(term_set(text::content_terms(mark_duration_hours(s))));
    a->sentence_types.push_back(answer::present(s));
  }
  if (key.size() > kMaxCachedPassageBytes) return a;  // bounded memory: 512 x 16 KiB of text at most
  std::lock_guard lock(mutex_);
  if (cache_.size() >= capacity_) cache_.clear();
  if (capacity_ > 0) cache_.emplace(std::move(key), a);
  return a;
}

std::size_t BuiltinResponder::cached_passages() const {
  std::lock_guard lock(mutex_);
  return cache_.size();
}

std::string BuiltinResponder::answer_from_passages(const std::string& question,
                                                   const std::vector<Passage>& passages) const {
  std::vector<ScoredSentence> all;
  std::vector<const std::vector<std::string>*> sentence_terms;
  std::vector<unsigned> sentence_types;
  std::vector<std::shared_ptr<const Analysed>> analysed;
  for (std::size_t p = 0; p < passages.size(); ++p) {
    const auto& a = *analysed.emplace_back(analyse(passages[p]));
    for (std::size_t i = 0; i < a.sentences.size(); ++i) {
      sentence_terms.push_back(&a.sentence_terms[i]);
      sentence_types.push_back(a.sentence_types[i]);
      all.push_back({p, i, a.sentences[i], 0});
    }
  }
  if (all.empty()) return {};
  const auto title_terms = [&](std::size_t p) -> const std::vector<std::string>& { return analysed[p]->title_terms; };
  const auto mentioned = [&](const std::string& t) {
    for (const auto* st : sentence_terms)
      if (has(*st, t)) return true;
    for (std::size_t p = 0; p < passages.size(); ++p)
      if (has(title_terms(p), t)) return true;
    return false;
  };

  // Question terms, without greetings; duplicates collapse. A question in Spanish is matched on the English
  // words of its clinic vocabulary, and on its own words only where the passages use them too (names,
  // numbers, "diabetes"): the rest can never match English passages and would only veto the answer.
  const std::string words = without_redaction_marks(question);  // "[REDACTED-PERSON]" is not a question word
  const std::string gloss = english_gloss(words);
  std::set<std::string> q;
  for (auto& t : text::content_terms(mark_duration_hours(gloss.empty() ? words : gloss)))
    if (!is_greeting_word(t)) q.insert(t);
  // With personal data redacted, the words that introduced it ("my name is ..., born ...") are no question.
  static const std::vector<std::string> kDataLabels = [] {
    std::vector<std::string> terms;
    for (const char* label : {"name", "born", "birth", "birthday", "dob", "date", "phone", "number", "cell", "email",
                              "address", "ssn", "mrn", "social", "secur", "record"}) {
      const auto t = text::content_terms(label);
      terms.push_back(t.empty() ? label : t.front());
    }
    return terms;
  }();
  if (words != question)
    for (const auto& label : kDataLabels) q.erase(label);
  if (!gloss.empty())
    for (auto& t : text::content_terms(mark_duration_hours(words)))
      if (!is_greeting_word(t) && mentioned(t)) q.insert(t);

  // Nothing to match on ("tell me more"): the opening of the top passage is the honest answer.
  if (q.empty()) {
    std::vector<ScoredSentence> chosen;
    for (const auto& s : all)
      if (s.passage == all.front().passage && chosen.size() < 2) chosen.push_back(s);
    all = std::move(chosen);
  } else {
    // IDF over the sentences: a term in every sentence ("clinic") says little; one in a single
    // sentence ("parking") pins it down. Terms absent from every sentence weigh as much as the rarest
    // present one, so a question whose key word the passages never mention ("address") is not answered
    // from its common words ("clinic"), while generic verbs ("use") do not veto a good match.
    const double n = static_cast<double>(all.size());
    std::map<std::string, double> idf;
    double question_weight = 0;
    for (const auto& t : q) {
      double df = 0;
      for (const auto* st : sentence_terms) df += has(*st, t) ? 1 : 0;
      for (std::size_t p = 0; p < passages.size(); ++p) df += has(title_terms(p), t) ? 0.5 : 0;
      idf[t] = std::log(1.0 + n / std::max(df, 1.0));
      question_weight += idf[t];
    }
    // A matching sentence that also holds what the question asks for ("how much" -> an amount) ranks higher.
    // Coverage (whether to answer at all) is judged on the words alone.
    const auto wanted = answer::expected(gloss.empty() ? words : words + ' ' + gloss);
    double best = 0, best_words = 0;
    for (std::size_t k = 0; k < all.size(); ++k) {
      double overlap = 0, title = 0;
      for (const auto& t : q) {
        if (has(*sentence_terms[k], t)) overlap += idf[t];
        if (has(title_terms(all[k].passage), t)) title += idf[t];
      }
      // A title match lets the passage's opening sentence answer ("Opening hours" -> "We are open ...")
      // and breaks ties between sentences of the same passage.
      double score = overlap + 0.3 * title;
      if (overlap == 0 && !(title > 0 && all[k].index == 0)) score = 0;
      best_words = std::max(best_words, score);
      if (score > 0 && (sentence_types[k] & wanted)) score *= answer_type_boost_;
      all[k].score = score;
      best = std::max(best, score);
    }
    // Too little of the question is covered: better to say so than to answer something else.
    if (best_words <= 0 || best_words < min_coverage_ * question_weight) return {};
    std::vector<ScoredSentence> ranked(all.begin(), all.end());
    std::stable_sort(ranked.begin(), ranked.end(), [](const auto& a, const auto& b) { return a.score > b.score; });
    std::vector<ScoredSentence> chosen;
    for (const auto& s : ranked) {
      if (chosen.size() == 3 || s.score < 0.5 * best) break;
      if (std::any_of(chosen.begin(), chosen.end(), [&](const auto& c) { return c.text == s.text; })) continue;
      chosen.push_back(s);
    }
    std::sort(chosen.begin(), chosen.end(),
              [](const auto& a, const auto& b) { return std::tie(a.passage, a.index) < std::tie(b.passage, b.index); });
    // A chosen list lead-in ("Fees:", "Bring to your first visit:") says nothing without its items: they follow.
    std::vector<ScoredSentence> with_lists;
    for (std::size_t k = 0; k < chosen.size(); ++k) {
      with_lists.push_back(chosen[k]);
      const auto& lead = chosen[k];
      if (lead.text.empty() || lead.text.back() != ':') continue;
      const auto& sentences = analysed[lead.passage]->sentences;
      const std::size_t end = std::min(sentences.size(), lead.index + 1 + kMaxListItems);
      for (std::size_t i = lead.index + 1; i < end && list_item(sentences[i]); ++i) {
        if (k + 1 < chosen.size() && chosen[k + 1].passage == lead.passage && chosen[k + 1].index == i) break;
        with_lists.back().cite = false;
        with_lists.push_back({lead.passage, i, sentences[i], 0});
      }
    }
    all = std::move(with_lists);
  }

  // Citations numbered by first appearance.
  std::vector<std::size_t> cited;
  std::string body;
  for (const auto& s : all) {
    auto it = std::find(cited.begin(), cited.end(), s.passage);
    std::size_t n = static_cast<std::size_t>(it - cited.begin()) + 1;
    if (it == cited.end()) cited.push_back(s.passage);
    body += (body.empty() ? "" : " ") + ensure_period(s.text) + (s.cite ? " [" + std::to_string(n) + "]" : "");
  }
  std::string sources = "Sources:";
  for (std::size_t i = 0; i < cited.size(); ++i) {
    const auto& p = passages[cited[i]];
    std::string name = !p.title.empty()    ? p.title
                       : !p.source.empty() ? p.source
                                           : "Passage " + std::to_string(cited[i] + 1);
    sources += std::string(i ? ";" : "") + " [" + std::to_string(i + 1) + "] " + name;
  }
  return body + "\n\n" + sources;
}

std::string BuiltinResponder::confirm_tools(const std::vector<ToolResult>& results) const {
  std::string out;
  bool any_failed = false;
  for (const auto& r : results) {
    std::string line;
    if (r.ok) {
      line = success_headline(r.name);
      if (!r.summary.empty()) line += " " + ensure_period(r.summary);
      if (!r.fields.empty()) {
        std::vector<std::string> details;
        for (const auto& [k, v] : r.fields) details.push_back(capitalise(text::humanize(k)) + ": " + v);
        std::string joined;
        for (const auto& d : details) joined += (joined.empty() ? "" : "; ") + d;
        line += " Details: " + ensure_period(joined);
      }
    } else {
      any_failed = true;
      line = "I couldn't complete the " + text::humanize(r.name) + " request";
      line += r.error.empty() ? "." : ": " + ensure_period(r.error);
    }
    out += (out.empty() ? "" : "\n") + line;
  }
  if (any_failed) out += "\nWould you like me to try again or connect you with a member of our staff?";
  return out;
}

std::string BuiltinResponder::ask_for_slots(const std::string& intent, const std::vector<std::string>& slots) const {
  std::vector<std::string> phrases;
  for (const auto& s : slots) {
    auto p = slot_phrase(s);
    if (std::find(phrases.begin(), phrases.end(), p) == phrases.end()) phrases.push_back(p);
  }
  std::string lead = intent.empty() ? "" : intent_lead(intent) + " ";
  return lead + "Could you please tell me " + join_list(phrases) + "?";
}

}  // namespace aurixa::llm
