#include "roles/gateway/jwt.hpp"

#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "roles/gateway/jwt_test_keys.hpp"

namespace aurixa::gateway {
namespace {

const std::string kSecret = "0123456789abcdef0123456789abcdef-test";

Claims claims(std::int64_t exp) {
  Claims c;
  c.sub = "u-1";
  c.role = "doctor";
  c.tenant_id = 2;
  c.iat = 1000;
  c.exp = exp;
  return c;
}

TEST(Base64Url, RoundTripsAllLengths) {
  for (std::string s : {"", "f", "fo", "foo", "foob", "fooba", "foobar", "\xff\xfe\x00\x01"}) {
    auto enc = base64url_encode(s);
    EXPECT_EQ(enc.find('='), std::string::npos);
    EXPECT_EQ(base64url_decode(enc), s);
  }
  EXPECT_FALSE(base64url_decode("a+b/"));
}

TEST(Jwt, SignedTokenVerifies) {
  JwtCodec codec(kSecret);
  auto c = codec.verify(codec.sign(claims(2000)), nullptr, 1500);
  ASSERT_TRUE(c);
  EXPECT_EQ(c->sub, "u-1");
  EXPECT_EQ(c->role, "doctor");
  EXPECT_EQ(c->tenant_id, 2);
}

TEST(Jwt, ExpiredTokenIsRejected) {
  JwtCodec codec(kSecret);
  std::string err;
  EXPECT_FALSE(codec.verify(codec.sign(claims(2000)), &err, 2000));
  EXPECT_EQ(err, "token expired");
}

TEST(Jwt, WrongSecretIsRejected) {
  JwtCodec a(kSecret), b(kSecret + "-other");
  std::string err;
  EXPECT_FALSE(b.verify(a.sign(claims(2000)), &err, 1500));
  EXPECT_EQ(err, "bad token signature");
}

TEST(Jwt, TamperedPayloadIsRejected) {
  JwtCodec codec(kSecret);
  auto t = codec.sign(claims(2000));
  auto d1 = t.find('.'), d2 = t.rfind('.');
  auto forged = base64url_encode(R"({"sub":"u-1","role":"platform_admin","typ":"access","iss":"aurixa","iat":1000,"exp":2000})");
  EXPECT_FALSE(codec.verify(t.substr(0, d1 + 1) + forged + t.substr(d2), nullptr, 1500));
}

TEST(Jwt, AlgNoneIsRejected) {
  JwtCodec codec(kSecret);
  auto header = base64url_encode(R"({"alg":"none","typ":"JWT"})");
  auto payload = base64url_encode(R"({"sub":"u-1","role":"platform_admin","typ":"access","iss":"aurixa","exp":9999999999})");
  std::string err;
  EXPECT_FALSE(codec.verify(header + "." + payload + ".", &err));
  EXPECT_EQ(err, "unsupported token algorithm");
}

TEST(Jwt, Rs256ConfusionIsRejected) {
  // An attacker signs HS256-style with some key but labels it RS256: refused before any check.
  JwtCodec codec(kSecret);
  auto t = codec.sign(claims(9999999999));
  auto payload_and_sig = t.substr(t.find('.'));
  std::string err;
  EXPECT_FALSE(codec.verify(base64url_encode(R"({"alg":"RS256","typ":"JWT"})") + payload_and_sig, &err));
  EXPECT_EQ(err, "unsupported token algorithm");
}

TEST(Jwt, MalformedTokensAreRejected) {
  JwtCodec codec(kSecret);
  for (std::string t : {"", "abc", "a.b", "a.b.c.d", "!!.??.##"}) EXPECT_FALSE(codec.verify(t)) << t;
}

TEST(Jwt, MissingExpiryIsRejected) {
  JwtCodec codec(kSecret);
  Claims c = claims(0);
  auto t = codec.sign(c);  // exp 0 -> expired
  EXPECT_FALSE(codec.verify(t));
}

// RS256 -------------------------------------------------------------------------------------------------

// One key pair per test binary run: RSA generation is the slow part.
const testing::PemKeyPair& keys() {
  static const testing::PemKeyPair k = testing::generate_rsa_pem();
  return k;
}
const testing::PemKeyPair& other_keys() {
  static const testing::PemKeyPair k = testing::generate_rsa_pem();
  return k;
}

std::string header_of(const std::string& token) { return *base64url_decode(token.substr(0, token.find('.'))); }

TEST(JwtRs256, SignedTokenVerifiesWithThePublicKeyAlone) {
  auto signer = JwtCodec::rs256(keys().private_pem, keys().public_pem);
  auto verifier = JwtCodec::rs256("", keys().public_pem);
  EXPECT_EQ(signer.algorithm(), JwtAlgorithm::rs256);
  EXPECT_TRUE(signer.can_sign());
  EXPECT_FALSE(verifier.can_sign());
  auto t = signer.sign(claims(2000));
  auto h = boost::json::parse(header_of(t)).as_object();
  EXPECT_EQ(h.at("alg").as_string(), "RS256");
  EXPECT_EQ(h.at("kid").as_string().size(), 16u);
  auto c = verifier.verify(t, nullptr, 1500);
  ASSERT_TRUE(c);
  EXPECT_EQ(c->role, "doctor");
  EXPECT_EQ(c->tenant_id, 2);
  EXPECT_TRUE(signer.verify(t, nullptr, 1500));
}

TEST(JwtRs256, VerifyOnlyCodecCannotSign) {
  auto verifier = JwtCodec::rs256("", keys().public_pem);
  EXPECT_THROW(verifier.sign(claims(2000)), std::logic_error);
}

TEST(JwtRs256, ExpiryIsChecked) {
  auto codec = JwtCodec::rs256(keys().private_pem, keys().public_pem);
  std::string err;
  EXPECT_FALSE(codec.verify(codec.sign(claims(2000)), &err, 2001));
  EXPECT_EQ(err, "token expired");
}

TEST(JwtRs256, AnotherKeysSignatureIsRejected) {
  auto attacker = JwtCodec::rs256(other_keys().private_pem, other_keys().public_pem);
  auto verifier = JwtCodec::rs256("", keys().public_pem);
  std::string err;
  EXPECT_FALSE(verifier.verify(attacker.sign(claims(2000)), &err, 1500));
  EXPECT_EQ(err, "bad token signature");
}

TEST(JwtRs256, TamperedPayloadIsRejected) {
  auto codec = JwtCodec::rs256(keys().private_pem, keys().public_pem);
  auto t = codec.sign(claims(2000));
  auto d1 = t.find('.'), d2 = t.rfind('.');
  auto forged = base64url_encode(R"({"sub":"u-1","role":"platform_admin","typ":"access","iss":"aurixa","iat":1000,"exp":2000})");
  std::string err;
  EXPECT_FALSE(codec.verify(t.substr(0, d1 + 1) + forged + t.substr(d2), &err, 1500));
  EXPECT_EQ(err, "bad token signature");
}

TEST(JwtRs256, HmacSignedWithThePublicKeyIsRejected) {
  // The classic confusion attack: HS256 keyed with the (public) PEM text. The RS256 gateway refuses the alg.
  JwtCodec attacker(keys().public_pem);
  auto verifier = JwtCodec::rs256("", keys().public_pem);
  std::string err;
  EXPECT_FALSE(verifier.verify(attacker.sign(claims(9'999'999'999)), &err));
  EXPECT_EQ(err, "unsupported token algorithm");
  // Relabelling an HMAC signature as RS256 does not help either: it is not a valid RSA signature.
  auto t = attacker.sign(claims(9'999'999'999));
  auto relabelled = base64url_encode(R"({"alg":"RS256","typ":"JWT"})") + t.substr(t.find('.'));
  EXPECT_FALSE(verifier.verify(relabelled, &err));
  EXPECT_EQ(err, "bad token signature");
}

TEST(JwtRs256, AlgNoneAndHs256AreRejected) {
  auto verifier = JwtCodec::rs256("", keys().public_pem);
  auto payload = base64url_encode(R"({"sub":"u-1","role":"platform_admin","typ":"access","iss":"aurixa","exp":9999999999})");
  std::string err;
  EXPECT_FALSE(verifier.verify(base64url_encode(R"({"alg":"none","typ":"JWT"})") + "." + payload + ".", &err));
  EXPECT_EQ(err, "unsupported token algorithm");
  EXPECT_FALSE(verifier.verify(JwtCodec(kSecret).sign(claims(9'999'999'999)), &err));
  EXPECT_EQ(err, "unsupported token algorithm");
}

TEST(JwtRs256, Hs256GatewayRejectsRs256Tokens) {
  auto signer = JwtCodec::rs256(keys().private_pem, keys().public_pem);
  std::string err;
  EXPECT_FALSE(JwtCodec(kSecret).verify(signer.sign(claims(9'999'999'999)), &err));
  EXPECT_EQ(err, "unsupported token algorithm");
}

TEST(JwtRs256, RotationVerifiesTokensOfEveryPublishedKey) {
  // During a rotation the public key file lists the old and the new key; the signer has switched to new.
  auto old_signer = JwtCodec::rs256(keys().private_pem, keys().public_pem);
  auto new_signer = JwtCodec::rs256(other_keys().private_pem, keys().public_pem + other_keys().public_pem);
  auto verifier = JwtCodec::rs256("", keys().public_pem + other_keys().public_pem);
  EXPECT_TRUE(verifier.verify(old_signer.sign(claims(2000)), nullptr, 1500));
  EXPECT_TRUE(verifier.verify(new_signer.sign(claims(2000)), nullptr, 1500));
  EXPECT_TRUE(new_signer.verify(old_signer.sign(claims(2000)), nullptr, 1500));
  // Once the old key is withdrawn, its tokens stop verifying.
  EXPECT_FALSE(JwtCodec::rs256("", other_keys().public_pem).verify(old_signer.sign(claims(2000)), nullptr, 1500));
}

TEST(JwtRs256, SignerAloneVerifiesItsOwnTokens) {
  // A public key file that lists only the next key still accepts what this gateway signs.
  auto codec = JwtCodec::rs256(keys().private_pem, other_keys().public_pem);
  EXPECT_TRUE(codec.verify(codec.sign(claims(2000)), nullptr, 1500));
}

TEST(JwtRs256, UnusableKeysAreRefusedWithAReason) {
  EXPECT_THROW(JwtCodec::rs256("", ""), std::invalid_argument);
  EXPECT_THROW(JwtCodec::rs256("", "not a pem"), std::invalid_argument);
  EXPECT_THROW(JwtCodec::rs256("garbage", keys().public_pem), std::invalid_argument);
  // A private key where the public key belongs is not silently accepted.
  EXPECT_THROW(JwtCodec::rs256("", keys().private_pem), std::invalid_argument);
  auto small = testing::generate_rsa_pem(1024);
  try {
    JwtCodec::rs256("", small.public_pem);
    ADD_FAILURE() << "a 1024-bit key was accepted";
  } catch (const std::invalid_argument& e) {
    EXPECT_NE(std::string(e.what()).find("2048"), std::string::npos) << e.what();
  }
}

}  // namespace
}  // namespace aurixa::gateway
