// People across cases (people.cpp; docs/security.md): search before create through the
// blind indexes, and the data subject's rights (UU 27/2022) — access and erasure by
// crypto-shredding.
#pragma once

#include <boost/json/value.hpp>

#include <optional>
#include <string>

#include "core/intake.h"
#include "service/case_service_base.h"
#include "service/principal.h"
#include "service/writes.h"
#include "store/case_store.h"

namespace lindungi {

// kInvalidArgument naming legal_basis or reference when they are missing or too long.
Status CheckLawfulRequest(const LawfulRequest& r);

class PersonService : public CaseServiceBase {
 public:
  using CaseServiceBase::CaseServiceBase;

  // Crypto-shredding, where the law requires erasure: destroys the person's key, so every
  // field stored under it reads as null from now on, and records PersonErased on the case.
  // The event log keeps its hash chain. kNotFound for an unknown (or already erased) person.
  // A self-report recorded before it was one record: the client and the reporter who is
  // her are erased together.
  Status ErasePerson(const std::string& person_id, const std::string& actor);
  // The same through the API, on a lawful request the unit head records (UU 27/2022): event
  // DataSubjectRequestRecorded (kind erasure, legal basis, reference) then PersonErased.
  // kPermissionDenied "unit_head_required" for anyone else of the unit (an administrator
  // too); kNotFound "person_not_found" for a person of a unit the caller has no role in.
  Result<WriteReply> EraseOnRequest(const Principal& p, const std::string& person_id,
                                    const LawfulRequest& r);
  // An access request the unit head records (DataSubjectRequestRecorded, kind access), and
  // ExportPerson's answer with the request; the read is access-logged.
  Result<boost::json::value> AccessOnRequest(const Principal& p, const std::string& person_id,
                                             const LawfulRequest& r);

  // Search before create: people on the caller's units' cases whose name has every word of
  // `name` and/or whose NIK is `nik` (and, to narrow, born on `birth_date`), found through the
  // blind indexes (no decryption of the table); each hit is decrypted, logged as a read
  // ("search"). At most 50.
  Result<boost::json::value> SearchPeople(const Principal& p,
                                          const std::optional<std::string>& name,
                                          const std::optional<std::string>& nik,
                                          const std::optional<std::string>& birth_date);

  // A data-subject access request (UU 27/2022): the person's own data on their case,
  // decrypted — their fields, the narrative if they are the client, and the history of
  // events that recorded their data — without other people's. kNotFound if unknown or erased.
  Result<boost::json::value> ExportPerson(const std::string& person_id);

 private:
  // The case of the person a lawful request is about, if the caller is its unit's head.
  Result<store::CaseRecord> LawfulRequestCase(store::SqlConn& c, const Principal& p,
                                              const std::string& person_id);
};

}  // namespace lindungi
