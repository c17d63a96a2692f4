#include "service/vault.h"

#include <sys/stat.h>

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <stdexcept>

#include "core/clock.h"
#include "security/aead.h"
#include "security/hash.h"
#include "store/queries.h"

namespace lindungi {
namespace fs = std::filesystem;
namespace json = boost::json;

std::unique_ptr<Vault> Vault::Open(const std::string& key_file, bool may_create) {
  if (!fs::exists(key_file)) {
    if (!may_create) {
      throw std::runtime_error("the data key file " + key_file +
                               " is missing, and the store holds encrypted data: restore it "
                               "from the key backup (docs/security.md)");
    }
    fs::create_directories(fs::path(key_file).parent_path());
    fs::permissions(fs::path(key_file).parent_path(), fs::perms::owner_all,
                    fs::perm_options::replace);
    std::string key = security::NewKey();
    std::string id = "k1-" + security::Blake2bHex(key).substr(0, 12);
    std::string tmp = key_file + ".tmp";
    {
      std::ofstream f(tmp, std::ios::trunc);
      f << id << "\n" << security::ToBase64(key) << "\n";
      if (!f) throw std::runtime_error("cannot write the data key file " + tmp);
    }
    fs::permissions(tmp, fs::perms::owner_read | fs::perms::owner_write, fs::perm_options::replace);
    fs::rename(tmp, key_file);
  }
  std::ifstream f(key_file);
  std::string id, encoded;
  std::getline(f, id);
  std::getline(f, encoded);
  auto key = security::FromBase64(encoded);
  if (id.empty() || !key || key->size() != security::kKeyBytes)
    throw std::runtime_error("the data key file " + key_file + " is malformed");
  return std::unique_ptr<Vault>(new Vault(id, std::move(*key)));
}

std::string Vault::NewPerson(store::SqlConn& c, const std::string& person_id,
                             const std::string& case_id) const {
  std::string key = security::NewKey();
  store::InsertPersonKey(
      c, {person_id, case_id, key_id_, security::ToBase64(security::Seal(key_, key, person_id)),
          FormatInstant(SystemClock().Now())});
  return key;
}

std::string Vault::PersonKey(store::SqlConn& c, const std::string& person_id) const {
  auto rows = store::FindPersonKeys(c, {person_id});
  if (rows.empty()) return {};
  auto sealed = security::FromBase64(rows[0].wrapped);
  auto key = sealed ? security::Open(key_, *sealed, person_id) : std::nullopt;
  if (!key) throw store::StoreError("a person key does not open with this data key");
  return *key;
}

std::string Vault::Encrypt(const std::string& person_id, const std::string& person_key,
                           std::string_view text) {
  return "enc1." + person_id + "." +
         security::ToBase64(security::Seal(person_key, text, person_id));
}

std::string Vault::BlindIndex(std::string_view kind, std::string_view value) const {
  // A key of its own for the index, derived from the data key.
  static const std::string context = "lindungi blind index v1";
  std::string index_key = security::KeyedBlake2bHex(key_, context).substr(0, 64);
  return security::KeyedBlake2bHex(index_key, std::string(kind) + ":" + std::string(value))
      .substr(0, 32);
}

std::vector<std::string> Vault::NameTokens(std::string_view name) {
  std::vector<std::string> out;
  std::string token;
  auto flush = [&] {
    if (token.size() >= 2 && std::find(out.begin(), out.end(), token) == out.end())
      out.push_back(token);
    token.clear();
  };
  for (unsigned char ch : name) {
    if (std::isalnum(ch) || ch >= 0x80)
      token += char(std::tolower(ch));
    else
      flush();
  }
  flush();
  return out;
}

std::string Vault::SealSecret(std::string_view text, std::string_view aad) const {
  return security::ToBase64(security::Seal(key_, text, aad));
}

std::optional<std::string> Vault::OpenSecret(std::string_view sealed, std::string_view aad) const {
  auto bytes = security::FromBase64(sealed);
  if (!bytes) return std::nullopt;
  return security::Open(key_, *bytes, aad);
}

void Vault::DecryptTree(store::SqlConn& c, json::value& v) const {
  // Collect the people first: one query for all their keys.
  std::set<std::string> people;
  auto person_of = [](std::string_view s) {
    s.remove_prefix(5);
    return std::string(s.substr(0, s.find('.')));
  };
  auto walk = [&](auto& self, json::value& x, const auto& visit) -> void {
    if (x.is_object()) {
      for (auto& [k, y] : x.as_object()) self(self, y, visit);
    } else if (x.is_array()) {
      for (auto& y : x.as_array()) self(self, y, visit);
    } else if (x.is_string() && IsEncrypted(x.as_string())) {
      visit(x);
    }
  };
  walk(walk, v, [&](json::value& x) { people.insert(person_of(x.as_string())); });
  if (people.empty()) return;
  std::map<std::string, std::string> keys;
  for (const auto& r :
       store::FindPersonKeys(c, std::vector<std::string>(people.begin(), people.end()))) {
    auto sealed = security::FromBase64(r.wrapped);
    auto key = sealed ? security::Open(key_, *sealed, r.person_id) : std::nullopt;
    if (!key) throw store::StoreError("a person key does not open with this data key");
    keys[r.person_id] = std::move(*key);
  }
  walk(walk, v, [&](json::value& x) {
    std::string_view s = x.as_string();
    std::string person = person_of(s);
    auto it = keys.find(person);
    auto sealed = security::FromBase64(s.substr(5 + person.size() + 1));
    std::optional<std::string> plain;
    if (it != keys.end() && sealed) plain = security::Open(it->second, *sealed, person);
    if (plain)
      x = json::value(*plain);
    else
      x = nullptr;  // erased (or not ours): unreadable by design
  });
}

}  // namespace lindungi
