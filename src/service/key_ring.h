// The key file's ring of data keys (KeyRing) and the lock that lets one `lindungi keys`
// command at a time change the file (KeyFileLock); both are used by the Vault (vault.h) and
// defined in vault.cpp.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/error.h"

namespace lindungi {

// The key file's contents. Text, one item a line ('#' lines are comments):
//   lindungi-keys 2
//   index <64 hex>          the blind-index key: never rotated, so search entries stay valid
//   key <id> <base64url>    data keys, the current (newest) first; the others only unwrap
// The first format, two lines "<id>\n<base64url>\n", is still read; its index key is
// derived from its one key, exactly as before there was an index line.
struct KeyRing {
  struct Key {
    std::string id, bytes;
  };
  std::string index_key;
  std::vector<Key> keys;  // never empty; keys.front() is current

  const Key& current() const { return keys.front(); }
  const Key* Find(std::string_view id) const;

  // Throws std::runtime_error on a malformed file.
  static KeyRing Parse(std::string_view text);
  std::string Format() const;
  // A ring of one new key, its index key derived from it.
  static KeyRing Fresh();
  // A new random key made current ("k<n>-<12 hex>"); the others stay.
  void AddCurrent();
};

// Holds the right to change the key file: one `lindungi keys` command at a time per key file.
class KeyFileLock {
 public:
  // Not yet held: another command holds it.
  static Result<KeyFileLock> Acquire(const std::string& key_file);
  KeyFileLock(KeyFileLock&& o) noexcept : fd_(o.fd_) { o.fd_ = -1; }
  KeyFileLock(const KeyFileLock&) = delete;
  KeyFileLock& operator=(const KeyFileLock&) = delete;
  ~KeyFileLock();

 private:
  explicit KeyFileLock(int fd) : fd_(fd) {}
  int fd_ = -1;
};

}  // namespace lindungi
