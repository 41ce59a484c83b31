#include "store/password.hpp"

#include <gtest/gtest.h>

namespace aurixa::store {
namespace {

constexpr PasswordCost kFast{1, 1024, 1};

TEST(Password, HashVerifiesOnlyTheRightPassword) {
  auto h = hash_password("correct horse", kFast);
  EXPECT_TRUE(h.starts_with("$argon2id$v=19$m=1024,t=1,p=1$"));
  EXPECT_TRUE(verify_password(h, "correct horse"));
  EXPECT_FALSE(verify_password(h, "correct horse "));
  EXPECT_FALSE(verify_password("fake-password", "fake-password"));  // the original's plain-text placeholder
}

TEST(Password, SaltMakesEqualPasswordsHashDifferently) {
  EXPECT_NE(hash_password("same", kFast), hash_password("same", kFast));
}

TEST(Password, DefaultCostIsOwaspBaseline) {
  auto h = hash_password("x");
  EXPECT_NE(h.find("m=19456,t=2,p=1"), std::string::npos);
}

TEST(ApiKeys, Sha256AndFormat) {
  EXPECT_EQ(sha256_hex("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  auto k = new_api_key();
  EXPECT_EQ(k.size(), 43u);
  EXPECT_TRUE(k.starts_with("ak_"));
  EXPECT_NE(k, new_api_key());
}

}  // namespace
}  // namespace aurixa::store
