// The routes the browser UI reads its reference data from — the form definitions of forms/
// (so one generic renderer draws every form), the classification lists — and the user's own
// account: password and UI language.
#include <boost/json/array.hpp>

#include "core/intake.h"
#include "core/roles.h"
#include "http/route_helpers.h"

namespace lindungi::http {
namespace json = boost::json;
namespace {

json::object BilingualJson(const forms::Bilingual& b) {
  return json::object{{"id", b.id}, {"en", b.en.empty() ? b.id : b.en}};
}

std::string_view OpName(forms::Condition::Op op) {
  switch (op) {
    case forms::Condition::Op::kEquals:
      return "equals";
    case forms::Condition::Op::kNotEquals:
      return "not_equals";
    case forms::Condition::Op::kIn:
      return "in";
    case forms::Condition::Op::kIncludes:
      return "includes";
    case forms::Condition::Op::kPresent:
      return "present";
    case forms::Condition::Op::kAll:
      return "all";
    case forms::Condition::Op::kAny:
      return "any";
  }
  return "equals";
}

json::object ConditionJson(const forms::Condition& c) {
  json::object out{{"op", OpName(c.op)}};
  if (c.op == forms::Condition::Op::kAll || c.op == forms::Condition::Op::kAny) {
    json::array parts;
    for (const auto& part : c.all) parts.push_back(ConditionJson(part));
    out["conditions"] = std::move(parts);
    return out;
  }
  out["field"] = c.field;
  if (c.op == forms::Condition::Op::kPresent) {
    out["present"] = c.present;
  } else {
    json::array values;
    for (const auto& v : c.values) values.push_back(json::value(v));
    out["values"] = std::move(values);
  }
  return out;
}

json::object FieldJson(const forms::Field& f) {
  json::object out{
      {"id", f.id},
      {"label", BilingualJson(f.label)},
      {"type", f.type ? json::value(forms::FieldTypeName(*f.type)) : json::value(f.type_name)},
      {"required", f.required},
      {"sensitive", f.sensitive}};
  if (!f.help.id.empty()) out["help"] = BilingualJson(f.help);
  if (f.required_when) out["required_when"] = ConditionJson(*f.required_when);
  if (f.when) out["when"] = ConditionJson(*f.when);
  if (f.integer) out["integer"] = true;
  if (f.past) out["past"] = true;
  if (f.min) out["min"] = *f.min;
  if (f.max) out["max"] = *f.max;
  if (f.max_length) out["max_length"] = *f.max_length;
  if (!f.level.empty()) out["level"] = f.level;
  if (f.has_options) {
    json::array options;
    for (const auto& o : f.options)
      options.push_back(json::object{{"value", o.value}, {"label", BilingualJson(o.label)}});
    out["options"] = std::move(options);
  }
  if (f.total) out["total"] = true;
  if (!f.columns.empty()) {
    json::array columns;
    for (const auto& col : f.columns) columns.push_back(FieldJson(col));
    out["columns"] = std::move(columns);
  }
  return out;
}

json::object FormJson(const forms::Form& form) {
  json::array sections;
  for (const auto& s : form.sections) {
    json::array fields;
    for (const auto& f : s.fields) fields.push_back(FieldJson(f));
    json::object section{
        {"id", s.id}, {"title", BilingualJson(s.title)}, {"fields", std::move(fields)}};
    if (!s.help.id.empty()) section["help"] = BilingualJson(s.help);
    if (s.when) section["when"] = ConditionJson(*s.when);
    sections.push_back(std::move(section));
  }
  return json::object{{"id", form.id},
                      {"title", BilingualJson(form.title)},
                      {"description", BilingualJson(form.description)},
                      {"sections", std::move(sections)}};
}

Response FormList(App& app) {
  json::array out;
  for (const auto& f : app.documents.forms().forms) {
    if (!f.parsed) continue;
    out.push_back(json::object{{"id", f.id},
                               {"title", BilingualJson(f.title)},
                               {"description", BilingualJson(f.description)}});
  }
  return JsonResponse(200, json::object{{"forms", std::move(out)}});
}

Response FormOne(App& app, const Request& r) {
  const forms::Form* f = app.documents.forms().Find(r.params.at("name"));
  if (!f || !f->parsed) {
    return ErrorResponse(MakeError(ErrorKind::kNotFound, "form_not_found",
                                   "Formulir tidak ditemukan.", "No such form."),
                         r.request_id);
  }
  return JsonResponse(200, FormJson(*f));
}

json::array CategoriesJson(const std::vector<Category>& list) {
  json::array out;
  for (const auto& c : list) {
    out.push_back(
        json::object{{"id", c.id}, {"label", json::object{{"id", c.label}, {"en", c.label_en}}}});
  }
  return out;
}

template <std::size_t N>
json::array IdsJson(const std::string_view (&ids)[N]) {
  json::array out;
  for (auto id : ids) out.push_back(json::value(id));
  return out;
}

Response ClassificationAnswer(App& app) {
  const Classification& k = app.sops.classification();
  json::object out;
  for (const char* name :
       {"violence_forms", "case_types", "ampk_categories", "place_types", "perpetrator_relations",
        "reporter_relations", "guardian_relations", "education_levels", "services", "occupations",
        "marital_statuses", "disability_kinds", "gbvims_types"}) {
    if (const auto* list = k.List(name)) out[name] = CategoriesJson(*list);
  }
  json::array bands;
  for (const auto& b : k.age_bands) {
    json::object band{{"id", b.id}, {"min", b.min}};
    band["max"] = b.max ? json::value(*b.max) : json::value(nullptr);
    bands.push_back(std::move(band));
  }
  out["age_bands"] = std::move(bands);
  // Code lists whose labels the UI's catalogs hold.
  out["channels"] = IdsJson(kChannels);
  out["sexes"] = IdsJson(kSexes);
  out["case_statuses"] = IdsJson(kCaseStatuses);
  out["staff_roles"] = IdsJson(kStaffRoles);
  return JsonResponse(200, out);
}

Response NoContent() {
  Response r;
  r.status = 204;
  r.content_type.clear();
  return r;
}

Response ChangePassword(App& app, const Request& r, const Principal& p) {
  auto body = ParseJsonObject(r.body);
  if (!body) return ErrorResponse(body.error(), r.request_id);
  ObjectReader in(*body);
  std::string current = in.String("current_password");
  std::string password = in.String("new_password");
  if (auto s = in.Finish(); !s) return ErrorResponse(s.error(), r.request_id);
  if (auto s = app.auth.ChangeOwnPassword(p, current, password); !s)
    return ErrorResponse(s.error(), r.request_id);
  return NoContent();
}

Response SetLanguage(App& app, const Request& r, const Principal& p) {
  auto body = ParseJsonObject(r.body);
  if (!body) return ErrorResponse(body.error(), r.request_id);
  ObjectReader in(*body);
  std::string language = in.String("language");
  if (auto s = in.Finish(); !s) return ErrorResponse(s.error(), r.request_id);
  if (auto s = app.auth.SetLanguage(p, language); !s) return ErrorResponse(s.error(), r.request_id);
  return NoContent();
}

Response MySessions(App& app, const Request& r, const Principal& p) {
  if (auto s = CheckKnownQuery(r, {}); !s) return ErrorResponse(s.error(), r.request_id);
  json::array items;
  for (const auto& s : app.auth.Sessions(p))
    items.push_back(json::object{{"id", s.id},
                                 {"created_at", s.created_at},
                                 {"last_seen_at", s.last_seen_at},
                                 {"expires_at", s.expires_at},
                                 {"current", s.current}});
  return JsonResponse(200, json::object{{"items", std::move(items)}});
}

Response Staff(App& app, const Request& r, const Principal& p) {
  if (auto s = CheckKnownQuery(r, {}); !s) return ErrorResponse(s.error(), r.request_id);
  auto staff = app.auth.StaffOf(p, r.params.at("unit"));
  if (!staff) return ErrorResponse(staff.error(), r.request_id);
  json::array items;
  for (const auto& u : *staff) {
    json::array roles;
    for (const auto& role : u.roles) roles.push_back(json::value(role.role));
    items.push_back(json::object{{"id", u.id},
                                 {"username", u.username},
                                 {"display_name", u.display_name},
                                 {"roles", std::move(roles)}});
  }
  return JsonResponse(200, json::object{{"items", std::move(items)}});
}

}  // namespace

std::vector<Route> ReferenceRoutes(App& app) {
  return {
      {"GET", "/api/v1/forms", Policy::kSession,
       [&app](const Request& r, const Principal*) {
         if (auto s = CheckKnownQuery(r, {}); !s) return ErrorResponse(s.error(), r.request_id);
         return FormList(app);
       }},
      {"GET", "/api/v1/forms/{name:slug}", Policy::kSession,
       [&app](const Request& r, const Principal*) {
         if (auto s = CheckKnownQuery(r, {}); !s) return ErrorResponse(s.error(), r.request_id);
         return FormOne(app, r);
       }},
      {"GET", "/api/v1/classification", Policy::kSession,
       [&app](const Request& r, const Principal*) {
         if (auto s = CheckKnownQuery(r, {}); !s) return ErrorResponse(s.error(), r.request_id);
         return ClassificationAnswer(app);
       }},
      {"GET", "/api/v1/units/{unit}/staff", Policy::kUnitStaff,
       [&app](const Request& r, const Principal* p) { return Staff(app, r, *p); }},
      {"PUT", "/api/v1/session/password", Policy::kEnrolment,
       [&app](const Request& r, const Principal* p) { return ChangePassword(app, r, *p); },
       /*raw_body=*/false, /*hashes_password=*/true},
      {"PUT", "/api/v1/session/language", Policy::kEnrolment,
       [&app](const Request& r, const Principal* p) { return SetLanguage(app, r, *p); }},
      {"GET", "/api/v1/session/sessions", Policy::kEnrolment,
       [&app](const Request& r, const Principal* p) { return MySessions(app, r, *p); }},
      {"DELETE", "/api/v1/session/sessions/{session:hex16}", Policy::kEnrolment,
       [&app](const Request& r, const Principal* p) {
         if (auto s = CheckKnownQuery(r, {}); !s) return ErrorResponse(s.error(), r.request_id);
         if (auto s = app.auth.EndSession(*p, r.params.at("session")); !s)
           return ErrorResponse(s.error(), r.request_id);
         return NoContent();
       }},
  };
}

}  // namespace lindungi::http
