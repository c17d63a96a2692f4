#include "security/aead.h"

#include <sodium.h>

#include <stdexcept>

namespace lindungi::security {
namespace {

void Init() {
  static const bool ok = sodium_init() >= 0;
  if (!ok) throw std::runtime_error("libsodium failed to initialise");
}

const unsigned char* U(std::string_view s) {
  return reinterpret_cast<const unsigned char*>(s.data());
}

}  // namespace

std::string NewKey() {
  Init();
  std::string key(kKeyBytes, '\0');
  randombytes_buf(key.data(), key.size());
  return key;
}

std::string Seal(std::string_view key, std::string_view plaintext, std::string_view aad) {
  Init();
  if (key.size() != kKeyBytes) throw std::invalid_argument("bad key size");
  constexpr std::size_t kNonce = crypto_aead_xchacha20poly1305_ietf_NPUBBYTES;
  std::string out(kNonce + plaintext.size() + crypto_aead_xchacha20poly1305_ietf_ABYTES, '\0');
  auto* p = reinterpret_cast<unsigned char*>(out.data());
  randombytes_buf(p, kNonce);
  unsigned long long n = 0;
  crypto_aead_xchacha20poly1305_ietf_encrypt(p + kNonce, &n, U(plaintext), plaintext.size(), U(aad),
                                             aad.size(), nullptr, p, U(key));
  out.resize(kNonce + n);
  return out;
}

std::optional<std::string> Open(std::string_view key, std::string_view sealed,
                                std::string_view aad) {
  Init();
  constexpr std::size_t kNonce = crypto_aead_xchacha20poly1305_ietf_NPUBBYTES;
  if (key.size() != kKeyBytes || sealed.size() < kNonce + crypto_aead_xchacha20poly1305_ietf_ABYTES)
    return std::nullopt;
  std::string out(sealed.size() - kNonce, '\0');
  unsigned long long n = 0;
  if (crypto_aead_xchacha20poly1305_ietf_decrypt(
          reinterpret_cast<unsigned char*>(out.data()), &n, nullptr, U(sealed) + kNonce,
          sealed.size() - kNonce, U(aad), aad.size(), U(sealed), U(key)) != 0)
    return std::nullopt;
  out.resize(n);
  return out;
}

std::string ToBase64(std::string_view bytes) {
  Init();
  constexpr int kVariant = sodium_base64_VARIANT_URLSAFE_NO_PADDING;
  std::string out(sodium_base64_ENCODED_LEN(bytes.size(), kVariant), '\0');
  sodium_bin2base64(out.data(), out.size(), U(bytes), bytes.size(), kVariant);
  out.resize(std::char_traits<char>::length(out.c_str()));
  return out;
}

std::optional<std::string> FromBase64(std::string_view text) {
  Init();
  std::string out(text.size(), '\0');
  std::size_t n = 0;
  if (sodium_base642bin(reinterpret_cast<unsigned char*>(out.data()), out.size(), text.data(),
                        text.size(), nullptr, &n, nullptr,
                        sodium_base64_VARIANT_URLSAFE_NO_PADDING) != 0)
    return std::nullopt;
  out.resize(n);
  return out;
}

}  // namespace lindungi::security
