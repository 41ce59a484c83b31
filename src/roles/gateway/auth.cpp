#include "roles/gateway/auth.hpp"

#include <fstream>
#include <sstream>

#include "core/config.hpp"
#include "core/error.hpp"
#include "store/database.hpp"
#include "store/password.hpp"
#include "store/users.hpp"

namespace aurixa::gateway {
namespace {

std::int64_t now_seconds() {
  return std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch()).count();
}

[[noreturn]] void unauthorized(const std::string& why) { throw ApiError(Errc::unauthorized, why); }

void apply(const Claims& c, CallContext& ctx) {
  ctx.principal.id = c.sub;
  ctx.principal.role = c.role;
  ctx.principal.patient_id = c.patient_id;
  ctx.principal.staff_id = c.staff_id;
  ctx.tenant_id = c.tenant_id;
}

std::string read_key_file(const std::string& path, const char* setting) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw ConfigError(std::string("setting '") + setting + "': cannot read " + path);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

JwtCodec make_codec(const AuthOptions& o) {
  if (o.jwt_algorithm != "RS256") return JwtCodec(o.jwt_secret);
  const std::string priv = o.jwt_private_key_file.empty() ? std::string() : read_key_file(o.jwt_private_key_file, "jwt_private_key_file");
  if (o.jwt_public_key_file.empty()) throw ConfigError("setting 'jwt_public_key_file' is required when jwt_algorithm is RS256");
  const std::string pub = read_key_file(o.jwt_public_key_file, "jwt_public_key_file");
  try {
    return JwtCodec::rs256(priv, pub);
  } catch (const std::invalid_argument& e) {
    throw ConfigError(std::string("RS256 keys (jwt_private_key_file / jwt_public_key_file): ") + e.what());
  }
}

void require_signing_key(const JwtCodec& codec) {
  if (!codec.can_sign())
    throw ApiError(Errc::unavailable,
                   "this gateway only verifies RS256 tokens (no jwt_private_key_file): log in at a gateway that holds "
                   "the private key");
}

}  // namespace

Authenticator::Authenticator(AuthOptions options, store::Database* db)
    : opt_(std::move(options)),
      db_(db),
      codec_(make_codec(opt_)),
      // Verified against when an email is unknown, so timing does not reveal which emails exist.
      dummy_hash_(opt_.enabled ? store::hash_password(new_uuid()) : std::string()) {}

namespace {

// The request's credential: Authorization: Bearer <token or API key>, X-API-Key, or ?access_token=.
std::string credential_of(const http::Request& req) {
  if (auto h = req.header("Authorization")) {
    if (h->size() < 8 || !http::iequals(h->substr(0, 7), "Bearer ")) unauthorized("Authorization must be 'Bearer <token>'");
    return std::string(h->substr(7));
  }
  if (auto k = req.header("X-API-Key")) return std::string(*k);
  if (auto q = req.query_param("access_token")) return *q;  // browsers cannot set headers on a WebSocket upgrade
  return {};
}

constexpr std::string_view kApiKeyPrefix = "ak_";

}  // namespace

bool Authenticator::needs_store(const http::Request& req) {
  try {
    return credential_of(req).starts_with(kApiKeyPrefix);
  } catch (const ApiError&) {
    return false;  // malformed: refused without the store
  }
}

void Authenticator::authenticate(const http::Request& req, CallContext& ctx) const {
  const std::string credential = credential_of(req);
  if (credential.empty()) unauthorized("authentication required");

  if (credential.starts_with(kApiKeyPrefix)) {
    if (!db_) unauthorized("API keys need the store");
    auto key = db_->write([&](store::Tx& tx) { return store::ApiKeyRepository(tx).authenticate(credential); });
    if (!key) unauthorized("unknown or revoked API key");
    ctx.principal.id = "k-" + std::to_string(key->id);
    ctx.principal.role = key->role;
    ctx.tenant_id = key->tenant_id;
    return;
  }
  std::string error;
  auto claims = codec_.verify(credential, &error);
  if (!claims) unauthorized(error);
  if (claims->typ != "access") unauthorized("a refresh token cannot be used as an access token");
  apply(*claims, ctx);
}

LoginResult Authenticator::issue(const Claims& base) const {
  const auto now = now_seconds();
  Claims access = base, refresh = base;
  access.typ = "access";
  access.iat = refresh.iat = now;
  access.exp = now + opt_.access_ttl.count();
  refresh.typ = "refresh";
  refresh.exp = now + opt_.refresh_ttl.count();
  LoginResult r;
  r.access_token = codec_.sign(access);
  r.refresh_token = codec_.sign(refresh);
  r.expires_in = opt_.access_ttl.count();
  r.role = base.role;
  r.tenant_id = base.tenant_id;
  r.patient_id = base.patient_id;
  r.staff_id = base.staff_id;
  r.user_id = base.sub;
  return r;
}

LoginResult Authenticator::login(const std::string& email, const std::string& password) const {
  require_signing_key(codec_);
  if (!db_) throw ApiError(Errc::unavailable, "login needs the store");
  auto user = db_->read([&](store::Tx& tx) { return store::UserRepository(tx).find_by_email(email); });
  const bool ok = store::verify_password(user ? user->hashed_password : dummy_hash_, password) && user && user->is_active;
  if (!ok) unauthorized("invalid email or password");
  Claims c;
  c.sub = "u-" + std::to_string(user->id);
  c.role = user->role;
  c.tenant_id = user->tenant_id;
  c.patient_id = user->patient_id;
  c.staff_id = user->staff_id;
  return issue(c);
}

LoginResult Authenticator::refresh(const std::string& token) const {
  require_signing_key(codec_);
  std::string error;
  auto claims = codec_.verify(token, &error);
  if (!claims) unauthorized(error);
  if (claims->typ != "refresh") unauthorized("not a refresh token");
  return issue(*claims);
}

}  // namespace aurixa::gateway
