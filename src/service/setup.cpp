#include "service/setup.h"

#include <fmt/format.h>

#include "core/roles.h"
#include "core/text.h"
#include "core/time_zone.h"
#include "report/sample_letters.h"
#include "security/random.h"
#include "store/event_log.h"
#include "store/events/unit_events.h"
#include "store/unit_store.h"

namespace lindungi {
namespace json = boost::json;
namespace {

Error UnknownPack(const std::string& id) {
  return MakeError(ErrorKind::kInvalidArgument, "unknown_sop_pack",
                   "Paket SOP '" + id + "' tidak ada di folder SOP server.",
                   "The server's SOP folder has no pack '" + id + "'.", "sop_pack");
}

}  // namespace

static bool ValidCode(const std::string& code) {
  bool ok = !code.empty() && code.size() <= 24;
  for (char c : code) ok = ok && ((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-');
  return ok;
}

Result<store::PartnerRecord> CreatePartner(App& app, const PartnerSpec& s,
                                           const std::string& actor) {
  if (!ValidCode(s.code)) {
    return Fail(MakeError(ErrorKind::kInvalidArgument, "invalid_partner_code",
                          "Kode mitra 1–24 karakter: huruf besar, angka, tanda hubung.",
                          "A partner code has 1-24 characters: upper-case letters, digits, '-'.",
                          "code"));
  }
  if (s.name.empty() || s.name.size() > 200) {
    return Fail(MakeError(ErrorKind::kInvalidArgument, "invalid_partner_name",
                          "Nama mitra wajib (maks. 200).",
                          "A partner name is required (at most 200).", "name"));
  }
  if (!IsOneOf(s.kind, kPartnerKinds)) {
    return Fail(MakeError(ErrorKind::kInvalidArgument, "invalid_partner_kind",
                          "Jenis mitra: police, health, social, community, school, legal_aid, "
                          "community_leader, task_force atau other.",
                          "Partner kind: police, health, social, community, school, legal_aid, "
                          "community_leader, task_force or other.",
                          "kind"));
  }
  if (s.area.size() > 200 || !IsValidUtf8(s.area)) {
    return Fail(MakeError(ErrorKind::kInvalidArgument, "invalid_partner_area",
                          "Wilayah mitra maks. 200 karakter.",
                          "A partner's area has at most 200 characters.", "area"));
  }
  std::string id = security::RandomUuid();
  std::string unit_id;
  auto w = app.db->Write([&](store::SqlConn& c) -> Status {
    if (store::FindPartnerByCode(c, s.code)) {
      return Fail(MakeError(ErrorKind::kConflict, "partner_exists", "Kode mitra sudah ada.",
                            "That partner code exists.", "code"));
    }
    if (!s.unit_code.empty()) {
      auto unit = store::FindUnitByCode(c, s.unit_code);
      if (!unit) {
        return Fail(MakeError(ErrorKind::kNotFound, "unit_not_found", "Unit tidak ditemukan.",
                              "No such unit.", "unit"));
      }
      unit_id = unit->id;
    }
    store::events::PartnerCreated created{s.code, s.name, s.kind, std::nullopt, std::nullopt};
    if (!unit_id.empty()) created.unit_id = unit_id;
    if (!s.area.empty()) created.area = s.area;
    auto a =
        store::AppendEvents(c, store::PartnerStream(id), store::ExpectedVersion::New(),
                            {store::MakeEvent(created)}, actor, FormatInstant(app.clock.Now()));
    if (!a) return Fail(a.error());
    return {};
  });
  if (!w) return Fail(w.error());
  return store::PartnerRecord{id, s.code, s.name, s.kind, unit_id, s.area};
}

Result<store::UnitRecord> CreateUnit(App& app, const UnitSpec& s) {
  if (!ValidCode(s.code)) {
    return Fail(MakeError(ErrorKind::kInvalidArgument, "invalid_unit_code",
                          "Kode unit 1–24 karakter: huruf besar, angka, tanda hubung.",
                          "A unit code has 1-24 characters: upper-case letters, digits, '-'.",
                          "code"));
  }
  if (s.name.empty() || s.name.size() > 200) {
    return Fail(MakeError(ErrorKind::kInvalidArgument, "invalid_unit_name",
                          "Nama unit wajib (maks. 200).", "A unit name is required (at most 200).",
                          "name"));
  }
  if (!IsOneOf(s.level, {"kabupaten_kota", "provinsi", "nasional"})) {
    return Fail(MakeError(ErrorKind::kInvalidArgument, "invalid_level",
                          "Tingkat unit: kabupaten_kota, provinsi atau nasional.",
                          "Unit level: kabupaten_kota, provinsi or nasional.", "level"));
  }
  if (!UtcOffsetOf(s.time_zone)) {
    return Fail(MakeError(ErrorKind::kInvalidArgument, "invalid_time_zone",
                          "Zona waktu: Asia/Jakarta, Asia/Makassar atau Asia/Jayapura.",
                          "Time zone: Asia/Jakarta, Asia/Makassar or Asia/Jayapura.", "time_zone"));
  }
  if (!s.sop_pack.empty() && !app.sops.FindPack(s.sop_pack)) return Fail(UnknownPack(s.sop_pack));
  std::string id = security::RandomUuid();
  auto w = app.db->Write([&](store::SqlConn& c) -> Status {
    if (store::FindUnitByCode(c, s.code)) {
      return Fail(MakeError(ErrorKind::kConflict, "unit_exists", "Kode unit sudah ada.",
                            "That unit code exists.", "code"));
    }
    store::events::UnitCreated created{s.code,      s.name,       s.level,
                                       s.time_zone, std::nullopt, std::nullopt};
    if (!s.province.empty()) created.province = s.province;
    if (!s.sop_pack.empty()) created.sop_pack = s.sop_pack;
    auto a = store::AppendEvents(c, store::UnitStream(id), store::ExpectedVersion::New(),
                                 {store::MakeEvent(created)}, std::string(kSystemActor),
                                 FormatInstant(app.clock.Now()));
    if (!a) return Fail(a.error());
    return {};
  });
  if (!w) return Fail(w.error());
  return store::UnitRecord{id, s.code, s.name, s.level, s.province, s.time_zone, s.sop_pack};
}

// Appends one event to the unit with code `unit_code` (a setting changed from the CLI).
static Status AppendToUnit(App& app, const std::string& unit_code, store::NewEvent e,
                           const std::string& actor) {
  auto w = app.db->Write([&](store::SqlConn& c) -> Status {
    auto u = store::FindUnitByCode(c, unit_code);
    if (!u) {
      return Fail(MakeError(ErrorKind::kNotFound, "unit_not_found",
                            "Tidak ada unit dengan kode itu.", "No unit has that code.", "code"));
    }
    auto a = store::AppendEvents(c, store::UnitStream(u->id), store::ExpectedVersion::Any(),
                                 {std::move(e)}, actor, FormatInstant(app.clock.Now()));
    if (!a) return Fail(a.error());
    return {};
  });
  if (!w) return Fail(w.error());
  return {};
}

Status SetUnitSopPack(App& app, const std::string& unit_code, const std::string& pack_id,
                      const std::string& actor) {
  if (!app.sops.FindPack(pack_id)) return Fail(UnknownPack(pack_id));
  return AppendToUnit(app, unit_code, store::MakeEvent(store::events::UnitSopPackSet{pack_id}),
                      actor);
}

Status SetUnitTwoFactorRequired(App& app, const std::string& unit_code, bool required,
                                const std::string& actor) {
  return AppendToUnit(app, unit_code,
                      store::MakeEvent(store::events::UnitTwoFactorPolicySet{required}), actor);
}

UnitSpec DemoUnit() {
  // The demo unit runs the Kalimantan Tengah SOPs (same province and time zone).
  return {"DEMO",           "UPTD PPA Kota Contoh (demo)",
          "kabupaten_kota", "Kalimantan Tengah",
          "Asia/Jakarta",   "kalteng"};
}

LetterSettings DemoLetterSettings() {
  // The sample letters' invented unit (report/sample_letters.h): no real office or person.
  report::IssuingUnit sample = report::SampleUnit();
  LetterSettings s;
  s.authority = sample.letterhead.authority_lines;
  s.name = sample.letterhead.unit_name;
  s.address = "Jalan Merdeka Nomor 1, Kota Contoh 00000";
  s.phone = "(0000) 123456";
  s.email = "uptdppa@kotacontoh.example";
  s.city = sample.place;
  s.head = sample.head;
  return s;
}

Result<std::vector<CreatedUser>> CreateDemoUsers(App& app, const store::UnitRecord& unit) {
  // Usernames a unit's staff would recognise (GLOSSARY roles).
  static const std::pair<const char*, const char*> kUsers[] = {{"admin", "admin"},
                                                               {"pengaduan", "intake_officer"},
                                                               {"administrasi", "admin_officer"},
                                                               {"pendamping", "case_worker"},
                                                               {"manajer", "case_manager"},
                                                               {"kasi", "section_head"},
                                                               {"kepala", "unit_head"},
                                                               {"kadis", "department_head"},
                                                               {"psikolog", "psychologist"},
                                                               {"mediator", "mediator"},
                                                               {"advokat", "lawyer"},
                                                               {"peksos", "social_worker"}};
  std::vector<CreatedUser> out;
  for (const auto& [name, role] : kUsers) {
    std::string password = security::RandomPassword(16);
    NewUser u{name, fmt::format("Demo {}", name), password, {{unit.id, role}}};
    auto r = app.auth.CreateUser(u, std::string(kSystemActor));
    if (!r) return Fail(r.error());
    out.push_back({name, role, password});
  }
  return out;
}

bool StoreHasEvents(const std::string& url) {
  auto db = store::OpenDatabase(url);
  bool any = false;
  db->Read(
      [&](store::SqlConn& conn) { any = !conn.Query("SELECT 1 FROM events LIMIT 1").empty(); });
  return any;
}

std::vector<store::UnitRecord> AllUnits(App& app) {
  std::vector<store::UnitRecord> units;
  app.db->Read([&](store::SqlConn& c) { units = store::ListUnits(c); });
  return units;
}

std::vector<store::PartnerRecord> AllPartners(App& app) {
  std::vector<store::PartnerRecord> partners;
  app.db->Read([&](store::SqlConn& c) { partners = store::ListPartners(c); });
  return partners;
}

std::optional<store::UnitRecord> UnitByCode(App& app, const std::string& code) {
  std::optional<store::UnitRecord> unit;
  app.db->Read([&](store::SqlConn& c) { unit = store::FindUnitByCode(c, code); });
  return unit;
}

std::optional<store::PartnerRecord> PartnerByCode(App& app, const std::string& code) {
  std::optional<store::PartnerRecord> partner;
  app.db->Read([&](store::SqlConn& c) { partner = store::FindPartnerByCode(c, code); });
  return partner;
}

std::vector<store::ChainProblem> VerifyEventLog(App& app, std::int64_t* events_checked) {
  std::vector<store::ChainProblem> problems;
  app.db->Read([&](store::SqlConn& c) { problems = store::VerifyChains(c, events_checked); });
  return problems;
}

Result<std::int64_t> RebuildReadTables(App& app) {
  std::int64_t n = 0;
  auto r = app.db->Write([&](store::SqlConn& c) -> Status {
    n = store::RebuildProjections(c);
    return {};
  });
  if (!r) return Fail(r.error());
  return n;
}

StoreMigration::StoreMigration(const std::string& from_url, const std::string& to_url)
    : from_(store::OpenDatabase(from_url)), to_(store::OpenDatabase(to_url)) {}

Result<store::CopyReport> StoreMigration::Run(
    const std::function<void(std::int64_t, std::int64_t)>& progress) {
  return store::CopyStore(*from_, *to_, progress);
}

}  // namespace lindungi
