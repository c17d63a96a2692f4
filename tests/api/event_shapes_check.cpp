// The shape of stored history is pinned (issue 17): every event the API tests make is
// reduced to "<type> <path> <kind>" lines (support/event_shapes.h) and compared, when the
// run ends, with tests/snapshots/event_payloads.txt. An event type, a field or a kind the
// snapshot lacks fails the run; so does, in the complete run (api_tests, where every
// use case is exercised: LINDUNGI_EVENT_SNAPSHOT_COMPLETE=1), a pinned line of an event type
// it wrote that no test wrote any more — a field renamed or dropped. Stored events are never
// rewritten, so a reader must handle every shape history holds: a change here is deliberate and
// documented (docs/storage.md "Events"), never a side effect. LINDUNGI_UPDATE_EVENT_SNAPSHOT=1
// writes the snapshot from the run (review its diff; it keeps the pinned lines of event types the
// run did not write, such as the timed suites').
#include <gtest/gtest.h>

#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <set>
#include <string>

#include "support/event_shapes.h"

namespace lindungi::testing {
namespace {

const std::string kSnapshot =
    std::string(LINDUNGI_SOURCE_DIR) + "/tests/snapshots/event_payloads.txt";

std::set<std::string> ReadLines(const std::string& path) {
  std::set<std::string> out;
  std::ifstream f(path);
  for (std::string line; std::getline(f, line);)
    if (!line.empty() && line[0] != '#') out.insert(line);
  return out;
}

std::string List(const std::set<std::string>& lines) {
  std::string s;
  for (const auto& l : lines) s += "  " + l + "\n";
  return s;
}

class EventShapes : public ::testing::Environment {
 public:
  void SetUp() override {
    path_ = (std::filesystem::temp_directory_path() /
             ("lindungi-event-shapes-" + std::to_string(::getpid()) + ".txt"))
                .string();
    std::filesystem::remove(path_);
    RecordEventShapesTo(path_);
  }
  void TearDown() override {
    RecordEventShapesTo("");
    std::set<std::string> seen = ReadLines(path_);
    std::filesystem::remove(path_);
    if (seen.empty()) return;  // a run of tests that wrote no events
    if (std::getenv("LINDUNGI_UPDATE_EVENT_SNAPSHOT")) {
      std::filesystem::create_directories(std::filesystem::path(kSnapshot).parent_path());
      // Event types this run did not write keep their pinned lines (another process's).
      std::set<std::string> types;
      for (const auto& l : seen) types.insert(l.substr(0, l.find(' ')));
      for (const auto& l : ReadLines(kSnapshot))
        if (!types.contains(l.substr(0, l.find(' ')))) seen.insert(l);
      std::ofstream f(kSnapshot);
      if (!f) {
        ADD_FAILURE() << "cannot write " << kSnapshot;
        return;
      }
      f << "# Event payload shapes: <type> <path> <kind>, one line per field and kind.\n"
           "# Written by LINDUNGI_UPDATE_EVENT_SNAPSHOT=1 api_tests; checked by every API run\n"
           "# (tests/api/event_shapes_check.cpp). Change only with docs/storage.md \"Events\".\n";
      for (const auto& l : seen) f << l << '\n';
      std::cout << "event shapes: wrote " << seen.size() << " lines to " << kSnapshot << "\n";
      return;
    }
    if (!std::filesystem::exists(kSnapshot)) {
      ADD_FAILURE() << kSnapshot << " is missing: write it with LINDUNGI_UPDATE_EVENT_SNAPSHOT=1";
      return;
    }
    std::set<std::string> pinned = ReadLines(kSnapshot);
    std::set<std::string> unpinned, gone;
    for (const auto& l : seen)
      if (!pinned.contains(l)) unpinned.insert(l);
    // A pinned field of an event type the run wrote, which it no longer writes. Types only
    // the timed suites write (a lock-out, two-step log-in) are checked for new fields there.
    if (std::getenv("LINDUNGI_EVENT_SNAPSHOT_COMPLETE")) {
      std::set<std::string> types;
      for (const auto& l : seen) types.insert(l.substr(0, l.find(' ')));
      for (const auto& l : pinned)
        if (types.contains(l.substr(0, l.find(' '))) && !seen.contains(l)) gone.insert(l);
    }
    if (!unpinned.empty())
      ADD_FAILURE() << "Events were written in a shape " << kSnapshot
                    << " does not pin (a new or changed field of stored history):\n"
                    << List(unpinned);
    if (!gone.empty())
      ADD_FAILURE() << "Pinned event fields no test wrote any more (renamed or dropped? old "
                       "events keep them):\n"
                    << List(gone);
    std::cout << "event shapes: " << seen.size() << " lines seen, " << pinned.size() << " pinned\n";
  }

 private:
  std::string path_;
};

const auto* const kEnvironment = ::testing::AddGlobalTestEnvironment(new EventShapes);

TEST(EventShapeTest, APayloadIsItsFieldsPathsAndKinds) {
  auto s = PayloadShape("X", R"({"a":1,"b":[{"c":"t"},{"c":null}],"d":{"e":true},)"
                             R"("values":{"any_field":2.5}})");
  std::set<std::string> want = {"X . object",    "X .a integer",    "X .b array",
                                "X .b[] object", "X .b[].c string", "X .b[].c null",
                                "X .d object",   "X .d.e bool",     "X .values object"};
  EXPECT_EQ(s, want);
}

}  // namespace
}  // namespace lindungi::testing
