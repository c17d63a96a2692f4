// Encryption at rest of identifying fields (docs/security.md "Encryption at rest"). Every
// person on a case (client, reporter) has a key of their own, stored in `person_keys`
// wrapped by the unit data key, which lives in a key file outside the database (0600).
// A field is stored as "enc1.<person id>.<base64url of XChaCha20-Poly1305>", so each
// ciphertext names its key. Erasing a person destroys their key: the event log keeps its
// hash chain and stays verifiable, and the fields become unreadable (crypto-shredding).
//
// The key file can hold several data keys: the current one wraps new person keys, older
// ones still unwrap rows not yet re-wrapped (`lindungi keys rotate`). A running Vault notices
// a rewritten key file: before every wrap it checks the file (and reloads it if changed),
// and it reloads when it meets a key id it does not know.
// Safe for concurrent use.
#pragma once

#include <sys/types.h>

#include <boost/json/value.hpp>

#include <chrono>
#include <cstdint>
#include <ctime>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.h"
#include "service/key_ring.h"
#include "store/database.h"
#include "store/key_store.h"
#include "store/sql.h"

namespace lindungi {

class Vault {
 public:
  // Opens the key file. If it is missing, creates it (and its 0700 folder) only when
  // `may_create` — when the store holds no person keys yet; otherwise throws
  // std::runtime_error, as the data could not be read without it.
  static std::unique_ptr<Vault> Open(const std::string& key_file, bool may_create);

  const std::string& key_file() const { return key_file_; }
  std::string current_key_id() const;

  // Makes a key for a new person of case `case_id`, stores it wrapped by the current data
  // key, returns it. Runs inside a write transaction.
  std::string NewPerson(store::SqlConn& c, const std::string& person_id,
                        const std::string& case_id) const;
  // The key of an existing person; empty if erased or unknown.
  std::string PersonKey(store::SqlConn& c, const std::string& person_id) const;

  // The stored form of `text` under a person's key.
  static std::string Encrypt(const std::string& person_id, const std::string& person_key,
                             std::string_view text);
  static bool IsEncrypted(std::string_view s) { return s.starts_with("enc1."); }
  // One stored value back (e.g. a document's file): nullopt where the person's key was
  // erased or the value is not an encrypted one.
  std::optional<std::string> Decrypt(store::SqlConn& c, std::string_view stored) const;

  // Blind index entries (keyed BLAKE2b under the key file's index key): exact search
  // without decrypting. NameTokens: lower-cased words of two or more characters.
  std::string BlindIndex(std::string_view kind, std::string_view value) const;
  static std::vector<std::string> NameTokens(std::string_view name);

  // A secret of the system (not of a person) sealed by the current data key, as
  // "<key id>.<base64url>", inside a write transaction; and back (also the older form
  // without a key id).
  std::string SealSecret(store::SqlConn& c, std::string_view text, std::string_view aad) const;
  std::optional<std::string> OpenSecret(std::string_view sealed, std::string_view aad) const;

  // Replaces every encrypted string in `v` by its plaintext, or by null where the person's
  // key was erased. `known`: keys already read (with the record); the others are looked up.
  void DecryptTree(store::SqlConn& c, boost::json::value& v,
                   const std::vector<store::PersonKeyRecord>& known = {}) const;

  // --- Key rotation (`lindungi keys`, docs/operations.md "Keys").

  // How many rows each data key wraps: every key of the file, and any key id that rows
  // name but the file lacks (in_file false: those rows cannot be read).
  struct KeyUse {
    std::string key_id;
    bool current = false, in_file = true;
    std::int64_t person_keys = 0, secrets = 0;
  };
  std::vector<KeyUse> Usage(store::Database& db) const;

  // Writes the key file with a new current key, the old ones kept (atomically, 0600,
  // synced before it returns). Returns the new key's id.
  std::string AddKey(const KeyFileLock& held);

  struct RewrapOptions {
    std::int64_t batch_size = 500;       // rows per write transaction
    std::chrono::milliseconds pause{0};  // between batches, to leave room for the server
    std::function<void(std::string_view what, std::int64_t done, std::int64_t total)> progress;
  };
  struct RewrapResult {
    std::int64_t person_keys = 0, secrets = 0;
  };
  // Re-wraps every person key and re-seals every secret not under the current key, in small
  // transactions, until none is left. Fails (kCorruption) on a row no key of the file opens.
  Result<RewrapResult> Rewrap(store::Database& db, const RewrapOptions& options) const;

  // Removes from the key file every key that is not current and that no row uses; returns
  // their ids.
  Result<std::vector<std::string>> Retire(store::Database& db, const KeyFileLock& held);

 private:
  struct Stamp {
    dev_t dev = 0;
    ino_t ino = 0;
    off_t size = 0;
    std::timespec mtime{};
    bool operator==(const Stamp& o) const {
      return dev == o.dev && ino == o.ino && size == o.size && mtime.tv_sec == o.mtime.tv_sec &&
             mtime.tv_nsec == o.mtime.tv_nsec;
    }
  };
  Vault(std::string key_file, KeyRing ring, Stamp stamp);

  // The ring as last loaded.
  std::shared_ptr<const KeyRing> Ring() const;
  // The ring as the file holds it now (reloaded if the file changed): what a wrap must use.
  // Throws StoreError if the file cannot be read.
  std::shared_ptr<const KeyRing> FreshRing() const;
  // A ring holding `key_id` (reloading if it is unknown); throws StoreError if none does.
  std::shared_ptr<const KeyRing> RingWith(std::string_view key_id) const;
  // REQUIRES: mu_ held.
  void ReloadLocked() const;
  void WriteRing(const KeyRing& ring);
  std::string UnwrapPersonKey(const KeyRing& ring, const std::string& person_id,
                              const std::string& key_id, const std::string& wrapped) const;
  std::optional<std::string> OpenSecretWith(const KeyRing& ring, std::string_view sealed,
                                            std::string_view aad,
                                            std::string* key_id = nullptr) const;
  // Rewrap's person keys: re-wraps those not under the current key; returns how many it changed.
  Result<std::int64_t> RewrapPersonKeys(store::Database& db, const RewrapOptions& options,
                                        std::int64_t total) const;
  // Rewrap's secrets: re-seals those not under the current key; returns how many it changed.
  Result<std::int64_t> ResealSecrets(store::Database& db, const RewrapOptions& options,
                                     std::int64_t total) const;

  const std::string key_file_;
  mutable std::mutex mu_;
  mutable std::shared_ptr<const KeyRing> ring_;  // guarded by mu_
  mutable Stamp stamp_;                          // guarded by mu_
};

}  // namespace lindungi
