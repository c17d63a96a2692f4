#include "service/vault.h"

#include <fcntl.h>
#include <fmt/format.h>
#include <spdlog/spdlog.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <map>
#include <set>
#include <stdexcept>
#include <thread>

#include "core/clock.h"
#include "security/aead.h"
#include "security/hash.h"
#include "store/key_store.h"
#include "store/user_store.h"

namespace lindungi {
namespace fs = std::filesystem;
namespace json = boost::json;

namespace {

constexpr std::string_view kMagic = "lindungi-keys 2";

// The blind-index key of a data key: how it was always derived, so a key file of the first
// format keeps its search entries.
std::string IndexKeyFor(std::string_view data_key) {
  return security::KeyedBlake2bHex(data_key, "lindungi blind index v1").substr(0, 64);
}

std::string NewKeyId(int n, std::string_view key) {
  return fmt::format("k{}-{}", n, security::Blake2bHex(key).substr(0, 12));
}

// Key ids appear in sealed secrets before a '.', and in the file between spaces.
bool ValidKeyId(std::string_view id) {
  return !id.empty() && id.size() <= 64 && std::all_of(id.begin(), id.end(), [](unsigned char c) {
    return std::isalnum(c) || c == '-' || c == '_';
  });
}

std::string DecodeKey(std::string_view b64) {
  auto key = security::FromBase64(b64);
  if (!key || key->size() != security::kKeyBytes) throw std::runtime_error("a key is malformed");
  return *key;
}

std::string SysError(const std::string& what, const std::string& path) {
  return what + " " + path + ": " + std::strerror(errno);
}

// Reads the key file and the stamp of exactly what was read.
template <class Stamp>
KeyRing ReadKeyFile(const std::string& path, Stamp* stamp) {
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) throw std::runtime_error(SysError("cannot open the data key file", path));
  struct stat st {};
  std::string text;
  if (::fstat(fd, &st) == 0) {
    char buf[4096];
    for (ssize_t n; (n = ::read(fd, buf, sizeof buf)) > 0;) text.append(buf, std::size_t(n));
  }
  ::close(fd);
  *stamp = {st.st_dev, st.st_ino, st.st_size, st.st_mtim};
  try {
    return KeyRing::Parse(text);
  } catch (const std::runtime_error& e) {
    throw std::runtime_error("the data key file " + path + " is malformed: " + e.what());
  }
}

// Temp file + fsync + rename + fsync of the folder: after a crash the file is the old one or
// the new one, whole, and once this returns the new one survives a power cut.
void WriteKeyFile(const std::string& path, const KeyRing& ring) {
  std::string tmp = path + ".tmp";
  std::string text = ring.Format();
  int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
  if (fd < 0) throw std::runtime_error(SysError("cannot write the data key file", tmp));
  bool ok = ::fchmod(fd, 0600) == 0 &&
            ::write(fd, text.data(), text.size()) == ssize_t(text.size()) && ::fsync(fd) == 0;
  ok = ::close(fd) == 0 && ok;
  if (!ok || ::rename(tmp.c_str(), path.c_str()) != 0) {
    std::string error = SysError("cannot write the data key file", tmp);
    ::unlink(tmp.c_str());
    throw std::runtime_error(error);
  }
  std::string dir = fs::path(path).parent_path().string();
  int dfd = ::open(dir.empty() ? "." : dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (dfd >= 0) {
    ::fsync(dfd);
    ::close(dfd);
  }
}

std::optional<std::string_view> SecretKeyId(std::string_view sealed) {
  auto dot = sealed.find('.');
  if (dot == std::string_view::npos) return std::nullopt;  // sealed before key ids
  return sealed.substr(0, dot);
}

Error Unreadable(const std::string& what_en, const std::string& what_id) {
  return MakeError(ErrorKind::kCorruption, "data_key_unreadable",
                   what_id + ": pulihkan berkas kunci yang memuat kuncinya (docs/operations.md).",
                   what_en + ": restore a key file that holds its key (docs/operations.md).");
}

}  // namespace

// --- KeyRing

const KeyRing::Key* KeyRing::Find(std::string_view id) const {
  for (const auto& k : keys)
    if (k.id == id) return &k;
  return nullptr;
}

KeyRing KeyRing::Parse(std::string_view text) {
  std::vector<std::string> lines;
  for (std::size_t at = 0; at < text.size();) {
    std::size_t end = text.find('\n', at);
    if (end == std::string_view::npos) end = text.size();
    std::string line(text.substr(at, end - at));
    while (!line.empty() && std::isspace(static_cast<unsigned char>(line.back()))) line.pop_back();
    if (!line.empty() && line[0] != '#') lines.push_back(line);
    at = end + 1;
  }
  KeyRing ring;
  if (lines.empty()) throw std::runtime_error("it is empty");
  if (lines[0] != kMagic) {
    // The first format: the key id, then the key.
    if (lines.size() != 2 || !ValidKeyId(lines[0]))
      throw std::runtime_error("it is neither the first format (two lines) nor '" +
                               std::string(kMagic) + "'");
    ring.keys.push_back({lines[0], DecodeKey(lines[1])});
    ring.index_key = IndexKeyFor(ring.keys[0].bytes);
    return ring;
  }
  for (std::size_t i = 1; i < lines.size(); ++i) {
    std::vector<std::string> w;
    for (std::size_t at = 0; at < lines[i].size();) {
      std::size_t end = lines[i].find(' ', at);
      if (end == std::string::npos) end = lines[i].size();
      if (end > at) w.push_back(lines[i].substr(at, end - at));
      at = end + 1;
    }
    std::string where = " (line " + std::to_string(i + 1) + ")";
    if (w.size() == 2 && w[0] == "index") {
      if (!ring.index_key.empty() || w[1].size() != 64 ||
          w[1].find_first_not_of("0123456789abcdef") != std::string::npos)
        throw std::runtime_error("a bad or second index line" + where);
      ring.index_key = w[1];
    } else if (w.size() == 3 && w[0] == "key") {
      if (!ValidKeyId(w[1]) || ring.Find(w[1]))
        throw std::runtime_error("a bad or repeated key id" + where);
      ring.keys.push_back({w[1], DecodeKey(w[2])});
    } else {
      throw std::runtime_error("an unknown line" + where);
    }
  }
  if (ring.index_key.empty() || ring.keys.empty())
    throw std::runtime_error("it needs an index line and at least one key line");
  return ring;
}

std::string KeyRing::Format() const {
  std::string out =
      "# Lindungi data keys (docs/operations.md \"Keys\"). Keep this file 0600 and backed up\n"
      "# apart from the database. The first key is current; the others open older rows.\n";
  out += std::string(kMagic) + "\nindex " + index_key + "\n";
  for (const auto& k : keys) out += "key " + k.id + " " + security::ToBase64(k.bytes) + "\n";
  return out;
}

KeyRing KeyRing::Fresh() {
  KeyRing ring;
  std::string key = security::NewKey();
  ring.keys.push_back({NewKeyId(1, key), key});
  ring.index_key = IndexKeyFor(key);
  return ring;
}

void KeyRing::AddCurrent() {
  int n = 0;
  for (const auto& k : keys) {
    if (k.id.size() > 1 && k.id[0] == 'k') n = std::max(n, std::atoi(k.id.c_str() + 1));
  }
  std::string key = security::NewKey();
  keys.insert(keys.begin(), {NewKeyId(n + 1, key), key});
}

// --- KeyFileLock

Result<KeyFileLock> KeyFileLock::Acquire(const std::string& key_file) {
  std::string path = key_file + ".lock";
  int fd = ::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0600);
  if (fd < 0) {
    return Fail(MakeError(ErrorKind::kIOError, "key_file_lock_failed",
                          "Tidak dapat membuka " + path + ".", SysError("cannot open", path)));
  }
  if (::flock(fd, LOCK_EX | LOCK_NB) != 0) {
    ::close(fd);
    return Fail(MakeError(ErrorKind::kConflict, "key_command_running",
                          "Perintah `lindungi keys` lain sedang berjalan pada berkas kunci ini.",
                          "Another `lindungi keys` command is running on this key file."));
  }
  return KeyFileLock(fd);
}

KeyFileLock::~KeyFileLock() {
  if (fd_ >= 0) ::close(fd_);  // releases the flock
}

// --- Vault

Vault::Vault(std::string key_file, KeyRing ring, Stamp stamp)
    : key_file_(std::move(key_file)),
      ring_(std::make_shared<const KeyRing>(std::move(ring))),
      stamp_(stamp) {}

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
    WriteKeyFile(key_file, KeyRing::Fresh());
  }
  Stamp stamp;
  KeyRing ring = ReadKeyFile(key_file, &stamp);
  return std::unique_ptr<Vault>(new Vault(key_file, std::move(ring), stamp));
}

std::shared_ptr<const KeyRing> Vault::Ring() const {
  std::lock_guard lock(mu_);
  return ring_;
}

void Vault::ReloadLocked() const {
  Stamp stamp;
  KeyRing ring;
  try {
    ring = ReadKeyFile(key_file_, &stamp);
  } catch (const std::runtime_error& e) {
    throw store::StoreError(e.what());
  }
  // Another index key would silently break every search entry: refuse it.
  if (ring.index_key != ring_->index_key) {
    throw store::StoreError("the data key file " + key_file_ +
                            " now holds another index key than the one this process started "
                            "with: refusing it (docs/operations.md \"Keys\")");
  }
  ring_ = std::make_shared<const KeyRing>(std::move(ring));
  stamp_ = stamp;
}

std::shared_ptr<const KeyRing> Vault::FreshRing() const {
  std::lock_guard lock(mu_);
  struct stat st {};
  if (::stat(key_file_.c_str(), &st) != 0)
    throw store::StoreError(SysError("cannot read the data key file", key_file_));
  if (!(Stamp{st.st_dev, st.st_ino, st.st_size, st.st_mtim} == stamp_)) {
    std::string was = ring_->current().id;
    ReloadLocked();
    if (ring_->current().id != was)
      spdlog::info("data key file reloaded: current key {}", ring_->current().id);
  }
  return ring_;
}

std::shared_ptr<const KeyRing> Vault::RingWith(std::string_view key_id) const {
  {
    std::lock_guard lock(mu_);
    if (ring_->Find(key_id)) return ring_;
  }
  auto ring = FreshRing();  // the file may have been rotated since we read it
  if (!ring->Find(key_id)) {
    throw store::StoreError("rows are wrapped by data key " + std::string(key_id) +
                            ", which is not in the key file " + key_file_ +
                            ": restore a key file that holds it (docs/operations.md \"Keys\")");
  }
  return ring;
}

std::string Vault::current_key_id() const {
  return FreshRing()->current().id;
}

std::string Vault::UnwrapPersonKey(const KeyRing& ring, const std::string& person_id,
                                   const std::string& key_id, const std::string& wrapped) const {
  const KeyRing::Key* k = ring.Find(key_id);
  auto sealed = security::FromBase64(wrapped);
  auto key = k && sealed ? security::Open(k->bytes, *sealed, person_id) : std::nullopt;
  if (!key) throw store::StoreError("a person key does not open with data key " + key_id);
  return *key;
}

std::string Vault::NewPerson(store::SqlConn& c, const std::string& person_id,
                             const std::string& case_id) const {
  store::LockKeyFileShared(c);
  auto ring = FreshRing();
  std::string key = security::NewKey();
  store::InsertPersonKey(c,
                         {person_id, case_id, ring->current().id,
                          security::ToBase64(security::Seal(ring->current().bytes, key, person_id)),
                          FormatInstant(SystemClock().Now())});
  return key;
}

std::string Vault::PersonKey(store::SqlConn& c, const std::string& person_id) const {
  auto rows = store::FindPersonKeys(c, {person_id});
  if (rows.empty()) return {};
  return UnwrapPersonKey(*RingWith(rows[0].key_id), person_id, rows[0].key_id, rows[0].wrapped);
}

std::string Vault::Encrypt(const std::string& person_id, const std::string& person_key,
                           std::string_view text) {
  return "enc1." + person_id + "." +
         security::ToBase64(security::Seal(person_key, text, person_id));
}

std::string Vault::BlindIndex(std::string_view kind, std::string_view value) const {
  return security::KeyedBlake2bHex(Ring()->index_key, std::string(kind) + ":" + std::string(value))
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

std::string Vault::SealSecret(store::SqlConn& c, std::string_view text,
                              std::string_view aad) const {
  store::LockKeyFileShared(c);
  const auto& k = FreshRing()->current();
  return k.id + "." + security::ToBase64(security::Seal(k.bytes, text, aad));
}

std::optional<std::string> Vault::OpenSecretWith(const KeyRing& ring, std::string_view sealed,
                                                 std::string_view aad, std::string* key_id) const {
  auto id = SecretKeyId(sealed);
  auto bytes = security::FromBase64(id ? sealed.substr(id->size() + 1) : sealed);
  if (!bytes) return std::nullopt;
  for (const auto& k : ring.keys) {
    if (id && k.id != *id) continue;
    if (auto plain = security::Open(k.bytes, *bytes, aad)) {
      if (key_id) *key_id = k.id;
      return plain;
    }
  }
  return std::nullopt;
}

std::optional<std::string> Vault::OpenSecret(std::string_view sealed, std::string_view aad) const {
  auto id = SecretKeyId(sealed);
  return OpenSecretWith(id ? *RingWith(*id) : *Ring(), sealed, aad);
}

void Vault::DecryptTree(store::SqlConn& c, json::value& v,
                        const std::vector<store::PersonKeyRecord>& known) const {
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
  auto ring = Ring();
  auto unwrap = [&](const store::PersonKeyRecord& r) {
    if (!ring->Find(r.key_id)) ring = RingWith(r.key_id);
    keys[r.person_id] = UnwrapPersonKey(*ring, r.person_id, r.key_id, r.wrapped);
  };
  for (const auto& r : known)
    if (people.erase(r.person_id)) unwrap(r);
  if (!people.empty())
    for (const auto& r :
         store::FindPersonKeys(c, std::vector<std::string>(people.begin(), people.end())))
      unwrap(r);
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

std::optional<std::string> Vault::Decrypt(store::SqlConn& c, std::string_view stored) const {
  if (!IsEncrypted(stored)) return std::nullopt;
  json::value v = json::string(stored);
  DecryptTree(c, v);
  if (!v.is_string()) return std::nullopt;
  return std::string(v.as_string());
}

// --- Rotation

namespace {

// Rows per key id: person keys, and secrets (those sealed before key ids are counted under
// the key that opens them, "?" if none does).
struct Counts {
  std::map<std::string, std::int64_t> person_keys, secrets;
};

// A server that reads another copy of the key file (another host) keeps wrapping under
// the old key: give up after a few passes rather than loop for ever.
constexpr int kMaxRewrapPasses = 5;

// The error when rows keep being wrapped under an old key, pass after pass.
Error KeptWrapping() {
  return MakeError(
      ErrorKind::kFailedPrecondition, "old_key_still_in_use",
      "Baris baru terus dibungkus dengan kunci lama: ada server yang membaca salinan lain berkas "
      "kunci. Salin berkas kunci baru ke setiap server, lalu jalankan `lindungi keys rewrap`.",
      "New rows keep being wrapped under an old key: a server reads another copy of the key "
      "file. Copy the new key file to every server, then run `lindungi keys rewrap`.");
}

// Reports rotation progress to options.progress, if set (the total never below what is done).
void ReportProgress(const Vault::RewrapOptions& options, std::string_view what, std::int64_t done,
                    std::int64_t total) {
  if (options.progress) options.progress(what, done, std::max(done, total));
}

// Re-wraps one person key under `to`; true if this wrote it, kCorruption if the ring can't open it.
Result<bool> RewrapPersonKeyRow(store::SqlConn& c, const KeyRing& ring, const KeyRing::Key& to,
                                const store::PersonKeyRecord& r) {
  const KeyRing::Key* from = ring.Find(r.key_id);
  auto sealed = from ? security::FromBase64(r.wrapped) : std::nullopt;
  auto key = sealed ? security::Open(from->bytes, *sealed, r.person_id) : std::nullopt;
  if (!key) {
    return Fail(Unreadable("The key of person " + r.person_id + " (data key " + r.key_id +
                               ") does not open with the key file",
                           "Kunci orang " + r.person_id + " (kunci data " + r.key_id +
                               ") tidak terbuka dengan berkas kunci"));
  }
  return store::RewrapPersonKey(c, r.person_id, r.key_id, to.id,
                                security::ToBase64(security::Seal(to.bytes, *key, r.person_id)));
}

}  // namespace

std::vector<Vault::KeyUse> Vault::Usage(store::Database& db) const {
  auto ring = FreshRing();
  Counts n;
  db.Read([&](store::SqlConn& c) {
    for (const auto& [id, count] : store::CountPersonKeysByKey(c)) n.person_keys[id] = count;
    for (const auto& [user, sealed] : store::ListTotpSecrets(c)) {
      std::string id = "?";
      if (auto named = SecretKeyId(sealed))
        id = std::string(*named);
      else
        OpenSecretWith(*ring, sealed, user, &id);
      ++n.secrets[id];
    }
  });
  std::vector<KeyUse> out;
  for (const auto& k : ring->keys)
    out.push_back({k.id, &k == &ring->current(), true, n.person_keys[k.id], n.secrets[k.id]});
  for (const auto* m : {&n.person_keys, &n.secrets}) {
    for (const auto& [id, count] : *m) {
      if (count == 0 || ring->Find(id) ||
          std::any_of(out.begin(), out.end(), [&](const KeyUse& u) { return u.key_id == id; }))
        continue;
      out.push_back({id, false, false, n.person_keys[id], n.secrets[id]});
    }
  }
  return out;
}

void Vault::WriteRing(const KeyRing& ring) {
  std::lock_guard lock(mu_);
  try {
    WriteKeyFile(key_file_, ring);
  } catch (const std::runtime_error& e) {
    throw store::StoreError(e.what());
  }
  ReloadLocked();
}

std::string Vault::AddKey(const KeyFileLock&) {
  Stamp ignored;
  KeyRing ring = ReadKeyFile(key_file_, &ignored);  // the file as it is, not as we cached it
  ring.AddCurrent();
  WriteRing(ring);
  return ring.current().id;
}

Result<Vault::RewrapResult> Vault::Rewrap(store::Database& db, const RewrapOptions& options) const {
  RewrapResult out;
  std::int64_t total_keys = 0, total_secrets = 0;
  for (const auto& u : Usage(db)) {
    if (u.current) continue;
    total_keys += u.person_keys;
    total_secrets += u.secrets;
  }
  auto keys = RewrapPersonKeys(db, options, total_keys);
  if (!keys) return Fail(keys.error());
  out.person_keys = *keys;
  auto secrets = ResealSecrets(db, options, total_secrets);
  if (!secrets) return Fail(secrets.error());
  out.secrets = *secrets;
  return out;
}

// Person keys: passes over the table in person id order, batch by batch, until a pass
// finds nothing (a row wrapped meanwhile by a server still on the old file is caught by
// the next pass).
Result<std::int64_t> Vault::RewrapPersonKeys(store::Database& db, const RewrapOptions& options,
                                             std::int64_t total) const {
  std::int64_t done = 0;
  ReportProgress(options, "re-wrapping person keys", 0, total);
  std::string after;
  std::int64_t in_pass = 0;
  for (int pass = 1;;) {
    std::int64_t seen = 0, changed = 0;
    std::string last;
    auto w = db.Write([&](store::SqlConn& c) -> Status {
      seen = changed = 0;  // a write may be run again after a lost race
      store::LockKeyFileExclusive(c);
      auto ring = FreshRing();
      const auto& to = ring->current();
      auto rows = store::FindPersonKeysNotUnder(c, to.id, after, options.batch_size);
      for (const auto& r : rows) {
        auto rewrapped = RewrapPersonKeyRow(c, *ring, to, r);
        if (!rewrapped) return Fail(rewrapped.error());
        if (*rewrapped) ++changed;
      }
      seen = std::int64_t(rows.size());
      if (!rows.empty()) last = rows.back().person_id;
      return {};
    });
    if (!w) return Fail(w.error());
    if (seen == 0) {
      if (in_pass == 0) break;
      if (++pass > kMaxRewrapPasses) return Fail(KeptWrapping());
      in_pass = 0;
      after.clear();
      continue;
    }
    after = last;
    in_pass += changed;
    done += changed;
    ReportProgress(options, "re-wrapping person keys", done, total);
    if (options.pause.count() > 0) std::this_thread::sleep_for(options.pause);
  }
  return done;
}

// Secrets (TOTP): few rows, the same way.
Result<std::int64_t> Vault::ResealSecrets(store::Database& db, const RewrapOptions& options,
                                          std::int64_t total) const {
  std::int64_t done = 0;
  ReportProgress(options, "re-sealing secrets", 0, total);
  for (int idle = 0;;) {
    std::int64_t seen = 0, changed = 0;
    auto w = db.Write([&](store::SqlConn& c) -> Status {
      seen = changed = 0;
      store::LockKeyFileExclusive(c);
      auto ring = FreshRing();
      const auto& to = ring->current();
      for (const auto& [user, sealed] : store::ListTotpSecrets(c)) {
        if (SecretKeyId(sealed) == std::optional<std::string_view>(to.id)) continue;
        if (seen == options.batch_size) break;
        ++seen;
        auto plain = OpenSecretWith(*ring, sealed, user);
        if (!plain) {
          return Fail(Unreadable(
              "The two-step log-in secret of user " + user + " does not open with the key file",
              "Rahasia log-in dua langkah pengguna " + user +
                  " tidak terbuka dengan berkas kunci"));
        }
        if (store::ResealTotpSecret(
                c, user, sealed,
                to.id + "." + security::ToBase64(security::Seal(to.bytes, *plain, user))))
          ++changed;
      }
      return {};
    });
    if (!w) return Fail(w.error());
    if (seen == 0) break;
    if (changed == 0 && ++idle > kMaxRewrapPasses) return Fail(KeptWrapping());
    done += changed;
    ReportProgress(options, "re-sealing secrets", done, total);
  }
  return done;
}

Result<std::vector<std::string>> Vault::Retire(store::Database& db, const KeyFileLock&) {
  std::vector<std::string> unused;
  // Counted under the exclusive lock: every wrap begun under an older key file is committed.
  auto w = db.Write([&](store::SqlConn& c) -> Status {
    unused.clear();
    store::LockKeyFileExclusive(c);
    auto ring = FreshRing();
    std::set<std::string> used;
    for (const auto& [id, count] : store::CountPersonKeysByKey(c)) used.insert(id);
    for (const auto& [user, sealed] : store::ListTotpSecrets(c)) {
      std::string id;
      if (auto named = SecretKeyId(sealed))
        id = std::string(*named);
      else if (!OpenSecretWith(*ring, sealed, user, &id))
        return Fail(Unreadable(
            "The two-step log-in secret of user " + user + " does not open with the key file",
            "Rahasia log-in dua langkah pengguna " + user + " tidak terbuka dengan berkas kunci"));
      used.insert(id);
    }
    for (const auto& k : ring->keys)
      if (&k != &ring->current() && !used.contains(k.id)) unused.push_back(k.id);
    return {};
  });
  if (!w) return Fail(w.error());
  if (unused.empty()) return unused;
  Stamp ignored;
  KeyRing ring = ReadKeyFile(key_file_, &ignored);
  std::vector<KeyRing::Key> kept = {ring.current()};
  for (std::size_t i = 1; i < ring.keys.size(); ++i)
    if (std::find(unused.begin(), unused.end(), ring.keys[i].id) == unused.end())
      kept.push_back(ring.keys[i]);
  ring.keys = std::move(kept);
  WriteRing(ring);
  return unused;
}

}  // namespace lindungi
