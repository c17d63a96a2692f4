#include "http/task_json.h"

#include <fmt/format.h>

#include "core/text.h"
#include "http/json_body.h"

namespace lindungi::http {
namespace json = boost::json;
namespace {

constexpr std::size_t kMaxNote = 20000;

Error WrongFact(const std::string& name) {
  return MakeError(ErrorKind::kInvalidArgument, "wrong_type",
                   fmt::format("Fakta {} harus true/false atau teks.", name),
                   fmt::format("Fact {} must be true/false or text.", name), "facts");
}

// The recording part shared by start and complete: facts, consents, documents.
Status ReadRecord(ObjectReader& r, CaseFactsUpdate& u) {
  if (const json::object* facts = r.Object("facts", false)) {
    if (facts->size() > 50) return Fail(WrongFact("?"));
    for (const auto& [k, v] : *facts) {
      std::string name(k);
      if (name.size() > 64 || !IsValidUtf8(name)) return Fail(WrongFact("?"));
      if (v.is_bool())
        u.flags[name] = v.as_bool();
      else if (v.is_string())
        u.values[name] = std::string(v.as_string());
      else
        return Fail(WrongFact(name));
    }
  }
  u.consents = r.Strings("consents", 20);
  u.documents = r.Strings("documents", 100);
  return {};
}

}  // namespace

Result<StartSopRequest> ReadStartSop(const json::object& o) {
  ObjectReader r(o);
  StartSopRequest out;
  out.sop_id = r.String("sop");
  if (auto s = ReadRecord(r, out.record); !s) return Fail(s.error());
  if (auto s = r.Finish(); !s) return Fail(s.error());
  return out;
}

Result<CompleteTaskRequest> ReadCompleteTask(const json::object& o) {
  ObjectReader r(o);
  CompleteTaskRequest out;
  out.outcome = r.OptString("outcome").value_or("");
  out.note = r.OptString("note").value_or("");
  out.override_reason = r.OptString("override_reason").value_or("");
  if (const json::object* informed = r.Object("informed", false)) {
    ObjectReader ir(*informed, "informed");
    out.informed = ReporterInformed{ir.String("method"), ir.String("at"), ir.OptString("by")};
    if (auto s = ir.Finish(); !s) return Fail(s.error());
  }
  if (auto s = ReadRecord(r, out.record); !s) return Fail(s.error());
  if (auto s = r.Finish(); !s) return Fail(s.error());
  if (out.note.size() > kMaxNote) {
    return Fail(MakeError(ErrorKind::kInvalidArgument, "too_long",
                          fmt::format("Catatan maksimal {} karakter.", kMaxNote),
                          fmt::format("A note has at most {} characters.", kMaxNote), "note"));
  }
  return out;
}

Result<std::string> ReadAssign(const json::object& o) {
  ObjectReader r(o);
  if (!o.contains("assignee")) {
    return Fail(MakeError(ErrorKind::kInvalidArgument, "required",
                          "Kolom assignee wajib diisi (id pengguna, atau null untuk melepas).",
                          "Field assignee is required (a user id, or null to unassign).",
                          "assignee"));
  }
  std::string assignee = r.OptString("assignee").value_or("");
  if (auto s = r.Finish(); !s) return Fail(s.error());
  return assignee;
}

}  // namespace lindungi::http
