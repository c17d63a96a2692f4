#include "security/hash.h"

#include <sodium.h>

#include <cstdint>

namespace lindungi::security {

static_assert(sizeof(crypto_generichash_state) <= 384);

Blake2b::Blake2b() {
  if (sodium_init() < 0) std::abort();
  crypto_generichash_init(reinterpret_cast<crypto_generichash_state*>(state_), nullptr, 0, 32);
}

Blake2b& Blake2b::Update(std::string_view bytes) {
  crypto_generichash_update(reinterpret_cast<crypto_generichash_state*>(state_),
                            reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size());
  return *this;
}

Blake2b& Blake2b::UpdateFramed(std::string_view bytes) {
  unsigned char len[8];
  std::uint64_t n = bytes.size();
  for (int i = 0; i < 8; ++i) len[i] = static_cast<unsigned char>(n >> (8 * i));
  Update(std::string_view(reinterpret_cast<const char*>(len), 8));
  return Update(bytes);
}

std::string Blake2b::FinalHex() {
  unsigned char out[32];
  crypto_generichash_final(reinterpret_cast<crypto_generichash_state*>(state_), out, sizeof out);
  char hex[65];
  sodium_bin2hex(hex, sizeof hex, out, sizeof out);
  return std::string(hex, 64);
}

std::string Blake2bHex(std::string_view bytes) {
  return Blake2b().Update(bytes).FinalHex();
}

std::string Sha256Hex(std::string_view bytes) {
  if (sodium_init() < 0) std::abort();
  unsigned char out[crypto_hash_sha256_BYTES];
  crypto_hash_sha256(out, reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size());
  char hex[2 * crypto_hash_sha256_BYTES + 1];
  sodium_bin2hex(hex, sizeof hex, out, sizeof out);
  return std::string(hex, 2 * crypto_hash_sha256_BYTES);
}

bool ConstantTimeEquals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  return sodium_memcmp(a.data(), b.data(), a.size()) == 0;
}

std::string KeyedBlake2bHex(std::string_view key, std::string_view bytes) {
  if (sodium_init() < 0) std::abort();
  unsigned char out[32];
  crypto_generichash(out, sizeof out, reinterpret_cast<const unsigned char*>(bytes.data()),
                     bytes.size(), reinterpret_cast<const unsigned char*>(key.data()), key.size());
  char hex[65];
  sodium_bin2hex(hex, sizeof hex, out, sizeof out);
  return std::string(hex, 64);
}

}  // namespace lindungi::security
