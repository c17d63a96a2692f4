// Shelters and the stays of case clients in them.
// Each query runs on a caller's SqlConn (inside the caller's read snapshot or write
// transaction) and throws StoreError on storage failure.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "store/sql.h"

namespace lindungi::store {

// A shelter of a unit, with its occupancy (open stays). `address` is as stored (sealed).
struct ShelterRecord {
  std::string id, unit_id, name, kind, takes, address, phone, registered_at, registered_by,
      updated_at;
  std::int64_t capacity = 0, occupied = 0, version = 0;
  std::optional<std::int64_t> max_age;
};

std::optional<ShelterRecord> FindShelter(SqlConn& c, const std::string& id);

// The shelters of these units, by name.
std::vector<ShelterRecord> ListShelters(SqlConn& c, const std::vector<std::string>& unit_ids);

// A stay of a case's client in a shelter: `data` is its record as JSON text (reasons sealed).
struct StayRecord {
  std::string id, case_id, shelter_id, shelter_name, person_id, status, admitted_on, data;
};

std::vector<StayRecord> ListCaseStays(SqlConn& c, const std::string& case_id);
void ListCaseStays(QueryBatch& b, const std::string& case_id, std::vector<StayRecord>* out);

std::optional<StayRecord> FindStay(SqlConn& c, const std::string& id);

// The open stay of a person, if any.
std::optional<StayRecord> FindOpenStayOf(SqlConn& c, const std::string& person_id);

// The cases with a client staying in the shelter now.
std::vector<std::string> CasesInShelter(SqlConn& c, const std::string& shelter_id);

}  // namespace lindungi::store
