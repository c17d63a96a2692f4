// Encryption at rest of identifying fields (docs/security.md "Encryption at rest"). Every
// person on a case (client, reporter) has a key of their own, stored in `person_keys`
// wrapped by the unit data key, which lives in a key file outside the database (0600).
// A field is stored as "enc1.<person id>.<base64url of XChaCha20-Poly1305>", so each
// ciphertext names its key. Erasing a person destroys their key: the event log keeps its
// hash chain and stays verifiable, and the fields become unreadable (crypto-shredding).
// Safe for concurrent use.
#pragma once

#include <boost/json/value.hpp>

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "store/sql.h"

namespace lindungi {

class Vault {
 public:
  // Opens the key file. If it is missing, creates it (and its 0700 folder) only when
  // `may_create` — when the store holds no person keys yet; otherwise throws
  // std::runtime_error, as the data could not be read without it.
  static std::unique_ptr<Vault> Open(const std::string& key_file, bool may_create);

  const std::string& key_id() const { return key_id_; }

  // Makes a key for a new person of case `case_id`, stores it wrapped, returns it.
  std::string NewPerson(store::SqlConn& c, const std::string& person_id,
                        const std::string& case_id) const;
  // The key of an existing person; empty if erased or unknown.
  std::string PersonKey(store::SqlConn& c, const std::string& person_id) const;

  // The stored form of `text` under a person's key.
  static std::string Encrypt(const std::string& person_id, const std::string& person_key,
                             std::string_view text);
  static bool IsEncrypted(std::string_view s) { return s.starts_with("enc1."); }

  // Blind index entries (keyed BLAKE2b under a key derived from the data key): exact
  // search without decrypting. NameTokens: lower-cased words of two or more characters.
  std::string BlindIndex(std::string_view kind, std::string_view value) const;
  static std::vector<std::string> NameTokens(std::string_view name);

  // A secret of the system (not of a person) sealed by the data key, and back.
  std::string SealSecret(std::string_view text, std::string_view aad) const;
  std::optional<std::string> OpenSecret(std::string_view sealed, std::string_view aad) const;

  // Replaces every encrypted string in `v` by its plaintext, or by null where the person's
  // key was erased.
  void DecryptTree(store::SqlConn& c, boost::json::value& v) const;

 private:
  Vault(std::string key_id, std::string key) : key_id_(std::move(key_id)), key_(std::move(key)) {}
  std::string key_id_;
  std::string key_;
};

}  // namespace lindungi
