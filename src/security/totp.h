// Time-based one-time passwords (RFC 6238) with HMAC-SHA256 (libsodium), 6 digits, 30-second
// steps: what authenticator apps compute from an `otpauth://totp/...&algorithm=SHA256` URI.
// Pure; safe for concurrent use.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace lindungi::security {

// The code for `unix_seconds` (RFC 6238: T = floor(unix_seconds / step)).
std::string Totp(std::string_view secret, std::int64_t unix_seconds, int digits = 6, int step = 30);

// The time step at which `code` is valid within `window` steps of `unix_seconds`, if any
// (the caller refuses a step already used, so a code works once).
std::optional<std::int64_t> MatchTotp(std::string_view secret, std::string_view code,
                                      std::int64_t unix_seconds, int window = 1);

// RFC 4648 base32 without padding (the secret in otpauth URIs).
std::string Base32(std::string_view bytes);

}  // namespace lindungi::security
