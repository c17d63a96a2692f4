// Password hashing with argon2id (libsodium crypto_pwhash_str). Hashing is deliberately
// slow and memory-hungry, so at most `max_concurrent` hashes run at once: a burst of
// log-ins queues instead of exhausting memory. Safe for concurrent use.
#pragma once

#include <condition_variable>
#include <mutex>
#include <string>
#include <string_view>

namespace lindungi::security {

class PasswordHasher {
 public:
  // `max_concurrent` >= 1. Cost: libsodium's "interactive" limits (64 MiB, 2 passes).
  explicit PasswordHasher(int max_concurrent);

  // Returns the encoded argon2id hash (salt and parameters included).
  std::string Hash(std::string_view password);

  // True iff `password` matches `encoded`. An empty or malformed `encoded` never matches
  // but still costs one hash, so unknown users take as long as known ones.
  bool Verify(std::string_view password, std::string_view encoded);

 private:
  class Slot;
  std::mutex mu_;
  std::condition_variable cv_;
  int free_;
};

// The shipped password policy of the foundation: at least 12 characters (code points).
bool PasswordLongEnough(std::string_view password);

// True if `password` is guessable whatever its length: a common password or its root with
// digits and punctuation around it (common_passwords.inc), one character repeated, the
// username inside it, or a run of keyboard or alphabet order.
bool IsGuessablePassword(std::string_view password, std::string_view username);

}  // namespace lindungi::security
