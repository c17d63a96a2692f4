// Filed forms on a case file (docs/forms.md "Filed forms"). The rules are pure
// (forms/submission.h); this file authorizes, checks, seals and appends the events.
#include <fmt/format.h>
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include <filesystem>

#include "core/case_work.h"
#include "core/text.h"
#include "forms/form_loader.h"
#include "forms/submission.h"
#include "security/hash.h"
#include "security/random.h"
#include "service/case_access.h"
#include "service/clients.h"
#include "service/document_service.h"
#include "service/json_values.h"
#include "service/sealing.h"
#include "store/case_store.h"
#include "store/document_file_store.h"
#include "store/document_store.h"
#include "store/event_log.h"
#include "store/events/document_events.h"
#include "store/unit_store.h"

namespace lindungi {
namespace json = boost::json;
namespace fs = std::filesystem;
namespace {

Error DocumentNotFound() {
  return MakeError(ErrorKind::kNotFound, "document_not_found", "Dokumen tidak ditemukan.",
                   "Document not found.");
}

Error UnknownForm(const std::string& form) {
  return MakeError(ErrorKind::kInvalidArgument, "unknown_form",
                   fmt::format("Formulir tidak dikenal: {}.", EchoSafe(form)),
                   fmt::format("Unknown form: {}.", EchoSafe(form)), "form");
}

// The document kinds of the case unit's SOP pack that `form_id` fills, in pack order.
std::vector<std::string> KindsOf(store::SqlConn& c, const SopCatalog& sops,
                                 const std::string& unit_id, const std::string& form_id) {
  std::vector<std::string> kinds;
  const sop::Pack* pack = UnitPack(c, sops, unit_id);
  if (!pack) return kinds;
  for (const auto& [id, kind] : pack->documents)
    if (std::find(kind.forms.begin(), kind.forms.end(), form_id) != kind.forms.end())
      kinds.emplace_back(id);
  return kinds;
}

// The payload part common to filing and correcting: the values split and sealed.
// A form's values: those in clear, and the sensitive ones sealed (none when there are none).
struct SealedForm {
  json::object values;
  std::optional<std::string> sensitive;
};

Result<SealedForm> SealedValues(store::SqlConn& c, const Vault& vault, const store::CaseRecord& k,
                                const forms::Form& form, const std::optional<std::string>& person,
                                const json::object& values) {
  auto split = forms::SplitBySensitivity(form, values);
  SealedForm out{std::move(split.clear), std::nullopt};
  if (!split.sensitive.empty()) {
    auto key = DocumentSealingKey(c, vault, k, person);
    if (!key) return Fail(key.error());
    out.sensitive = Vault::Encrypt(key->first, key->second, json::serialize(split.sensitive));
  }
  return out;
}

// An object the document's data carries beside its values: "file" (media type, size,
// digest), "letter" (kind, agenda number: docs/letters.md); null when it has none.
json::value DataObject(const store::DocumentRecord& d, std::string_view key) {
  json::value data = json::parse(d.data);
  if (auto* f = data.as_object().if_contains(key); f && f->is_object()) return *f;
  return nullptr;
}

}  // namespace

json::object DocumentSummary(const store::DocumentRecord& d) {
  json::object o{{"id", d.id},
                 {"case_id", d.case_id},
                 {"source", d.source},
                 {"form", TextOrNull(d.form_id)},
                 {"kinds", json::parse(d.kinds)},
                 {"title", d.title},
                 {"person_id", TextOrNull(d.person_id)},
                 {"task_id", TextOrNull(d.task_id)},
                 {"version", d.version},
                 {"created_at", d.created_at},
                 {"created_by", d.created_by},
                 {"updated_at", d.updated_at},
                 {"updated_by", d.updated_by},
                 {"file", DataObject(d, "file")}};
  if (d.source == "letter") o["letter"] = DataObject(d, "letter");
  return o;
}

const sop::Pack* UnitPack(store::SqlConn& c, const SopCatalog& sops, const std::string& unit_id) {
  auto unit = store::FindUnit(c, unit_id);
  return unit ? sops.FindPack(unit->sop_pack) : nullptr;
}

Result<std::pair<std::string, std::string>> DocumentSealingKey(
    store::SqlConn& c, const Vault& vault, const store::CaseRecord& k,
    const std::optional<std::string>& person) {
  std::string person_id;
  if (person) {
    auto r = store::FindCasePerson(c, *person);
    if (!r || r->case_id != k.id)
      return Fail(MakeError(ErrorKind::kNotFound, "person_not_found",
                            "Orang itu tidak tercatat pada kasus ini.",
                            "That person is not on this case.", "person_id"));
    person_id = *person;
  } else {
    auto data = json::parse(k.data).as_object();
    if (auto* cl = data.if_contains("client"); cl && cl->is_object())
      if (auto* id = cl->as_object().if_contains("person_id"); id && id->is_string())
        person_id = std::string(id->as_string());
  }
  std::string key = person_id.empty() ? "" : vault.PersonKey(c, person_id);
  if (key.empty())
    return Fail(MakeError(ErrorKind::kFailedPrecondition, "person_erased",
                          "Data orang ini sudah dihapus; dokumennya tidak dapat disimpan lagi.",
                          "This person's data was erased; their documents can no longer be kept.",
                          person ? "person_id" : ""));
  return std::pair{person_id, key};
}

json::object OpenDocumentValues(store::SqlConn& c, const Vault& vault,
                                const store::DocumentRecord& d, bool* erased) {
  json::object data = json::parse(d.data).as_object();
  json::value sealed = data["sensitive"];
  const bool had_sensitive = !sealed.is_null();
  vault.DecryptTree(c, sealed);  // null once the person's key was destroyed
  json::object values = data["values"].as_object();
  if (sealed.is_string()) {
    json::value opened = json::parse(sealed.as_string());  // kept alive for the loop
    for (auto& [key, v] : opened.as_object()) values[key] = v;
  }
  if (erased) *erased = had_sensitive && sealed.is_null();
  return values;
}

json::object KeepDocumentFile(store::SqlConn& c, const store::CaseRecord& k,
                              const std::pair<std::string, std::string>& sealing,
                              const std::string& document_id, const std::string& media_type,
                              std::string_view bytes, const std::string& at) {
  store::DocumentFile f;
  f.document_id = document_id;
  f.case_id = k.id;
  f.person_id = sealing.first;
  f.media_type = media_type;
  f.size = std::int64_t(bytes.size());
  f.digest = security::Sha256Hex(bytes);
  f.sealed = Vault::Encrypt(sealing.first, sealing.second, bytes);
  f.created_at = at;
  store::InsertDocumentFile(c, f);
  return json::object{{"media_type", f.media_type}, {"size", f.size}, {"digest", f.digest}};
}

std::string FormsDirFor(const std::string& sops_dir) {
  if (sops_dir.empty()) return "";
  fs::path p = fs::path(sops_dir).lexically_normal();
  if (p.filename().empty()) p = p.parent_path();
  return (p.parent_path() / "forms").string();
}

DocumentService::DocumentService(store::Database& db, const Clock& clock, AccessLog& access_log,
                                 const Vault& vault, const SopCatalog& sops,
                                 const std::string& forms_dir)
    : db_(db), clock_(clock), access_log_(access_log), vault_(vault), sops_(sops) {
  std::error_code ec;
  if (!forms_dir.empty() && fs::is_directory(forms_dir, ec)) {
    std::vector<forms::Diagnostic> ignored;  // `lindungi form validate` reports those
    forms_ = forms::LoadForms(forms_dir, ignored);
  }
}

Result<WriteReply> DocumentService::File(const Principal& p, const std::string& case_id,
                                         const DocumentInput& in,
                                         const std::optional<Idempotency>& idem) {
  const forms::Form* form = forms_.Find(in.form);
  if (!form || !form->parsed) return Fail(UnknownForm(in.form));
  if (auto s = forms::ValidateSubmission(*form, in.values, clock_.Now()); !s)
    return Fail(s.error());
  std::string document_id = security::RandomUuid();
  return WriteOnOpenCase(
      db_, clock_, vault_, p, idem, case_id,
      [&](store::SqlConn& c, const store::CaseRecord& k) -> Result<WriteReply> {
        if (in.task_id)
          if (auto t = TaskOfCase(c, *in.task_id, case_id); !t) return Fail(t.error());
        if (auto s = CheckFormReferences(c, case_id, *form, in.values); !s) return Fail(s.error());
        if (auto s = CheckFormClient(c, vault_, case_id, in.values,
                                     UnitToday(c, k.unit_id, clock_.Now()));
            !s)
          return Fail(s.error());
        auto sealed = SealedValues(c, vault_, k, *form, in.person_id, in.values);
        if (!sealed) return Fail(sealed.error());
        store::events::DocumentFiled filed{document_id,
                                           "form",
                                           form->id,
                                           form->title.id,
                                           KindsOf(c, sops_, k.unit_id, form->id),
                                           in.person_id,
                                           in.task_id,
                                           std::move(sealed->values),
                                           std::move(sealed->sensitive),
                                           std::nullopt,
                                           std::nullopt};
        auto a = store::AppendEvents(
            c, store::CaseStream(case_id), store::ExpectedVersion::Exactly(k.version),
            {store::MakeEvent(filed)}, p.user_id, FormatInstant(clock_.Now()));
        if (!a) return Fail(a.error());
        return WriteReply{201, DocumentSummary(*store::FindDocument(c, document_id))};
      });
}

Result<WriteReply> DocumentService::Correct(const Principal& p, const std::string& case_id,
                                            const std::string& document_id,
                                            const DocumentCorrection& in,
                                            const std::optional<Idempotency>& idem) {
  return WriteOnOpenCase(
      db_, clock_, vault_, p, idem, case_id,
      [&](store::SqlConn& c, const store::CaseRecord& k) -> Result<WriteReply> {
        auto d = store::FindDocument(c, document_id);
        if (!d || d->case_id != case_id) return Fail(DocumentNotFound());
        const forms::Form* form = d->source == "form" ? forms_.Find(d->form_id) : nullptr;
        if (!form)
          return Fail(MakeError(ErrorKind::kFailedPrecondition, "not_a_form",
                                "Hanya formulir yang dapat dikoreksi.",
                                "Only a filled form can be corrected.", "values"));
        if (in.version != d->version)
          return Fail(MakeError(
              ErrorKind::kConflict, "version_conflict",
              fmt::format("Dokumen sudah diubah (versi {}); muat ulang.", d->version),
              fmt::format("The document was changed (version {}); reload it.", d->version),
              "version"));
        if (auto s = forms::ValidateSubmission(*form, in.values, clock_.Now()); !s)
          return Fail(s.error());
        if (auto s = CheckFormReferences(c, case_id, *form, in.values); !s) return Fail(s.error());
        if (auto s = CheckFormClient(c, vault_, case_id, in.values,
                                     UnitToday(c, k.unit_id, clock_.Now()));
            !s)
          return Fail(s.error());
        std::optional<std::string> person;
        if (!d->person_id.empty()) person = d->person_id;
        auto sealed = SealedValues(c, vault_, k, *form, person, in.values);
        if (!sealed) return Fail(sealed.error());
        std::vector<std::string> kinds;
        if (json::value v = json::parse(d->kinds); v.is_array())
          for (const auto& x : v.as_array())
            if (x.is_string()) kinds.emplace_back(x.as_string());
        store::events::DocumentCorrected corrected{std::move(sealed->values),
                                                   std::move(sealed->sensitive), document_id,
                                                   d->version + 1, std::move(kinds)};
        auto a = store::AppendEvents(
            c, store::CaseStream(case_id), store::ExpectedVersion::Exactly(k.version),
            {store::MakeEvent(corrected)}, p.user_id, FormatInstant(clock_.Now()));
        if (!a) return Fail(a.error());
        return WriteReply{200, DocumentSummary(*store::FindDocument(c, document_id))};
      });
}

Result<json::value> DocumentService::List(const Principal& p, const std::string& case_id) {
  return ReadVisibleCase(db_, vault_, access_log_, p, case_id, "documents",
                         [&](store::SqlConn& c, const store::CaseRecord&) -> json::value {
                           json::array items;
                           for (const auto& d : store::ListCaseDocuments(c, case_id))
                             items.push_back(DocumentSummary(d));
                           return json::object{{"items", std::move(items)}};
                         });
}

Result<json::value> DocumentService::Get(const Principal& p, const std::string& case_id,
                                         const std::string& document_id) {
  std::optional<store::CaseRecord> k;
  std::optional<store::DocumentRecord> d;
  bool visible = false;
  json::value out;
  db_.Read([&](store::SqlConn& c) {
    k = store::FindCase(c, case_id);
    visible = k && CaseVisibleTo(c, p, *k);
    if (!visible) return;
    d = store::FindDocument(c, document_id);
    if (!d || d->case_id != case_id) return;
    bool erased = false;
    json::object o = DocumentSummary(*d);
    o["values"] = OpenDocumentValues(c, vault_, *d, &erased);
    o["sensitive_erased"] = erased;
    out = std::move(o);
  });
  if (!visible) return Fail(CaseNotFound());
  if (!d || d->case_id != case_id) return Fail(DocumentNotFound());
  access_log_.Record(p, k->unit_id, k->id, "document");
  return out;
}

Result<DocumentFileContent> DocumentService::ReadFile(const Principal& p,
                                                      const std::string& case_id,
                                                      const std::string& document_id) {
  std::optional<store::CaseRecord> k;
  std::optional<store::DocumentRecord> d;
  std::optional<store::DocumentFile> f;
  std::optional<std::string> bytes;
  bool visible = false;
  db_.Read([&](store::SqlConn& c) {
    k = store::FindCase(c, case_id);
    visible = k && CaseVisibleTo(c, p, *k);
    if (!visible) return;
    d = store::FindDocument(c, document_id);
    if (!d || d->case_id != case_id) return;
    f = store::FindDocumentFile(c, document_id);
    if (f) bytes = vault_.Decrypt(c, f->sealed);
  });
  if (!visible) return Fail(CaseNotFound());
  if (!d || d->case_id != case_id) return Fail(DocumentNotFound());
  if (!f)
    return Fail(MakeError(ErrorKind::kNotFound, "file_not_found",
                          "Dokumen ini tidak berisi berkas.", "This document has no file."));
  if (!bytes)
    return Fail(MakeError(ErrorKind::kFailedPrecondition, "file_erased",
                          "Berkas ini tidak dapat dibaca lagi: data orangnya sudah dihapus.",
                          "This file can no longer be read: its person's data was erased."));
  access_log_.Record(p, k->unit_id, k->id, "document_file");
  return DocumentFileContent{document_id, f->media_type, std::move(*bytes)};
}

std::vector<DocumentService::PersonFile> DocumentService::PersonFiles(
    const std::string& person_id) {
  std::vector<PersonFile> out;
  db_.Read([&](store::SqlConn& c) {
    for (auto& f : store::ListPersonFiles(c, person_id)) {
      auto bytes = vault_.Decrypt(c, f.sealed);
      if (!bytes) continue;  // erased
      auto d = store::FindDocument(c, f.document_id);
      out.push_back({{f.document_id, f.media_type, std::move(*bytes)},
                     d ? d->title : "",
                     f.digest,
                     f.created_at});
    }
  });
  return out;
}

}  // namespace lindungi
