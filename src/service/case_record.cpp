// The case record beyond intake (DESIGN §3): classification and identification triage.
// Member functions of CaseService; the rules are pure (core/classification.h,
// core/triage.h), this file loads, authorizes, and appends the events.
#include <fmt/format.h>
#include <boost/json/parse.hpp>

#include "core/text.h"
#include "service/case_service.h"
#include "store/event_log.h"
#include "store/queries.h"

namespace lindungi {
namespace json = boost::json;
namespace {

constexpr std::string_view kRiskLevels[] = {"low", "medium", "high"};
constexpr std::string_view kJurisdictions[] = {"kabupaten_kota", "provinsi", "nasional"};

Error Invalid(std::string code, std::string id, std::string en, std::string field) {
  return MakeError(ErrorKind::kInvalidArgument, std::move(code), std::move(id), std::move(en),
                   std::move(field));
}

std::vector<std::string> StringsOf(const json::value* v) {
  std::vector<std::string> out;
  if (v && v->is_array())
    for (const auto& x : v->as_array())
      if (x.is_string()) out.emplace_back(x.as_string());
  return out;
}

std::string TextOf(const json::object& o, std::string_view key) {
  auto* v = o.if_contains(key);
  return v && v->is_string() ? std::string(v->as_string()) : std::string();
}

// The case's data object (cases.data) and one of its members, if it is an object.
const json::object* Member(const json::object& data, std::string_view key) {
  auto* v = data.if_contains(key);
  return v && v->is_object() ? &v->as_object() : nullptr;
}

json::object TriageJson(const TriageResult& t) {
  json::array reasons;
  for (const auto& r : t.reasons) {
    reasons.push_back(
        json::object{{"rule", r.rule}, {"message", r.message_en}, {"message_id", r.message_id}});
  }
  return json::object{{"recommendation", TextOrNull(t.recommendation)},
                      {"reasons", std::move(reasons)},
                      {"missing", Strings(t.missing)}};
}

bool IsRecommendation(std::string_view v) {
  return std::find(std::begin(kTriageRecommendations), std::end(kTriageRecommendations), v) !=
         std::end(kTriageRecommendations);
}

}  // namespace

TriageInput TriageInputOf(const store::CaseRecord& k) {
  TriageInput in;
  in.emergency = k.crisis;
  json::object data = json::parse(k.data).as_object();
  if (const auto* c = Member(data, "classification")) {
    in.case_types = StringsOf(c->if_contains("case_types"));
    in.risk_level = TextOf(*c, "risk_level");
    in.jurisdiction = TextOf(*c, "jurisdiction");
    if (auto* v = c->if_contains("village_manageable"); v && v->is_bool())
      in.village_manageable = v->as_bool();
  }
  return in;
}

Result<json::object> TriageDecision(store::SqlConn& c, const Vault& vault,
                                    const store::CaseRecord& k, const std::string& decision,
                                    const std::string& reason) {
  TriageResult t = Triage(TriageInputOf(k));
  // Without a recommendation (not classified yet) there is nothing to override.
  bool overrides = !t.recommendation.empty() && decision != t.recommendation;
  if (overrides && reason.size() < 5) {
    return Fail(MakeError(ErrorKind::kFailedPrecondition, "override_reason_required",
                          "Keputusan berbeda dari rekomendasi triase: tulis alasannya "
                          "(5–2000 karakter).",
                          "The decision differs from the triage recommendation: give the reason "
                          "(5-2000 characters).",
                          "reason"));
  }
  json::object payload{{"recommendation", TextOrNull(t.recommendation)},
                       {"decision", decision},
                       {"overridden", overrides}};
  json::array rules;
  for (const auto& r : t.reasons) rules.emplace_back(r.rule);
  payload["rules"] = std::move(rules);
  if (!reason.empty()) {
    auto sealed = SealForCase(c, vault, k, reason);
    if (!sealed) return Fail(sealed.error());
    payload["reason"] = *sealed;
  }
  return payload;
}

std::string DecidedTriage(const store::CaseRecord& k) {
  json::object data = json::parse(k.data).as_object();
  const auto* t = Member(data, "triage");
  return t ? TextOf(*t, "decision") : std::string();
}

Result<WriteReply> CaseService::Classify(const Principal& p, const std::string& case_id,
                                         const CaseClassification& c,
                                         const std::optional<Idempotency>& idem) {
  if (c.case_types.empty()) {
    return Fail(Invalid("required", "Pilih minimal satu jenis kasus (case_types).",
                        "Choose at least one case type (case_types).", "case_types"));
  }
  for (auto [list, field, values] :
       {std::tuple{"case_types", "case_types", &c.case_types},
        std::tuple{"ampk_categories", "ampk_categories", &c.ampk_categories}}) {
    for (const auto& v : *values) {
      if (!classification_.Has(list, v)) {
        return Fail(Invalid("unknown_value",
                            fmt::format("Nilai {} tidak ada dalam daftar {}.", EchoSafe(v), list),
                            fmt::format("{} is not in the list {}.", EchoSafe(v), list), field));
      }
    }
  }
  if (!c.ampk_categories.empty() &&
      std::find(c.case_types.begin(), c.case_types.end(), "ampk") == c.case_types.end()) {
    return Fail(Invalid("ampk_type_required", "Kategori AMPK hanya untuk kasus berjenis ampk.",
                        "AMPK categories need the case type ampk.", "ampk_categories"));
  }
  if (!c.risk_level.empty() && !IsOneOf(c.risk_level, kRiskLevels)) {
    return Fail(Invalid("invalid_value", "risk_level: low, medium atau high.",
                        "risk_level must be low, medium or high.", "risk_level"));
  }
  if (!c.jurisdiction.empty() && !IsOneOf(c.jurisdiction, kJurisdictions)) {
    return Fail(Invalid("invalid_value", "jurisdiction: kabupaten_kota, provinsi atau nasional.",
                        "jurisdiction must be kabupaten_kota, provinsi or nasional.",
                        "jurisdiction"));
  }
  return WriteIdempotent(
      db_, clock_, vault_, p, idem, [&](store::SqlConn& conn) -> Result<WriteReply> {
        auto k = store::FindCase(conn, case_id);
        if (!k || !CaseVisibleTo(conn, p, *k)) return Fail(CaseNotFound());
        auto has = [&](std::string_view t) {
          return std::find(c.case_types.begin(), c.case_types.end(), t) != c.case_types.end();
        };
        json::object classified{{"case_types", Strings(c.case_types)},
                                {"ampk_categories", Strings(c.ampk_categories)},
                                {"risk_level", TextOrNull(c.risk_level)},
                                {"jurisdiction", TextOrNull(c.jurisdiction)},
                                {"village_manageable", c.village_manageable}};
        // What SOP requirements and conditions read (docs/sop-format.md "Facts").
        json::object facts{{"case_type", fmt::format("{}", fmt::join(c.case_types, ","))},
                           {"abh", has("abh")},
                           {"trafficking", has("tppo")},
                           {"domestic_violence", has("kdrt")}};
        if (!c.risk_level.empty()) {
          facts["risk_level"] = c.risk_level;
          facts["high_risk"] = c.risk_level == "high";
        }
        if (!c.jurisdiction.empty()) facts["jurisdiction"] = c.jurisdiction;
        auto a = store::AppendEvents(conn, "case-" + case_id,
                                     store::ExpectedVersion::Exactly(k->version),
                                     {{"CaseClassified", std::move(classified)},
                                      {"CaseFactsRecorded",
                                       {{"facts", std::move(facts)},
                                        {"consents", json::array()},
                                        {"documents", json::array()}}}},
                                     p.user_id, FormatInstant(clock_.Now()));
        if (!a) return Fail(a.error());
        auto after = store::FindCase(conn, case_id);
        json::object out = TriageJson(::lindungi::Triage(TriageInputOf(*after)));
        json::object data = json::parse(after->data).as_object();
        return WriteReply{200, json::object{{"case_id", case_id},
                                            {"case_version", a->version},
                                            {"classification", data.at("classification")},
                                            {"triage", std::move(out)}}};
      });
}

Result<json::value> CaseService::Triage(const Principal& p, const std::string& case_id) {
  std::optional<store::CaseRecord> k;
  bool visible = false;
  db_.ReadOne([&](store::SqlConn& c) {
    k = store::FindCase(c, case_id);
    visible = k && CaseVisibleTo(c, p, *k);
  });
  if (!visible) return Fail(CaseNotFound());
  TriageInput in = TriageInputOf(*k);
  json::object out = TriageJson(::lindungi::Triage(in));
  out["case_id"] = case_id;
  out["inputs"] = json::object{{"case_types", Strings(in.case_types)},
                               {"risk_level", in.risk_level},
                               {"jurisdiction", in.jurisdiction},
                               {"village_manageable", in.village_manageable},
                               {"emergency", in.emergency}};
  json::value decided = nullptr;
  json::object data = json::parse(k->data).as_object();
  if (const auto* t = Member(data, "triage")) decided = *t;
  // The reason may be personal (sealed under the client's key): the case's reader sees it.
  db_.ReadOne([&](store::SqlConn& c) { vault_.DecryptTree(c, decided); });
  out["decided"] = std::move(decided);
  access_log_.Record(p, k->unit_id, k->id, "triage");
  return out;
}

Result<WriteReply> CaseService::DecideTriage(const Principal& p, const std::string& case_id,
                                             const std::string& decision, const std::string& reason,
                                             const std::optional<Idempotency>& idem) {
  if (!IsRecommendation(decision)) {
    return Fail(Invalid("invalid_value",
                        "decision: continue_here, hand_to_patbm, hand_to_social_services, "
                        "hand_to_province_or_ministry, emergency_outreach atau information_only.",
                        "decision must be continue_here, hand_to_patbm, hand_to_social_services, "
                        "hand_to_province_or_ministry, emergency_outreach or information_only.",
                        "decision"));
  }
  if (reason.size() > 2000) {
    return Fail(Invalid("invalid_reason", "Alasan paling banyak 2000 karakter.",
                        "A reason has at most 2000 characters.", "reason"));
  }
  return WriteIdempotent(
      db_, clock_, vault_, p, idem, [&](store::SqlConn& c) -> Result<WriteReply> {
        auto k = store::FindCase(c, case_id);
        if (!k || !CaseVisibleTo(c, p, *k)) return Fail(CaseNotFound());
        auto decided = TriageDecision(c, vault_, *k, decision, reason);
        if (!decided) return Fail(decided.error());
        json::object payload = std::move(*decided);
        auto a = store::AppendEvents(
            c, "case-" + case_id, store::ExpectedVersion::Exactly(k->version),
            {{"TriageDecided", payload}}, p.user_id, FormatInstant(clock_.Now()));
        if (!a) return Fail(a.error());
        payload["case_id"] = case_id;
        payload["case_version"] = a->version;
        return WriteReply{200, std::move(payload)};
      });
}

}  // namespace lindungi
