#include "service/access_log.h"

#include <spdlog/spdlog.h>
#include <boost/json/parse.hpp>

#include <algorithm>

#include "store/case_store.h"
#include "store/event_log.h"
#include "store/events/user_events.h"
#include "store/request_store.h"
#include "store/user_store.h"

namespace lindungi {

AccessLog::AccessLog(store::Database& db, const Clock& clock, bool enabled)
    : db_(db), clock_(clock), enabled_(enabled) {
  if (enabled_) writer_ = std::thread([this] { Run(); });
}

AccessLog::~AccessLog() {
  Close();
}

void AccessLog::Record(const Principal& p, const std::string& unit_id, const std::string& case_id,
                       const std::string& section) {
  if (!enabled_) return;
  Entry e{
      FormatInstant(clock_.Now()), p.user_id, unit_id, case_id, section, p.purpose, p.request_id};
  std::unique_lock lock(mu_);
  if (stop_) {
    std::vector<Entry> one{std::move(e)};
    lock.unlock();
    WriteBatch(one);
    return;
  }
  queue_.push_back(std::move(e));
  ++enqueued_;
  if (queue_.size() >= 256) cv_.notify_one();
}

Result<boost::json::value> AccessLog::Query(const Principal& p,
                                            const std::optional<std::string>& case_id,
                                            const std::optional<std::string>& user_id) {
  namespace json = boost::json;
  std::vector<std::string> head_of;
  for (const auto& r : p.roles)
    if (r.role == "unit_head" || r.role == "department_head") head_of.push_back(r.unit_id);
  if (head_of.empty()) {
    return Fail(MakeError(ErrorKind::kPermissionDenied, "unit_head_required",
                          "Hanya kepala unit atau kepala dinas yang dapat melihat log akses.",
                          "Only a unit head or department head may read the access log."));
  }
  if (case_id.has_value() == user_id.has_value()) {
    return Fail(MakeError(ErrorKind::kInvalidArgument, "case_or_user_required",
                          "Sebutkan tepat satu: case_id atau user_id.",
                          "Give exactly one of case_id or user_id.", "case_id"));
  }
  Flush();
  store::AccessFilter f{case_id, user_id, head_of, 500};
  std::vector<store::AccessRecord> rows;
  std::vector<store::StoredEvent> logins;
  bool hidden = false;
  db_.Read([&](store::SqlConn& c) {
    if (case_id) {
      auto k = store::FindCase(c, *case_id);
      hidden = !k || std::find(head_of.begin(), head_of.end(), k->unit_id) == head_of.end();
      if (hidden) return;
    }
    rows = store::ListAccess(c, f);
    if (user_id) {
      // The user's log-ins, failures and lock-outs, if the user works in one of these units.
      auto u = store::FindUser(c, *user_id);
      bool ours = u && std::any_of(u->roles.begin(), u->roles.end(), [&](const auto& r) {
                    return std::find(head_of.begin(), head_of.end(), r.unit_id) != head_of.end();
                  });
      if (!ours) return;
      for (auto& e : store::ReadStream(c, store::UserStream(*user_id)))
        if (e.type == store::events::UserLoggedIn::kType ||
            e.type == store::events::UserLoginFailed::kType ||
            e.type == store::events::UserLockedOut::kType)
          logins.push_back(std::move(e));
    }
  });
  if (hidden) {
    return Fail(MakeError(ErrorKind::kNotFound, "case_not_found", "Kasus tidak ditemukan.",
                          "Case not found."));
  }
  json::array items;
  for (const auto& r : rows) {
    json::object o{{"at", r.at},           {"user_id", r.user_id}, {"unit_id", r.unit_id},
                   {"case_id", r.case_id}, {"section", r.section}, {"request_id", r.request_id}};
    o["purpose"] = r.purpose.empty() ? json::value(nullptr) : json::value(r.purpose);
    items.push_back(std::move(o));
  }
  json::object out{{"items", std::move(items)}};
  if (user_id) {
    json::array events;
    for (auto it = logins.rbegin(); it != logins.rend() && events.size() < 500; ++it)
      events.push_back(
          json::object{{"at", it->at}, {"type", it->type}, {"payload", json::parse(it->payload)}});
    out["logins"] = std::move(events);
  }
  return json::value(std::move(out));
}

void AccessLog::Flush() {
  if (!enabled_) return;
  std::unique_lock lock(mu_);
  std::uint64_t target = enqueued_;
  cv_.notify_one();
  flushed_.wait(lock, [&] { return written_ >= target || stop_; });
}

void AccessLog::Close() {
  {
    std::lock_guard lock(mu_);
    if (stop_) return;
    stop_ = true;
  }
  cv_.notify_one();
  if (writer_.joinable()) writer_.join();
}

void AccessLog::Run() {
  std::unique_lock lock(mu_);
  while (true) {
    cv_.wait_for(lock, std::chrono::seconds(1), [&] { return stop_ || queue_.size() >= 256; });
    std::vector<Entry> batch;
    batch.swap(queue_);
    std::uint64_t upto = enqueued_;
    bool stopping = stop_;
    lock.unlock();
    if (!batch.empty()) WriteBatch(batch);
    lock.lock();
    written_ = upto;
    flushed_.notify_all();
    if (stopping && queue_.empty()) return;
  }
}

void AccessLog::WriteBatch(std::vector<Entry>& batch) {
  auto w = db_.Write([&](store::SqlConn& c) -> Status {
    for (const auto& e : batch)
      store::InsertAccess(
          c, {e.at, e.user_id, e.unit_id, e.case_id, e.section, e.purpose, e.request_id});
    return {};
  });
  // The store refused (closed or failing): say so loudly; the entries cannot be kept.
  if (!w) spdlog::error("access log: {} entries not written: {}", batch.size(), w.error().code);
}

}  // namespace lindungi
