#pragma once
// Tests only: a fresh RSA key pair as PEM strings (OpenSSL 3), so RS256 tests never ship key files.
#include <openssl/bio.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/rsa.h>

#include <memory>
#include <stdexcept>
#include <string>

namespace aurixa::gateway::testing {

struct PemKeyPair {
  std::string private_pem;  // PKCS#8 "BEGIN PRIVATE KEY"
  std::string public_pem;   // SubjectPublicKeyInfo "BEGIN PUBLIC KEY"
};

inline PemKeyPair generate_rsa_pem(unsigned bits = 2048) {
  std::unique_ptr<EVP_PKEY, decltype(&EVP_PKEY_free)> key(EVP_RSA_gen(bits), EVP_PKEY_free);
  if (!key) throw std::runtime_error("RSA key generation failed");
  auto to_string = [](auto write) {
    std::unique_ptr<BIO, decltype(&BIO_free)> bio(BIO_new(BIO_s_mem()), BIO_free);
    if (!bio || write(bio.get()) != 1) throw std::runtime_error("PEM encoding failed");
    char* data = nullptr;
    const long n = BIO_get_mem_data(bio.get(), &data);
    return std::string(data, static_cast<std::size_t>(n));
  };
  PemKeyPair p;
  p.private_pem =
      to_string([&](BIO* b) { return PEM_write_bio_PrivateKey(b, key.get(), nullptr, nullptr, 0, nullptr, nullptr); });
  p.public_pem = to_string([&](BIO* b) { return PEM_write_bio_PUBKEY(b, key.get()); });
  return p;
}

}  // namespace aurixa::gateway::testing
