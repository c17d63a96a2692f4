// Setting up a data directory: `lindungi init` (config file, store, first unit, users)
// and the demo data of the README's first command.
#pragma once

#include <string>
#include <vector>

#include "core/error.h"
#include "service/app.h"

namespace lindungi {

struct UnitSpec {
  std::string code;  // upper-case letters, digits, '-': appears in case numbers
  std::string name;
  std::string level = "kabupaten_kota";  // kabupaten_kota | provinsi | nasional
  std::string province;
  std::string time_zone = "Asia/Jakarta";
};

// Creates a unit (event UnitCreated). kInvalidArgument on a bad code, level or time zone;
// kConflict if the code exists.
Result<store::UnitRecord> CreateUnit(App& app, const UnitSpec& spec);

struct CreatedUser {
  std::string username, role, password;
};

// One user per role (and an administrator) in `unit`, each with a fresh random password.
Result<std::vector<CreatedUser>> CreateDemoUsers(App& app, const store::UnitRecord& unit);

// The demo unit of the README's first command.
UnitSpec DemoUnit();

}  // namespace lindungi
