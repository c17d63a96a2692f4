// The routes of reports (docs/reports.md): statistics, cross-tables, trends, standard-time
// compliance, the SIMFONI sheet with the marking of rows sent, and their downloads (CSV,
// XLSX). All GET but the marking; figures for the dashboard as JSON, files as attachments.
#include <fmt/format.h>

#include "http/route_helpers.h"
#include "service/report_service.h"

namespace lindungi::http {
namespace {

constexpr std::string_view kScopeParams[] = {"unit", "rollup", "period",
                                             "from", "to",     "publication"};

// The scope and months of a request, after checking that only `extra` parameters follow.
Result<ReportQuery> QueryOf(const Request& r, std::initializer_list<std::string_view> extra) {
  for (const auto& [k, v] : r.query) {
    bool known =
        std::find(std::begin(kScopeParams), std::end(kScopeParams), k) != std::end(kScopeParams) ||
        std::find(extra.begin(), extra.end(), k) != extra.end();
    if (!known) {
      return Fail(MakeError(ErrorKind::kInvalidArgument, "unknown_parameter",
                            "Parameter tidak dikenal.", "Unknown query parameter.", k));
    }
  }
  ReportQuery q;
  q.unit = QueryParam(r, "unit");
  q.rollup = QueryParam(r, "rollup");
  q.period = QueryParam(r, "period");
  q.from = QueryParam(r, "from");
  q.to = QueryParam(r, "to");
  auto pub = BoolParam(r, "publication");
  if (!pub) return Fail(pub.error());
  q.publication = *pub;
  return q;
}

template <class F>
Response WithQuery(const Request& r, std::initializer_list<std::string_view> extra, F&& f) {
  auto q = QueryOf(r, extra);
  if (!q) return ErrorResponse(q.error(), r.request_id);
  return JsonOrError(r, [&] { return f(*q); });
}

Response FileOrError(const Request& r, const Result<Download>& d) {
  if (!d) return ErrorResponse(d.error(), r.request_id);
  Response out;
  out.content_type = d->media_type;
  out.body = d->bytes;
  out.headers.emplace_back("Content-Disposition", "attachment; filename=\"" + d->filename + "\"");
  return out;
}

Result<std::vector<SimfoniMark>> ReadMarks(const boost::json::object& o) {
  ObjectReader r(o);
  std::vector<SimfoniMark> out;
  r.Skip("rows");
  auto* rows = o.if_contains("rows");
  if (!rows || !rows->is_array()) {
    return Fail(MakeError(ErrorKind::kInvalidArgument, "required",
                          "rows: daftar baris yang sudah dientri di SIMFONI.",
                          "rows must list the rows entered in SIMFONI.", "rows"));
  }
  const auto& a = rows->as_array();
  for (std::size_t i = 0; i < a.size() && i <= 1000; ++i) {
    std::string at = fmt::format("rows[{}]", i);
    if (!a[i].is_object()) {
      return Fail(MakeError(ErrorKind::kInvalidArgument, "invalid_type", at + ": objek.",
                            at + " must be an object.", at));
    }
    ObjectReader item(a[i].as_object(), at);
    SimfoniMark m;
    m.case_id = item.String("case_id");
    m.client_id = item.String("client_id");
    m.incident_id = item.OptString("incident_id").value_or("");
    m.nomor_simfoni = item.String("nomor_simfoni");
    m.sent_on = item.String("sent_on");
    if (auto s = item.Finish(); !s) return Fail(s.error());
    out.push_back(std::move(m));
  }
  if (auto s = r.Finish(); !s) return Fail(s.error());
  return out;
}

}  // namespace

std::vector<Route> ReportRoutes(App& app) {
  auto& reports = app.reports;
  return {
      {"GET", "/api/v1/reports/scopes", Policy::kUnitStaff,
       [&reports](const Request& r, const Principal* p) {
         if (auto s = CheckKnownQuery(r, {}); !s) return ErrorResponse(s.error(), r.request_id);
         return JsonOrError(r, [&] { return reports.Scopes(*p); });
       }},
      {"GET", "/api/v1/reports/statistics", Policy::kUnitStaff,
       [&reports](const Request& r, const Principal* p) {
         return WithQuery(r, {}, [&](const ReportQuery& q) { return reports.Statistics(*p, q); });
       }},
      {"GET", "/api/v1/reports/statistics/cross", Policy::kUnitStaff,
       [&reports](const Request& r, const Principal* p) {
         return WithQuery(r, {"rows", "cols"}, [&](const ReportQuery& q) {
           return reports.Cross(*p, q, QueryParam(r, "rows").value_or(""),
                                QueryParam(r, "cols").value_or(""));
         });
       }},
      {"GET", "/api/v1/reports/statistics/trend", Policy::kUnitStaff,
       [&reports](const Request& r, const Principal* p) {
         return WithQuery(r, {"dimension"}, [&](const ReportQuery& q) {
           return reports.Trend(*p, q, QueryParam(r, "dimension").value_or(""));
         });
       }},
      {"GET", "/api/v1/reports/compliance", Policy::kUnitStaff,
       [&reports](const Request& r, const Principal* p) {
         return WithQuery(r, {"by"}, [&](const ReportQuery& q) -> Result<boost::json::value> {
           auto by = QueryParam(r, "by").value_or("step");
           if (by != "step" && by != "staff") {
             return Fail(MakeError(ErrorKind::kInvalidArgument, "invalid_value",
                                   "by: step atau staff.", "by must be step or staff.", "by"));
           }
           return reports.Compliance(*p, q, by == "staff");
         });
       }},
      {"GET", "/api/v1/reports/simfoni", Policy::kUnitStaff,
       [&reports](const Request& r, const Principal* p) {
         return WithQuery(r, {"identifying", "include_sent"},
                          [&](const ReportQuery& q) -> Result<boost::json::value> {
                            auto id = BoolParam(r, "identifying");
                            if (!id) return Fail(id.error());
                            auto sent = BoolParam(r, "include_sent");
                            if (!sent) return Fail(sent.error());
                            return reports.Simfoni(*p, q, *id, *sent);
                          });
       }},
      {"POST", "/api/v1/reports/simfoni/sent", Policy::kUnitStaff,
       [&reports](const Request& r, const Principal* p) {
         return WriteWith(r, ReadMarks, [&](const std::vector<SimfoniMark>& v, const auto& idem) {
           return reports.MarkSimfoniSent(*p, v, idem);
         });
       }},
  };
}

// The downloads: /api/v1/reports/{statistics,compliance,simfoni}/export?format=csv|xlsx.
std::vector<Route> ReportExportRoutes(App& app) {
  auto& reports = app.reports;
  std::vector<Route> out;
  for (std::string what : {"statistics", "compliance", "simfoni"}) {
    std::string path = "/api/v1/reports/" + what + "/export";
    out.push_back(
        {"GET", path, Policy::kUnitStaff, [&reports, what](const Request& r, const Principal* p) {
           auto q = QueryOf(r, {"format", "by", "identifying", "include_sent"});
           if (!q) return ErrorResponse(q.error(), r.request_id);
           auto id = BoolParam(r, "identifying");
           if (!id) return ErrorResponse(id.error(), r.request_id);
           auto sent = BoolParam(r, "include_sent");
           if (!sent) return ErrorResponse(sent.error(), r.request_id);
           auto by = QueryParam(r, "by").value_or("step");
           if (by != "step" && by != "staff") {
             return ErrorResponse(
                 MakeError(ErrorKind::kInvalidArgument, "invalid_value", "by: step atau staff.",
                           "by must be step or staff.", "by"),
                 r.request_id);
           }
           return FileOrError(
               r, reports.Export(*p, *q, what, QueryParam(r, "format").value_or("csv"), *id, *sent,
                                 by == "staff"));
         }});
  }
  return out;
}

}  // namespace lindungi::http
