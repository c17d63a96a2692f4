// The routes of a unit's administration (docs/security.md "Administration"): users and their
// roles, partner organisations and their users, the unit's settings and a preview of its
// letterhead. Policy kUnitAdmin: the service checks the caller administers {unit}.
#include "http/route_helpers.h"
#include "service/administration.h"

namespace lindungi::http {
namespace {

Result<AccountRequest> ReadAccount(const boost::json::object& o) {
  ObjectReader r(o);
  AccountRequest in;
  in.username = r.String("username");
  in.display_name = r.String("display_name");
  in.roles = r.Strings("roles", 20);
  if (auto s = r.Finish(); !s) return Fail(s.error());
  return in;
}

Result<std::vector<std::string>> ReadRoles(const boost::json::object& o) {
  ObjectReader r(o);
  auto roles = r.Strings("roles", 20);
  if (!o.contains("roles"))
    r.Report(MakeError(ErrorKind::kInvalidArgument, "missing_field", "Kolom roles wajib diisi.",
                       "The field roles is required.", "roles"));
  if (auto s = r.Finish(); !s) return Fail(s.error());
  return roles;
}

Result<UnitSettingsRequest> ReadSettings(const boost::json::object& o) {
  ObjectReader r(o);
  UnitSettingsRequest in;
  in.sop_pack = r.OptString("sop_pack");
  in.two_factor_required = r.OptBool("two_factor_required");
  if (auto s = r.Finish(); !s) return Fail(s.error());
  return in;
}

struct PartnerRequest {
  std::string code, name, kind, area;
};

Result<PartnerRequest> ReadPartner(const boost::json::object& o) {
  ObjectReader r(o);
  PartnerRequest in;
  in.code = r.String("code");
  in.name = r.String("name");
  in.kind = r.String("kind");
  in.area = r.OptString("area").value_or("");
  if (auto s = r.Finish(); !s) return Fail(s.error());
  return in;
}

Result<bool> ReadEmpty(const boost::json::object& o) {
  ObjectReader r(o);
  if (auto s = r.Finish(); !s) return Fail(s.error());
  return true;
}

}  // namespace

std::vector<Route> AdminRoutes(App& app) {
  auto admin = [&app] { return Administration(app); };
  return {
      {"GET", "/api/v1/units/{unit}/users", Policy::kUnitAdmin,
       [admin](const Request& r, const Principal* p) {
         return JsonOrError(r, [&] { return admin().Users(*p, r.params.at("unit")); });
       }},
      {"POST", "/api/v1/units/{unit}/users", Policy::kUnitAdmin,
       [admin](const Request& r, const Principal* p) {
         return WriteWith(r, ReadAccount, [&](const AccountRequest& v, const auto&) {
           return admin().AddUser(*p, r.params.at("unit"), v);
         });
       }},
      {"PUT", "/api/v1/units/{unit}/users/{account}/roles", Policy::kUnitAdmin,
       [admin](const Request& r, const Principal* p) {
         return WriteWith(r, ReadRoles, [&](const std::vector<std::string>& v, const auto&) {
           return admin().SetRoles(*p, r.params.at("unit"), r.params.at("account"), v);
         });
       }},
      {"POST", "/api/v1/units/{unit}/users/{account}/disable", Policy::kUnitAdmin,
       [admin](const Request& r, const Principal* p) {
         return WriteWith(r, ReadEmpty, [&](bool, const auto&) {
           return admin().SetDisabled(*p, r.params.at("unit"), r.params.at("account"), true);
         });
       }},
      {"POST", "/api/v1/units/{unit}/users/{account}/enable", Policy::kUnitAdmin,
       [admin](const Request& r, const Principal* p) {
         return WriteWith(r, ReadEmpty, [&](bool, const auto&) {
           return admin().SetDisabled(*p, r.params.at("unit"), r.params.at("account"), false);
         });
       }},
      {"POST", "/api/v1/units/{unit}/users/{account}/password", Policy::kUnitAdmin,
       [admin](const Request& r, const Principal* p) {
         return WriteWith(r, ReadEmpty, [&](bool, const auto&) {
           return admin().ResetPassword(*p, r.params.at("unit"), r.params.at("account"));
         });
       }},
      {"GET", "/api/v1/units/{unit}/settings", Policy::kUnitAdmin,
       [admin](const Request& r, const Principal* p) {
         return JsonOrError(r, [&] { return admin().Settings(*p, r.params.at("unit")); });
       }},
      {"PUT", "/api/v1/units/{unit}/settings", Policy::kUnitAdmin,
       [admin](const Request& r, const Principal* p) {
         return WriteWith(r, ReadSettings, [&](const UnitSettingsRequest& v, const auto&) {
           return admin().SetSettings(*p, r.params.at("unit"), v);
         });
       }},
      {"GET", "/api/v1/units/{unit}/letterhead/preview", Policy::kUnitAdmin,
       [admin](const Request& r, const Principal* p) {
         auto pdf = admin().LetterheadPreview(*p, r.params.at("unit"));
         if (!pdf) return ErrorResponse(pdf.error(), r.request_id);
         Response out;
         out.content_type = "application/pdf";
         out.body = std::move(*pdf);
         out.headers.emplace_back("Content-Disposition", "inline; filename=\"kop-surat.pdf\"");
         return out;
       }},
      {"GET", "/api/v1/units/{unit}/partners", Policy::kUnitAdmin,
       [admin](const Request& r, const Principal* p) {
         return JsonOrError(r, [&] { return admin().Partners(*p, r.params.at("unit")); });
       }},
      {"POST", "/api/v1/units/{unit}/partners", Policy::kUnitAdmin,
       [admin](const Request& r, const Principal* p) {
         return WriteWith(r, ReadPartner, [&](const PartnerRequest& v, const auto&) {
           return admin().AddPartner(*p, r.params.at("unit"), v.code, v.name, v.kind, v.area);
         });
       }},
      {"POST", "/api/v1/units/{unit}/partners/{partner}/users", Policy::kUnitAdmin,
       [admin](const Request& r, const Principal* p) {
         return WriteWith(r, ReadAccount, [&](const AccountRequest& v, const auto&) {
           return admin().AddPartnerUser(*p, r.params.at("unit"), r.params.at("partner"), v);
         });
       }},
  };
}

}  // namespace lindungi::http
