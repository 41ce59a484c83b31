// Context rules for emergency hits. The cue lists are general English/Spanish function phrases
// (NegEx-style triggers, temporal expressions, question forms, idioms), not tied to any data set.
#include "roles/safety/emergency_context.hpp"
#include "roles/safety/word_table.hpp"

#include <re2/re2.h>
#include <re2/set.h>

#include <algorithm>
#include <array>
#include <cstdint>
#include <cstring>
#include <string_view>
#include <unordered_map>

namespace aurixa::safety {
namespace {

// Negation triggers: a following hit within kNegWindow tokens, before a scope terminator, is negated.
constexpr const char* kNegPre =
    R"(no|not|never|without|denies|denied|deny|negative for|free of|absence of|none|neither|nor|dont have|do not have|doesnt have|does not have|didnt have|dont feel|dont think|havent had|hasnt had|havent|hasnt|didnt|did not|dont|doesnt|isnt|arent|wasnt|werent|not having|no signs? of|no history of|no more|ni|sin|nunca|tampoco|no tengo|no tiene|no hay)";
// Phrases that contain a negation word but negate nothing after them.
constexpr const char* kPseudoNeg =
    R"(not sure|not certain|no idea|dont know|do not know|not only|no one|nobody|oh no|no matter|not just|dont want|do not want|no doubt|not to mention|cant tell|dont understand|no wonder|no way|no se si|no se que|not an emergency|no emergency|no puede|no puedo|no pueden|no podia|no podemos)";
// Resolution after a hit ("wheezing is much better"): the hit is no longer current.
constexpr const char* kNegPost =
    R"((?:is |are |has |have |seems |was |got |its |it is |has been )?(?:much |a lot |way |so much |a little |alot )?(?:gone|resolved|went away|goes away|go away|better|improved|improving|cleared up|under control|has stopped|stopped|fine now|is fine|are fine|normal now|ruled out|all good|okay now|ok now|subsided|eased up|eased|ya paso|mejor))";
constexpr const char* kPast =
    R"(in (?:19|20)\d\d|back in (?:19|20)?\d\d|(?:in|during|since) (?:high school|college|my twenties|my teens)|last (?:year|month|week|summer|spring|fall|autumn|winter|time|christmas|january|february|march|april|may|june|july|august|september|october|november|december)|(?:a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|few|a few|couple|a couple|couple of|a couple of|several|many|some|\d+) (?:years?|months?|weeks?|yrs?|decades?) ago|(?:a|an|one|two|three|four|five|six|seven|eight|nine|ten|few|a few|couple|a couple|couple of|a couple of|several|many|some|\d+) (?:years?|months?|weeks?|yrs?) back|years back|months back|years ago|months ago|weeks ago|ages ago|long time ago|long ago|a while ago|a while back|used to|in the past|history of|hx of|previous(?:ly)?|prior|former(?:ly)?|as a (?:kid|child|teen|teenager|baby|toddler)|when (?:i|he|she|we|they) (?:was|were) (?:a |younger|little|young|small|\d+|in)|(?:was|were) (?:treated|diagnosed|hospitali[sz]ed|admitted|seen) (?:for|with)|recovered from|recovering from|survived|survivor|el ano pasado|hace (?:\w+ )?(?:anos|meses|semanas)|de (?:nino|nina|joven)|en el pasado)";
constexpr const char* kPresent =
    R"(now|right now|currently|at the moment|again|another|today|tonight|this (?:morning|afternoon|evening|minute|second|instant)|just now|just (?:had|happened|started|did|took|swallowed|fell|collapsed)|(?:\d+|a|an|one|two|few|a few|couple|a couple of|several|ten|twenty|thirty) (?:minutes?|mins?|hours?|hrs?) ago|is having|am having|are having|im having|hes having|shes having|theyre having|keeps|ahora|ahorita|hoy)";
constexpr const char* kPastVerb = R"(had|has had|have had|ive had|hes had|shes had|suffered|tuvo)";
constexpr const char* kRoutine =
    R"(follow up|followup|appointment|appointments|appt|appts|rehab|rehabilitation|refill|refills|records|referral|checkup|check up|clearance|physical|paperwork|form|forms|note|letter|results|reschedule|cita|citas|receta)";
constexpr const char* kHypothetical =
    R"(if|in case|whenever|what if|when (?:should|do|does|is it|to|would)|should (?:i|someone|you|we|a person) (?:call|go|see|worry|be worried)|suppose|supposing|hypothetically|should (?:i|someone|you|he|she) ever|en caso de|what (?:are|is|causes|cause|happens|should|would|to do|do (?:i|you|we) do if|does|do|kind|type|types|counts)|whats (?:the|a|an)|how (?:can|do (?:you|people|they|doctors)|does|long|common|likely|serious|dangerous|often|would|should|is|are|much|many|quickly|soon|fast)|how do i (?:know|tell|recognize|recognise|spot|prevent|avoid|check)|why (?:do|does|is|are|would|did)|(?:warning )?signs? (?:of|that)|symptoms? of|risk factors?|risks? (?:of|for)|causes? of|treatment (?:for|of)|prevent\w*|explain|tell me (?:about|more)|information (?:on|about)|info (?:on|about)|learn\w* (?:about|more|how)|difference between|is it (?:normal|safe|true|possible|bad|dangerous|common|okay|ok)|can (?:you|a|an|someone|people|stress|anxiety|dehydration|caffeine) (?:explain|tell|get|have|die|cause|give)|(?:do|does) (?:you|they|the clinic) (?:offer|have|teach|provide)|class|classes|course|training|certification|webinar|article|video|documentary|research|homework|school project|essay|presentation|quiz|(?:que|cuales) (?:es|son)|que hacer si|que (?:hago|hacemos|debo hacer|debemos hacer|se hace|hay que hacer) si|si alguien|en caso de que|como (?:se|saber|puedo saber)|sintomas de|senales de)";
// Question forms that make a whole sentence hypothetical wherever they stand ("is X normal?").
constexpr const char* kHypoSentence =
    R"((?:is|are|does|do|can) (?:\w+ ){1,3}(?:always|usually|normally|typically|generally|ever) (?:a |an )?(?:\w+ ){0,2}(?:sign|signs|symptom|symptoms|problem|problems|caused|cause|serious|dangerous|related|linked)|(?:normal|common|typical|serious|dangerous|contagious|hereditary|genetic|preventable|treatable|curable|a sign of \w+|something to worry about) \?|(?:is|are) (?:that|this|it|these|those) (?:normal|common|serious|bad|dangerous) \?)";
// A definite subject in a present state ends a hypothetical scope: "what do i do, my husband is ...".
constexpr const char* kHypoBreak =
    R"((?:my|his|her|our|their) \w+ (?:is|are|has|keeps|just|cant|wont|isnt|was|seems)|(?:im|hes|shes|theyre|he is|she is|i am|they are) (?:\w+ing|not|having|so|really|very|unconscious|unresponsive|blue)|right now|please help|help me|help us|hurry|ayuda|(?:mi|su|nuestro|nuestra) \w+ (?:esta|tiene|no esta|no puede|se esta)|ahora mismo)";
constexpr const char* kIdiom =
    R"((?:is|are|was|its|it is|thats|this is|youre|these are|theyre|will be|going to|gonna) (?:\w+ )?(?:killing|kill) (?:me|us)|kills me|killing me|(?:dying|die) (?:for|to (?:get|see|know|try|have|hear|go|meet))|to die for|(?:bored|scared|worried|sick|tired|freaked|frightened|annoyed|laughed|laughing|worked) (?:myself |me )?to death|(?:gave|give|giving|gives) (?:me|him|her|us) (?:a )?(?:heart attack|stroke)|(?:nearly|almost|practically|about to) (?:had|have|having|gave me) (?:a )?(?:heart attack|stroke|seizure|fit)|(?:nearly|almost) (?:died|fainted|passed out|choked|collapsed)|stroke of (?:luck|genius|midnight|the pen|bad luck|insight)|(?:back|breast) ?stroke|(?:choke|choked|choking) (?:on|at|over) (?:the |that |this |my |those |these |our )?(?:price|prices|bill|bills|cost|costs|number|total|amount|estimate|news|quote|copay|invoice|charge|charges|fee|fees)|drowning in|bleeding (?:money|cash|me dry|us dry)|(?:wallet|bank account|budget|pockets?|savings|account|paycheck) (?:is |are |keeps |has been )?bleed\w*|dead (?:tired|serious|wrong|end|set)|deadline|killer|heart ?broken|broke my heart|my heart (?:broke|sank|skipped)|dying of (?:laughter|boredom|embarrassment|curiosity)|(?:im|i am|i was) dying (?:here|lol|over)|(?:throw|threw|throwing) a fit|fit (?:for|to be))";
constexpr const char* kMoney =
    R"(bill|bills|billing|price|prices|pricing|cost|costs|copay|copays|co pay|deductible|invoice|charges?|fees?|premiums?|insurance|paperwork|wait|waits|wait times?|waiting (?:times?|lists?|on|for|around|forever|so long|all day)|on hold|traffic|homework|exam|exams|boss|job|taxes|rent|statement|balance|estimate|quote|parking|queue|portal|website|forms?|joke|news|game|movie|team)";
constexpr const char* kLaugh = R"(lol|lmao|lmfao|haha\w*|hehe\w*|rofl|jk|jaja\w*|xd)";
constexpr const char* kModifierAfter =
    R"(risk|risks|prevention|awareness|hotline|hotlines|lifeline|helpline|crisis line|line|number|class|classes|training|course|survivor|survivors|support|group|screening|test|tests|testing|results?|medications?|meds?|medicines?|prescriptions?|rx|refills?|plan|kit|bracelet|insurance|coverage|claim|unit|ward|center|centre|clinic|specialist|doctor|neurologist|cardiologist|education|month|walk|fundraiser|symptoms|signs|rehab|rehabilitation|therapy|therapist|follow|followup|appointments?|appts?|visits?|checkup|history|care|recovery|protocol|drill|pamphlet|poster|research|study|studies|statistics|stats|rates?|disorders?|types?|factors|pressure|sugar|work|draw|donation|donors?|count|levels?|thinners?|thinning|bank|hazards?|cream|ointment|spray|gel|treatments?|machine|exercises?|control|patients|victims?|precautions|scare|scares|free|vaccine|panel|diary|log|policy)";
constexpr const char* kModifierBefore =
    R"(risk of|risks of|prevent|preventing|prevention of|history of|family history of|after (?:my|his|her|their)|since (?:my|his|her|their|the)|recover\w* from|survived(?: a| an| the| my| his| her)?|regarding|post|previous|prior|past|signs of(?: a| an)?|symptoms of(?: a| an)?|risk for|at risk for|to prevent|fear of|afraid of|scared of|chance of|odds of)";
constexpr const char* kAttenuate =
    R"(a little|a bit|a tad|slight|slightly|mild|mildly|minor|kind of|kinda|sort of|for (?:a few |several |many |the past |the last |over )?(?:days|weeks|months|years)|on and off|off and on|comes and goes|every (?:day|night|morning|evening)|occasional|occasionally|sometimes|now and then|from time to time|for a (?:minute|second|moment|sec)|tiny|small|little bit|a touch of|over the past (?:few )?(?:days|weeks|months)|lately|chronic|probably (?:the|just|from|due)|poquito|un poco|leve)";
constexpr const char* kAmplify =
    R"(severe|severely|really bad|very bad|so bad|getting worse|worse and worse|worsening|suddenly|sudden|out of nowhere|all of a sudden|fast|rapidly|quickly|everywhere|extremely|intense|heavily|wont stop|emergency|urgent|urgente|help)";

// Per-word roles, looked up once per token: NegEx scope terminators, clause boundaries, contrastive
// conjunctions (end a hypothetical scope) and first-person words.
enum WordRole : unsigned { kScopeEnd = 1, kClauseEnd = 2, kContrast = 4, kFirstPerson = 8 };
const WordTable& word_roles() {
  static const WordTable k = [] {
    std::unordered_map<std::string_view, unsigned> m;
    for (auto w : {"but",  "however", "although", "though", "except", "aside",   "apart", "yet",   "still", "just",
                   "only", "now",     "then",     "which",  "who",    "because", "cause", "since", "while", "whereas",
                   "pero", "aunque",  "sino",     "solo",   "ahora",  "excepto", "salvo", "plus"})
      m[w] |= kScopeEnd;
    for (auto w : {"but", "however", "although", "though", "yet", "except", "whereas", "pero", "aunque", "sino", "now",
                   "then", "because", "while", "when", "after", "ahora"})
      m[w] |= kClauseEnd;
    for (auto w : {"but", "however", "although", "though", "yet", "except", "pero", "aunque", "sino"})
      m[w] |= kContrast;
    for (auto w : {"i", "im", "me", "my", "myself", "ive", "id", "ill", "mine", "yo", "mi", "estoy", "tengo"})
      m[w] |= kFirstPerson;
    return WordTable(m);
  }();
  return k;
}

constexpr std::size_t kNegWindow = 6;   // tokens between trigger and hit
constexpr std::size_t kPostWindow = 4;  // tokens between hit and resolution phrase

bool overlaps(const TokenSpan& s, const EmergencyHit& h) { return s.first <= h.last_token && s.last >= h.first_token; }

}  // namespace

namespace {
// kLaugh and kRoutine as word lists, matched on the message's words without a regex pass (find_register()).
// Both are \b(?:...)\b alternations of plain lower-case words, "word\w*" prefixes and "word word" pairs; any
// other syntax in them is refused when the rules are built, so the lists stay the one source of truth.
class RegisterWords {
 public:
  void add(std::string_view alternation, unsigned bit) {
    for (std::size_t i = 0; i <= alternation.size();) {
      std::size_t j = alternation.find('|', i);
      if (j == std::string_view::npos) j = alternation.size();
      std::string_view item = alternation.substr(i, j - i);
      Entry e;
      e.bit = bit;
      if (item.ends_with("\\w*")) e.prefix = true, item.remove_suffix(3);
      const std::size_t space = item.find(' ');
      e.word = std::string(item.substr(0, space));
      if (space != std::string_view::npos) e.second = std::string(item.substr(space + 1));
      const auto plain = [](std::string_view w) {
        return !w.empty() && std::all_of(w.begin(), w.end(), [](char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'); });
      };
      if (!plain(e.word) || (space != std::string_view::npos && (!plain(e.second) || e.prefix)))
        throw std::logic_error("emergency context: register list item '" + std::string(item) + "' is not a plain word");
      by_first_[static_cast<unsigned char>(e.word[0])].push_back(std::move(e));
      i = j + 1;
    }
  }
  // The bits of the lists that the word run `r` matches; next() is the following run when one space away.
  template <typename Next>
  unsigned match(std::string_view r, Next&& next) const {
    const auto c = static_cast<unsigned char>(r[0]);
    if (c >= by_first_.size()) return 0;
    unsigned bits = 0;
    for (const auto& e : by_first_[c])
      if (e.prefix ? r.starts_with(e.word) : r == e.word && (e.second.empty() || next() == e.second)) bits |= e.bit;
    return bits;
  }

 private:
  struct Entry {
    std::string word, second;  // second: the pair's second word
    bool prefix = false;
    unsigned bit = 0;
  };
  std::array<std::vector<Entry>, 128> by_first_;
};
constexpr unsigned kLaughBit = 1, kRoutineBit = 2;
}  // namespace

struct ContextRules::Impl {
  std::vector<std::pair<std::string, std::unique_ptr<RE2>>> sources;
  std::vector<std::string> full;     // the compiled pattern of each source, same order
  std::unique_ptr<RE2::Set> gate;    // all cue patterns: one pass tells which can match at all
  int index(const RE2* re) const {
    for (std::size_t i = 0; i < sources.size(); ++i)
      if (sources[i].second.get() == re) return static_cast<int>(i);
    return -1;
  }
  RE2* neg_pre;
  RE2* pseudo;
  RE2* neg_post;
  RE2* past;
  RE2* present;
  RE2* past_verb;
  RegisterWords register_words;  // kLaugh and kRoutine for find_register() (not regexes: matched word by word)
  RE2* hypo;
  RE2* hypo_sentence;
  RE2* hypo_break;
  RE2* idiom;
  RE2* money;
  RE2* mod_after;
  RE2* mod_before;
  RE2* attenuate;
  RE2* amplify;

  // Cues are whole words: \b on both sides, except after a cue that ends in punctuation.
  RE2* add(const char* pattern, bool word_end = true) {
    RE2::Options o;
    o.set_log_errors(false);
    o.set_max_mem(16 << 20);
    full.push_back(std::string(R"(\b(?:)") + pattern + (word_end ? R"()\b)" : ")"));
    auto re = std::make_unique<RE2>(full.back(), o);
    if (!re->ok()) throw std::logic_error("emergency context pattern: " + re->error());
    RE2* raw = re.get();
    sources.emplace_back(pattern, std::move(re));
    return raw;
  }
};

ContextRules::ContextRules() : impl_(std::make_unique<Impl>()) {
  auto& m = *impl_;
  m.neg_pre = m.add(kNegPre);
  m.pseudo = m.add(kPseudoNeg);
  m.neg_post = m.add(kNegPost);
  m.past = m.add(kPast);
  m.present = m.add(kPresent);
  m.past_verb = m.add(kPastVerb);
  m.hypo = m.add(kHypothetical);
  m.hypo_sentence = m.add(kHypoSentence, false);
  m.hypo_break = m.add(kHypoBreak);
  m.idiom = m.add(kIdiom);
  m.money = m.add(kMoney);
  m.mod_after = m.add(kModifierAfter);
  m.mod_before = m.add(kModifierBefore);
  m.attenuate = m.add(kAttenuate);
  m.amplify = m.add(kAmplify);
  if (m.sources.size() > 32) throw std::logic_error("emergency context: more cue patterns than bits in find()");
  m.register_words.add(kLaugh, kLaughBit);
  m.register_words.add(kRoutine, kRoutineBit);
  RE2::Options o;
  o.set_log_errors(false);
  o.set_max_mem(64 << 20);
  m.gate = std::make_unique<RE2::Set>(o, RE2::UNANCHORED);
  for (const auto& p : m.full) {
    std::string err;
    if (m.gate->Add(p, &err) < 0) throw std::logic_error("emergency context gate: " + err);
  }
  if (!m.gate->Compile()) throw std::logic_error("emergency context gate does not compile");
}

ContextRules::~ContextRules() = default;

std::vector<std::string> ContextRules::pattern_sources() const {
  std::vector<std::string> out;
  for (const auto& [src, re] : impl_->sources) out.push_back(src);
  return out;
}

namespace {
using Ranges = std::vector<std::pair<std::size_t, std::size_t>>;
}  // namespace

ContextCues ContextRules::find(const NormalizedText& t, const Ranges& r) const {
  const auto& m = *impl_;
  ContextCues c;
  const std::size_t n = t.tokens.size();
  c.clause.resize(n);
  c.sentence.resize(n);
  c.scope_end.resize(n);
  c.hard_break.resize(n);
  int clause = 0, sentence = 0;
  bool first_person = false;
  // Word roles are looked up only inside the ranges (the rules compare positions within one hit sentence;
  // ids elsewhere need only be consistent, not exact).
  std::size_t range = 0;
  for (std::size_t i = 0; i < n; ++i) {
    auto tok = t.token(i);
    const bool punct = t.tokens[i].punct;
    while (range < r.size() && r[range].second <= t.tokens[i].begin) ++range;
    const bool in_range = range < r.size() && r[range].first <= t.tokens[i].begin;
    unsigned role = 0;
    if (!punct && in_range) role = word_roles().find(tok);
    if (role & kClauseEnd) ++clause;
    c.clause[i] = clause;
    c.sentence[i] = sentence;
    c.scope_end[i] = punct || (role & kScopeEnd);
    c.hard_break[i] = punct || (role & kContrast);
    if (role & kFirstPerson) first_person = true;
    if (punct) {
      ++clause;
      if (tok == "." || tok == "!" || tok == "?" || tok == ";") {
        c.first_person_sentence.push_back(first_person);
        first_person = false;
        ++sentence;
      }
    }
  }
  c.first_person_sentence.push_back(first_person);
  // One RE2::Set pass per range says which cue patterns occur there; each pattern then runs only over the ranges
  // where it occurs. Should the set's DFA run out of memory, every pattern runs everywhere (same result, slower).
  std::vector<std::uint32_t> on(r.size(), 0);  // per range: bit i = source i occurs
  {
    std::vector<int> ids;
    for (std::size_t k = 0; k < r.size(); ++k) {
      const auto [from, to] = r[k];
      RE2::Set::ErrorInfo err{};
      ids.clear();
      const bool any = m.gate->Match(re2::StringPiece(t.text.data() + from, to - from), &ids, &err);
      if (!any && err.kind != RE2::Set::kNoError) {
        on.assign(on.size(), ~std::uint32_t{0});
        break;
      }
      for (int id : ids) on[k] |= std::uint32_t{1} << id;
    }
  }
  auto find_all = [&](const RE2& re, const NormalizedText& text, const Ranges& ranges) {
    std::vector<TokenSpan> out;
    const int i = m.index(&re);
    re2::StringPiece whole(text.text);
    re2::StringPiece match;
    for (std::size_t k = 0; k < ranges.size(); ++k) {
      if (i >= 0 && !(on[k] >> i & 1)) continue;
      const auto [from, to] = ranges[k];
      std::size_t pos = from;
      while (pos <= to && re.Match(whole, pos, to, RE2::UNANCHORED, &match, 1)) {
        const auto b = static_cast<std::size_t>(match.data() - text.text.data());
        const auto e = b + match.size();
        if (e > b) out.push_back({text.token_at(b), text.token_at(e - 1)});
        pos = e > b ? e : b + 1;
      }
    }
    return out;
  };
  c.neg_pre = find_all(*m.neg_pre, t, r);
  c.pseudo_neg = find_all(*m.pseudo, t, r);
  c.neg_post = find_all(*m.neg_post, t, r);
  c.past = find_all(*m.past, t, r);
  c.present = find_all(*m.present, t, r);
  c.past_verb = find_all(*m.past_verb, t, r);
  c.hypothetical = find_all(*m.hypo, t, r);
  c.hypo_sentence = find_all(*m.hypo_sentence, t, r);
  c.hypo_break = find_all(*m.hypo_break, t, r);
  c.idiom = find_all(*m.idiom, t, r);
  c.money = find_all(*m.money, t, r);
  c.modifier_before = find_all(*m.mod_before, t, r);
  c.modifier_after = find_all(*m.mod_after, t, r);
  c.attenuate = find_all(*m.attenuate, t, r);
  c.amplify = find_all(*m.amplify, t, r);
  c.text = &t;
  return c;
}

namespace {
// The whole-message register: kLaugh and kRoutine over the whole text, without a regex pass. Both are
// \b(?:words)\b with RE2's ASCII \b, so a match is a maximal run of [A-Za-z0-9_] equal to a word (for the
// haha\w* forms: starting with "haha"), or, for "follow up" and "check up", two runs with one space between.
void find_register(const ContextCues& c, const RegisterWords& words) {
  c.register_known = true;
  const std::string_view t = c.text ? std::string_view(c.text->text) : std::string_view();
  auto w = [](unsigned char ch) {
    return (ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9') || (ch >= 'A' && ch <= 'Z') || ch == '_';
  };
  auto run_at = [&](std::size_t i) {  // the run starting at i (i is a run start)
    std::size_t j = i;
    while (j < t.size() && w(static_cast<unsigned char>(t[j]))) ++j;
    return t.substr(i, j - i);
  };
  // Candidates by first letter (RegisterWords buckets): most runs are rejected at once. Every word starts with a letter, so on ASCII
  // text only runs at token starts can match, and comparing the whole token gives the same answer as comparing
  // its run (a normalized word token is [a-z0-9] with '.' only between digits: a token that differs from its run
  // ends in digits and equals no word). Text with other bytes is scanned run by run.
  std::uint64_t any = 0;
  std::size_t k = 0;
  for (; k + 8 <= t.size(); k += 8) {
    std::uint64_t v;
    std::memcpy(&v, t.data() + k, 8);
    any |= v;
  }
  for (; k < t.size(); ++k) any |= static_cast<unsigned char>(t[k]);
  const bool by_token = !(any & 0x8080808080808080ull) && c.text;
  std::size_t token = 0;
  for (std::size_t i = 0; !(c.laugh && c.routine);) {
    std::string_view r;
    if (by_token) {
      if (token >= c.text->tokens.size()) break;
      const Token& tok = c.text->tokens[token++];
      i = tok.end;
      r = t.substr(tok.begin, tok.end - tok.begin);
      if (r.size() < 2) continue;
    } else {
      if (i >= t.size()) break;
      if (!w(static_cast<unsigned char>(t[i]))) {
        ++i;
        continue;
      }
      r = run_at(i);
      i += r.size();
    }
    const unsigned bits = words.match(r, [&] {  // i is the end of r
      return i + 1 < t.size() && t[i] == ' ' ? run_at(i + 1) : std::string_view();
    });
    const bool laugh = bits & kLaughBit, routine = bits & kRoutineBit;
    c.laugh = c.laugh || laugh;
    c.routine = c.routine || routine;
  }
}
bool laugh(const ContextCues& c, const RegisterWords& words) {
  if (!c.register_known) find_register(c, words);
  return c.laugh;
}
bool routine(const ContextCues& c, const RegisterWords& words) {
  if (!c.register_known) find_register(c, words);
  return c.routine;
}
}  // namespace

std::string ContextRules::suppression(const ContextCues& c, const EmergencyHit& h, unsigned flags) const {
  const bool self_harm = flags & kSelfHarm;
  const int sentence = c.sentence[h.first_token];
  const int clause = c.clause[h.first_token];
  auto in_pseudo = [&](const TokenSpan& s) {
    for (const auto& p : c.pseudo_neg)
      if (p.first <= s.first && p.last >= s.last) return true;
    return false;
  };
  auto terminated = [&](std::size_t from, std::size_t to) {  // any scope end strictly between
    for (std::size_t i = from + 1; i < to; ++i)
      if (c.scope_end[i]) return true;
    return false;
  };

  // 1. Figurative: an idiom covering the hit, or a figurable word in a money/joke register.
  for (const auto& s : c.idiom)
    if (overlaps(s, h) && !(flags & kLiteral)) return "figurative";
  if ((flags & kFigurable) && !self_harm) {
    if (laugh(c, impl_->register_words)) return "figurative";
    for (const auto& s : c.money)
      if (c.clause[s.first] == clause && !overlaps(s, h)) return "figurative";
  }

  // 2. Negation before the hit (NegEx), unless the trigger is a pseudo-negation.
  for (const auto& s : c.neg_pre) {
    if (overlaps(s, h) || s.last >= h.first_token || in_pseudo(s)) continue;
    if (c.sentence[s.last] != sentence) continue;
    if (h.first_token - s.last - 1 > kNegWindow) continue;
    if (terminated(s.last, h.first_token)) continue;
    return "negated";
  }
  // 3. Resolution after the hit ("... is much better now").
  for (const auto& s : c.neg_post) {
    if (overlaps(s, h) || s.first <= h.last_token) continue;
    if (c.clause[s.first] != clause || s.first - h.last_token - 1 > kPostWindow) continue;
    return "resolved";
  }

  // 4. Modifier: the concept names a service, risk or topic ("stroke rehab", "suicide hotline").
  for (const auto& s : c.modifier_after)
    if (s.first == h.last_token + 1) return "modifier";
  for (const auto& s : c.modifier_before)
    if (s.last < h.first_token && h.first_token - s.last <= 2 && !terminated(s.last, h.first_token)) return "modifier";

  // 5. Present anchors in the hit's clause keep it current against past and hypothetical cues.
  bool present = false;
  for (const auto& s : c.present)
    if (c.clause[s.first] == clause && !overlaps(s, h)) present = true;

  // 6. Hypothetical / educational question with no definite present subject in between.
  const bool bypass_hypo = self_harm && c.first_person_sentence[static_cast<std::size_t>(sentence)];
  if (!bypass_hypo) {
    for (const auto& s : c.hypo_sentence)
      if (c.sentence[s.first] == sentence) return "hypothetical";
    for (const auto& s : c.hypothetical) {
      if (c.sentence[s.first] != sentence || s.first > h.first_token) continue;
      bool broken = false;
      for (std::size_t i = s.last + 1; i < h.first_token; ++i) broken = broken || c.hard_break[i];
      // A definite subject right after a condition that opens the sentence is the condition's subject ("If my
      // child has a seizure at school, what should...?"), not a present fact ("what do I do, my husband is ...").
      // Only at the opening: "what do I do if my baby isn't breathing" may well be happening now.
      const bool opens = s.first == 0 || c.sentence[s.first - 1] != sentence;
      auto word = [&](std::size_t i) { return c.text ? c.text->token(i) : std::string_view(); };
      const bool condition = opens && (word(s.first) == "if" || (word(s.first) == "in" && word(s.last) == "case") ||
                                       (word(s.first) == "what" && s.last == s.first + 1 && word(s.last) == "if"));
      for (const auto& b : c.hypo_break)
        if (b.first > s.last && b.first <= h.first_token && c.sentence[b.first] == sentence &&
            !(condition && b.first == s.last + 1))
          broken = true;
      if (!broken) return "hypothetical";
    }
  }

  // 7. Past: a temporal cue in the sentence, or "had a <event>" in an administrative request.
  if (!present) {
    // Across punctuation or a contrast a cue dates only its own clause: in "chest pain and short of breath, I
    // had a heart attack last year" the year dates the heart attack, not the pain, and in "bleeding after my
    // delivery last week, soaking a pad every 20 minutes" the soaking is now. A cue that is its whole clause
    // ("last year, I had a stroke") still dates what follows; "fainted once after giving blood last year"
    // has no break and keeps its cue.
    auto broken = [&](std::size_t from, std::size_t to) {  // a break strictly between
      for (std::size_t i = from + 1; i < to; ++i)
        if (c.hard_break[i]) return true;
      return false;
    };
    auto fronted = [&](const TokenSpan& s) {  // the cue alone between the sentence start or a break and a break
      const bool starts = s.first == 0 || c.hard_break[s.first - 1] || c.sentence[s.first - 1] != sentence;
      return starts && s.last + 1 < c.hard_break.size() && c.hard_break[s.last + 1];
    };
    for (const auto& s : c.past) {
      if (c.sentence[s.first] != sentence || overlaps(s, h)) continue;
      const bool applies = s.first < h.first_token ? !broken(s.last, h.first_token) || fronted(s)
                                                   : !broken(h.last_token, s.first);
      if (applies) return "past";
    }
    for (const auto& s : c.past_verb)
      if (s.last < h.first_token && h.first_token - s.last <= 3 && c.sentence[s.first] == sentence &&
          routine(c, impl_->register_words))
        return "past";
  }
  return {};
}

double ContextRules::intensity(const ContextCues& c, const EmergencyHit& h) const {
  const int clause = c.clause[h.first_token];
  double f = 1.0;
  for (const auto& s : c.attenuate)
    if (c.clause[s.first] == clause && !overlaps(s, h)) f = 0.5;
  if (f == 1.0)
    for (const auto& s : c.amplify)
      if (c.clause[s.first] == clause && !overlaps(s, h)) f = 1.5;
  return f;
}

}  // namespace aurixa::safety
