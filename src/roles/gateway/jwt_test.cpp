#include "roles/gateway/jwt.hpp"

#include <gtest/gtest.h>

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

}  // namespace
}  // namespace aurixa::gateway
