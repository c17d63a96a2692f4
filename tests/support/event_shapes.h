// The shape of stored history (issue 17): every event payload the API tests make is reduced
// to lines "<type> <path> <kind>" (a field's path, arrays as "[]", and its JSON kind), so a
// test run can compare what the server writes with tests/snapshots/event_payloads.txt.
// Stored events are never rewritten: a field renamed, retyped or added unnoticed would leave
// old and new history of two shapes.
#pragma once

#include <set>
#include <string>

namespace lindungi::testing {

// Appends the shape lines of every event in the store at `db_url` to the file named by
// RecordEventShapesTo, if any (ServerHarness calls it when it ends). Safe for concurrent use.
void RecordEventShapes(const std::string& db_url);
// Where RecordEventShapes appends ("" stops recording).
void RecordEventShapesTo(const std::string& path);

// The shape lines of one payload (JSON text) of event `type`.
std::set<std::string> PayloadShape(const std::string& type, const std::string& payload);

}  // namespace lindungi::testing
