#pragma once
// One typed Config, loaded with precedence flags > environment > optional JSON file > defaults.
// Every setting is described once in the table in config.cpp (name, env names, default, checks);
// README's configuration table is generated from the same table (`aurixa config --markdown`).
#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

namespace aurixa {

// Thrown at start-up for an invalid setting; the message names the setting and where it came from.
class ConfigError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// LLM router role (roles/llm/settings.hpp). Keys and URLs use the original's environment names.
struct LlmConfig {
  std::string openai_api_key, anthropic_api_key, google_ai_api_key;
  std::string lm_studio_base_url;  // empty = no local OpenAI-compatible server
  std::string openai_base_url = "https://api.openai.com/v1";
  std::string anthropic_base_url = "https://api.anthropic.com";
  std::string gemini_base_url = "https://generativelanguage.googleapis.com";
  std::string local_model;  // empty = the first chat model the local server lists
  std::int64_t timeout_ms = 15'000;
  std::string config_file;  // JSON: prices, routing rules, tenants (settings.hpp)
  bool allow_pii = false;   // send unredacted personal data to cloud providers
  double semantic_threshold = 0.5;
  std::int64_t max_attempts = 2;
  std::int64_t breaker_failures = 5;
  std::int64_t breaker_cooldown_ms = 30'000;
  std::int64_t tenant_requests_per_minute = 0;  // 0 = unlimited
  std::int64_t tenant_tokens_per_minute = 0;
  double tenant_daily_budget_usd = 0;
};

struct Config {
  // server
  std::string host = "0.0.0.0";
  int port = 3000;
  std::string roles = "all";
  std::string data_dir = "./data";
  int io_threads = 0;      // 0 = number of cores
  int worker_threads = 0;  // blocking work: database, models, outbound calls; 0 = auto (see load_config)
  int stream_threads = 64; // long-lived streams and WebSockets
  std::int64_t max_body_bytes = 1 << 20;
  std::int64_t max_header_bytes = 16 << 10;
  std::int64_t idle_timeout_ms = 60'000;
  std::int64_t request_timeout_ms = 30'000;
  std::int64_t shutdown_grace_ms = 10'000;
  // logging
  std::string log_level = "info";
  bool access_log = true;
  std::string env = "development";
  // storage and shared state
  std::string database_url;  // empty = SQLite under data_dir
  int db_pool_size = 10;     // PostgreSQL connections / SQLite reader connections
  std::string sqlite_synchronous = "FULL";
  bool seed_demo_data = true;                // seed an empty store on `serve`
  std::string demo_password = "aurixa-demo";  // password of the seeded demo accounts
  std::string github_repository = "aurixa/aurixa";
  std::string redis_url;
  std::string cors_origin = "*";
  std::string web_ports;  // "3100,3300,3400": also serve dashboard, patient and hospital apps on these ports
  std::int64_t rate_limit_per_minute = 200;  // per client IP (and per tenant), 0 = off
  bool trust_forwarded_for = false;
  std::int64_t telemetry_retention_days = 30;
  bool telemetry = true;        // AURIXA_TELEMETRY=off: no events, no spans (overhead measurements)
  std::string otlp_endpoint;    // OTEL_EXPORTER_OTLP_ENDPOINT: OTLP/HTTP JSON span export (empty = off)
  bool auth = true;             // AURIXA_AUTH=off reproduces the original's open API
  std::string jwt_secret;       // empty: a random per-process secret (tokens die with the process)
  std::string jwt_algorithm = "HS256";  // HS256 (jwt_secret) or RS256 (key files below)
  std::string jwt_private_key_file;     // RS256: PEM private key (signs; the gateway that logs in)
  std::string jwt_public_key_file;      // RS256: PEM public key (verifies)
  std::int64_t access_token_ttl_s = 900;
  std::int64_t refresh_token_ttl_s = 7 * 24 * 3600;
  std::string internal_token;   // split mode: roles trust X-Aurixa-* principal headers only with this token
  // split mode: where other roles live (empty = default http://127.0.0.1:<seed port>)
  std::map<std::string, std::string> role_urls;
  bool debug_routes = false;  // /__debug/* routes used by integration tests
  // safety role
  std::string safety_banned_words = "unsafe,exploit,vulnerability,pii_leak";  // comma list, whole words
  std::string safety_emergency_keywords;  // extra comma-separated phrases that always escalate
  std::string safety_pii_mode = "redact";  // default PII handling: redact | mask | allow
  bool safety_pii_tagger = true;  // the learned PERSON/ADDRESS tagger over the PII rules (false: rules alone)
  // rag role
  std::string rag_embeddings = "auto";  // auto | builtin | openai | none
  std::string rag_embeddings_url;       // OpenAI-compatible /v1/embeddings base URL
  std::string rag_embeddings_model;
  std::string rag_embeddings_api_key;
  std::int64_t rag_sync_interval_ms = 100;  // how often retrieve polls the store for article changes
  bool rag_use_hybrid = true;
  LlmConfig llm;
  // orchestration
  std::int64_t cache_ttl_s = 300;           // response cache entry lifetime (0 = no cache)
  std::int64_t cache_max_entries = 1000;
  std::int64_t pipeline_timeout_ms = 180'000;
  std::int64_t history_turns = 10;          // dialogue turns kept as model context
  std::string intent_model;                 // empty = the classifier embedded at build time
  std::string agents_tool_calling = "auto";  // auto: LLM function calling when a model provider is on; planner: never
  double intent_oos_threshold = 0.35;       // below this confidence an utterance is out_of_scope
  // voice
  std::string stt_provider_order = "pocketsphinx,whisper,deepgram";
  std::string tts_provider_order = "flite,openai,elevenlabs";
  std::string deepgram_api_key, elevenlabs_api_key;
  std::string deepgram_base_url = "https://api.deepgram.com";
  std::string elevenlabs_base_url = "https://api.elevenlabs.io";
  std::string pocketsphinx_model_dir;       // empty = Debian's en-us model
  std::string flite_voice = "awb";
  std::string tts_voice_openai = "alloy";
  std::string tts_voice_elevenlabs = "21m00Tcm4TlvDq8ikWAM";
  std::int64_t voice_max_audio_bytes = 10 << 20;

  std::string role_url(const std::string& role) const;
};

struct ConfigSources {
  std::map<std::string, std::string> flags;                        // setting name -> value
  std::function<std::optional<std::string>(const std::string&)> env;  // getenv-like
  std::string file;                                               // optional JSON file path
};

Config load_config(const ConfigSources& sources);

struct SettingDoc {
  std::string name, env, def, help;
};
std::vector<SettingDoc> config_docs();

// Default port of each role as in the seed (gateway 3000, orchestration 8001, ...).
int default_role_port(const std::string& role);
const std::vector<std::string>& all_role_names();

}  // namespace aurixa
