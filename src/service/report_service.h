// Reports (docs/reports.md): statistics of a unit — or of a province or the nation, rolled
// up from the units sharing the store — for a period of months; standard-time compliance
// per SOP step; exports as CSV and XLSX; the SIMFONI input sheet and the marking of its rows
// as sent. Counting is SQL over the projections (store/stats_store.h); this service decides
// who may see which units' figures, labels the values and shapes the answers.
//
// Who: the report roles of a unit (intake and administrative officers, case managers,
// section, unit and department heads) see that unit's figures; such a role in a unit of
// level `provinsi` reaches every unit of its province, in a unit of level `nasional` every
// unit. Compliance by staff member: heads only. The SIMFONI sheet's identifying columns:
// unit and department heads who state a purpose (X-Access-Purpose); each case read so is
// in the access log. Safe for concurrent use.
#pragma once

#include <boost/json/value.hpp>

#include <optional>
#include <string>
#include <vector>

#include "core/clock.h"
#include "core/error.h"
#include "service/access_log.h"
#include "service/principal.h"
#include "service/sop_catalog.h"
#include "service/vault.h"
#include "service/writes.h"
#include "store/database.h"

namespace lindungi {

// Which figures: the unit (id or code; default the caller's only report unit), whether rolled
// up to its province or the nation, and the months (a period "2026", "2026-Q2", "2026-05", or
// from/to months YYYY-MM; default the current year).
struct ReportQuery {
  std::optional<std::string> unit;
  std::optional<std::string> rollup;  // "unit" (default), "province", "national"
  std::optional<std::string> period, from, to;
  bool publication = false;  // suppress counts from 1 to 2 (core/statistics.h)
};

// A file to download: its name, media type and bytes.
struct Download {
  std::string filename, media_type, bytes;
};

// A SIMFONI row marked as entered in SIMFONI PPA.
struct SimfoniMark {
  std::string case_id, client_id, incident_id;  // incident_id "" for a client without one
  std::string nomor_simfoni, sent_on;           // SIMFONI's registration number, YYYY-MM-DD
};

class ReportService {
 public:
  ReportService(store::Database& db, const Clock& clock, AccessLog& access_log, const Vault& vault,
                const SopCatalog& sops);

  // The units and roll-ups the caller may report on.
  Result<boost::json::value> Scopes(const Principal& p);
  // Totals and every dimension's table (cases and clients per value).
  Result<boost::json::value> Statistics(const Principal& p, const ReportQuery& q);
  // Two dimensions crossed: clients (and their cases) per pair of values.
  Result<boost::json::value> Cross(const Principal& p, const ReportQuery& q,
                                   const std::string& rows, const std::string& cols);
  // Cases and clients per month, and per value of `dimension` when given.
  Result<boost::json::value> Trend(const Principal& p, const ReportQuery& q,
                                   const std::string& dimension);
  // Standard-time compliance per SOP step (per staff member when `by_staff`: heads only).
  Result<boost::json::value> Compliance(const Principal& p, const ReportQuery& q, bool by_staff);
  // The SIMFONI sheet as JSON: one row per client and incident. Rows already marked sent are
  // left out unless `include_sent`. `identifying`: names, NIK, ... (see above).
  Result<boost::json::value> Simfoni(const Principal& p, const ReportQuery& q, bool identifying,
                                     bool include_sent);
  // The same as files: `what` is statistics, compliance or simfoni; `format` csv or xlsx.
  Result<Download> Export(const Principal& p, const ReportQuery& q, const std::string& what,
                          const std::string& format, bool identifying, bool include_sent,
                          bool by_staff);
  // Marks SIMFONI rows sent (event SimfoniRowSent on each case): 409 "already_sent" for a
  // row marked before.
  Result<WriteReply> MarkSimfoniSent(const Principal& p, const std::vector<SimfoniMark>& rows,
                                     const std::optional<Idempotency>& idem);

 private:
  struct Scope;
  Result<Scope> Resolve(store::SqlConn& c, const Principal& p, const ReportQuery& q);
  boost::json::value Label(const std::string& dimension, const std::string& value) const;

  store::Database& db_;
  const Clock& clock_;
  AccessLog& access_log_;
  const Vault& vault_;
  const SopCatalog& sops_;
};

}  // namespace lindungi
