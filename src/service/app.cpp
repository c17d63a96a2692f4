#include "service/app.h"
#include <cstdlib>
#include <fstream>

#include "store/key_store.h"

namespace lindungi {
namespace {

// The data key: created with a new store, required once the store holds encrypted data.
std::unique_ptr<Vault> OpenVault(const Config& c, store::Database& db) {
  bool encrypted = false;
  db.Read([&](store::SqlConn& conn) { encrypted = store::AnyPersonKeys(conn); });
  try {
    return Vault::Open(c.KeyFile(), !encrypted);
  } catch (const std::runtime_error& e) {
    throw store::StoreError(e.what());
  }
}

}  // namespace

AppClock::AppClock() {
  if (const char* f = std::getenv("LINDUNGI_TEST_CLOCK_FILE")) file_ = f;
}

Instant AppClock::Now() const {
  if (!file_.empty()) {
    std::ifstream in(file_);
    std::string text;
    if (in >> text)
      if (auto t = ParseInstant(text)) return *t;
  }
  return SystemClock().Now();
}

App::App(Config c) : App(std::move(c), nullptr) {}

App::App(Config c, std::unique_ptr<store::Database> store)
    : config(std::move(c)),
      db(store ? std::move(store)
               : store::OpenDatabase(config.DatabaseUrl(),
                                     store::DatabaseOptions{StoreConnections(config),
                                                            std::size_t(config.commit_batch_max)})),
      vault(OpenVault(config, *db)),
      hasher(config.hash_concurrency),
      auth(*db, clock, hasher, *vault, config.session_hours, config.session_idle_minutes),
      access_log(*db, clock, config.access_log),
      sops(config.sops_dir),
      cases(*db, clock, access_log, *vault, sops),
      case_records(*db, clock, access_log, *vault, sops),
      people(*db, clock, access_log, *vault, sops),
      referrals(*db, clock, access_log, *vault, sops),
      shelters(*db, clock, access_log, *vault, sops),
      transfers(*db, clock, access_log, *vault, sops),
      case_work(*db, clock, access_log, *vault, sops),
      documents(*db, clock, access_log, *vault, sops, FormsDirFor(config.sops_dir)),
      tasks(*db, clock, sops, access_log, *vault, documents.forms()),
      letters(*db, clock, *vault, sops, documents.forms()),
      reports(*db, clock, access_log, *vault, sops) {
  db->SetCommitObserver([this](double s, std::size_t n) { metrics.ObserveCommit(s, n); });
  // An upload's chunk is one request body: small enough for a slow connection to send
  // within the read timeout.
  documents.set_chunk_size(std::min<std::int64_t>(512 * 1024, config.max_body_bytes));
}

App::~App() {
  access_log.Close();  // before the store closes: queued reads are written
  db->Close();
}

}  // namespace lindungi
