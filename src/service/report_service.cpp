#include "service/report_service.h"
#include "service/case_access.h"
#include "service/clients.h"
#include "service/json_values.h"
#include "service/sealing.h"

#include <fmt/format.h>
#include <boost/json/parse.hpp>

#include <algorithm>
#include <cmath>
#include <map>
#include <set>

#include "core/intake.h"
#include "core/roles.h"
#include "core/statistics.h"
#include "core/text.h"
#include "core/time_zone.h"
#include "report/table_export.h"
#include "store/case_store.h"
#include "store/event_log.h"
#include "store/events/report_events.h"
#include "store/stats_store.h"
#include "store/unit_store.h"
#include "store/user_store.h"

namespace lindungi {
namespace json = boost::json;
using report::Cell;
using report::Table;

namespace {

// Who reads a unit's figures, who reads them by staff member, who reads identifying columns.
constexpr std::string_view kReportRoles[] = {"intake_officer", "admin_officer", "case_manager",
                                             "section_head",   "unit_head",     "department_head"};
constexpr std::string_view kIdentifyingRoles[] = {"unit_head", "department_head"};

template <std::size_t N>
bool HasAny(const Principal& p, const std::string& unit_id, const std::string_view (&roles)[N]) {
  for (auto r : roles)
    if (p.HasRoleIn(unit_id, r)) return true;
  return false;
}

Error Invalid(std::string code, std::string id, std::string en, std::string field) {
  return MakeError(ErrorKind::kInvalidArgument, std::move(code), std::move(id), std::move(en),
                   std::move(field));
}

Error NotAllowed() {
  return MakeError(ErrorKind::kPermissionDenied, "report_not_allowed",
                   "Anda tidak berwenang melihat laporan unit atau wilayah ini.",
                   "You may not see the reports of this unit or region.");
}

std::string TextOf(const json::object& o, std::string_view key) {
  auto* v = o.if_contains(key);
  return v && v->is_string() ? std::string(v->as_string()) : std::string();
}

std::vector<std::string> TextsOf(const json::object& o, std::string_view key) {
  std::vector<std::string> out;
  if (auto* v = o.if_contains(key); v && v->is_array())
    for (const auto& x : v->as_array())
      if (x.is_string()) out.emplace_back(x.as_string());
  return out;
}

json::object ParseObject(const std::string& text) {
  json::value v = json::parse(text);
  return v.is_object() ? std::move(v.as_object()) : json::object();
}

json::value Count(std::int64_t n, bool publication) {
  if (!publication) return n;
  auto s = Suppressed(n);
  return s ? json::value(*s) : json::value(nullptr);
}

// A name safe in a file name: letters, digits and '-'.
std::string FileWord(const std::string& s) {
  std::string out;
  for (char c : s) {
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'))
      out += c;
    else if (!out.empty() && out.back() != '-')
      out += '-';
  }
  while (!out.empty() && out.back() == '-') out.pop_back();
  return out.empty() ? "unit" : out;
}

// The caller's units reaching a unit's figures at `level`: national ones, provincial of `province`.
std::vector<const store::UnitRecord*> Reach(const std::vector<const store::UnitRecord*>& mine,
                                            const std::string& level, const std::string& province) {
  std::vector<const store::UnitRecord*> out;
  for (const auto* u : mine)
    if (u->level == "nasional" || (level == "provinsi" && u->level == "provinsi" &&
                                   !province.empty() && u->province == province))
      out.push_back(u);
  return out;
}

// The unit a report is about: the one the query names, else the caller's only report unit.
Result<const store::UnitRecord*> TargetUnit(const std::vector<store::UnitRecord>& all,
                                            const std::vector<const store::UnitRecord*>& mine,
                                            const ReportQuery& q) {
  const store::UnitRecord* target = nullptr;
  if (q.unit) {
    for (const auto& u : all)
      if (u.id == *q.unit || u.code == *q.unit) target = &u;
    if (!target) {
      return Fail(MakeError(ErrorKind::kNotFound, "unit_not_found", "Unit tidak ditemukan.",
                            "No such unit.", "unit"));
    }
  } else if (mine.size() == 1) {
    target = mine[0];
  } else {
    return Fail(Invalid("unit_required", "Pilih unit (unit): Anda bertugas di beberapa unit.",
                        "Choose a unit (unit): you work in several units.", "unit"));
  }
  return target;
}

// A roll-up: its units and name, and the caller's units through which it is reached.
struct Rollup {
  std::vector<store::UnitRecord> units;
  std::string name;
  std::vector<const store::UnitRecord*> via;  // empty: the caller may not see it
};

// The roll-up `rollup` (unit, province or national) of `target`.
Result<Rollup> RollupOf(const Principal& p, const std::vector<store::UnitRecord>& all,
                        const std::vector<const store::UnitRecord*>& mine,
                        const store::UnitRecord* target, const std::string& rollup) {
  Rollup r;
  if (rollup == "unit") {
    if (HasAny(p, target->id, kReportRoles)) r.via.push_back(target);
    for (const auto* u : Reach(mine, "provinsi", target->province))
      if (u != target) r.via.push_back(u);
    r.units = {*target};
    r.name = target->code;
  } else if (rollup == "province") {
    if (target->province.empty()) {
      return Fail(Invalid("no_province", "Unit ini tidak mencatat provinsinya.",
                          "This unit has no province recorded.", "unit"));
    }
    r.via = Reach(mine, "provinsi", target->province);
    for (const auto& u : all)
      if (u.province == target->province) r.units.push_back(u);
    r.name = target->province;
  } else if (rollup == "national") {
    r.via = Reach(mine, "nasional", "");
    r.units = all;
    r.name = "nasional";
  } else {
    return Fail(Invalid("invalid_value", "rollup: unit, province atau national.",
                        "rollup must be unit, province or national.", "rollup"));
  }
  return r;
}

// A report's months, first and last (YYYY-MM).
struct Months {
  std::string from, to;
};

// The months a query asks for: its period, its from/to, or else the unit's current year.
Result<Months> MonthsOf(const ReportQuery& q, const Clock& clock, std::chrono::minutes offset) {
  if (q.period && (q.from || q.to)) {
    return Fail(Invalid("period_or_months", "Pakai period atau from/to, tidak keduanya.",
                        "Give period or from/to, not both.", "period"));
  }
  Months m;
  if (q.period) {
    auto r = ParsePeriod(*q.period);
    if (!r) {
      return Fail(Invalid("invalid_period", "period: 2026, 2026-Q2 atau 2026-05.",
                          "period must be like 2026, 2026-Q2 or 2026-05.", "period"));
    }
    m.from = r->from;
    m.to = r->to;
  } else if (q.from || q.to) {
    for (auto [v, f] : {std::pair{&q.from, "from"}, std::pair{&q.to, "to"}}) {
      if (!*v || !IsMonth(**v)) {
        return Fail(Invalid("invalid_month", "from dan to: bulan YYYY-MM.",
                            "from and to must be months YYYY-MM.", f));
      }
    }
    m.from = *q.from;
    m.to = *q.to;
    if (m.from > m.to || MonthsBetween(m.from, m.to).size() > 120) {
      return Fail(Invalid("invalid_month", "from paling lambat to, paling lama 10 tahun.",
                          "from must not be after to, and at most 10 years apart.", "to"));
    }
  } else {
    auto today = LocalDate(clock.Now(), offset);
    m.from = fmt::format("{:04}-01", int(today.year()));
    m.to = fmt::format("{:04}-12", int(today.year()));
  }
  return m;
}

}  // namespace

struct ReportService::Scope {
  std::vector<store::UnitRecord> units;
  std::string rollup;  // unit, province, national
  std::string name;    // the unit's code, the province, or "nasional"
  std::string from, to;
  std::chrono::minutes offset{7 * 60};
  bool head = false;         // by staff member
  bool identifying = false;  // may read identifying columns (with a purpose)

  std::vector<std::string> UnitIds() const {
    std::vector<std::string> out;
    for (const auto& u : units) out.push_back(u.id);
    return out;
  }
  store::StatScope Stat() const { return {UnitIds(), from, to, rollup == "national"}; }
  json::object Json() const {
    json::array us;
    for (const auto& u : units)
      us.push_back(json::object{{"id", u.id}, {"code", u.code}, {"name", u.name}});
    return json::object{
        {"rollup", rollup}, {"name", name}, {"units", std::move(us)}, {"from", from}, {"to", to}};
  }
};

ReportService::ReportService(store::Database& db, const Clock& clock, AccessLog& access_log,
                             const Vault& vault, const SopCatalog& sops)
    : db_(db), clock_(clock), access_log_(access_log), vault_(vault), sops_(sops) {}

Result<ReportService::Scope> ReportService::Resolve(store::SqlConn& c, const Principal& p,
                                                    const ReportQuery& q) {
  std::vector<store::UnitRecord> all = store::ListUnits(c);
  std::vector<const store::UnitRecord*> mine;  // units where the caller holds a report role
  for (const auto& u : all)
    if (HasAny(p, u.id, kReportRoles)) mine.push_back(&u);
  if (mine.empty()) return Fail(NotAllowed());
  auto target = TargetUnit(all, mine, q);
  if (!target) return Fail(target.error());
  std::string rollup = q.rollup.value_or("unit");
  auto r = RollupOf(p, all, mine, *target, rollup);
  if (!r) return Fail(r.error());
  if (r->via.empty()) return Fail(NotAllowed());
  Scope s;
  s.units = std::move(r->units);
  s.name = std::move(r->name);
  s.rollup = rollup;
  for (const auto* u : r->via) {
    s.head = s.head || HasAny(p, u->id, kSupervisorRoles);
    s.identifying = s.identifying || HasAny(p, u->id, kIdentifyingRoles);
  }
  s.offset = UtcOffsetOrWib((*target)->time_zone);
  auto months = MonthsOf(q, clock_, s.offset);
  if (!months) return Fail(months.error());
  s.from = std::move(months->from);
  s.to = std::move(months->to);
  return s;
}

json::value ReportService::Label(const std::string& dimension, const std::string& value) const {
  if (value.empty()) return json::object{{"label", "Tidak tercatat"}, {"label_en", "Not recorded"}};
  for (const auto& f : FixedValues(dimension))
    if (f.value == value) return json::object{{"label", f.label}, {"label_en", f.label_en}};
  if (dimension == "sop") {
    const sop::Sop* s = sops_.Find(value);
    return json::object{{"label", s ? s->title : value}, {"label_en", value}};
  }
  const StatDimension* d = FindStatDimension(dimension);
  const Classification& cls = sops_.classification();
  if (d && !d->list.empty()) {
    if (d->list == "age_bands") return json::object{{"label", value}, {"label_en", value}};
    if (const auto* list = cls.List(d->list))
      for (const auto& c : *list)
        if (c.id == value) return json::object{{"label", c.label}, {"label_en", c.label_en}};
  }
  return json::object{{"label", value}, {"label_en", value}};
}

namespace {

// The values a dimension's table lists: the known ones in order, then others counted, then
// "not recorded".
std::vector<std::string> ValuesOf(const Classification& cls, const std::string& dimension,
                                  const std::set<std::string>& counted) {
  std::vector<std::string> out;
  for (const auto& f : FixedValues(dimension)) out.emplace_back(f.value);
  if (const StatDimension* d = FindStatDimension(dimension); d && !d->list.empty()) {
    if (d->list == "age_bands") {
      for (const auto& b : cls.age_bands) out.push_back(b.id);
    } else if (const auto* list = cls.List(d->list)) {
      for (const auto& c : *list) out.push_back(c.id);
    }
  }
  for (const auto& v : counted)
    if (!v.empty() && std::find(out.begin(), out.end(), v) == out.end()) out.push_back(v);
  if (counted.contains("")) out.emplace_back();
  return out;
}

Result<std::string> Dimension(const std::optional<std::string>& v, const char* field) {
  if (!v || !FindStatDimension(*v)) {
    std::vector<std::string_view> ids;
    for (const auto& d : kStatDimensions) ids.push_back(d.id);
    return Fail(MakeError(ErrorKind::kInvalidArgument, "invalid_dimension",
                          fmt::format("{}: salah satu dari {}.", field, fmt::join(ids, ", ")),
                          fmt::format("{} must be one of {}.", field, fmt::join(ids, ", ")),
                          field));
  }
  return *v;
}

}  // namespace

Result<json::value> ReportService::Scopes(const Principal& p) {
  json::array units, rollups;
  std::set<std::string> provinces;
  bool national = false;
  db_.ReadOne([&](store::SqlConn& c) {
    for (const auto& u : store::ListUnits(c)) {
      bool direct = HasAny(p, u.id, kReportRoles);
      if (direct && u.level == "nasional") national = true;
      if (direct && u.level == "provinsi" && !u.province.empty()) provinces.insert(u.province);
      units.push_back(json::object{{"id", u.id},
                                   {"code", u.code},
                                   {"name", u.name},
                                   {"level", u.level},
                                   {"province", TextOrNull(u.province)},
                                   {"direct", direct},
                                   {"head", HasAny(p, u.id, kSupervisorRoles)}});
    }
  });
  // Keep the units the caller reaches (directly, through the province or the nation).
  json::array reachable;
  for (auto& v : units) {
    auto& o = v.as_object();
    bool in = o.at("direct").as_bool() || national ||
              (o.at("province").is_string() &&
               provinces.contains(std::string(o.at("province").as_string())));
    if (in) reachable.push_back(std::move(v));
  }
  if (reachable.empty()) return Fail(NotAllowed());
  for (const auto& pr : provinces)
    rollups.push_back(json::object{{"rollup", "province"}, {"name", pr}});
  if (national) rollups.push_back(json::object{{"rollup", "national"}, {"name", "nasional"}});
  json::array dims;
  for (const auto& d : kStatDimensions)
    dims.push_back(json::object{{"id", d.id}, {"label", d.label}, {"label_en", d.label_en}});
  return json::object{
      {"units", std::move(reachable)}, {"rollups", std::move(rollups)}, {"dimensions", dims}};
}

Result<json::value> ReportService::Statistics(const Principal& p, const ReportQuery& q) {
  std::optional<Result<Scope>> scope;
  std::vector<store::StatCount> counts;
  store::StatCount totals;
  db_.Read([&](store::SqlConn& c) {
    scope = Resolve(c, p, q);
    if (!*scope) return;
    counts = store::CountByDimension(c, (*scope)->Stat());
    totals = store::CountTotals(c, (*scope)->Stat());
  });
  if (!*scope) return Fail(scope->error());
  const Scope& s = **scope;
  std::map<std::string, std::map<std::string, const store::StatCount*>> by;
  for (const auto& x : counts) by[x.dimension][x.value] = &x;
  json::array dims;
  for (const auto& d : kStatDimensions) {
    std::string id(d.id);
    std::set<std::string> counted;
    for (const auto& [v, x] : by[id]) counted.insert(v);
    json::array rows;
    for (const auto& v : ValuesOf(sops_.classification(), id, counted)) {
      auto it = by[id].find(v);
      std::int64_t cases = it == by[id].end() ? 0 : it->second->cases;
      std::int64_t clients = it == by[id].end() ? 0 : it->second->clients;
      json::object row = Label(id, v).as_object();
      row["value"] = v;
      row["cases"] = Count(cases, q.publication);
      row["clients"] = Count(clients, q.publication);
      rows.push_back(std::move(row));
    }
    dims.push_back(json::object{
        {"id", id}, {"label", d.label}, {"label_en", d.label_en}, {"rows", std::move(rows)}});
  }
  return json::object{{"scope", s.Json()},
                      {"publication", q.publication},
                      {"totals", json::object{{"cases", Count(totals.cases, q.publication)},
                                              {"clients", Count(totals.clients, q.publication)}}},
                      {"dimensions", std::move(dims)}};
}

Result<json::value> ReportService::Cross(const Principal& p, const ReportQuery& q,
                                         const std::string& rows, const std::string& cols) {
  auto r = Dimension(rows, "rows");
  if (!r) return Fail(r.error());
  auto k = Dimension(cols, "cols");
  if (!k) return Fail(k.error());
  if (rows == cols) {
    return Fail(Invalid("same_dimension", "rows dan cols harus dimensi yang berbeda.",
                        "rows and cols must be different dimensions.", "cols"));
  }
  std::optional<Result<Scope>> scope;
  std::vector<store::CrossCount> cells;
  db_.Read([&](store::SqlConn& c) {
    scope = Resolve(c, p, q);
    if (*scope) cells = store::CrossTable(c, (*scope)->Stat(), rows, cols);
  });
  if (!*scope) return Fail(scope->error());
  std::set<std::string> row_vals, col_vals;
  std::map<std::pair<std::string, std::string>, const store::CrossCount*> at;
  for (const auto& x : cells) {
    row_vals.insert(x.row);
    col_vals.insert(x.col);
    at[{x.row, x.col}] = &x;
  }
  json::array columns;
  auto col_list = ValuesOf(sops_.classification(), cols, col_vals);
  for (const auto& v : col_list) {
    json::object o = Label(cols, v).as_object();
    o["value"] = v;
    columns.push_back(std::move(o));
  }
  json::array out_rows;
  for (const auto& v : ValuesOf(sops_.classification(), rows, row_vals)) {
    json::object o = Label(rows, v).as_object();
    o["value"] = v;
    json::array cl, cs;
    for (const auto& w : col_list) {
      auto it = at.find({v, w});
      cl.push_back(Count(it == at.end() ? 0 : it->second->clients, q.publication));
      cs.push_back(Count(it == at.end() ? 0 : it->second->cases, q.publication));
    }
    o["clients"] = std::move(cl);
    o["cases"] = std::move(cs);
    out_rows.push_back(std::move(o));
  }
  return json::object{{"scope", (*scope)->Json()},     {"publication", q.publication},
                      {"rows_dimension", rows},        {"cols_dimension", cols},
                      {"columns", std::move(columns)}, {"rows", std::move(out_rows)}};
}

Result<json::value> ReportService::Trend(const Principal& p, const ReportQuery& q,
                                         const std::string& dimension) {
  if (!dimension.empty()) {
    auto d = Dimension(dimension, "dimension");
    if (!d) return Fail(d.error());
  }
  std::optional<Result<Scope>> scope;
  std::vector<store::MonthCount> totals, series;
  db_.Read([&](store::SqlConn& c) {
    scope = Resolve(c, p, q);
    if (!*scope) return;
    totals = store::CountByMonth(c, (*scope)->Stat(), "");
    if (!dimension.empty()) series = store::CountByMonth(c, (*scope)->Stat(), dimension);
  });
  if (!*scope) return Fail(scope->error());
  const Scope& s = **scope;
  auto months = MonthsBetween(s.from, s.to);
  auto points = [&](const std::vector<store::MonthCount>& rows, const std::string& value) {
    json::array out;
    for (const auto& m : months) {
      std::int64_t cases = 0, clients = 0;
      for (const auto& r : rows)
        if (r.month == m && r.value == value) {
          cases = r.cases;
          clients = r.clients;
        }
      out.push_back(json::object{{"month", m},
                                 {"cases", Count(cases, q.publication)},
                                 {"clients", Count(clients, q.publication)}});
    }
    return out;
  };
  json::object out{
      {"scope", s.Json()}, {"publication", q.publication}, {"months", points(totals, "")}};
  if (!dimension.empty()) {
    std::set<std::string> vals;
    for (const auto& r : series) vals.insert(r.value);
    json::array ser;
    for (const auto& v : ValuesOf(sops_.classification(), dimension, vals)) {
      json::object o = Label(dimension, v).as_object();
      o["value"] = v;
      o["months"] = points(series, v);
      ser.push_back(std::move(o));
    }
    out["dimension"] = dimension;
    out["series"] = std::move(ser);
  }
  return out;
}

namespace {

struct ComplianceLine {
  store::ComplianceRow row;
  const sop::Sop* sop = nullptr;
  const sop::Step* step = nullptr;
  std::size_t step_index = 0;
  std::string staff_name;
};

json::value Number(const std::optional<double>& d) {
  if (!d) return nullptr;
  return std::round(*d * 100) / 100;
}

}  // namespace

Result<json::value> ReportService::Compliance(const Principal& p, const ReportQuery& q,
                                              bool by_staff) {
  std::optional<Result<Scope>> scope;
  std::vector<ComplianceLine> lines;
  db_.Read([&](store::SqlConn& c) {
    scope = Resolve(c, p, q);
    if (!*scope) return;
    const Scope& s = **scope;
    if (by_staff && !s.head) return;
    auto rows = store::Compliance(c, s.Stat(), FormatInstant(clock_.Now()), by_staff);
    std::map<std::string, std::string> names;
    for (auto& r : rows) {
      ComplianceLine l;
      l.row = std::move(r);
      l.sop = sops_.Find(l.row.sop_id);
      if (l.sop)
        for (std::size_t i = 0; i < l.sop->steps.size(); ++i)
          if (l.sop->steps[i].id == l.row.step_id) {
            l.step = &l.sop->steps[i];
            l.step_index = i;
          }
      if (by_staff && !l.row.staff.empty()) {
        auto it = names.find(l.row.staff);
        if (it == names.end()) {
          auto u = store::FindUser(c, l.row.staff);
          it = names.emplace(l.row.staff, u ? u->display_name : l.row.staff).first;
        }
        l.staff_name = it->second;
      }
      lines.push_back(std::move(l));
    }
  });
  if (!*scope) return Fail(scope->error());
  if (by_staff && !(*scope)->head) {
    return Fail(MakeError(ErrorKind::kPermissionDenied, "head_required",
                          "Kepatuhan per petugas hanya untuk kepala seksi, UPTD atau dinas.",
                          "Compliance by staff member is for section, unit and department heads.",
                          "by"));
  }
  std::sort(lines.begin(), lines.end(), [](const ComplianceLine& a, const ComplianceLine& b) {
    return std::tie(a.row.sop_id, a.step_index, a.row.step_id, a.row.staff) <
           std::tie(b.row.sop_id, b.step_index, b.row.step_id, b.row.staff);
  });
  json::array rows;
  for (const auto& l : lines) {
    const auto& r = l.row;
    json::object o{
        {"sop_id", r.sop_id},
        {"sop_title", l.sop ? json::value(l.sop->title) : json::value(nullptr)},
        {"step_id", r.step_id},
        {"step_no", l.step ? json::value(l.step->no) : json::value(nullptr)},
        {"activity", l.step ? json::value(l.step->activity) : json::value(nullptr)},
        {"standard_time", l.step && l.step->standard_time ? json::value(l.step->standard_time_text)
                                                          : json::value(nullptr)},
        {"duration_unit", TextOrNull(r.duration_unit)},
        {"done", r.done},
        {"with_standard", r.with_standard},
        {"within_standard", r.within},
        {"share_within", r.with_standard ? Number(double(r.within) / double(r.with_standard))
                                         : json::value(nullptr)},
        {"median", r.median ? json::value(ShownDuration(*r.median)) : json::value(nullptr)},
        {"p90", r.p90 ? json::value(ShownDuration(*r.p90)) : json::value(nullptr)},
        {"open_now", r.open_now},
        {"overdue_now", r.overdue_now}};
    if (by_staff)
      o["staff"] = r.staff.empty()
                       ? json::value(nullptr)
                       : json::value(json::object{{"id", r.staff}, {"name", l.staff_name}});
    rows.push_back(std::move(o));
  }
  return json::object{{"scope", (*scope)->Json()}, {"by_staff", by_staff}, {"rows", rows}};
}

namespace {

// SIMFONI's fields in its order (forms/simfoni.yaml), then the identifying ones.
constexpr std::string_view kSimfoniColumns[] = {"no",
                                                "nomor_kasus",
                                                "tanggal_lapor",
                                                "tanggal_kejadian",
                                                "provinsi_kejadian",
                                                "kabupaten_kejadian",
                                                "jenis_kasus",
                                                "bentuk_kekerasan",
                                                "tempat_kejadian",
                                                "jenis_kelamin_korban",
                                                "kelompok_umur_korban",
                                                "pendidikan_korban",
                                                "disabilitas_korban",
                                                "hubungan_pelaku",
                                                "jenis_kelamin_pelaku",
                                                "kelompok_umur_pelaku",
                                                "layanan_diterima",
                                                "nomor_simfoni",
                                                "tanggal_input"};
constexpr std::string_view kIdentifyingColumns[] = {"nama_korban",          "nik_korban",
                                                    "tanggal_lahir_korban", "alamat_korban",
                                                    "telepon_korban",       "nama_pelaku"};

struct SimfoniRow {
  std::string case_id, client_id, incident_id;
  std::vector<std::string> cells;
  bool sent = false;
};

// The label of a category id in `list` (the id itself if the list lacks it).
std::string CategoryLabel(const std::vector<Category>& list, const std::string& id) {
  for (const auto& x : list)
    if (x.id == id) return x.label;
  return id;
}

// The labels of the non-empty ids, joined by "; ".
std::string CategoryLabels(const std::vector<Category>& list, const std::vector<std::string>& ids) {
  std::vector<std::string> out;
  for (const auto& id : ids)
    if (!id.empty()) out.push_back(CategoryLabel(list, id));
  return fmt::format("{}", fmt::join(out, "; "));
}

// The label of a recorded sex ("" if none or unknown).
std::string SexLabel(const std::string& s) {
  for (const auto& f : FixedValues("sex"))
    if (f.value == s) return std::string(f.label);
  return "";
}

// The non-empty texts joined by "; ".
std::string JoinNonEmpty(const std::vector<std::string>& v) {
  std::vector<std::string> nonempty;
  for (const auto& x : v)
    if (!x.empty()) nonempty.push_back(x);
  return fmt::format("{}", fmt::join(nonempty, "; "));
}

// What a case's SIMFONI rows share: number, day received, types, people, incidents, sent marks.
struct SimfoniCase {
  std::string number, received_on;
  std::vector<std::string> types;
  std::vector<store::PersonRecord> people;
  std::map<std::string, json::object> person;
  std::vector<store::IncidentRecord> incidents;
  std::map<std::pair<std::string, std::string>, store::SimfoniSent> sent;
};

// Reads what the rows of case `k` share; `offset` is its unit's time zone.
SimfoniCase ReadSimfoniCase(store::SqlConn& c, const Vault& vault, const store::CaseRecord& k,
                            const std::string& case_id, std::chrono::minutes offset,
                            bool identifying) {
  SimfoniCase sc;
  sc.number = k.number;
  json::object data = ParseObject(k.data);
  if (auto* v = data.if_contains("classification"); v && v->is_object())
    sc.types = TextsOf(v->as_object(), "case_types");
  auto received = ParseInstant(k.received_at);
  auto day = LocalDate(received.value_or(Instant{}), offset);
  sc.received_on =
      fmt::format("{:04}-{:02}-{:02}", int(day.year()), unsigned(day.month()), unsigned(day.day()));
  sc.people = store::ListCasePeople(c, case_id);
  for (const auto& r : sc.people) {
    json::value v = json::parse(r.data);
    if (identifying) vault.DecryptTree(c, v);
    sc.person[r.person_id] = v.is_object() ? v.as_object() : json::object();
  }
  sc.incidents = store::ListIncidents(c, case_id);
  for (auto& x : store::ListSimfoniSent(c, case_id)) sc.sent[{x.client_id, x.incident_id}] = x;
  return sc;
}

// The incidents (id, data) the person is a victim of; none: one without incident fields ("").
std::vector<std::pair<std::string, json::object>> VictimIncidents(
    const std::vector<store::IncidentRecord>& incidents, const std::string& person_id) {
  std::vector<std::pair<std::string, json::object>> mine;
  for (const auto& in : incidents) {
    json::object o = ParseObject(in.data);
    bool victim = false;
    if (auto* vs = o.if_contains("victims"); vs && vs->is_array())
      for (const auto& v : vs->as_array())
        if (v.is_object() && TextOf(v.as_object(), "person_id") == person_id) victim = true;
    if (victim) mine.emplace_back(in.id, std::move(o));
  }
  if (mine.empty()) mine.emplace_back("", json::object{});
  return mine;
}

// An incident's fields for one victim: her age band, the region, and each perpetrator's.
struct IncidentFields {
  std::string age_band, region_p, region_r;
  std::vector<std::string> relations, psex, page, pnames;
};

// Reads incident `in`'s fields for victim `person_id` (an unknown perpetrator: added empty).
IncidentFields ReadIncidentFields(const json::object& in, const std::string& incident_id,
                                  const std::string& person_id,
                                  std::map<std::string, json::object>& person) {
  IncidentFields f;
  if (auto* vs = in.if_contains("victims"); vs && vs->is_array())
    for (const auto& v : vs->as_array())
      if (v.is_object() && TextOf(v.as_object(), "person_id") == person_id)
        f.age_band = TextOf(v.as_object(), "age_band");
  if (auto* rg = in.if_contains("region"); rg && rg->is_object()) {
    f.region_p = TextOf(rg->as_object(), "province");
    f.region_r = TextOf(rg->as_object(), "regency");
  }
  if (auto* ps = in.if_contains("perpetrators"); ps && ps->is_array())
    for (const auto& pv : ps->as_array()) {
      if (!pv.is_object()) continue;
      const auto& po = pv.as_object();
      f.relations.push_back(TextOf(po, "relation"));
      f.page.push_back(TextOf(po, "age_band"));
      const json::object& pp = person[TextOf(po, "person_id")];
      f.psex.push_back(SexLabel(TextOf(pp, "sex")));
      f.pnames.push_back(TextOf(pp, "name"));
    }
  if (!incident_id.empty() && f.relations.empty()) f.relations.push_back("na");
  return f;
}

// The kSimfoniColumns cells of client `me` and one incident ("no" left to be numbered).
std::vector<std::string> SimfoniCells(const Classification& cls, const SimfoniCase& sc,
                                      const json::object& me, const std::string& incident_id,
                                      const json::object& in, const IncidentFields& f,
                                      const std::string& services, const store::SimfoniSent* sent) {
  auto* dis = me.if_contains("disability");
  return {"",
          sc.number,
          sc.received_on,
          TextOf(in, "date"),
          f.region_p,
          f.region_r,
          CategoryLabels(cls.case_types, sc.types),
          CategoryLabels(cls.violence_forms, TextsOf(in, "forms")),
          incident_id.empty() ? "" : CategoryLabel(cls.place_types, TextOf(in, "place_type")),
          SexLabel(TextOf(me, "sex")),
          f.age_band,
          TextOf(me, "education").empty()
              ? ""
              : CategoryLabel(cls.education_levels, TextOf(me, "education")),
          dis && dis->is_bool() && dis->as_bool() ? "Ya" : "Tidak",
          CategoryLabels(cls.perpetrator_relations, f.relations),
          JoinNonEmpty(f.psex),
          JoinNonEmpty(f.page),
          services,
          sent ? sent->nomor_simfoni : "",
          sent ? sent->sent_on : ""};
}

// Appends client `r`'s rows, one per incident; returns whether it appended any.
bool AppendClientRows(store::SqlConn& c, const Classification& cls, SimfoniCase& sc,
                      const std::string& case_id, const store::PersonRecord& r, bool identifying,
                      bool include_sent, std::vector<SimfoniRow>& out) {
  const json::object& me = sc.person[r.person_id];
  std::string services =
      CategoryLabels(cls.services, store::ClientValues(c, r.person_id, "service"));
  bool any = false;
  for (const auto& [incident_id, in] : VictimIncidents(sc.incidents, r.person_id)) {
    auto s = sc.sent.find({r.person_id, incident_id});
    if (s != sc.sent.end() && !include_sent) continue;
    SimfoniRow row{case_id, r.person_id, incident_id, {}, s != sc.sent.end()};
    IncidentFields f = ReadIncidentFields(in, incident_id, r.person_id, sc.person);
    row.cells = SimfoniCells(cls, sc, me, incident_id, in, f, services,
                             s == sc.sent.end() ? nullptr : &s->second);
    if (identifying) {
      row.cells.push_back(TextOf(me, "name"));
      row.cells.push_back(TextOf(me, "nik"));
      row.cells.push_back(TextOf(me, "birth_date"));
      row.cells.push_back(TextOf(me, "address"));
      row.cells.push_back(TextOf(me, "phone"));
      row.cells.push_back(JoinNonEmpty(f.pnames));
    }
    out.push_back(std::move(row));
    any = true;
  }
  return any;
}

}  // namespace

// The SIMFONI rows of the scope (oldest case first; a case's clients and incidents in the
// order recorded). Reads cases one by one: a listing, not a count.
static std::vector<SimfoniRow> SimfoniRows(store::SqlConn& c, const Vault& vault,
                                           const SopCatalog& sops, AccessLog& log,
                                           const Principal& p, const store::StatScope& scope,
                                           bool identifying, bool include_sent) {
  const Classification& cls = sops.classification();
  std::map<std::string, std::chrono::minutes> offsets;
  std::vector<SimfoniRow> out;
  for (const auto& case_id : store::CasesInScope(c, scope)) {
    auto k = store::FindCase(c, case_id);
    if (!k) continue;
    if (!offsets.contains(k->unit_id)) {
      auto u = store::FindUnit(c, k->unit_id);
      offsets[k->unit_id] = UtcOffsetOrWib(u ? u->time_zone : "");
    }
    SimfoniCase sc = ReadSimfoniCase(c, vault, *k, case_id, offsets[k->unit_id], identifying);
    bool any = false;
    for (const auto& r : sc.people) {
      if (r.role != "client") continue;
      if (AppendClientRows(c, cls, sc, case_id, r, identifying, include_sent, out)) any = true;
    }
    if (identifying && any) log.Record(p, k->unit_id, case_id, "simfoni");
  }
  for (std::size_t i = 0; i < out.size(); ++i) out[i].cells[0] = std::to_string(i + 1);
  return out;
}

namespace {

Status CheckIdentifying(bool allowed, const Principal& p) {
  if (!allowed) {
    return Fail(MakeError(ErrorKind::kPermissionDenied, "identifying_not_allowed",
                          "Kolom identitas hanya untuk kepala UPTD atau dinas.",
                          "Identifying columns are for unit and department heads only.",
                          "identifying"));
  }
  if (p.purpose.size() < 5) {
    return Fail(MakeError(ErrorKind::kInvalidArgument, "purpose_required",
                          "Sebutkan keperluannya (header X-Access-Purpose, 5 karakter atau lebih).",
                          "State the purpose (header X-Access-Purpose, 5 characters or more).",
                          "X-Access-Purpose"));
  }
  return {};
}

}  // namespace

Result<json::value> ReportService::Simfoni(const Principal& p, const ReportQuery& q,
                                           bool identifying, bool include_sent) {
  std::optional<Result<Scope>> scope;
  std::optional<Status> allowed;
  std::vector<SimfoniRow> rows;
  db_.Read([&](store::SqlConn& c) {
    scope = Resolve(c, p, q);
    if (!*scope) return;
    if (identifying) {
      allowed = CheckIdentifying((*scope)->identifying, p);
      if (!*allowed) return;
    }
    rows =
        SimfoniRows(c, vault_, sops_, access_log_, p, (*scope)->Stat(), identifying, include_sent);
  });
  if (!*scope) return Fail(scope->error());
  if (allowed && !*allowed) return Fail(allowed->error());
  json::array columns;
  for (auto col : kSimfoniColumns) columns.emplace_back(col);
  if (identifying)
    for (auto col : kIdentifyingColumns) columns.emplace_back(col);
  json::array out;
  for (const auto& r : rows) {
    json::array cells;
    for (const auto& x : r.cells) cells.emplace_back(x);
    out.push_back(json::object{{"case_id", r.case_id},
                               {"client_id", r.client_id},
                               {"incident_id", r.incident_id},
                               {"sent", r.sent},
                               {"cells", std::move(cells)}});
  }
  return json::object{{"scope", (*scope)->Json()},
                      {"identifying", identifying},
                      {"columns", std::move(columns)},
                      {"rows", std::move(out)}};
}

namespace {

// A count of the statistics answer as a cell: a suppressed count (null) reads "<3".
Cell CountCell(const json::value& v) {
  if (v.is_null()) return std::string("<3");
  return v.as_int64();
}

// The statistics answer (Statistics) as a table: the totals, then every dimension's rows.
Table StatisticsTable(const json::object& s) {
  Table table;
  table.name = "Statistik";
  table.header = {"dimensi", "label_dimensi", "nilai", "label", "kasus", "klien"};
  const auto& totals = s.at("totals").as_object();
  table.rows.push_back({std::string("total"), std::string("Jumlah"), std::string(""),
                        std::string("Jumlah"), CountCell(totals.at("cases")),
                        CountCell(totals.at("clients"))});
  for (const auto& d : s.at("dimensions").as_array()) {
    const auto& dobj = d.as_object();
    for (const auto& r : dobj.at("rows").as_array()) {
      const auto& o = r.as_object();
      table.rows.push_back(
          {std::string(dobj.at("id").as_string()), std::string(dobj.at("label").as_string()),
           std::string(o.at("value").as_string()), std::string(o.at("label").as_string()),
           CountCell(o.at("cases")), CountCell(o.at("clients"))});
    }
  }
  return table;
}

// A text of the compliance answer as a cell (anything else: an empty cell).
Cell TextCell(const json::value& v) {
  return v.is_string() ? Cell(std::string(v.as_string())) : Cell();
}

// A number of the compliance answer as a cell (anything else: an empty cell).
Cell NumberCell(const json::value& v) {
  if (v.is_int64()) return v.as_int64();
  if (v.is_double()) return v.as_double();
  return Cell();
}

// One row of the compliance answer as cells, the percentage on time computed here.
std::vector<Cell> ComplianceCells(const json::object& o, bool by_staff) {
  Cell share;
  if (auto with = o.at("with_standard").as_int64(); with > 0)
    share = std::round(double(o.at("within_standard").as_int64()) * 1000 / double(with)) / 10;
  std::vector<Cell> row{TextCell(o.at("sop_id")),
                        TextCell(o.at("sop_title")),
                        TextCell(o.at("step_no")),
                        TextCell(o.at("step_id")),
                        TextCell(o.at("activity")),
                        TextCell(o.at("standard_time")),
                        TextCell(o.at("duration_unit")),
                        NumberCell(o.at("done")),
                        NumberCell(o.at("with_standard")),
                        NumberCell(o.at("within_standard")),
                        share,
                        NumberCell(o.at("median")),
                        NumberCell(o.at("p90")),
                        NumberCell(o.at("open_now")),
                        NumberCell(o.at("overdue_now"))};
  if (by_staff) {
    const auto& st = o.at("staff");
    row.push_back(st.is_object() ? Cell(std::string(st.as_object().at("name").as_string()))
                                 : Cell());
  }
  return row;
}

// The compliance answer (Compliance) as a table, with the staff member's name when by_staff.
Table ComplianceTable(const json::object& s, bool by_staff) {
  Table table;
  table.name = "Kepatuhan baku waktu";
  table.header = {
      "sop",    "judul_sop", "langkah",           "id_langkah",  "kegiatan",           "baku_waktu",
      "satuan", "selesai",   "dengan_baku_waktu", "tepat_waktu", "persen_tepat_waktu", "median",
      "p90",    "terbuka",   "terlambat"};
  if (by_staff) table.header.push_back("petugas");
  for (const auto& r : s.at("rows").as_array())
    table.rows.push_back(ComplianceCells(r.as_object(), by_staff));
  return table;
}

// The SIMFONI answer (Simfoni) as a table: its columns, then the row id case/client/incident.
Table SimfoniTable(const json::object& s) {
  Table table;
  table.name = "SIMFONI";
  for (const auto& c : s.at("columns").as_array()) table.header.emplace_back(c.as_string());
  table.header.push_back("id_baris");
  for (const auto& r : s.at("rows").as_array()) {
    const auto& o = r.as_object();
    std::vector<Cell> row;
    const auto& cells = o.at("cells").as_array();
    for (std::size_t i = 0; i < cells.size(); ++i) {
      std::string v(cells[i].as_string());
      if (i == 0)
        row.push_back(std::int64_t(std::stoll(v)));
      else
        row.push_back(std::move(v));
    }
    row.push_back(fmt::format("{}/{}/{}", o.at("case_id").as_string(),
                              o.at("client_id").as_string(), o.at("incident_id").as_string()));
    table.rows.push_back(std::move(row));
  }
  return table;
}

// The export's file name without its extension: the report, the scope's name and months.
std::string ExportName(const std::string& what, const json::object& scope) {
  return fmt::format("{}-{}-{}_{}",
                     what == "statistics"   ? "statistik"
                     : what == "compliance" ? "kepatuhan"
                                            : "simfoni",
                     FileWord(std::string(scope.at("name").as_string())),
                     std::string(scope.at("from").as_string()),
                     std::string(scope.at("to").as_string()));
}

// The table as a file `base`.`format` (csv or xlsx) to download.
Download TableDownload(const Table& table, const std::string& base, const std::string& format) {
  Download d;
  d.filename = base + "." + format;
  if (format == "csv") {
    d.media_type = report::kCsvMediaType;
    d.bytes = report::ToCsv({table});
  } else {
    d.media_type = report::kXlsxMediaType;
    d.bytes = report::ToXlsx({table});
  }
  return d;
}

}  // namespace

Result<Download> ReportService::Export(const Principal& p, const ReportQuery& q,
                                       const std::string& what, const std::string& format,
                                       bool identifying, bool include_sent, bool by_staff) {
  if (format != "csv" && format != "xlsx") {
    return Fail(Invalid("invalid_format", "format: csv atau xlsx.", "format must be csv or xlsx.",
                        "format"));
  }
  Table table;
  json::object scope;
  if (what == "statistics") {
    auto s = Statistics(p, q);
    if (!s) return Fail(s.error());
    scope = s->as_object().at("scope").as_object();
    table = StatisticsTable(s->as_object());
  } else if (what == "compliance") {
    auto s = Compliance(p, q, by_staff);
    if (!s) return Fail(s.error());
    scope = s->as_object().at("scope").as_object();
    table = ComplianceTable(s->as_object(), by_staff);
  } else if (what == "simfoni") {
    auto s = Simfoni(p, q, identifying, include_sent);
    if (!s) return Fail(s.error());
    scope = s->as_object().at("scope").as_object();
    table = SimfoniTable(s->as_object());
  } else {
    return Fail(MakeError(ErrorKind::kNotFound, "report_not_found", "Laporan tidak dikenal.",
                          "No such report."));
  }
  return TableDownload(table, ExportName(what, scope), format);
}

Result<WriteReply> ReportService::MarkSimfoniSent(const Principal& p,
                                                  const std::vector<SimfoniMark>& rows,
                                                  const std::optional<Idempotency>& idem) {
  if (rows.empty() || rows.size() > 1000) {
    return Fail(
        Invalid("invalid_rows", "rows: 1–1000 baris.", "rows must have 1-1000 rows.", "rows"));
  }
  Instant now = clock_.Now();
  for (std::size_t i = 0; i < rows.size(); ++i) {
    const auto& r = rows[i];
    std::string f = fmt::format("rows[{}]", i);
    if (r.nomor_simfoni.empty() || r.nomor_simfoni.size() > 50 || !IsValidUtf8(r.nomor_simfoni) ||
        std::any_of(r.nomor_simfoni.begin(), r.nomor_simfoni.end(),
                    [](char ch) { return static_cast<unsigned char>(ch) < 0x20; })) {
      return Fail(Invalid("invalid_value", "nomor_simfoni: 1–50 karakter.",
                          "nomor_simfoni must have 1-50 characters.", f + ".nomor_simfoni"));
    }
    auto d = ParseDate(r.sent_on);
    if (!d || std::chrono::sys_days(*d) >
                  std::chrono::floor<std::chrono::days>(now) + std::chrono::days(1)) {
      return Fail(Invalid("invalid_date", "sent_on: tanggal YYYY-MM-DD, tidak di masa depan.",
                          "sent_on must be a date YYYY-MM-DD, not in the future.", f + ".sent_on"));
    }
  }
  return WriteIdempotent(
      db_, clock_, vault_, p, idem, [&](store::SqlConn& c) -> Result<WriteReply> {
        json::array marked;
        std::set<std::pair<std::string, std::string>> seen;
        for (std::size_t i = 0; i < rows.size(); ++i) {
          const auto& r = rows[i];
          std::string f = fmt::format("rows[{}]", i);
          auto k = store::FindCase(c, r.case_id);
          if (!k || !HasAny(p, k->unit_id, kReportRoles)) {
            return Fail(MakeError(ErrorKind::kNotFound, "case_not_found", "Kasus tidak ditemukan.",
                                  "No such case.", f + ".case_id"));
          }
          auto person = store::FindCasePerson(c, r.client_id);
          if (!person || person->case_id != r.case_id || person->role != "client")
            return Fail(NotAClient(f + ".client_id"));
          if (!r.incident_id.empty()) {
            auto in = store::FindIncident(c, r.incident_id);
            if (!in || in->case_id != r.case_id) {
              return Fail(MakeError(ErrorKind::kNotFound, "incident_not_found",
                                    "Kejadian itu tidak ada pada kasus ini.",
                                    "That incident is not on this case.", f + ".incident_id"));
            }
          }
          if (store::FindSimfoniSent(c, r.client_id, r.incident_id) ||
              !seen.emplace(r.client_id, r.incident_id).second) {
            return Fail(MakeError(ErrorKind::kConflict, "already_sent",
                                  "Baris ini sudah ditandai terkirim ke SIMFONI.",
                                  "This row is already marked as sent to SIMFONI.", f));
          }
          store::NewEvent e = store::MakeEvent(store::events::SimfoniRowSent{
              r.client_id, r.incident_id, r.nomor_simfoni, r.sent_on});
          auto a =
              store::AppendEvents(c, store::CaseStream(r.case_id), store::ExpectedVersion::Any(),
                                  {e}, p.user_id, FormatInstant(now));
          if (!a) return Fail(a.error());
          json::object payload = std::move(e.payload);
          payload["case_id"] = r.case_id;
          marked.push_back(std::move(payload));
        }
        return WriteReply{200, json::object{{"marked", std::move(marked)}}};
      });
}

}  // namespace lindungi
