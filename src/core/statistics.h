// Statistics over cases (docs/reports.md): the dimensions a case and its clients are counted
// by, SIMFONI's "layanan yang diterima" a case's record implies, and the rules figures obey
// (suppression of small cells for publication, nearest-rank percentiles). Pure; no I/O.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <tuple>
#include <vector>

namespace lindungi {

// A dimension: its id (the API's), the classification list its values come from ("" when
// the values are fixed here or are SOP ids), and its labels.
struct StatDimension {
  std::string_view id, list, label, label_en;
};

// Every dimension, in the order reports print them. Each client of a case has at least one
// value in each ("" = not recorded), so a dimension's client counts add up to the clients
// counted, or more where a client can have several values (forms of violence, case types,
// SOPs, services, perpetrators, incidents with different places).
inline constexpr StatDimension kStatDimensions[] = {
    {"violence_form", "violence_forms", "Bentuk kekerasan", "Form of violence"},
    {"case_type", "case_types", "Jenis kasus", "Case type"},
    {"sex", "", "Jenis kelamin korban", "Client's sex"},
    {"age_band", "age_bands", "Kelompok umur korban", "Client's age band"},
    {"disability", "", "Disabilitas", "Disability"},
    {"education", "education_levels", "Pendidikan korban", "Client's education"},
    {"place", "place_types", "Tempat kejadian", "Place of the incident"},
    {"perpetrator_relation", "perpetrator_relations", "Hubungan pelaku", "Perpetrator's relation"},
    {"perpetrator_sex", "", "Jenis kelamin pelaku", "Perpetrator's sex"},
    {"perpetrator_age_band", "age_bands", "Kelompok umur pelaku", "Perpetrator's age band"},
    {"channel", "", "Saluran pengaduan", "Channel"},
    {"risk_level", "", "Tingkat risiko", "Risk level"},
    {"triage", "", "Hasil triase", "Triage outcome"},
    {"sop", "", "SOP", "SOP"},
    {"service", "services", "Layanan yang diterima", "Services provided"},
};

// The dimension named `id`, or nullptr.
const StatDimension* FindStatDimension(std::string_view id);

// A value of a dimension whose values are fixed here (sex, disability, channel, risk level,
// triage outcome) with its labels, in report order.
struct FixedValue {
  std::string_view dimension, value, label, label_en;
};
// The fixed values of `dimension` in order (empty for list dimensions and SOPs).
std::vector<FixedValue> FixedValues(std::string_view dimension);

// SIMFONI's service (sops/classification.yaml `services`) a planned service of the type
// `plan_type` (core/case_work.h kPlanServiceTypes) counts as once it is in progress or done;
// "" when it counts as none of them.
std::string_view SimfoniServiceOfPlan(std::string_view plan_type);
// SIMFONI's service a referral to a partner of kind `partner_kind` counts as ("" if none).
std::string_view SimfoniServiceOfPartner(std::string_view partner_kind);

// Publication figures (docs/reports.md "Suppression"): a count from 1 to `threshold - 1` is
// withheld (nullopt); 0 and counts at or above the threshold are shown.
inline constexpr std::int64_t kSuppressBelow = 3;
std::optional<std::int64_t> Suppressed(std::int64_t count, std::int64_t threshold = kSuppressBelow);

// The 1-based rank of the p-th percentile (0 < p <= 100) among n sorted values by the
// nearest-rank method: ceil(p/100 * n); 0 when n is 0. The median is p = 50.
std::int64_t NearestRank(int p, std::int64_t n);

// Reports show a duration to one decimal of its unit: the statistics keep it in tenths
// (rounded half away from zero). Rounding is monotone, so the nearest-rank median and p90 of
// the kept values are the true ones rounded: exact at the precision shown.
std::int64_t DurationTenths(double value);
// A duration as reports show it: rounded to tenths.
double ShownDuration(double value);

// A fact of a case: (client, dimension, value).
using StatFact = std::tuple<std::string, std::string, std::string>;
// Two values a client has in two different dimensions: (dimension a, value a, dimension b,
// value b) with dimension a's id before b's (text order).
using StatPair = std::tuple<std::string, std::string, std::string, std::string>;
// Every pair among one case's facts that share a client, with how many clients have it
// (the cross-table's counts, docs/reports.md "Cross-tables").
std::map<StatPair, std::int64_t> ClientPairs(const std::set<StatFact>& facts);

// "YYYY-MM" months from `from` to `to` inclusive (REQUIRES: both valid, from <= to).
std::vector<std::string> MonthsBetween(const std::string& from, const std::string& to);

// A period given as "2026" (the year), "2026-Q2" (a quarter) or "2026-05" (a month): its
// first and last month; nullopt for anything else.
struct MonthRange {
  std::string from, to;  // YYYY-MM, inclusive
};
std::optional<MonthRange> ParsePeriod(std::string_view text);
// Whether `text` is a month "YYYY-MM" (month 01..12, year 2000..2999).
bool IsMonth(std::string_view text);

}  // namespace lindungi
