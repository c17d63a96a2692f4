// BLAKE2b digests (libsodium crypto_generichash), and SHA-256 where others must check a
// digest (a browser computes it, forensic tools name a file by it). Pure functions, safe for
// concurrent use.
#pragma once

#include <string>
#include <string_view>

namespace lindungi::security {

// Incremental BLAKE2b-256.
class Blake2b {
 public:
  Blake2b();
  Blake2b& Update(std::string_view bytes);
  // Feeds a 8-byte little-endian length, then the bytes: unambiguous field framing.
  Blake2b& UpdateFramed(std::string_view bytes);
  // The 32-byte digest as 64 lower-case hex characters. Call once.
  std::string FinalHex();

 private:
  alignas(64) unsigned char state_[384];
};

// BLAKE2b-256 of `bytes` as hex.
std::string Blake2bHex(std::string_view bytes);

// Keyed BLAKE2b-256 (a MAC) of `bytes` as hex. `key` is 16-64 bytes.
std::string KeyedBlake2bHex(std::string_view key, std::string_view bytes);

// SHA-256 of `bytes` as 64 lower-case hex characters.
std::string Sha256Hex(std::string_view bytes);

// Constant-time comparison of two equal-length strings (false if lengths differ).
bool ConstantTimeEquals(std::string_view a, std::string_view b);

}  // namespace lindungi::security
