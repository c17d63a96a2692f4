#include "store/events/document_events.h"

namespace lindungi::store::events {
namespace json = boost::json;

namespace {

json::object FileJson(const DocumentFileInfo& f) {
  return {{"media_type", f.media_type}, {"size", f.size}, {"digest", f.digest}};
}

void Opt(json::object& o, std::string_view key, const std::optional<std::string>& v) {
  if (v) o[key] = *v;
}

}  // namespace

json::object DocumentFiled::Payload() const {
  json::object o;
  if (source == "letter") {
    o = {{"document_id", document_id},
         {"source", source},
         {"title", title},
         {"kinds", ToArray(kinds)}};
    if (letter) o["letter"] = *letter;
    Opt(o, "person_id", person_id);
    o["values"] = values;
    o["sensitive"] = TextOrNull(sensitive);
    Opt(o, "task_id", task_id);
  } else if (source == "upload") {
    o = {{"document_id", document_id},
         {"source", source},
         {"values", values},
         {"sensitive", TextOrNull(sensitive)}};
    Opt(o, "person_id", person_id);
    o["kinds"] = ToArray(kinds);
    o["title"] = title;
    Opt(o, "task_id", task_id);
  } else {  // a form
    o = {{"values", values},
         {"sensitive", TextOrNull(sensitive)},
         {"document_id", document_id},
         {"source", source}};
    Opt(o, "form", form);
    o["title"] = title;
    o["kinds"] = ToArray(kinds);
    Opt(o, "person_id", person_id);
    Opt(o, "task_id", task_id);
  }
  if (source != "letter" && letter) o["letter"] = *letter;
  if (file) o["file"] = FileJson(*file);
  return o;
}

DocumentFiled DocumentFiled::From(const json::object& p) {
  DocumentFiled d{Str(p, "document_id"), Str(p, "source"),    OptText(p, "form"),
                  Str(p, "title"),       StrList(p, "kinds"), OptText(p, "person_id"),
                  OptText(p, "task_id"), ObjOr(p, "values"),  OptText(p, "sensitive"),
                  std::nullopt,          std::nullopt};
  if (auto* l = p.if_contains("letter"); l && l->is_object()) d.letter = l->as_object();
  if (auto* f = p.if_contains("file"); f && f->is_object()) d.file = FileInfoFrom(f->as_object());
  return d;
}

DocumentFileInfo FileInfoFrom(const json::object& o) {
  return {OptText(o, "media_type").value_or(""), OptInteger(o, "size").value_or(0),
          OptText(o, "digest").value_or("")};
}

json::object DocumentCorrected::Payload() const {
  return {{"values", values},
          {"sensitive", TextOrNull(sensitive)},
          {"document_id", document_id},
          {"version", version},
          {"kinds", ToArray(kinds)}};
}

DocumentCorrected DocumentCorrected::From(const json::object& p) {
  return {ObjOr(p, "values"), OptText(p, "sensitive"), Str(p, "document_id"),
          OptInteger(p, "version").value_or(0), StrList(p, "kinds")};
}

json::object DocumentApproved::Payload() const {
  return {{"task_id", task_id},
          {"step_id", step_id},
          {"outcome", outcome},
          {"kind", kind},
          {"document_id", document_id},
          {"form", form},
          {"document_version", document_version},
          {"person_id", TextOrNull(person_id)},
          {"values", values},
          {"sensitive", TextOrNull(sensitive)},
          {"totals", totals}};
}

// Read by the letters that quote an approved plan: tolerant of every field, as they were.
DocumentApproved DocumentApproved::From(const json::object& p) {
  auto text = [&](std::string_view k) { return OptText(p, k).value_or(""); };
  return {text("task_id"),
          text("step_id"),
          text("outcome"),
          text("kind"),
          text("document_id"),
          text("form"),
          OptInteger(p, "document_version").value_or(0),
          OptText(p, "person_id"),
          ObjOr(p, "values"),
          OptText(p, "sensitive"),
          ObjOr(p, "totals")};
}

}  // namespace lindungi::store::events
