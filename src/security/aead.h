// Authenticated encryption of short fields (libsodium XChaCha20-Poly1305 IETF): a random
// 24-byte nonce per message, the nonce and tag carried with the ciphertext. Keys are 32
// random bytes. Pure apart from the random nonce; safe for concurrent use.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace lindungi::security {

inline constexpr std::size_t kKeyBytes = 32;

// A fresh random key.
std::string NewKey();

// nonce || ciphertext || tag, bound to `aad` (which is not stored).
std::string Seal(std::string_view key, std::string_view plaintext, std::string_view aad);
// The plaintext, or nullopt if `sealed` was not made with this key and aad (or was altered).
std::optional<std::string> Open(std::string_view key, std::string_view sealed,
                                std::string_view aad);

// Unpadded base64url, and back (nullopt on bad text).
std::string ToBase64(std::string_view bytes);
std::optional<std::string> FromBase64(std::string_view text);

}  // namespace lindungi::security
