#include "roles/llm/settings.hpp"

#include <boost/json.hpp>
#include <fstream>
#include <sstream>

#include "core/config.hpp"

namespace aurixa::llm {
namespace {

namespace bj = boost::json;

// The original registered placeholder keys when none was set; treat them as "not configured" (D7).
bool is_real_key(const std::string& k) {
  return !k.empty() && k != "sk-placeholder" && k != "sk-ant-placeholder" && k != "placeholder";
}

class JsonReader {
 public:
  explicit JsonReader(std::string origin) : origin_(std::move(origin)) {}

  [[noreturn]] void fail(const std::string& where, const std::string& what) const {
    throw ConfigError("LLM config " + origin_ + ": '" + where + "' " + what);
  }
  const bj::object& object(const bj::value& v, const std::string& where) const {
    if (!v.is_object()) fail(where, "must be an object");
    return v.as_object();
  }
  const bj::array& array(const bj::value& v, const std::string& where) const {
    if (!v.is_array()) fail(where, "must be an array");
    return v.as_array();
  }
  std::string string(const bj::value& v, const std::string& where) const {
    if (!v.is_string()) fail(where, "must be a string");
    return std::string(v.as_string());
  }
  double number(const bj::value& v, const std::string& where, double lo = 0) const {
    if (!v.is_number()) fail(where, "must be a number");
    double d = v.to_number<double>();
    if (!(d >= lo)) fail(where, "must be >= " + std::to_string(lo));
    return d;
  }
  std::int64_t integer(const bj::value& v, const std::string& where) const {
    double d = number(v, where);
    if (d != static_cast<double>(static_cast<std::int64_t>(d))) fail(where, "must be an integer");
    return static_cast<std::int64_t>(d);
  }
  bool boolean(const bj::value& v, const std::string& where) const {
    if (!v.is_bool()) fail(where, "must be true or false");
    return v.as_bool();
  }
  std::vector<std::string> strings(const bj::value& v, const std::string& where) const {
    std::vector<std::string> out;
    for (const auto& s : array(v, where)) out.push_back(string(s, where + "[]"));
    return out;
  }
  // Calls f(key, value) for each member; f returns false for an unknown key.
  template <class F>
  void members(const bj::value& v, const std::string& where, F f) const {
    for (const auto& [k, val] : object(v, where))
      if (!f(std::string(k), val)) fail(where + "." + std::string(k), "is not a known setting");
  }

 private:
  std::string origin_;
};

void read_limits(const JsonReader& r, const std::string& where, const std::string& key, const bj::value& v,
                 TenantLimits& l, bool& known) {
  known = true;
  if (key == "requests_per_minute")
    l.requests_per_minute = r.integer(v, where + "." + key);
  else if (key == "tokens_per_minute")
    l.tokens_per_minute = r.integer(v, where + "." + key);
  else if (key == "daily_budget_usd")
    l.daily_budget_usd = r.number(v, where + "." + key);
  else
    known = false;
}

}  // namespace

void apply_llm_json(std::string_view json, LlmSettings& s, const std::string& origin) {
  boost::system::error_code ec;
  auto root = bj::parse(json, ec);
  JsonReader r(origin);
  if (ec) throw ConfigError("LLM config " + origin + " is not valid JSON: " + ec.message());
  r.members(root, "$", [&](const std::string& key, const bj::value& v) {
    if (key == "prices") {
      r.members(v, key, [&](const std::string& model, const bj::value& p) {
        ModelPrice price;
        auto where = "prices." + model;
        if (auto existing = s.prices.find(model)) price = *existing;
        r.members(p, where, [&](const std::string& f, const bj::value& x) {
          if (f == "provider")
            price.provider = r.string(x, where + ".provider");
          else if (f == "input_per_mtok")
            price.input_per_mtok = r.number(x, where + ".input_per_mtok");
          else if (f == "output_per_mtok")
            price.output_per_mtok = r.number(x, where + ".output_per_mtok");
          else
            return false;
          return true;
        });
        s.prices.set(model, price);
        return true;
      });
    } else if (key == "keyword_rules") {
      s.routing.keyword_rules.clear();
      for (const auto& item : r.array(v, key)) {
        KeywordRule rule;
        r.members(item, key + "[]", [&](const std::string& f, const bj::value& x) {
          if (f == "name")
            rule.name = r.string(x, "keyword_rules[].name");
          else if (f == "keywords")
            rule.keywords = r.strings(x, "keyword_rules[].keywords");
          else if (f == "provider")
            rule.target.provider = r.string(x, "keyword_rules[].provider");
          else if (f == "model")
            rule.target.model = r.string(x, "keyword_rules[].model");
          else
            return false;
          return true;
        });
        if (rule.keywords.empty()) r.fail("keyword_rules[].keywords", "must not be empty");
        if (rule.target.provider.empty() && rule.target.model.empty())
          r.fail("keyword_rules[]", "needs a provider or a model");
        s.routing.keyword_rules.push_back(std::move(rule));
      }
    } else if (key == "semantic_routes") {
      s.routing.semantic_routes.clear();
      for (const auto& item : r.array(v, key)) {
        SemanticRoute route;
        r.members(item, key + "[]", [&](const std::string& f, const bj::value& x) {
          if (f == "name")
            route.name = r.string(x, "semantic_routes[].name");
          else if (f == "phrases")
            route.phrases = r.strings(x, "semantic_routes[].phrases");
          else if (f == "provider")
            route.target.provider = r.string(x, "semantic_routes[].provider");
          else if (f == "model")
            route.target.model = r.string(x, "semantic_routes[].model");
          else
            return false;
          return true;
        });
        if (route.name.empty() || route.phrases.empty()) r.fail("semantic_routes[]", "needs a name and phrases");
        s.routing.semantic_routes.push_back(std::move(route));
      }
    } else if (key == "semantic_threshold") {
      s.routing.semantic_threshold = r.number(v, key);
    } else if (key == "fallback_order") {
      s.routing.fallback_order = r.strings(v, key);
    } else if (key == "max_request_cost_usd") {
      s.routing.max_request_cost_usd = r.number(v, key);
    } else if (key == "default_models") {
      r.members(v, key, [&](const std::string& provider, const bj::value& x) {
        auto model = r.string(x, "default_models." + provider);
        for (auto& p : s.providers)
          if (p.options.id == provider) p.options.default_model = model;
        return true;
      });
    } else if (key == "limits") {
      r.members(v, key, [&](const std::string& f, const bj::value& x) {
        bool known = false;
        read_limits(r, "limits", f, x, s.default_limits, known);
        return known;
      });
    } else if (key == "tenants") {
      r.members(v, key, [&](const std::string& tenant, const bj::value& t) {
        auto& ts = s.tenants[tenant];
        ts.limits = s.default_limits;
        auto where = "tenants." + tenant;
        r.members(t, where, [&](const std::string& f, const bj::value& x) {
          bool known = false;
          read_limits(r, where, f, x, ts.limits, known);
          if (known) {
            ts.has_limits = true;
            return true;
          }
          if (f == "preferred_provider")
            ts.preference.provider = r.string(x, where + "." + f);
          else if (f == "preferred_model")
            ts.preference.model = r.string(x, where + "." + f);
          else if (f == "allow_pii")
            ts.allow_pii = r.boolean(x, where + "." + f);
          else
            return false;
          return true;
        });
        return true;
      });
    } else if (key == "providers") {
      for (const auto& item : r.array(v, key)) {
        ExtraProvider p;
        r.members(item, "providers[]", [&](const std::string& f, const bj::value& x) {
          if (f == "id")
            p.options.id = r.string(x, "providers[].id");
          else if (f == "kind")
            p.kind = r.string(x, "providers[].kind");
          else if (f == "base_url")
            p.options.base_url = r.string(x, "providers[].base_url");
          else if (f == "api_key")
            p.options.api_key = r.string(x, "providers[].api_key");
          else if (f == "default_model")
            p.options.default_model = r.string(x, "providers[].default_model");
          else if (f == "models")
            p.options.models = r.strings(x, "providers[].models");
          else
            return false;
          return true;
        });
        if (p.options.id.empty() || p.options.base_url.empty()) r.fail("providers[]", "needs an id and a base_url");
        if (p.kind != "openai" && p.kind != "anthropic" && p.kind != "gemini")
          r.fail("providers[].kind", "must be openai, anthropic or gemini");
        p.options.cloud = !is_self_hosted_url(p.options.base_url);
        std::erase_if(s.providers, [&](const ExtraProvider& e) { return e.options.id == p.options.id; });
        s.providers.push_back(std::move(p));
      }
    } else {
      return false;
    }
    return true;
  });
  // Limits set in "limits" after "tenants" in the file still apply to tenants without their own.
  for (auto& [id, t] : s.tenants)
    if (!t.has_limits) t.limits = s.default_limits;
}

LlmSettings llm_settings_from(const Config& config) {
  const auto& c = config.llm;
  LlmSettings s;
  auto add = [&](std::string kind, std::string id, std::string url, std::string key, std::string model) {
    ProviderOptions o;
    o.id = std::move(id);
    o.cloud = !is_self_hosted_url(url);
    o.base_url = std::move(url);
    o.api_key = std::move(key);
    o.default_model = std::move(model);
    o.models = s.prices.models_of(o.id);
    s.providers.push_back({std::move(kind), std::move(o)});
  };
  // A provider is on when its key is set, or when its base URL was pointed somewhere other than the
  // vendor (a self-hosted OpenAI-compatible server needs no key).
  Config defaults;
  if (!c.lm_studio_base_url.empty()) add("openai", "local", c.lm_studio_base_url, "", c.local_model);
  if (is_real_key(c.openai_api_key) || c.openai_base_url != defaults.llm.openai_base_url)
    add("openai", "openai", c.openai_base_url, is_real_key(c.openai_api_key) ? c.openai_api_key : "", "gpt-4o");
  if (is_real_key(c.anthropic_api_key) || c.anthropic_base_url != defaults.llm.anthropic_base_url)
    add("anthropic", "anthropic", c.anthropic_base_url, c.anthropic_api_key, "claude-sonnet-4-20250514");
  if (is_real_key(c.google_ai_api_key) || c.gemini_base_url != defaults.llm.gemini_base_url)
    add("gemini", "gemini", c.gemini_base_url, c.google_ai_api_key, "gemini-2.0-flash");

  s.routing.semantic_threshold = c.semantic_threshold;
  s.default_limits = {c.tenant_requests_per_minute, c.tenant_tokens_per_minute, c.tenant_daily_budget_usd};
  s.options.timeout = std::chrono::milliseconds(c.timeout_ms);
  s.options.max_attempts = static_cast<int>(c.max_attempts);
  s.options.breaker.failure_threshold = static_cast<int>(c.breaker_failures);
  s.options.breaker.cooldown = std::chrono::milliseconds(c.breaker_cooldown_ms);
  s.options.allow_pii = c.allow_pii;

  if (!c.config_file.empty()) {
    std::ifstream in(c.config_file);
    if (!in) throw ConfigError("cannot read LLM config file '" + c.config_file + "' (AURIXA_LLM_CONFIG)");
    std::stringstream buf;
    buf << in.rdbuf();
    apply_llm_json(buf.str(), s, "file '" + c.config_file + "'");
  }
  return s;
}

}  // namespace aurixa::llm
