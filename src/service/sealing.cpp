#include "service/sealing.h"

#include <boost/json/parse.hpp>

#include "store/case_store.h"
#include "store/key_store.h"

namespace lindungi {
namespace json = boost::json;

Result<std::string> SealForCase(store::SqlConn& c, const Vault& vault, const store::CaseRecord& k,
                                const std::string& text) {
  auto data = json::parse(k.data).as_object();
  std::string client_id;
  if (auto* cl = data.if_contains("client"); cl && cl->is_object())
    if (auto* id = cl->as_object().if_contains("person_id"); id && id->is_string())
      client_id = std::string(id->as_string());
  std::string key = client_id.empty() ? "" : vault.PersonKey(c, client_id);
  if (key.empty()) {
    return Fail(MakeError(ErrorKind::kFailedPrecondition, "client_erased",
                          "Data klien kasus ini sudah dihapus; catatan tidak dapat disimpan lagi.",
                          "This case's client data was erased; notes can no longer be kept."));
  }
  return Vault::Encrypt(client_id, key, text);
}

void IndexPerson(store::SqlConn& c, const Vault& vault, const std::string& person_id,
                 const std::string& case_id, const std::string& unit_id, const std::string& name,
                 const std::optional<std::string>& nik,
                 const std::optional<std::string>& birth_date) {
  store::DeleteIndexEntries(c, person_id);
  auto index = [&](const char* kind, const std::string& value) {
    store::InsertIndexEntry(c, {kind, vault.BlindIndex(kind, value), person_id, case_id, unit_id});
  };
  for (const auto& t : Vault::NameTokens(name)) index("name", t);
  if (nik) index("nik", *nik);
  if (birth_date) index("birth_date", *birth_date);
}

}  // namespace lindungi
