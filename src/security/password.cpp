#include "security/password.h"

#include <sodium.h>

#include <stdexcept>

#include "core/text.h"

namespace lindungi::security {

class PasswordHasher::Slot {
 public:
  explicit Slot(PasswordHasher& h) : h_(h) {
    std::unique_lock lock(h_.mu_);
    h_.cv_.wait(lock, [&] { return h_.free_ > 0; });
    --h_.free_;
  }
  ~Slot() {
    {
      std::lock_guard lock(h_.mu_);
      ++h_.free_;
    }
    h_.cv_.notify_one();
  }

 private:
  PasswordHasher& h_;
};

PasswordHasher::PasswordHasher(int max_concurrent)
    : free_(max_concurrent < 1 ? 1 : max_concurrent) {
  if (sodium_init() < 0) throw std::runtime_error("libsodium failed to initialise");
}

std::string PasswordHasher::Hash(std::string_view password) {
  Slot slot(*this);
  char out[crypto_pwhash_STRBYTES];
  if (crypto_pwhash_str(out, password.data(), password.size(), crypto_pwhash_OPSLIMIT_INTERACTIVE,
                        crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0) {
    throw std::runtime_error("argon2id hashing ran out of memory");
  }
  return out;
}

bool PasswordHasher::Verify(std::string_view password, std::string_view encoded) {
  Slot slot(*this);
  if (encoded.empty() || encoded.size() >= crypto_pwhash_STRBYTES) {
    // Spend the same effort as a real check, so timing does not reveal unknown users.
    unsigned char dummy[32];
    unsigned char salt[crypto_pwhash_SALTBYTES] = {};
    (void)!crypto_pwhash(dummy, sizeof dummy, password.data(), password.size(), salt,
                         crypto_pwhash_OPSLIMIT_INTERACTIVE, crypto_pwhash_MEMLIMIT_INTERACTIVE,
                         crypto_pwhash_ALG_ARGON2ID13);
    return false;
  }
  std::string z(encoded);  // libsodium wants a NUL-terminated string
  return crypto_pwhash_str_verify(z.c_str(), password.data(), password.size()) == 0;
}

bool PasswordLongEnough(std::string_view password) {
  return IsValidUtf8(password) && CodepointCount(password) >= 12;
}

}  // namespace lindungi::security
