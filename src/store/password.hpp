#pragma once
// Credentials at rest. Passwords: argon2id (libargon2) in the standard encoded form
// "$argon2id$v=19$m=...,t=...,p=...$salt$hash", salted per account. API keys: random, high-entropy
// tokens, so a fast SHA-256 is enough to store them (a slow hash protects guessable secrets only).
#include <string>
#include <string_view>

namespace aurixa::store {

struct PasswordCost {
  unsigned time_cost = 2;           // iterations
  unsigned memory_kib = 19 * 1024;  // OWASP's argon2id baseline: 19 MiB, 2 iterations, 1 lane
  unsigned parallelism = 1;
};

std::string hash_password(std::string_view password, const PasswordCost& cost = {});
// Constant-time comparison inside libargon2; false for a malformed hash.
bool verify_password(std::string_view encoded_hash, std::string_view password);

std::string sha256_hex(std::string_view data);
// A new API key "ak_<40 hex>" (160 random bits).
std::string new_api_key();

}  // namespace aurixa::store
