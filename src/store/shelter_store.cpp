#include "store/shelter_store.h"

#include <fmt/format.h>

#include <algorithm>

namespace lindungi::store {
namespace {

constexpr std::string_view kShelterColumns =
    "s.id, s.unit_id, s.name, s.kind, s.takes, s.address, s.phone, s.registered_at, "
    "s.registered_by, s.updated_at, s.capacity, s.version, s.max_age, (SELECT COUNT(*) FROM "
    "shelter_stays t WHERE t.shelter_id = s.id AND t.status = 'open')";

ShelterRecord RowToShelter(const SqlRow& r) {
  ShelterRecord s;
  s.id = r.Text(0);
  s.unit_id = r.Text(1);
  s.name = r.Text(2);
  s.kind = r.Text(3);
  s.takes = r.Text(4);
  s.address = r.Text(5);
  s.phone = r.IsNull(6) ? "" : r.Text(6);
  s.registered_at = r.Text(7);
  s.registered_by = r.Text(8);
  s.updated_at = r.Text(9);
  s.capacity = r.Int(10);
  s.version = r.Int(11);
  if (!r.IsNull(12)) s.max_age = r.Int(12);
  s.occupied = r.Int(13);
  return s;
}

constexpr std::string_view kStayColumns =
    "t.id, t.case_id, t.shelter_id, COALESCE(s.name, ''), t.person_id, t.status, t.admitted_on, "
    "t.data";

StayRecord RowToStay(const SqlRow& r) {
  return {r.Text(0), r.Text(1), r.Text(2), r.Text(3), r.Text(4), r.Text(5), r.Text(6), r.Text(7)};
}

std::optional<StayRecord> OneStay(SqlConn& c, std::string_view where, const std::string& arg) {
  auto rows = c.Query(fmt::format("SELECT {} FROM shelter_stays t LEFT JOIN shelters s ON s.id = "
                                  "t.shelter_id WHERE {}",
                                  kStayColumns, where),
                      {arg});
  if (rows.empty()) return std::nullopt;
  return RowToStay(rows[0]);
}

}  // namespace

std::optional<ShelterRecord> FindShelter(SqlConn& c, const std::string& id) {
  auto rows =
      c.Query(fmt::format("SELECT {} FROM shelters s WHERE s.id = ?", kShelterColumns), {id});
  if (rows.empty()) return std::nullopt;
  return RowToShelter(rows[0]);
}

std::vector<ShelterRecord> ListShelters(SqlConn& c, const std::vector<std::string>& unit_ids) {
  std::vector<ShelterRecord> out;
  for (const auto& unit : unit_ids) {
    for (const auto& r : c.Query(fmt::format("SELECT {} FROM shelters s WHERE s.unit_id = ? "
                                             "ORDER BY s.name, s.id",
                                             kShelterColumns),
                                 {unit}))
      out.push_back(RowToShelter(r));
  }
  return out;
}

std::vector<StayRecord> ListCaseStays(SqlConn& c, const std::string& case_id) {
  return RunAlone<std::vector<StayRecord>>(
      c, [&](auto& b, auto* out) { ListCaseStays(b, case_id, out); });
}

void ListCaseStays(QueryBatch& b, const std::string& case_id, std::vector<StayRecord>* out) {
  AddListQuery(b,
               fmt::format("SELECT {} FROM shelter_stays t LEFT JOIN shelters s ON s.id = "
                           "t.shelter_id WHERE t.case_id = ? ORDER BY t.admitted_seq, t.id",
                           kStayColumns),
               {case_id}, out, RowToStay);
}

std::optional<StayRecord> FindStay(SqlConn& c, const std::string& id) {
  return OneStay(c, "t.id = ?", id);
}

std::optional<StayRecord> FindOpenStayOf(SqlConn& c, const std::string& person_id) {
  return OneStay(c, "t.person_id = ? AND t.status = 'open'", person_id);
}

std::vector<std::string> CasesInShelter(SqlConn& c, const std::string& shelter_id) {
  std::vector<std::string> out;
  for (const auto& r :
       c.Query("SELECT DISTINCT case_id FROM shelter_stays WHERE shelter_id = ? AND status = "
               "'open' ORDER BY case_id",
               {shelter_id}))
    out.push_back(r.Text(0));
  return out;
}

}  // namespace lindungi::store
