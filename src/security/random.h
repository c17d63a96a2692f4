// Cryptographically secure random values (libsodium). Safe for concurrent use.
#pragma once

#include <cstddef>
#include <string>

namespace lindungi::security {

// `bytes` random bytes as unpadded base64url text (for tokens).
std::string RandomToken(std::size_t bytes = 32);

// A random (version 4) UUID in lower-case text form.
std::string RandomUuid();

// A password of `length` characters from an alphabet without look-alikes (0/O, 1/l).
std::string RandomPassword(std::size_t length = 16);

}  // namespace lindungi::security
