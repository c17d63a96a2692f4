#include "security/password.h"

#include <sodium.h>

#include <algorithm>
#include <cctype>
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

namespace {

constexpr std::string_view kCommonPasswords[] = {
#include "security/common_passwords.inc"
};

std::string Lower(std::string_view s) {
  std::string out(s);
  for (auto& c : out) c = char(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

// The password with digits and punctuation cut from both ends ("!Rahasia2024" -> "rahasia").
std::string_view Root(std::string_view s) {
  auto trim = [](unsigned char c) { return std::isdigit(c) || std::ispunct(c) || c == ' '; };
  while (!s.empty() && trim(s.front())) s.remove_prefix(1);
  while (!s.empty() && trim(s.back())) s.remove_suffix(1);
  return s;
}

// True if every character follows the previous one in one of these rows.
bool IsRun(std::string_view s) {
  // The alphabet, the digits, and the letter keys row after row.
  static constexpr std::string_view kRows[] = {"abcdefghijklmnopqrstuvwxyz", "01234567890",
                                               "qwertyuiopasdfghjklzxcvbnm"};
  if (s.size() < 4) return false;
  for (auto row : kRows) {
    bool all = true;
    for (std::size_t i = 1; i < s.size() && all; ++i) {
      auto p = row.find(s[i - 1]);
      all = p != std::string_view::npos && (p + 1) % row.size() == row.find(s[i]) % row.size();
    }
    if (all) return true;
  }
  return false;
}

}  // namespace

bool IsGuessablePassword(std::string_view password, std::string_view username) {
  std::string lower = Lower(password);
  std::string_view root = Root(lower);
  for (auto common : kCommonPasswords) {
    if (lower == common || root == common) return true;
  }
  if (root.empty() || std::all_of(root.begin(), root.end(), [&](char c) { return c == root[0]; }))
    return true;
  if (username.size() >= 3 && lower.find(Lower(username)) != std::string::npos) return true;
  return IsRun(root) || IsRun(lower);
}

}  // namespace lindungi::security
