#include "service/app.h"

namespace lindungi {

App::App(Config c)
    : config(std::move(c)),
      db(store::OpenDatabase(config.DatabaseUrl(),
                             store::DatabaseOptions{std::size_t(config.workers) + 4,
                                                    std::size_t(config.commit_batch_max)})),
      hasher(config.hash_concurrency),
      auth(*db, clock, hasher, config.session_hours, config.session_idle_minutes),
      access_log(*db, clock, config.access_log),
      cases(*db, clock, access_log),
      sops(config.sops_dir),
      tasks(*db, clock, sops, access_log) {
  db->SetCommitObserver([this](double s, std::size_t n) { metrics.ObserveCommit(s, n); });
}

App::~App() {
  access_log.Close();  // before the store closes: queued reads are written
  db->Close();
}

}  // namespace lindungi
