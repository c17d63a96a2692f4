#include "store/events/person_events.h"

namespace lindungi::store::events {
namespace json = boost::json;

json::object PersonAdded::Payload() const {
  return {{"person_id", person_id}, {"role", role}, {"fields", fields}};
}

PersonAdded PersonAdded::From(const json::object& p) {
  return {Str(p, "person_id"), Str(p, "role"), Obj(p, "fields")};
}

json::object PersonUpdated::Payload() const {
  json::object o{{"person_id", person_id}};
  if (role) o["role"] = *role;
  o["fields"] = fields;
  return o;
}

PersonUpdated PersonUpdated::From(const json::object& p) {
  return {Str(p, "person_id"), OptText(p, "role"), Obj(p, "fields")};
}

json::object PersonErased::Payload() const {
  return {{"person_id", person_id}};
}

PersonErased PersonErased::From(const json::object& p) {
  return {Str(p, "person_id")};
}

json::object DataSubjectRequestRecorded::Payload() const {
  return {{"kind", kind},
          {"person_id", person_id},
          {"legal_basis", legal_basis},
          {"reference", reference}};
}

DataSubjectRequestRecorded DataSubjectRequestRecorded::From(const json::object& p) {
  return {Str(p, "kind"), Str(p, "person_id"), OptText(p, "legal_basis").value_or(""),
          OptText(p, "reference").value_or("")};
}

json::object IncidentFacts::Payload() const {
  json::array v, pp;
  for (const auto& x : victims)
    v.push_back(json::object{{"person_id", x.person_id}, {"age_band", TextOrNull(x.age_band)}});
  for (const auto& x : perpetrators)
    pp.push_back(json::object{{"person_id", x.person_id},
                              {"relation", TextOrNull(x.relation)},
                              {"age_band", TextOrNull(x.age_band)}});
  json::object o{{"incident_id", incident_id},
                 {"date", date},
                 {"time", TextOrNull(time)},
                 {"place_type", place_type},
                 {"forms", ToArray(forms)},
                 {"penetration", penetration},
                 {"forced_marriage", forced_marriage},
                 {"gbvims_type", TextOrNull(gbvims_type)},
                 {"victims", std::move(v)},
                 {"perpetrators", std::move(pp)}};
  if (place) o["place"] = *place;
  if (!region.empty()) o["region"] = region;
  if (narrative) o["narrative"] = *narrative;
  return o;
}

IncidentFacts IncidentFacts::From(const json::object& p) {
  IncidentFacts f{Str(p, "incident_id"),
                  Str(p, "date"),
                  OptText(p, "time"),
                  OptText(p, "place_type").value_or(""),
                  StrListOr(p, "forms"),
                  Flag(p, "penetration"),
                  Flag(p, "forced_marriage"),
                  OptText(p, "gbvims_type"),
                  {},
                  {},
                  OptText(p, "place"),
                  ObjOr(p, "region"),
                  OptText(p, "narrative")};
  // Older incidents may lack victims or perpetrators.
  if (auto* v = p.if_contains("victims"); v && v->is_array())
    for (const auto& x : v->as_array())
      if (x.is_object())
        f.victims.push_back({Str(x.as_object(), "person_id"), OptText(x.as_object(), "age_band")});
  if (auto* v = p.if_contains("perpetrators"); v && v->is_array())
    for (const auto& x : v->as_array())
      if (x.is_object())
        f.perpetrators.push_back({Str(x.as_object(), "person_id"),
                                  OptText(x.as_object(), "relation"),
                                  OptText(x.as_object(), "age_band")});
  return f;
}

}  // namespace lindungi::store::events
