#include "service/case_access.h"

#include "core/access.h"
#include "core/termination.h"
#include "core/time_zone.h"
#include "service/sop_catalog.h"
#include "store/case_store.h"
#include "store/task_store.h"
#include "store/unit_store.h"

namespace lindungi {
namespace json = boost::json;

Error CaseNotFound() {
  return MakeError(ErrorKind::kNotFound, "case_not_found", "Kasus tidak ditemukan.",
                   "Case not found.");
}

bool CaseVisibleTo(store::SqlConn& c, const Principal& p, const store::CaseRecord& k) {
  UnitReach reach = p.ReachIn(k.unit_id);
  CaseAccessFacts f;
  if (NeedsCaseFacts(reach, k.sensitive)) {
    auto roles = p.RolesIn(k.unit_id);
    // Whom the unit's pack names (sop_catalog.h ActorScope): staff below the heads only.
    bool startable = false;
    std::vector<std::string> sops;
    if (reach == UnitReach::kOwnCases && !k.sensitive)
      if (auto unit = store::FindUnit(c, k.unit_id))
        ActorScope(unit->sop_pack, roles, startable, sops);
    f = store::FindCaseAccess(c, k.id, p.user_id, roles,
                              startable ? std::vector<std::string>{} : sops);
    f.pack_actor = f.pack_actor || startable;
  }
  f.sensitive = k.sensitive;
  return MaySeeCase(reach, f);
}

Result<store::CaseRecord> CaseOpenForWork(store::SqlConn& c, const Principal& p,
                                          const std::string& case_id) {
  auto k = store::FindCase(c, case_id);
  if (!k || !CaseVisibleTo(c, p, *k)) return Fail(CaseNotFound());
  if (auto s = CheckCaseOpenForWork(k->status); !s) return Fail(s.error());
  return std::move(*k);
}

Result<json::value> ReadVisibleCase(
    store::Database& db, const Vault& vault, AccessLog& access_log, const Principal& p,
    const std::string& case_id, const char* section,
    const std::function<json::value(store::SqlConn&, const store::CaseRecord&)>& read) {
  std::optional<json::value> out;
  std::string unit_id;
  db.Read([&](store::SqlConn& c) {
    auto k = store::FindCase(c, case_id);
    if (!k || !CaseVisibleTo(c, p, *k)) return;
    unit_id = k->unit_id;
    json::value v = read(c, *k);
    vault.DecryptTree(c, v);
    out = std::move(v);
  });
  if (!out) return Fail(CaseNotFound());
  if (section) access_log.Record(p, unit_id, case_id, section);
  return std::move(*out);
}

Result<store::TaskRecord> TaskOfCase(store::SqlConn& c, const std::string& task_id,
                                     const std::string& case_id) {
  auto t = store::FindTask(c, task_id);
  if (!t || t->case_id != case_id)
    return Fail(MakeError(ErrorKind::kNotFound, "task_not_found",
                          "Tugas itu tidak ada pada kasus ini.", "That task is not on this case.",
                          "task_id"));
  return std::move(*t);
}

std::chrono::year_month_day UnitToday(store::SqlConn& c, const std::string& unit_id, Instant now) {
  auto unit = store::FindUnit(c, unit_id);
  return LocalDate(now, UtcOffsetOrWib(unit ? unit->time_zone : ""));
}

}  // namespace lindungi
