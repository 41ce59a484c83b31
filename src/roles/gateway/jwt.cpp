#include "roles/gateway/jwt.hpp"
#include "core/json.hpp"

#include <openssl/bio.h>
#include <openssl/crypto.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/pem.h>

#include <boost/json.hpp>
#include <stdexcept>

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

using PkeyPtr = std::shared_ptr<EVP_PKEY>;

PkeyPtr own(EVP_PKEY* k) { return PkeyPtr(k, EVP_PKEY_free); }

std::unique_ptr<BIO, decltype(&BIO_free)> memory_bio(const std::string& pem) {
  return {BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size())), BIO_free};
}

// Never prompts on a terminal for a passphrase: an encrypted key simply fails to load.
int no_passphrase(char*, int, int, void*) { return 0; }

void check_rsa(EVP_PKEY* key, const char* what) {
  if (!EVP_PKEY_is_a(key, "RSA")) throw std::invalid_argument(std::string(what) + " is not an RSA key (RS256 needs RSA)");
  if (EVP_PKEY_get_bits(key) < 2048)
    throw std::invalid_argument(std::string(what) + " has " + std::to_string(EVP_PKEY_get_bits(key)) +
                                " bits; RS256 keys need at least 2048");
}

// Key id: the first 12 bytes of the SHA-256 of the DER SubjectPublicKeyInfo, base64url (16 characters).
std::string key_id(EVP_PKEY* key) {
  unsigned char* der = nullptr;
  const int len = i2d_PUBKEY(key, &der);
  if (len <= 0) throw std::invalid_argument("cannot encode an RSA public key");
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int dlen = 0;
  EVP_Digest(der, static_cast<std::size_t>(len), digest, &dlen, EVP_sha256(), nullptr);
  OPENSSL_free(der);
  return base64url_encode(std::string_view(reinterpret_cast<char*>(digest), 12));
}

}  // namespace

struct JwtCodec::RsaKeys {
  PkeyPtr signer;  // null: verify only
  std::string signer_kid;
  std::vector<std::pair<std::string, PkeyPtr>> verifiers;  // (kid, public key)
};

JwtCodec JwtCodec::rs256(const std::string& private_pem, const std::string& public_pems, std::string issuer) {
  auto keys = std::make_shared<RsaKeys>();
  if (!private_pem.empty()) {
    auto bio = memory_bio(private_pem);
    EVP_PKEY* k = PEM_read_bio_PrivateKey(bio.get(), nullptr, no_passphrase, nullptr);
    ERR_clear_error();
    if (!k) throw std::invalid_argument("the RS256 private key is not a readable, unencrypted PEM private key");
    keys->signer = own(k);
    check_rsa(k, "the RS256 private key");
    keys->signer_kid = key_id(k);
  }
  auto bio = memory_bio(public_pems);
  while (EVP_PKEY* k = PEM_read_bio_PUBKEY(bio.get(), nullptr, no_passphrase, nullptr)) {
    auto key = own(k);
    check_rsa(k, "an RS256 public key");
    keys->verifiers.emplace_back(key_id(k), std::move(key));
  }
  ERR_clear_error();  // the loop ends on "no start line": not an error
  if (keys->signer) {
    bool listed = false;
    for (const auto& [kid, k] : keys->verifiers) listed = listed || kid == keys->signer_kid;
    if (!listed) keys->verifiers.emplace_back(keys->signer_kid, keys->signer);
  }
  if (keys->verifiers.empty()) throw std::invalid_argument("no PEM public key (BEGIN PUBLIC KEY) found for RS256");
  JwtCodec codec(std::string(), std::move(issuer));
  codec.rsa_ = std::move(keys);
  return codec;
}

bool JwtCodec::can_sign() const { return !rsa_ || rsa_->signer != nullptr; }

bool JwtCodec::signature_ok(std::string_view signing_input, std::string_view sig, std::string_view kid) const {
  if (!rsa_) {
    const std::string expected = hmac_sha256(secret_, signing_input);
    return sig.size() == expected.size() && CRYPTO_memcmp(sig.data(), expected.data(), expected.size()) == 0;
  }
  bool kid_known = false;
  for (const auto& [id, key] : rsa_->verifiers) kid_known = kid_known || id == kid;
  for (const auto& [id, key] : rsa_->verifiers) {
    if (kid_known && id != kid) continue;
    if (sig.size() != static_cast<std::size_t>(EVP_PKEY_get_size(key.get()))) continue;
    std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)> ctx(EVP_MD_CTX_new(), EVP_MD_CTX_free);
    const bool ok = ctx && EVP_DigestVerifyInit(ctx.get(), nullptr, EVP_sha256(), nullptr, key.get()) == 1 &&
                    EVP_DigestVerify(ctx.get(), reinterpret_cast<const unsigned char*>(sig.data()), sig.size(),
                                     reinterpret_cast<const unsigned char*>(signing_input.data()),
                                     signing_input.size()) == 1;
    ERR_clear_error();
    if (ok) return true;
  }
  return false;
}

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
  if (!can_sign()) throw std::logic_error("this RS256 codec has no private key: it can only verify");
  boost::json::object h{{"alg", algorithm_name()}, {"typ", "JWT"}};
  if (rsa_) h["kid"] = rsa_->signer_kid;
  const std::string header = base64url_encode(aurixa::json::serialize(h));
  boost::json::object p{{"sub", c.sub}, {"role", c.role}, {"typ", c.typ}, {"iss", issuer_}, {"iat", c.iat}, {"exp", c.exp}};
  if (c.tenant_id) p["tenant_id"] = *c.tenant_id;
  if (c.patient_id) p["patient_id"] = *c.patient_id;
  if (c.staff_id) p["staff_id"] = *c.staff_id;
  std::string signing_input = header + "." + base64url_encode(aurixa::json::serialize(p));
  if (!rsa_) return signing_input + "." + base64url_encode(hmac_sha256(secret_, signing_input));
  std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)> ctx(EVP_MD_CTX_new(), EVP_MD_CTX_free);
  std::string sig(static_cast<std::size_t>(EVP_PKEY_get_size(rsa_->signer.get())), '\0');
  std::size_t len = sig.size();
  if (!ctx || EVP_DigestSignInit(ctx.get(), nullptr, EVP_sha256(), nullptr, rsa_->signer.get()) != 1 ||
      EVP_DigestSign(ctx.get(), reinterpret_cast<unsigned char*>(sig.data()), &len,
                     reinterpret_cast<const unsigned char*>(signing_input.data()), signing_input.size()) != 1) {
    ERR_clear_error();
    throw std::runtime_error("RS256 signing failed");
  }
  sig.resize(len);
  return signing_input + "." + base64url_encode(sig);
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
  // The algorithm is pinned: "none", the other of HS256/RS256 (e.g. HS256 keyed with the RS256 public key)
  // and the rest are refused.
  const auto* alg = h.as_object().if_contains("alg");
  if (!alg || !alg->is_string() || alg->as_string() != algorithm_name())
    return fail(error, "unsupported token algorithm"), std::nullopt;
  const auto* kid = h.as_object().if_contains("kid");
  const std::string_view kid_sv = kid && kid->is_string() ? std::string_view(kid->as_string()) : std::string_view();
  if (!signature_ok(std::string_view(token).substr(0, d2), *sig, kid_sv)) return fail(error, "bad token signature"), std::nullopt;
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
