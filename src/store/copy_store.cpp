#include "store/copy_store.h"

#include <fmt/format.h>

#include "store/event_log.h"
#include "store/projections.h"

namespace lindungi::store {
namespace {

constexpr std::int64_t kPage = 2000;

Error Precondition(std::string code, std::string id, std::string en) {
  return MakeError(ErrorKind::kFailedPrecondition, std::move(code), std::move(id), std::move(en));
}

// Copies every row of a state table (all columns as text/number values).
void CopyTable(Database& from, Database& to, const std::string& table, const std::string& columns,
               int n_columns, const std::string& order = "1") {
  std::vector<SqlRow> rows;
  from.Read([&](SqlConn& c) {
    rows = c.Query(fmt::format("SELECT {} FROM {} ORDER BY {}", columns, table, order));
  });
  const std::string insert = fmt::format("INSERT INTO {} ({}) VALUES ({})", table, columns,
                                         Placeholders(std::size_t(n_columns)));
  auto w = to.Write([&](SqlConn& c) -> Status {
    for (const auto& r : rows) c.Exec(insert, r.cols);
    return {};
  });
  if (!w) throw StoreError("copying " + table + " failed: " + w.error().message_en);
}

// The source's events after position `after`, at most a page, in position order.
std::vector<StoredEvent> ReadEventPage(Database& from, std::int64_t after) {
  std::vector<StoredEvent> page;
  from.Read([&](SqlConn& c) {
    for (const auto& r :
         c.Query("SELECT position, stream_id, seq, type, actor, at, payload, prev_hash, hash "
                 "FROM events WHERE position > ? ORDER BY position LIMIT ?",
                 {after, kPage})) {
      page.push_back({r.Int(0), r.Text(1), r.Int(2), r.Text(3), r.Text(4), r.Text(5), r.Text(6),
                      r.Text(7), r.Text(8)});
    }
  });
  return page;
}

// Fails (kCorruption) on the first event of the page whose hash does not match it.
Status CheckEventHashes(const std::vector<StoredEvent>& page) {
  for (const auto& e : page) {
    if (EventHash(e) != e.hash) {
      return Fail(MakeError(
          ErrorKind::kCorruption, "event_hash_mismatch",
          fmt::format("Peristiwa {} seq {} rusak; pemindahan dihentikan.", e.stream_id, e.seq),
          fmt::format("Event {} seq {} is corrupt; the move stopped.", e.stream_id, e.seq)));
    }
  }
  return {};
}

// Writes a page of events into the target in one transaction: events, stream heads, projections.
Status WriteEventPage(Database& to, const std::vector<StoredEvent>& page) {
  return to.Write([&](SqlConn& c) -> Status {
    for (const auto& e : page) {
      c.Exec(
          "INSERT INTO events (stream_id, seq, type, actor, at, payload, prev_hash, hash) "
          "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
          {e.stream_id, e.seq, e.type, e.actor, e.at, e.payload, e.prev_hash, e.hash});
      c.Exec(
          "INSERT INTO streams (stream_id, version, head_hash) VALUES (?, ?, ?) "
          "ON CONFLICT (stream_id) DO UPDATE SET version = excluded.version, head_hash = "
          "excluded.head_hash",
          {e.stream_id, e.seq, e.hash});
      Project(c, e);
    }
    return {};
  });
}

// Copies every event page by page, each checked before it is written; returns how many.
Result<std::int64_t> CopyEvents(Database& from, Database& to, std::int64_t total,
                                const std::function<void(std::int64_t, std::int64_t)>& progress) {
  std::int64_t events = 0;
  std::int64_t after = 0;
  for (;;) {
    std::vector<StoredEvent> page = ReadEventPage(from, after);
    if (page.empty()) break;
    if (auto s = CheckEventHashes(page); !s) return Fail(s.error());
    auto w = WriteEventPage(to, page);
    if (!w) return Fail(w.error());
    events += std::int64_t(page.size());
    after = page.back().position;
    if (progress) progress(events, total);
  }
  return events;
}

// Copies the state tables that events do not rebuild: a list of tables, columns and order.
void CopyStateTables(Database& from, Database& to) {
  CopyTable(from, to, "credentials", "user_id, password_hash, changed_at", 3);
  CopyTable(from, to, "counters", "name, value", 2);
  CopyTable(from, to, "idempotency_keys",
            "user_id, idem_key, request_hash, status, response, created_at", 6);
  // Throttling counters and sessions are not moved: they are short-lived by design.
  CopyTable(from, to, "person_keys", "person_id, case_id, key_id, wrapped, created_at", 5);
  CopyTable(from, to, "person_index", "kind, token, person_id, case_id, unit_id", 5);
  CopyTable(from, to, "document_files",
            "document_id, case_id, person_id, media_type, size, digest, sealed, created_at", 8);
  // The access log in its order; the target numbers the entries anew.
  CopyTable(from, to, "access_log", "at, user_id, unit_id, case_id, section, purpose, request_id",
            7, "id");
}

}  // namespace

Result<CopyReport> CopyStore(Database& from, Database& to,
                             const std::function<void(std::int64_t, std::int64_t)>& progress) {
  std::int64_t total = 0;
  std::vector<ChainProblem> problems;
  from.Read([&](SqlConn& c) {
    total = c.Query("SELECT COUNT(*) FROM events").at(0).Int(0);
    problems = VerifyChains(c);
  });
  if (!problems.empty()) {
    return Fail(Precondition("source_tampered",
                             "Sumber gagal diverifikasi (jalankan `lindungi audit verify`).",
                             "The source fails verification (run `lindungi audit verify`)."));
  }
  bool target_empty = false;
  to.Read([&](SqlConn& c) { target_empty = c.Query("SELECT 1 FROM events LIMIT 1").empty(); });
  if (!target_empty) {
    return Fail(Precondition("target_not_empty",
                             "Tujuan sudah berisi data; pindahkan hanya ke penyimpanan kosong.",
                             "The target already holds data; move only into an empty store."));
  }

  CopyReport report;
  auto events = CopyEvents(from, to, total, progress);
  if (!events) return Fail(events.error());
  report.events = *events;

  CopyStateTables(from, to);

  std::int64_t checked = 0;
  to.Read([&](SqlConn& c) {
    problems = VerifyChains(c, &checked);
    report.streams = c.Query("SELECT COUNT(*) FROM streams").at(0).Int(0);
  });
  if (!problems.empty() || checked != total) {
    return Fail(MakeError(ErrorKind::kCorruption, "target_verification_failed",
                          "Verifikasi tujuan gagal setelah pemindahan.",
                          "The target failed verification after the move."));
  }
  return report;
}

}  // namespace lindungi::store
