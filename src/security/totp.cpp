#include "security/totp.h"

#include <sodium.h>

#include <stdexcept>

namespace lindungi::security {

std::string Totp(std::string_view secret, std::int64_t unix_seconds, int digits, int step) {
  if (sodium_init() < 0) throw std::runtime_error("libsodium failed to initialise");
  std::uint64_t counter = std::uint64_t(unix_seconds / step);
  unsigned char message[8];
  for (int i = 7; i >= 0; --i, counter >>= 8) message[i] = static_cast<unsigned char>(counter);
  unsigned char mac[crypto_auth_hmacsha256_BYTES];
  crypto_auth_hmacsha256_state state;
  crypto_auth_hmacsha256_init(&state, reinterpret_cast<const unsigned char*>(secret.data()),
                              secret.size());
  crypto_auth_hmacsha256_update(&state, message, sizeof message);
  crypto_auth_hmacsha256_final(&state, mac);
  int offset = mac[sizeof mac - 1] & 0x0f;  // RFC 4226 dynamic truncation
  std::uint32_t binary = (std::uint32_t(mac[offset] & 0x7f) << 24) |
                         (std::uint32_t(mac[offset + 1]) << 16) |
                         (std::uint32_t(mac[offset + 2]) << 8) | std::uint32_t(mac[offset + 3]);
  std::uint32_t modulus = 1;
  for (int i = 0; i < digits; ++i) modulus *= 10;
  std::string code = std::to_string(binary % modulus);
  return std::string(std::size_t(digits) - code.size(), '0') + code;
}

std::optional<std::int64_t> MatchTotp(std::string_view secret, std::string_view code,
                                      std::int64_t unix_seconds, int window) {
  if (code.size() != 6) return std::nullopt;
  for (int d = -window; d <= window; ++d) {
    std::int64_t t = unix_seconds + std::int64_t(d) * 30;
    std::string expected = Totp(secret, t);
    if (sodium_memcmp(expected.data(), code.data(), expected.size()) == 0) return t / 30;
  }
  return std::nullopt;
}

std::string Base32(std::string_view bytes) {
  static constexpr char kAlphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
  std::string out;
  std::uint32_t buffer = 0;
  int bits = 0;
  for (unsigned char c : bytes) {
    buffer = (buffer << 8) | c;
    bits += 8;
    while (bits >= 5) {
      out += kAlphabet[(buffer >> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  if (bits > 0) out += kAlphabet[(buffer << (5 - bits)) & 31];
  return out;
}

}  // namespace lindungi::security
