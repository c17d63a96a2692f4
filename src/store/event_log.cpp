#include "store/event_log.h"

#include <fmt/format.h>
#include <boost/json/serialize.hpp>

#include <map>
#include <set>

#include "security/hash.h"
#include "store/projections.h"

namespace lindungi::store {
namespace {

StoredEvent RowToEvent(const SqlRow& r) {
  StoredEvent e;
  e.position = r.Int(0);
  e.stream_id = r.Text(1);
  e.seq = r.Int(2);
  e.type = r.Text(3);
  e.actor = r.Text(4);
  e.at = r.Text(5);
  e.payload = r.Text(6);
  e.prev_hash = r.Text(7);
  e.hash = r.Text(8);
  return e;
}

constexpr std::string_view kEventColumns =
    "position, stream_id, seq, type, actor, at, payload, prev_hash, hash";

}  // namespace

std::string EventHash(const StoredEvent& e) {
  security::Blake2b h;
  h.UpdateFramed(e.prev_hash)
      .UpdateFramed(e.stream_id)
      .UpdateFramed(std::to_string(e.seq))
      .UpdateFramed(e.type)
      .UpdateFramed(e.actor)
      .UpdateFramed(e.at)
      .UpdateFramed(e.payload);
  return h.FinalHex();
}

std::int64_t StreamVersion(SqlConn& conn, const std::string& stream_id) {
  auto rows = conn.Query("SELECT version FROM streams WHERE stream_id = ?", {stream_id});
  return rows.empty() ? 0 : rows[0].Int(0);
}

Result<AppendResult> AppendEvents(SqlConn& conn, const std::string& stream_id,
                                  ExpectedVersion expected, const std::vector<NewEvent>& events,
                                  const std::string& actor, const std::string& at) {
  auto head = conn.Query("SELECT version, head_hash FROM streams WHERE stream_id = ?", {stream_id});
  std::int64_t version = head.empty() ? 0 : head[0].Int(0);
  std::string prev = head.empty() ? std::string(kGenesisHash) : head[0].Text(1);
  if (expected.version && *expected.version != version) {
    Error e = MakeError(ErrorKind::kConflict, "version_conflict",
                        "Data sudah diubah orang lain; muat ulang lalu ulangi perubahan Anda.",
                        "Someone else changed this record; reload it and redo your change.");
    e.current_version = version;
    return Fail(std::move(e));
  }
  AppendResult out;
  for (const auto& ne : events) {
    StoredEvent e;
    e.stream_id = stream_id;
    e.seq = ++version;
    e.type = ne.type;
    e.actor = actor;
    e.at = at;
    e.payload = boost::json::serialize(ne.payload);
    e.prev_hash = prev;
    e.hash = EventHash(e);
    auto pos = conn.Query(
        "INSERT INTO events (stream_id, seq, type, actor, at, payload, prev_hash, hash) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING position",
        {e.stream_id, e.seq, e.type, e.actor, e.at, e.payload, e.prev_hash, e.hash});
    e.position = pos.at(0).Int(0);
    prev = e.hash;
    Project(conn, e, ne.payload);
    out.events.push_back(std::move(e));
  }
  conn.Exec(
      "INSERT INTO streams (stream_id, version, head_hash) VALUES (?, ?, ?) "
      "ON CONFLICT (stream_id) DO UPDATE SET version = excluded.version, head_hash = "
      "excluded.head_hash",
      {stream_id, version, prev});
  out.version = version;
  return out;
}

std::vector<StoredEvent> ReadStream(SqlConn& conn, const std::string& stream_id) {
  std::vector<StoredEvent> out;
  for (const auto& r : conn.Query(
           fmt::format("SELECT {} FROM events WHERE stream_id = ? ORDER BY seq", kEventColumns),
           {stream_id})) {
    out.push_back(RowToEvent(r));
  }
  return out;
}

std::vector<ChainProblem> VerifyChains(SqlConn& conn, std::int64_t* events_checked) {
  std::vector<ChainProblem> problems;
  std::int64_t checked = 0;
  // Heads by stream; compared in C++ so the database's text collation does not matter.
  std::map<std::string, std::pair<std::int64_t, std::string>> heads;
  for (const auto& r : conn.Query("SELECT stream_id, version, head_hash FROM streams")) {
    heads.emplace(r.Text(0), std::make_pair(r.Int(1), r.Text(2)));
  }
  std::set<std::string> seen;
  auto close_stream = [&](const std::string& id, std::int64_t last_seq,
                          const std::string& last_hash, bool broken) {
    seen.insert(id);
    auto h = heads.find(id);
    if (h == heads.end()) {
      problems.push_back({id, last_seq, "unknown_stream"});
    } else if (!broken && (h->second.first != last_seq || h->second.second != last_hash)) {
      problems.push_back(
          {id, h->second.first > last_seq ? last_seq + 1 : h->second.first, "head_mismatch"});
    }
  };
  // Events of one stream come together, in sequence order (grouping needs no collation),
  // paged by (stream_id, seq) so memory stays bounded on a national store.
  std::string stream, prev_hash, after_stream;
  std::int64_t expect_seq = 0, last_position = 0, last_seq = 0, after_seq = 0;
  bool broken = false;
  for (;;) {
    auto rows = conn.Query(
        fmt::format("SELECT {} FROM events WHERE stream_id > ? OR (stream_id = ? AND seq > ?) "
                    "ORDER BY stream_id, seq, position LIMIT 5000",
                    kEventColumns),
        {after_stream, after_stream, after_seq});
    if (rows.empty()) break;
    for (const auto& r : rows) {
      StoredEvent e = RowToEvent(r);
      after_stream = e.stream_id;
      after_seq = e.seq;
      ++checked;
      if (e.stream_id != stream) {
        if (!stream.empty()) close_stream(stream, last_seq, prev_hash, broken);
        stream = e.stream_id;
        expect_seq = 1;
        prev_hash = std::string(kGenesisHash);
        last_position = 0;
        broken = false;
      }
      if (broken) continue;  // report the first break of a stream only
      const char* problem = nullptr;
      if (e.seq != expect_seq)
        problem = e.seq > expect_seq ? "missing" : "duplicate";
      else if (e.position < last_position || e.prev_hash != prev_hash)
        problem = "out_of_order";
      else if (EventHash(e) != e.hash)
        problem = "changed";
      if (problem) {
        problems.push_back(
            {e.stream_id, std::string_view(problem) == "missing" ? expect_seq : e.seq, problem});
        broken = true;
      }
      last_seq = e.seq;
      last_position = e.position;
      prev_hash = e.hash;
      expect_seq = e.seq + 1;
    }
  }
  if (!stream.empty()) close_stream(stream, last_seq, prev_hash, broken);
  for (const auto& [id, head] : heads) {
    if (!seen.contains(id)) problems.push_back({id, 1, "missing"});
  }
  if (events_checked) *events_checked = checked;
  return problems;
}

std::int64_t RebuildProjections(SqlConn& conn) {
  ClearProjections(conn);
  std::int64_t n = 0;
  std::int64_t after = 0;
  // Page through the log so memory stays bounded on large stores.
  for (;;) {
    auto rows = conn.Query(
        fmt::format("SELECT {} FROM events WHERE position > ? ORDER BY position LIMIT 1000",
                    kEventColumns),
        {after});
    if (rows.empty()) break;
    for (const auto& r : rows) {
      StoredEvent e = RowToEvent(r);
      Project(conn, e);
      after = e.position;
      ++n;
    }
  }
  return n;
}

}  // namespace lindungi::store
