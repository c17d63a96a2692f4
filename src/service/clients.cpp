#include "service/clients.h"

#include <fmt/format.h>
#include <boost/json/parse.hpp>

#include "core/clock.h"
#include "forms/form.h"
#include "service/person_age.h"
#include "store/case_store.h"
#include "store/document_store.h"

namespace lindungi {
namespace json = boost::json;

Error NotAClient(std::string field) {
  return MakeError(ErrorKind::kNotFound, "person_not_found",
                   "Orang itu bukan klien pada kasus ini.",
                   "That person is not a client of this case.", std::move(field));
}

std::optional<ClientFacts> ClientOf(store::SqlConn& c, const Vault& vault,
                                    const std::string& case_id, const std::string& client_id,
                                    std::chrono::year_month_day today) {
  auto r = store::FindCasePerson(c, client_id);
  if (!r || r->case_id != case_id || r->role != "client") return std::nullopt;
  ClientFacts f;
  f.record = json::parse(r->data).as_object();
  json::value plain = f.record;
  vault.DecryptTree(c, plain);
  const auto& o = plain.as_object();
  f.child = IsChild(RecordedAgeOn(o, r->added_at, today));
  if (auto* d = o.if_contains("disability"); d && d->is_bool()) f.disability = d->as_bool();
  return f;
}

Status CheckFormClient(store::SqlConn& c, const Vault& vault, const std::string& case_id,
                       const json::object& values, std::chrono::year_month_day today,
                       const std::string& prefix) {
  const json::value* client_id = values.if_contains("klien");
  const json::value* says_child = values.if_contains("klien_anak");
  if (!client_id || !client_id->is_string() || !says_child) return {};
  auto client = ClientOf(c, vault, case_id, std::string(client_id->as_string()), today);
  if (!client) return Fail(NotAClient(prefix + "klien"));
  if (!says_child->is_bool() || says_child->as_bool() != client->child) {
    return Fail(
        MakeError(ErrorKind::kInvalidArgument, "child_client",
                  "klien_anak harus sesuai catatan kasus (klien di bawah 18 tahun atau tidak); "
                  "formulir klien anak ditandatangani juga oleh orang tua/walinya.",
                  "klien_anak must agree with the case record (whether the client is under 18); a "
                  "child's forms are signed by her parent or guardian too.",
                  prefix + "klien_anak"));
  }
  return {};
}

Status CheckFormReferences(store::SqlConn& c, const std::string& case_id, const forms::Form& form,
                           const json::object& values) {
  for (const auto& section : form.sections) {
    for (const auto& f : section.fields) {
      if (f.type != forms::FieldType::kPerson && f.type != forms::FieldType::kFile) continue;
      const json::value* v = values.if_contains(f.id);
      if (!v || !v->is_string()) continue;  // not answered (the shape is the form's check)
      std::string id(v->as_string());
      bool ours = false;
      if (f.type == forms::FieldType::kPerson) {
        auto person = store::FindCasePerson(c, id);
        ours = person && person->case_id == case_id;
      } else {
        auto doc = store::FindDocument(c, id);
        ours = doc && doc->case_id == case_id;
      }
      if (!ours) {
        return Fail(MakeError(
            ErrorKind::kInvalidArgument, "invalid_reference",
            fmt::format("{} ({}): harus id {} yang tercatat pada kasus ini.", f.id, f.label.id,
                        f.type == forms::FieldType::kPerson ? "orang" : "dokumen"),
            fmt::format("{} ({}): must be the id of a {} of this case.", f.id, f.label.en,
                        f.type == forms::FieldType::kPerson ? "person" : "document"),
            f.id));
      }
    }
  }
  return {};
}

}  // namespace lindungi
