#include "core/config.hpp"
#include "core/json.hpp"

#include <boost/json.hpp>
#include <charconv>
#include <fstream>
#include <sstream>
#include <thread>

namespace aurixa {
namespace {

struct Setting {
  const char* name;
  std::vector<const char*> env;  // first is the AURIXA_* name, then the original's names
  const char* help;
  std::function<void(Config&, const std::string&)> apply;  // throws std::invalid_argument with the reason
  std::function<std::string(const Config&)> show;
};

std::int64_t to_int(const std::string& v, std::int64_t lo, std::int64_t hi) {
  std::int64_t x = 0;
  auto [p, ec] = std::from_chars(v.data(), v.data() + v.size(), x);
  if (ec != std::errc() || p != v.data() + v.size() || v.empty())
    throw std::invalid_argument("'" + v + "' is not an integer");
  if (x < lo || x > hi)
    throw std::invalid_argument(std::to_string(x) + " is outside " + std::to_string(lo) + ".." + std::to_string(hi));
  return x;
}

bool to_bool(const std::string& v) {
  if (v == "1" || v == "true" || v == "on" || v == "yes") return true;
  if (v == "0" || v == "false" || v == "off" || v == "no") return false;
  throw std::invalid_argument("'" + v + "' is not a boolean (true/false)");
}

std::string one_of(const std::string& v, std::initializer_list<const char*> allowed) {
  for (auto* a : allowed)
    if (v == a) return v;
  std::string list;
  for (auto* a : allowed) list += std::string(list.empty() ? "" : ", ") + a;
  throw std::invalid_argument("'" + v + "' is not one of " + list);
}

std::string check_roles(const std::string& v) {
  if (v == "all") return v;
  std::stringstream ss(v);
  std::string item;
  int n = 0;
  while (std::getline(ss, item, ',')) {
    bool known = false;
    for (const auto& r : all_role_names()) known |= (r == item);
    if (!known) throw std::invalid_argument("unknown role '" + item + "'");
    ++n;
  }
  if (n == 0) throw std::invalid_argument("no role given");
  return v;
}

#define INT_SETTING(field, lo, hi)                                                   \
  [](Config& c, const std::string& v) { c.field = static_cast<decltype(c.field)>(to_int(v, lo, hi)); }, \
      [](const Config& c) { return std::to_string(c.field); }
#define STR_SETTING(field) \
  [](Config& c, const std::string& v) { c.field = v; }, [](const Config& c) { return c.field; }
// Finite decimal in [lo, hi] (LLM prices, thresholds and budgets).
double to_double(const std::string& v, double lo, double hi) {
  double x = 0;
  auto [p, ec] = std::from_chars(v.data(), v.data() + v.size(), x);
  if (ec != std::errc() || p != v.data() + v.size() || v.empty() || !(x >= lo && x <= hi))
    throw std::invalid_argument("'" + v + "' is not a number in " + std::to_string(lo) + ".." + std::to_string(hi));
  return x;
}
#define DOUBLE_SETTING(field, lo, hi) \
  [](Config& c, const std::string& v) { c.field = to_double(v, lo, hi); }, [](const Config& c) { std::ostringstream o; o << c.field; return o.str(); }
#define BOOL_SETTING(field) \
  [](Config& c, const std::string& v) { c.field = to_bool(v); }, [](const Config& c) { return std::string(c.field ? "true" : "false"); }

const std::vector<Setting>& settings() {
  static const std::vector<Setting> kSettings = {
      {"host", {"AURIXA_HOST", "API_GATEWAY_HOST"}, "Address to bind.", STR_SETTING(host)},
      {"port", {"AURIXA_PORT", "API_GATEWAY_PORT"}, "Port to bind; 0 picks a free port and prints it.", INT_SETTING(port, 0, 65535)},
      {"roles", {"AURIXA_ROLES"}, "Roles this process runs: all, or a comma list of gateway, orchestration, llm, agents, rag, safety, voice, execution, observability.",
       [](Config& c, const std::string& v) { c.roles = check_roles(v); }, [](const Config& c) { return c.roles; }},
      {"data_dir", {"AURIXA_DATA_DIR"}, "Directory for the SQLite store, indexes and models.", STR_SETTING(data_dir)},
      {"io_threads", {"AURIXA_IO_THREADS"}, "HTTP I/O threads (0 = number of cores).", INT_SETTING(io_threads, 0, 256)},
      {"worker_threads", {"AURIXA_WORKER_THREADS"}, "Threads for blocking work (database, models, outbound calls). 0 = 2 x cores (at least 4) when every role, the store and the models are in this process (CPU-bound work: more threads only time-slice the cores), else 16 (each outbound call holds a thread).", INT_SETTING(worker_threads, 0, 1024)},
      {"stream_threads", {"AURIXA_STREAM_THREADS"}, "Threads for streaming responses and WebSockets.", INT_SETTING(stream_threads, 1, 4096)},
      {"max_body_bytes", {"AURIXA_MAX_BODY_BYTES"}, "Default request body limit (413 above it).", INT_SETTING(max_body_bytes, 1, std::int64_t(1) << 32)},
      {"max_header_bytes", {"AURIXA_MAX_HEADER_BYTES"}, "Request header limit (431 above it).", INT_SETTING(max_header_bytes, 1024, 1 << 20)},
      {"idle_timeout_ms", {"AURIXA_IDLE_TIMEOUT_MS"}, "Keep-alive idle timeout.", INT_SETTING(idle_timeout_ms, 100, 86'400'000)},
      {"request_timeout_ms", {"AURIXA_REQUEST_TIMEOUT_MS"}, "Default deadline of a request (routes may set their own).", INT_SETTING(request_timeout_ms, 100, 86'400'000)},
      {"shutdown_grace_ms", {"AURIXA_SHUTDOWN_GRACE_MS"}, "On SIGTERM/SIGINT, how long in-flight requests may finish.", INT_SETTING(shutdown_grace_ms, 0, 3'600'000)},
      {"log_level", {"AURIXA_LOG_LEVEL", "LOG_LEVEL"}, "trace, debug, info, warn, error, off.",
       [](Config& c, const std::string& v) { c.log_level = one_of(v, {"trace", "debug", "info", "warn", "error", "off"}); },
       [](const Config& c) { return c.log_level; }},
      {"access_log", {"AURIXA_ACCESS_LOG"}, "Write one JSON access-log line per request.", BOOL_SETTING(access_log)},
      {"env", {"AURIXA_ENV", "NODE_ENV"}, "development or production.",
       [](Config& c, const std::string& v) { c.env = one_of(v, {"development", "production", "test"}); },
       [](const Config& c) { return c.env; }},
      {"database_url", {"DATABASE_URL", "AURIXA_DATABASE_URL"}, "postgresql://user:pass@host:port/db; empty = SQLite in data_dir.", STR_SETTING(database_url)},
      {"db_pool_size", {"AURIXA_DB_POOL_SIZE", "DB_POOL_SIZE"}, "Database connections per process (PostgreSQL pool, or SQLite readers).", INT_SETTING(db_pool_size, 1, 1000)},
      {"sqlite_synchronous", {"AURIXA_SQLITE_SYNCHRONOUS"}, "FULL (fsync every commit; survives power loss) or NORMAL (WAL; survives a crash or kill -9 of the process, not a power cut).",
       [](Config& c, const std::string& v) { c.sqlite_synchronous = one_of(v, {"FULL", "NORMAL"}); },
       [](const Config& c) { return c.sqlite_synchronous; }},
      {"seed_demo_data", {"AURIXA_SEED"}, "Load the demo data into an empty store when serving.", BOOL_SETTING(seed_demo_data)},
      {"demo_password", {"AURIXA_DEMO_PASSWORD"}, "Password of the seeded demo accounts (staff, patients, admins); stored argon2id-hashed.", STR_SETTING(demo_password)},
      {"github_repository", {"GITHUB_REPOSITORY"}, "owner/name recorded on the seeded deployment environments.", STR_SETTING(github_repository)},
      {"redis_url", {"REDIS_URL", "AURIXA_REDIS_URL"}, "redis://host:port for shared rate limits, cache and locks in split mode.", STR_SETTING(redis_url)},
      {"cors_origin", {"AURIXA_CORS_ORIGIN", "CORS_ORIGIN"}, "Allowed CORS origins (comma list, or *).", STR_SETTING(cors_origin)},
      {"web_ports", {"AURIXA_WEB_PORTS"}, "Extra ports for the web apps as dashboard,patient,hospital (e.g. 3100,3300,3400; empty = only under /dashboard, /patient, /hospital).", STR_SETTING(web_ports)},
      {"rate_limit_per_minute", {"AURIXA_RATE_LIMIT_PER_MINUTE"}, "Gateway requests per minute per client IP and per tenant (0 = off).", INT_SETTING(rate_limit_per_minute, 0, 100'000'000)},
      {"trust_forwarded_for", {"AURIXA_TRUST_X_FORWARDED_FOR"}, "Rate-limit by X-Forwarded-For's first address (only behind a trusted proxy).", BOOL_SETTING(trust_forwarded_for)},
      {"telemetry_retention_days", {"AURIXA_TELEMETRY_RETENTION_DAYS"}, "Days telemetry events are kept before background deletion.", INT_SETTING(telemetry_retention_days, 1, 3650)},
      {"telemetry", {"AURIXA_TELEMETRY"}, "Record telemetry events and trace spans (off = none; for overhead measurements).", BOOL_SETTING(telemetry)},
      {"otlp_endpoint", {"OTEL_EXPORTER_OTLP_ENDPOINT", "AURIXA_OTLP_ENDPOINT"}, "OpenTelemetry collector base URL; set = spans are exported as OTLP/HTTP JSON to <url>/v1/traces.", STR_SETTING(otlp_endpoint)},
      {"auth", {"AURIXA_AUTH"}, "Require credentials at the gateway (off = the original's open API, for local demos).", BOOL_SETTING(auth)},
      {"jwt_secret", {"AURIXA_JWT_SECRET"}, "HS256 signing secret for access tokens (>= 32 bytes; required in production; empty = random per process).",
       [](Config& c, const std::string& v) {
         if (!v.empty() && v.size() < 32) throw std::invalid_argument("must be at least 32 bytes");
         c.jwt_secret = v;
       },
       [](const Config& c) { return c.jwt_secret.empty() ? std::string() : std::string("(set)"); }},
      {"jwt_algorithm", {"AURIXA_JWT_ALGORITHM"}, "Access token signature: HS256 (jwt_secret) or RS256 (jwt_private_key_file / jwt_public_key_file).",
       [](Config& c, const std::string& v) { c.jwt_algorithm = one_of(v, {"HS256", "RS256"}); }, [](const Config& c) { return c.jwt_algorithm; }},
      {"jwt_private_key_file", {"AURIXA_JWT_PRIVATE_KEY_FILE"}, "RS256: PEM file of the RSA private key that signs access tokens.", STR_SETTING(jwt_private_key_file)},
      {"jwt_public_key_file", {"AURIXA_JWT_PUBLIC_KEY_FILE"}, "RS256: PEM file of the RSA public key that verifies access tokens.", STR_SETTING(jwt_public_key_file)},
      {"access_token_ttl_s", {"AURIXA_ACCESS_TOKEN_TTL_S"}, "Access token lifetime in seconds.", INT_SETTING(access_token_ttl_s, 30, 86'400)},
      {"refresh_token_ttl_s", {"AURIXA_REFRESH_TOKEN_TTL_S"}, "Refresh token lifetime in seconds.", INT_SETTING(refresh_token_ttl_s, 60, 90 * 86'400)},
      {"internal_token", {"AURIXA_INTERNAL_TOKEN"}, "Split mode: shared secret the gateway sends with the caller's identity; roles ignore identity headers without it.",
       STR_SETTING(internal_token)},
      {"debug_routes", {"AURIXA_DEBUG_ROUTES"}, "Expose /__debug/* routes (tests only).", BOOL_SETTING(debug_routes)},
      {"safety_banned_words", {"AURIXA_SAFETY_BANNED_WORDS", "SAFETY_BANNED_WORDS"}, "Banned words (comma list; whole-word, case-insensitive).", STR_SETTING(safety_banned_words)},
      {"safety_emergency_keywords", {"AURIXA_SAFETY_EMERGENCY_KEYWORDS", "SAFETY_EMERGENCY_KEYWORDS"}, "Extra phrases (comma list) that always escalate, on top of the built-in emergency lexicon.", STR_SETTING(safety_emergency_keywords)},
      {"safety_pii_tagger", {"AURIXA_SAFETY_PII_TAGGER"}, "Run the learned PERSON/ADDRESS tagger over the PII rules (better PII precision and recall; false = rules alone, a few us less per KB).", BOOL_SETTING(safety_pii_tagger)},
      {"safety_pii_mode", {"AURIXA_SAFETY_PII_MODE"}, "Default handling of detected personal data: redact, mask or allow (tenants may override).",
       [](Config& c, const std::string& v) { c.safety_pii_mode = one_of(v, {"redact", "mask", "allow"}); }, [](const Config& c) { return c.safety_pii_mode; }},
      {"rag_embeddings", {"AURIXA_EMBEDDINGS"}, "Embedding provider of the rag role: auto (openai when AURIXA_EMBEDDINGS_URL is set, else builtin when its model is installed, else BM25-only), builtin (USE Lite from <data dir>/models/use-lite or ./models/use-lite), openai or none.",
       [](Config& c, const std::string& v) { c.rag_embeddings = one_of(v, {"auto", "builtin", "openai", "none"}); }, [](const Config& c) { return c.rag_embeddings; }},
      {"rag_embeddings_url", {"AURIXA_EMBEDDINGS_URL"}, "OpenAI-compatible embeddings server (http://host:port[/v1]) for the openai embedding provider.", STR_SETTING(rag_embeddings_url)},
      {"rag_embeddings_model", {"AURIXA_EMBEDDINGS_MODEL"}, "Model name sent to the embeddings server (e.g. all-minilm).", STR_SETTING(rag_embeddings_model)},
      {"rag_embeddings_api_key", {"AURIXA_EMBEDDINGS_API_KEY"}, "Bearer token for the embeddings server (empty = none).", STR_SETTING(rag_embeddings_api_key)},
      {"rag_sync_interval_ms", {"AURIXA_RAG_SYNC_INTERVAL_MS"}, "How often retrieval checks the store for changed knowledge articles (0 = before every query).", INT_SETTING(rag_sync_interval_ms, 0, 3'600'000)},
      {"rag_use_hybrid", {"AURIXA_RAG_USE_HYBRID", "RAG_USE_HYBRID"}, "Fuse BM25 with vector search when an embedder exists (false = vector only).", BOOL_SETTING(rag_use_hybrid)},
      {"cache_ttl_s", {"ORCHESTRATION_RESPONSE_CACHE_TTL", "AURIXA_CACHE_TTL_S"}, "Lifetime in seconds of cached knowledge answers (0 = no response cache).", INT_SETTING(cache_ttl_s, 0, 86'400)},
      {"cache_max_entries", {"ORCHESTRATION_RESPONSE_CACHE_MAX_ENTRIES", "AURIXA_CACHE_MAX_ENTRIES"}, "Response cache capacity (LRU).", INT_SETTING(cache_max_entries, 1, 10'000'000)},
      {"pipeline_timeout_ms", {"AURIXA_PIPELINE_TIMEOUT_MS"}, "Deadline of one conversation turn through the whole pipeline.", INT_SETTING(pipeline_timeout_ms, 100, 180'000)},
      {"history_turns", {"AURIXA_HISTORY_TURNS"}, "Earlier turns of a session given to the model as context.", INT_SETTING(history_turns, 0, 100)},
      {"intent_model", {"AURIXA_INTENT_MODEL"}, "Intent model file written by aurixa-intent-train (empty = the model embedded at build time).", STR_SETTING(intent_model)},
      {"agents_tool_calling", {"AURIXA_AGENTS_TOOL_CALLING"}, "auto: when an LLM provider is configured the model chooses tools through function calling (confirmation still enforced); planner: always the deterministic planner.",
       [](Config& c, const std::string& v) { c.agents_tool_calling = one_of(v, {"auto", "planner"}); }, [](const Config& c) { return c.agents_tool_calling; }},
      {"intent_oos_threshold", {"AURIXA_INTENT_OOS_THRESHOLD"}, "Classifier confidence below which a message is out_of_scope.", DOUBLE_SETTING(intent_oos_threshold, 0.0, 1.0)},
      {"stt_provider_order", {"STT_PROVIDER_ORDER", "AURIXA_STT_PROVIDERS"}, "Speech-to-text providers tried in order (pocketsphinx, whisper, deepgram); cloud ones only when their key is set.", STR_SETTING(stt_provider_order)},
      {"tts_provider_order", {"TTS_PROVIDER_ORDER", "AURIXA_TTS_PROVIDERS"}, "Text-to-speech providers tried in order (flite, openai, elevenlabs); cloud ones only when their key is set.", STR_SETTING(tts_provider_order)},
      {"deepgram_api_key", {"DEEPGRAM_API_KEY"}, "Deepgram key; set = the deepgram STT provider is on.", STR_SETTING(deepgram_api_key)},
      {"elevenlabs_api_key", {"ELEVENLABS_API_KEY"}, "ElevenLabs key; set = the elevenlabs TTS provider is on.", STR_SETTING(elevenlabs_api_key)},
      {"deepgram_base_url", {"AURIXA_DEEPGRAM_BASE_URL"}, "Base URL of the Deepgram API.", STR_SETTING(deepgram_base_url)},
      {"elevenlabs_base_url", {"AURIXA_ELEVENLABS_BASE_URL"}, "Base URL of the ElevenLabs API.", STR_SETTING(elevenlabs_base_url)},
      {"pocketsphinx_model_dir", {"AURIXA_POCKETSPHINX_MODEL"}, "PocketSphinx acoustic model directory (empty = Debian's en-us model).", STR_SETTING(pocketsphinx_model_dir)},
      {"flite_voice", {"AURIXA_FLITE_VOICE"}, "flite voice for offline speech (slt, rms, awb, kal16).", STR_SETTING(flite_voice)},
      {"tts_voice_openai", {"TTS_VOICE_OPENAI"}, "OpenAI TTS voice.", STR_SETTING(tts_voice_openai)},
      {"tts_voice_elevenlabs", {"TTS_VOICE_ELEVENLABS"}, "ElevenLabs voice id.", STR_SETTING(tts_voice_elevenlabs)},
      {"voice_max_audio_bytes", {"AURIXA_VOICE_MAX_AUDIO_BYTES"}, "Largest accepted audio upload (decoded bytes).", INT_SETTING(voice_max_audio_bytes, 1024, std::int64_t(1) << 30)},
      {"llm_openai_api_key", {"OPENAI_API_KEY"}, "OpenAI API key; set = the openai provider is on.", STR_SETTING(llm.openai_api_key)},
      {"llm_anthropic_api_key", {"ANTHROPIC_API_KEY"}, "Anthropic API key; set = the anthropic provider is on.", STR_SETTING(llm.anthropic_api_key)},
      {"llm_google_ai_api_key", {"GOOGLE_AI_API_KEY"}, "Google AI (Gemini) API key; set = the gemini provider is on.", STR_SETTING(llm.google_ai_api_key)},
      {"llm_lm_studio_base_url", {"LM_STUDIO_BASE_URL"}, "OpenAI-compatible local server (LM Studio, Ollama, vLLM, llama.cpp); set = the local provider is on. /v1 is appended to a bare origin.", STR_SETTING(llm.lm_studio_base_url)},
      {"llm_openai_base_url", {"AURIXA_OPENAI_BASE_URL", "OPENAI_BASE_URL"}, "Base URL of the openai provider (any OpenAI-compatible API).", STR_SETTING(llm.openai_base_url)},
      {"llm_anthropic_base_url", {"AURIXA_ANTHROPIC_BASE_URL"}, "Base URL of the Anthropic Messages API.", STR_SETTING(llm.anthropic_base_url)},
      {"llm_gemini_base_url", {"AURIXA_GEMINI_BASE_URL"}, "Base URL of the Gemini API.", STR_SETTING(llm.gemini_base_url)},
      {"llm_local_model", {"AURIXA_LOCAL_LLM_MODEL"}, "Model of the local provider (empty = the first chat model the server lists).", STR_SETTING(llm.local_model)},
      {"llm_timeout_ms", {"AURIXA_LLM_TIMEOUT_MS"}, "Deadline of one LLM generation including fallbacks (capped by the caller's deadline).", INT_SETTING(llm.timeout_ms, 100, 3'600'000)},
      {"llm_config_file", {"AURIXA_LLM_CONFIG"}, "JSON file with LLM prices, routing rules, tenant preferences and limits (see src/roles/llm/settings.hpp).", STR_SETTING(llm.config_file)},
      {"llm_allow_pii", {"AURIXA_LLM_ALLOW_PII"}, "Send unredacted personal data to cloud LLM providers (default: redacted by the safety role).", BOOL_SETTING(llm.allow_pii)},
      {"llm_semantic_threshold", {"AURIXA_SEMANTIC_ROUTING_THRESHOLD", "SEMANTIC_ROUTING_THRESHOLD"}, "Minimum similarity for a semantic route / detected intent.", DOUBLE_SETTING(llm.semantic_threshold, 0.0, 1.0)},
      {"llm_max_attempts", {"AURIXA_LLM_MAX_ATTEMPTS"}, "Attempts per provider for retryable failures (429, 5xx, transport), with jittered backoff.", INT_SETTING(llm.max_attempts, 1, 10)},
      {"llm_breaker_failures", {"AURIXA_LLM_BREAKER_FAILURES"}, "Consecutive failures that open a provider's circuit.", INT_SETTING(llm.breaker_failures, 1, 1000)},
      {"llm_breaker_cooldown_ms", {"AURIXA_LLM_BREAKER_COOLDOWN_MS"}, "How long an open circuit refuses calls before one probe.", INT_SETTING(llm.breaker_cooldown_ms, 10, 86'400'000)},
      {"llm_tenant_requests_per_minute", {"AURIXA_LLM_TENANT_RPM"}, "Default LLM requests per minute per tenant (0 = unlimited).", INT_SETTING(llm.tenant_requests_per_minute, 0, 100'000'000)},
      {"llm_tenant_tokens_per_minute", {"AURIXA_LLM_TENANT_TPM"}, "Default LLM tokens per minute per tenant (0 = unlimited).", INT_SETTING(llm.tenant_tokens_per_minute, 0, std::int64_t(1) << 40)},
      {"llm_tenant_daily_budget_usd", {"AURIXA_LLM_TENANT_DAILY_BUDGET_USD"}, "Default LLM spend per tenant per UTC day in USD (0 = unlimited).", DOUBLE_SETTING(llm.tenant_daily_budget_usd, 0.0, 1e9)},
  };
  return kSettings;
}

void apply(Config& c, const Setting& s, const std::string& value, const std::string& origin) {
  try {
    s.apply(c, value);
  } catch (const std::invalid_argument& e) {
    throw ConfigError(std::string("invalid setting '") + s.name + "' (from " + origin + "): " + e.what());
  }
}

std::string json_scalar(const boost::json::value& v) {
  if (v.is_string()) return std::string(v.as_string());
  if (v.is_bool()) return v.as_bool() ? "true" : "false";
  return aurixa::json::serialize(v);
}

}  // namespace

const std::vector<std::string>& all_role_names() {
  static const std::vector<std::string> kRoles = {"gateway", "orchestration", "llm", "agents", "rag",
                                                  "safety", "voice", "execution", "observability"};
  return kRoles;
}

int default_role_port(const std::string& role) {
  static const std::map<std::string, int> kPorts = {
      {"gateway", 3000}, {"orchestration", 8001}, {"llm", 8002}, {"agents", 8003}, {"rag", 8004},
      {"safety", 8005}, {"voice", 8006}, {"execution", 8007}, {"observability", 8008}};
  auto it = kPorts.find(role);
  return it == kPorts.end() ? 0 : it->second;
}

std::string Config::role_url(const std::string& role) const {
  auto it = role_urls.find(role);
  if (it != role_urls.end() && !it->second.empty()) return it->second;
  return "http://127.0.0.1:" + std::to_string(default_role_port(role));
}

namespace {

// Whether a worker thread may wait on the network: another process's role, PostgreSQL, Redis, a model or
// speech provider, an embeddings server. Otherwise its blocking work is CPU and the local SQLite store.
bool waits_on_network(const Config& c) {
  return c.roles != "all" || !c.database_url.empty() || !c.redis_url.empty() || !c.llm.openai_api_key.empty() ||
         !c.llm.anthropic_api_key.empty() || !c.llm.google_ai_api_key.empty() || !c.llm.lm_studio_base_url.empty() ||
         !c.rag_embeddings_url.empty() || !c.deepgram_api_key.empty() || !c.elevenlabs_api_key.empty();
}

}  // namespace

Config load_config(const ConfigSources& src) {
  Config c;
  if (!src.file.empty()) {
    std::ifstream in(src.file);
    if (!in) throw ConfigError("cannot read config file '" + src.file + "'");
    std::stringstream buf;
    buf << in.rdbuf();
    boost::system::error_code ec;
    auto v = boost::json::parse(buf.str(), ec);
    if (ec || !v.is_object()) throw ConfigError("config file '" + src.file + "' is not a JSON object");
    for (const auto& [key, value] : v.as_object()) {
      const Setting* found = nullptr;
      for (const auto& s : settings())
        if (key == s.name) found = &s;
      if (key.starts_with("role_urls") && value.is_object()) {
        for (const auto& [r, u] : value.as_object()) c.role_urls[std::string(r)] = json_scalar(u);
        continue;
      }
      if (!found) throw ConfigError("unknown setting '" + std::string(key) + "' in config file '" + src.file + "'");
      apply(c, *found, json_scalar(value), "config file");
    }
  }
  if (src.env) {
    for (const auto& s : settings())
      for (auto it = s.env.rbegin(); it != s.env.rend(); ++it)  // AURIXA_* (first) wins over legacy names
        if (auto v = src.env(*it); v && !v->empty()) apply(c, s, *v, std::string("environment ") + *it);
    for (const auto& role : all_role_names()) {
      std::string upper;
      for (char ch : role) upper += static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
      if (auto v = src.env("AURIXA_" + upper + "_URL"); v && !v->empty()) c.role_urls[role] = *v;
    }
  }
  for (const auto& [name, value] : src.flags) {
    const Setting* found = nullptr;
    for (const auto& s : settings())
      if (name == s.name) found = &s;
    if (!found) throw ConfigError("unknown setting '" + name + "'");
    apply(c, *found, value, "flag --" + name);
  }
  if (c.env == "production") {
    // Demo conveniences must not reach a real deployment.
    if (c.auth && c.jwt_algorithm == "HS256" && c.jwt_secret.empty())
      throw ConfigError("setting 'jwt_secret' (AURIXA_JWT_SECRET) is required when env is production");
    if (c.demo_password == Config{}.demo_password)
      throw ConfigError("setting 'demo_password' (AURIXA_DEMO_PASSWORD) must not be the documented default in production");
  }
  if (c.jwt_algorithm == "RS256" && c.jwt_public_key_file.empty())
    throw ConfigError("setting 'jwt_public_key_file' (AURIXA_JWT_PUBLIC_KEY_FILE) is required when jwt_algorithm is RS256");
  const int cores = static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  if (c.io_threads == 0) c.io_threads = cores;
  if (c.worker_threads == 0) c.worker_threads = waits_on_network(c) ? 16 : std::max(4, 2 * cores);
  return c;
}

std::vector<SettingDoc> config_docs() {
  std::vector<SettingDoc> out;
  Config defaults;
  for (const auto& s : settings()) {
    std::string env;
    for (auto* e : s.env) env += std::string(env.empty() ? "" : ", ") + e;
    out.push_back({s.name, env, s.show(defaults), s.help});
  }
  out.push_back({"role_urls", "AURIXA_<ROLE>_URL", "http://127.0.0.1:<seed port>",
                 "Split mode: base URL of another role, e.g. AURIXA_RAG_URL."});
  return out;
}

}  // namespace aurixa
