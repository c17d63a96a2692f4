// The key file (both formats) and key rotation: re-wrapping person keys and re-sealing
// secrets under a new data key while another Vault (a running server) keeps using the store.
#include <sys/stat.h>

#include <fstream>
#include <sstream>

#include "security/aead.h"
#include "security/hash.h"
#include "service/vault.h"
#include "store/key_store.h"
#include "store/user_store.h"
#include "unit/store_fixture.h"

namespace lindungi {
namespace {
namespace fs = std::filesystem;
namespace json = boost::json;

// The blind index exactly as it was computed before the key file had an index line.
std::string OldBlindIndex(std::string_view data_key, std::string_view kind, std::string_view v) {
  std::string index_key =
      security::KeyedBlake2bHex(data_key, "lindungi blind index v1").substr(0, 64);
  return security::KeyedBlake2bHex(index_key, std::string(kind) + ":" + std::string(v))
      .substr(0, 32);
}

std::string ReadText(const std::string& path) {
  std::ifstream f(path);
  std::stringstream s;
  s << f.rdbuf();
  return s.str();
}

TEST(KeyRingTest, TheFileRoundTripsAndANewKeyBecomesCurrent) {
  KeyRing ring = KeyRing::Fresh();
  ASSERT_EQ(ring.keys.size(), 1u);
  EXPECT_TRUE(ring.current().id.starts_with("k1-")) << ring.current().id;
  EXPECT_EQ(ring.current().id.size(), 15u);
  EXPECT_EQ(ring.current().bytes.size(), security::kKeyBytes);
  std::string first = ring.current().id, index = ring.index_key;
  ring.AddCurrent();
  ASSERT_EQ(ring.keys.size(), 2u);
  EXPECT_TRUE(ring.current().id.starts_with("k2-"));
  EXPECT_EQ(ring.keys[1].id, first) << "the old key stays, after the new one";
  EXPECT_EQ(ring.index_key, index) << "rotation never changes the index key";

  KeyRing back = KeyRing::Parse(ring.Format());
  EXPECT_EQ(back.index_key, ring.index_key);
  ASSERT_EQ(back.keys.size(), 2u);
  for (std::size_t i = 0; i < 2; ++i) {
    EXPECT_EQ(back.keys[i].id, ring.keys[i].id);
    EXPECT_EQ(back.keys[i].bytes, ring.keys[i].bytes);
  }
  EXPECT_EQ(back.Find(first), &back.keys[1]);
  EXPECT_EQ(back.Find("k9-nothere"), nullptr);
}

TEST(KeyRingTest, TheFirstTwoLineFormatIsReadWithItsIndexKeyUnchanged) {
  std::string key = security::NewKey();
  KeyRing ring =
      KeyRing::Parse("k1-0123456789ab\n" + security::ToBase64(key) + "\n");  // as init wrote it
  ASSERT_EQ(ring.keys.size(), 1u);
  EXPECT_EQ(ring.current().id, "k1-0123456789ab");
  EXPECT_EQ(ring.current().bytes, key);
  EXPECT_EQ(ring.index_key, security::KeyedBlake2bHex(key, "lindungi blind index v1"));
}

TEST(KeyRingTest, MalformedFilesAreRefused) {
  std::string k = security::ToBase64(security::NewKey());
  std::string index(64, 'a');
  for (const std::string& bad : std::vector<std::string>{
           std::string(""),
           std::string("k1-0123456789ab\n"),                          // no key
           "k1-0123456789ab\n" + k + "\nextra\n",                     // three lines
           "k1-0123456789ab\nnot base64!\n",                          //
           "k1-0123456789ab\n" + security::ToBase64("short") + "\n",  // not 32 bytes
           "bad id\n" + k + "\n",                                     //
           "lindungi-keys 2\nkey k1-a " + k + "\n",                   // no index
           "lindungi-keys 2\nindex " + index + "\n",                  // no key
           "lindungi-keys 2\nindex xyz\nkey k1-a " + k + "\n",        // bad index
           "lindungi-keys 2\nindex " + index + "\nkey k1-a " + k + "\nkey k1-a " + k + "\n",
           "lindungi-keys 2\nindex " + index + "\nkey k1-a " + k + "\nsecret x\n",
           "lindungi-keys 2\nindex " + index + "\nkey k1.a " + k + "\n",  // '.' ends a key id
       }) {
    EXPECT_THROW(KeyRing::Parse(bad), std::runtime_error) << bad;
  }
  EXPECT_NO_THROW(KeyRing::Parse("# a comment\nlindungi-keys 2\r\nindex " + index +
                                 "\n\nkey k1-a " + k + "\n"));
}

class VaultRotationTest : public store::StoreFixture {
 protected:
  void SetUp() override {
    StoreFixture::SetUp();
    key_file_ = (dir_ / "keys" / "data.key").string();
    server_ = Vault::Open(key_file_, true);
  }

  void Write(const std::function<void(store::SqlConn&)>& fn) {
    auto w = db_->Write([&](store::SqlConn& c) -> Status {
      fn(c);
      return {};
    });
    ASSERT_TRUE(w) << w.error().message_en;
  }
  // A person created through `v`, with their key.
  std::pair<std::string, std::string> NewPerson(const Vault& v) {
    std::string id = "person-" + std::to_string(next_++), key;
    Write([&](store::SqlConn& c) { key = v.NewPerson(c, id, "case-1"); });
    return {id, key};
  }
  std::map<std::string, std::int64_t> RowsByKey() {
    std::map<std::string, std::int64_t> out;
    db_->Read([&](store::SqlConn& c) {
      for (const auto& [id, n] : store::CountPersonKeysByKey(c)) out[id] = n;
    });
    return out;
  }
  std::string KeyOf(const Vault& v, const std::string& person) {
    std::string key;
    db_->Read([&](store::SqlConn& c) { key = v.PersonKey(c, person); });
    return key;
  }
  std::string SecretOf(const std::string& user) {
    std::optional<store::TotpRecord> t;
    db_->Read([&](store::SqlConn& c) { t = store::FindTotp(c, user); });
    return t ? t->secret : "";
  }

  std::string key_file_;
  std::unique_ptr<Vault> server_;
  int next_ = 100;
};

TEST_F(VaultRotationTest, RotationReWrapsEveryRowWhileAnotherVaultKeepsWorking) {
  std::map<std::string, std::string> people;
  for (int i = 0; i < 7; ++i) people.insert(NewPerson(*server_));
  Write([&](store::SqlConn& c) {
    store::SaveTotp(c, "user-1",
                    {server_->SealSecret(c, "totp-secret-1", "user-1"), true, 0, "[]", "t"});
  });
  std::string k1 = server_->current_key_id();
  EXPECT_TRUE(SecretOf("user-1").starts_with(k1 + ".")) << "a sealed secret names its key";
  std::string index_before = server_->BlindIndex("name", "sari");

  // The rotation runs in another process: its own Vault on the same key file.
  auto rotator = Vault::Open(key_file_, false);
  auto lock = KeyFileLock::Acquire(key_file_);
  ASSERT_TRUE(lock);
  EXPECT_FALSE(KeyFileLock::Acquire(key_file_)) << "one keys command at a time";
  std::string k2 = rotator->AddKey(*lock);
  EXPECT_NE(k2, k1);
  struct stat st {};
  ASSERT_EQ(::stat(key_file_.c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0600);
  EXPECT_FALSE(fs::exists(key_file_ + ".tmp"));

  std::vector<std::tuple<std::string, std::int64_t, std::int64_t>> seen;
  Vault::RewrapOptions o;
  o.batch_size = 3;
  o.progress = [&](std::string_view what, std::int64_t done, std::int64_t total) {
    seen.emplace_back(std::string(what), done, total);
  };
  auto r = rotator->Rewrap(*db_, o);
  ASSERT_TRUE(r) << r.error().message_en;
  EXPECT_EQ(r->person_keys, 7);
  EXPECT_EQ(r->secrets, 1);
  EXPECT_EQ(RowsByKey(), (std::map<std::string, std::int64_t>{{k2, 7}}));
  ASSERT_FALSE(seen.empty());
  EXPECT_EQ(seen.front(), std::make_tuple(std::string("re-wrapping person keys"), 0, 7));
  EXPECT_TRUE(std::count(seen.begin(), seen.end(),
                         std::make_tuple(std::string("re-wrapping person keys"), 7, 7)) == 1);
  EXPECT_EQ(seen.back(), std::make_tuple(std::string("re-sealing secrets"), 1, 1));
  EXPECT_TRUE(SecretOf("user-1").starts_with(k2 + "."));

  // The server, which loaded the file before the rotation, reads every row and the secret,
  // wraps its next person under the new key, and searches with the same index.
  for (const auto& [id, key] : people) EXPECT_EQ(KeyOf(*server_, id), key) << id;
  EXPECT_EQ(server_->OpenSecret(SecretOf("user-1"), "user-1"), "totp-secret-1");
  auto [later, later_key] = NewPerson(*server_);
  EXPECT_EQ(server_->current_key_id(), k2);
  EXPECT_EQ(RowsByKey(), (std::map<std::string, std::int64_t>{{k2, 8}}));
  EXPECT_EQ(server_->BlindIndex("name", "sari"), index_before);
  EXPECT_EQ(rotator->BlindIndex("name", "sari"), index_before);

  auto usage = rotator->Usage(*db_);
  ASSERT_EQ(usage.size(), 2u);
  EXPECT_EQ(usage[0].key_id, k2);
  EXPECT_TRUE(usage[0].current);
  EXPECT_EQ(usage[0].person_keys, 8);
  EXPECT_EQ(usage[0].secrets, 1);
  EXPECT_EQ(usage[1].key_id, k1);
  EXPECT_EQ(usage[1].person_keys + usage[1].secrets, 0);

  // Retiring removes the unused old key; everything still reads.
  auto gone = rotator->Retire(*db_, *lock);
  ASSERT_TRUE(gone) << gone.error().message_en;
  EXPECT_EQ(*gone, std::vector<std::string>{k1});
  KeyRing file = KeyRing::Parse(ReadText(key_file_));
  ASSERT_EQ(file.keys.size(), 1u);
  EXPECT_EQ(file.current().id, k2);
  for (const auto& [id, key] : people) EXPECT_EQ(KeyOf(*server_, id), key);
  EXPECT_EQ(KeyOf(*Vault::Open(key_file_, false), later), later_key);
}

TEST_F(VaultRotationTest, ACrashBetweenBatchesLeavesEveryRowReadableAndRewrapFinishes) {
  std::map<std::string, std::string> people;
  for (int i = 0; i < 6; ++i) people.insert(NewPerson(*server_));
  auto rotator = Vault::Open(key_file_, false);
  auto lock = KeyFileLock::Acquire(key_file_);
  ASSERT_TRUE(lock);
  std::string k2 = rotator->AddKey(*lock);
  Vault::RewrapOptions o;
  o.batch_size = 2;
  struct Crash {};
  o.progress = [](std::string_view, std::int64_t done, std::int64_t) {
    if (done > 0) throw Crash{};  // the process dies after its first batch committed
  };
  EXPECT_THROW((void)rotator->Rewrap(*db_, o), Crash);
  auto rows = RowsByKey();
  EXPECT_EQ(rows[k2], 2);
  EXPECT_EQ(rows.size(), 2u) << "two keys in use";

  // A process started now (the server restarting, say) reads every row.
  auto restarted = Vault::Open(key_file_, false);
  for (const auto& [id, key] : people) EXPECT_EQ(KeyOf(*restarted, id), key) << id;
  o.progress = nullptr;
  auto r = restarted->Rewrap(*db_, o);
  ASSERT_TRUE(r) << r.error().message_en;
  EXPECT_EQ(r->person_keys, 4);
  EXPECT_EQ(RowsByKey(), (std::map<std::string, std::int64_t>{{k2, 6}}));
}

TEST_F(VaultRotationTest, AnOldKeyFileAndOldSecretsKeepWorkingAndRotate) {
  // An install from before this version: the two-line file, a secret without a key id.
  std::string key = security::NewKey();
  {
    std::ofstream f(key_file_, std::ios::trunc);
    f << "k1-0123456789ab\n" << security::ToBase64(key) << "\n";
  }
  auto old = Vault::Open(key_file_, false);
  EXPECT_EQ(old->current_key_id(), "k1-0123456789ab");
  EXPECT_EQ(old->BlindIndex("nik", "6271019988776655"),
            OldBlindIndex(key, "nik", "6271019988776655"));
  auto [person, person_key] = NewPerson(*old);
  Write([&](store::SqlConn& c) {
    store::SaveTotp(
        c, "user-2",
        {security::ToBase64(security::Seal(key, "old-secret", "user-2")), true, 0, "[]", "t"});
  });
  EXPECT_EQ(old->OpenSecret(SecretOf("user-2"), "user-2"), "old-secret");
  EXPECT_EQ(old->OpenSecret(SecretOf("user-2"), "user-3"), std::nullopt) << "bound to its user";
  auto usage = old->Usage(*db_);
  ASSERT_EQ(usage.size(), 1u);
  EXPECT_EQ(usage[0].secrets, 1) << "an old secret counts under the key that opens it";

  auto lock = KeyFileLock::Acquire(key_file_);
  ASSERT_TRUE(lock);
  std::string k2 = old->AddKey(*lock);
  EXPECT_TRUE(k2.starts_with("k2-"));
  EXPECT_TRUE(ReadText(key_file_).starts_with("#")) << "rewritten in the new format";
  auto r = old->Rewrap(*db_, {});
  ASSERT_TRUE(r);
  EXPECT_EQ(r->secrets, 1);
  EXPECT_TRUE(SecretOf("user-2").starts_with(k2 + "."));
  ASSERT_TRUE(old->Retire(*db_, *lock));
  auto fresh = Vault::Open(key_file_, false);
  EXPECT_EQ(fresh->OpenSecret(SecretOf("user-2"), "user-2"), "old-secret");
  EXPECT_EQ(KeyOf(*fresh, person), person_key);
  EXPECT_EQ(fresh->BlindIndex("nik", "6271019988776655"),
            OldBlindIndex(key, "nik", "6271019988776655"))
      << "search entries made before the rotation still match";
}

TEST_F(VaultRotationTest, ARowUnderAKeyTheFileLacksIsReportedNotLost) {
  auto [person, person_key] = NewPerson(*server_);
  Write([&](store::SqlConn& c) {
    c.Exec("UPDATE person_keys SET key_id = 'k7-000000000000' WHERE person_id = ?", {person});
  });
  try {
    KeyOf(*server_, person);
    ADD_FAILURE() << "read a key under an unknown key id";
  } catch (const store::StoreError& e) {
    EXPECT_NE(std::string(e.what()).find("k7-000000000000, which is not in the key file"),
              std::string::npos)
        << e.what();
  }
  auto lock = KeyFileLock::Acquire(key_file_);
  ASSERT_TRUE(lock);
  server_->AddKey(*lock);
  auto r = server_->Rewrap(*db_, {});
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, "data_key_unreadable");
  EXPECT_NE(r.error().message_en.find(person), std::string::npos);
  EXPECT_EQ(RowsByKey(), (std::map<std::string, std::int64_t>{{"k7-000000000000", 1}}))
      << "the row is left as it was";
  auto usage = server_->Usage(*db_);
  ASSERT_EQ(usage.size(), 3u);
  EXPECT_EQ(usage[2].key_id, "k7-000000000000");
  EXPECT_FALSE(usage[2].in_file);
  auto gone = server_->Retire(*db_, *lock);
  ASSERT_TRUE(gone);
  EXPECT_EQ(gone->size(), 1u) << "the unused first key goes, nothing else";
}

TEST_F(VaultRotationTest, AKeyFileWithAnotherIndexKeyIsRefused) {
  NewPerson(*server_);
  KeyRing other = KeyRing::Fresh();  // someone else's key file put in place
  {
    std::ofstream f(key_file_, std::ios::trunc);
    f << other.Format();
  }
  try {
    server_->current_key_id();  // what every wrap checks first
    ADD_FAILURE() << "accepted a foreign key file";
  } catch (const store::StoreError& e) {
    EXPECT_NE(std::string(e.what()).find("another index key"), std::string::npos) << e.what();
  }
}

}  // namespace
}  // namespace lindungi
