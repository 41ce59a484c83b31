#include "roles/gateway/jwt.hpp"

#include <openssl/crypto.h>
#include <openssl/hmac.h>

#include <boost/json.hpp>

namespace aurixa::gateway {
namespace {

constexpr char kAlphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

std::string hmac_sha256(std::string_view key, std::string_view data) {
  unsigned char out[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  HMAC(EVP_sha256(), key.data(), static_cast<int>(key.size()), reinterpret_cast<const unsigned char*>(data.data()),
       data.size(), out, &len);
  return std::string(reinterpret_cast<char*>(out), len);
}

std::int64_t now_seconds() {
  return std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch()).count();
}

bool fail(std::string* error, const char* why) {
  if (error) *error = why;
  return false;
}

}  // namespace

std::string base64url_encode(std::string_view data) {
  std::string out;
  out.reserve((data.size() + 2) / 3 * 4);
  std::size_t i = 0;
  for (; i + 2 < data.size(); i += 3) {
    std::uint32_t n = (static_cast<unsigned char>(data[i]) << 16) | (static_cast<unsigned char>(data[i + 1]) << 8) |
                      static_cast<unsigned char>(data[i + 2]);
    out += kAlphabet[(n >> 18) & 63];
    out += kAlphabet[(n >> 12) & 63];
    out += kAlphabet[(n >> 6) & 63];
    out += kAlphabet[n & 63];
  }
  if (i + 1 == data.size()) {
    std::uint32_t n = static_cast<unsigned char>(data[i]) << 16;
    out += kAlphabet[(n >> 18) & 63];
    out += kAlphabet[(n >> 12) & 63];
  } else if (i + 2 == data.size()) {
    std::uint32_t n = (static_cast<unsigned char>(data[i]) << 16) | (static_cast<unsigned char>(data[i + 1]) << 8);
    out += kAlphabet[(n >> 18) & 63];
    out += kAlphabet[(n >> 12) & 63];
    out += kAlphabet[(n >> 6) & 63];
  }
  return out;
}

std::optional<std::string> base64url_decode(std::string_view data) {
  auto val = [](char c) -> int {
    if (c >= 'A' && c <= 'Z') return c - 'A';
    if (c >= 'a' && c <= 'z') return c - 'a' + 26;
    if (c >= '0' && c <= '9') return c - '0' + 52;
    if (c == '-') return 62;
    if (c == '_') return 63;
    return -1;
  };
  if (data.size() % 4 == 1) return std::nullopt;
  std::string out;
  std::uint32_t acc = 0;
  int bits = 0;
  for (char c : data) {
    int v = val(c);
    if (v < 0) return std::nullopt;
    acc = (acc << 6) | static_cast<std::uint32_t>(v);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out += static_cast<char>((acc >> bits) & 0xFF);
    }
  }
  return out;
}

std::string JwtCodec::sign(const Claims& c) const {
  const std::string header = base64url_encode(R"({"alg":"HS256","typ":"JWT"})");
  boost::json::object p{{"sub", c.sub}, {"role", c.role}, {"typ", c.typ}, {"iss", issuer_}, {"iat", c.iat}, {"exp", c.exp}};
  if (c.tenant_id) p["tenant_id"] = *c.tenant_id;
  if (c.patient_id) p["patient_id"] = *c.patient_id;
  if (c.staff_id) p["staff_id"] = *c.staff_id;
  std::string signing_input = header + "." + base64url_encode(boost::json::serialize(p));
  return signing_input + "." + base64url_encode(hmac_sha256(secret_, signing_input));
}

std::optional<Claims> JwtCodec::verify(const std::string& token, std::string* error, std::int64_t now) const {
  auto d1 = token.find('.');
  auto d2 = d1 == std::string::npos ? std::string::npos : token.find('.', d1 + 1);
  if (d2 == std::string::npos || token.find('.', d2 + 1) != std::string::npos) return fail(error, "malformed token"), std::nullopt;
  auto header = base64url_decode(std::string_view(token).substr(0, d1));
  auto payload = base64url_decode(std::string_view(token).substr(d1 + 1, d2 - d1 - 1));
  auto sig = base64url_decode(std::string_view(token).substr(d2 + 1));
  if (!header || !payload || !sig) return fail(error, "malformed token"), std::nullopt;
  boost::system::error_code ec;
  auto h = boost::json::parse(*header, ec);
  if (ec || !h.is_object()) return fail(error, "malformed token header"), std::nullopt;
  // The algorithm is pinned: "none", RS256 (public key as HMAC secret) and the rest are refused.
  const auto* alg = h.as_object().if_contains("alg");
  if (!alg || !alg->is_string() || alg->as_string() != "HS256") return fail(error, "unsupported token algorithm"), std::nullopt;
  const std::string expected = hmac_sha256(secret_, std::string_view(token).substr(0, d2));
  if (sig->size() != expected.size() || CRYPTO_memcmp(sig->data(), expected.data(), expected.size()) != 0)
    return fail(error, "bad token signature"), std::nullopt;
  auto p = boost::json::parse(*payload, ec);
  if (ec || !p.is_object()) return fail(error, "malformed token payload"), std::nullopt;
  const auto& o = p.as_object();
  Claims c;
  auto str = [&](const char* k) -> std::string {
    const auto* v = o.if_contains(k);
    return v && v->is_string() ? std::string(v->as_string()) : std::string();
  };
  auto num = [&](const char* k) -> std::optional<std::int64_t> {
    const auto* v = o.if_contains(k);
    if (!v) return std::nullopt;
    if (v->is_int64()) return v->as_int64();
    if (v->is_uint64()) return static_cast<std::int64_t>(v->as_uint64());
    if (v->is_double()) return static_cast<std::int64_t>(v->as_double());
    return std::nullopt;
  };
  c.sub = str("sub");
  c.role = str("role");
  c.typ = str("typ");
  c.tenant_id = num("tenant_id");
  c.patient_id = num("patient_id");
  c.staff_id = num("staff_id");
  c.iat = num("iat").value_or(0);
  auto exp = num("exp");
  if (str("iss") != issuer_) return fail(error, "wrong token issuer"), std::nullopt;
  if (!exp) return fail(error, "token has no expiry"), std::nullopt;
  c.exp = *exp;
  if ((now ? now : now_seconds()) >= c.exp) return fail(error, "token expired"), std::nullopt;
  if (c.sub.empty() || c.role.empty()) return fail(error, "token lacks subject or role"), std::nullopt;
  return c;
}

}  // namespace aurixa::gateway
