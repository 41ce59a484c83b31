#include "store/password.hpp"

#include <argon2.h>
#include <openssl/rand.h>
#include <openssl/sha.h>

#include <stdexcept>
#include <vector>

#include "core/context.hpp"

namespace aurixa::store {

std::string hash_password(std::string_view password, const PasswordCost& cost) {
  unsigned char salt[16];
  if (RAND_bytes(salt, sizeof salt) != 1) throw std::runtime_error("RAND_bytes failed");
  const std::size_t hash_len = 32;
  std::size_t encoded_len =
      argon2_encodedlen(cost.time_cost, cost.memory_kib, cost.parallelism, sizeof salt, hash_len, Argon2_id);
  std::vector<char> encoded(encoded_len);
  int rc = argon2id_hash_encoded(cost.time_cost, cost.memory_kib, cost.parallelism, password.data(), password.size(),
                                 salt, sizeof salt, hash_len, encoded.data(), encoded.size());
  if (rc != ARGON2_OK) throw std::runtime_error(std::string("argon2: ") + argon2_error_message(rc));
  return std::string(encoded.data());
}

bool verify_password(std::string_view encoded_hash, std::string_view password) {
  std::string encoded(encoded_hash);  // argon2 wants a NUL-terminated string
  if (!encoded.starts_with("$argon2id$")) return false;
  return argon2id_verify(encoded.c_str(), password.data(), password.size()) == ARGON2_OK;
}

std::string sha256_hex(std::string_view data) {
  unsigned char md[SHA256_DIGEST_LENGTH];
  SHA256(reinterpret_cast<const unsigned char*>(data.data()), data.size(), md);
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  for (unsigned char c : md) {
    out += kHex[c >> 4];
    out += kHex[c & 15];
  }
  return out;
}

std::string new_api_key() { return "ak_" + random_hex(20); }

}  // namespace aurixa::store
