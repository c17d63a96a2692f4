#include <boost/json/serialize.hpp>

#include "store/case_store.h"
#include "store/projections.h"
#include "store/request_store.h"
#include "store/shelter_store.h"
#include "store/unit_store.h"
#include "store/user_store.h"
#include "store_fixture.h"

namespace lindungi::store {
namespace {

NewEvent UnitCreated(const std::string& code) {
  return {"UnitCreated",
          {{"code", code},
           {"name", "Unit " + code},
           {"level", "provinsi"},
           {"time_zone", "Asia/Jakarta"}}};
}

NewEvent CaseOpened(const std::string& number) {
  return {"CaseOpened",
          {{"unit_id", "u1"},
           {"number", number},
           {"channel", "phone"},
           {"crisis", false},
           {"received_at", "2026-11-23T10:00:00.000Z"},
           {"narrative", "n"},
           {"reporter", boost::json::object{{"person_id", "r-" + number}, {"name", "r"}}},
           {"client", boost::json::object{{"person_id", "c-" + number}, {"name", "c"}}}}};
}

NewEvent CaseUpdated(const char* status) {
  return {"CaseUpdated", {{"changes", boost::json::object{{"status", status}}}}};
}

class EventLogTest : public StoreFixture {
 protected:
  void SeedThreeCases() {
    ASSERT_TRUE(Append("unit-u1", ExpectedVersion::New(), {UnitCreated("A")}));
    for (int i = 1; i <= 3; ++i) {
      std::string id = "case-c" + std::to_string(i);
      ASSERT_TRUE(Append(id, ExpectedVersion::New(), {CaseOpened("N" + std::to_string(i))}));
      ASSERT_TRUE(Append(id, ExpectedVersion::Exactly(1), {CaseUpdated("in_progress")}));
      ASSERT_TRUE(Append(id, ExpectedVersion::Exactly(2), {CaseUpdated("closed")}));
    }
  }
};

TEST_F(EventLogTest, AppendsChainAndProjects) {
  SeedThreeCases();
  EXPECT_TRUE(Verify().empty());
  db_->Read([&](SqlConn& c) {
    auto events = ReadStream(c, "case-c2");
    ASSERT_EQ(events.size(), 3u);
    EXPECT_EQ(events[0].prev_hash, kGenesisHash);
    EXPECT_EQ(events[1].prev_hash, events[0].hash);
    EXPECT_EQ(events[2].hash, EventHash(events[2]));
    auto k = FindCase(c, "c2");
    ASSERT_TRUE(k);
    EXPECT_EQ(k->status, "closed");
    EXPECT_EQ(k->version, 3);
  });
}

TEST_F(EventLogTest, StaleVersionIsAConflictWithTheCurrentVersion) {
  SeedThreeCases();
  auto r = Append("case-c1", ExpectedVersion::Exactly(1), {CaseUpdated("open")});
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().kind, ErrorKind::kConflict);
  EXPECT_EQ(r.error().current_version, 3);
  auto dup = Append("case-c1", ExpectedVersion::New(), {CaseOpened("again")});
  ASSERT_FALSE(dup);
  EXPECT_EQ(dup.error().kind, ErrorKind::kConflict);
  EXPECT_TRUE(Verify().empty());
}

TEST_F(EventLogTest, EventsAreAppendOnlyThroughTheStore) {
  SeedThreeCases();
  auto w = db_->Write([](SqlConn& c) -> Status {
    c.Exec("UPDATE events SET payload = '{}' WHERE seq = 1");
    return {};
  });
  EXPECT_FALSE(w);  // the trigger refuses; the write is rolled back
  EXPECT_TRUE(Verify().empty());
}

TEST_F(EventLogTest, ChangedPayloadIsDetectedWithStreamAndSeq) {
  SeedThreeCases();
  Tamper(
      "UPDATE events SET payload = replace(payload, 'closed', 'open') WHERE stream_id = 'case-c2' "
      "AND seq = 3;");
  auto p = Verify();
  ASSERT_EQ(p.size(), 1u);
  EXPECT_EQ(p[0].stream_id, "case-c2");
  EXPECT_EQ(p[0].seq, 3);
  EXPECT_EQ(p[0].problem, "changed");
}

TEST_F(EventLogTest, RemovedEventIsDetected) {
  SeedThreeCases();
  Tamper("DELETE FROM events WHERE stream_id = 'case-c1' AND seq = 2;");
  auto p = Verify();
  ASSERT_EQ(p.size(), 1u);
  EXPECT_EQ(p[0].stream_id, "case-c1");
  EXPECT_EQ(p[0].seq, 2);
  EXPECT_EQ(p[0].problem, "missing");
}

TEST_F(EventLogTest, RemovedLastEventIsDetectedByTheHead) {
  SeedThreeCases();
  Tamper("DELETE FROM events WHERE stream_id = 'case-c3' AND seq = 3;");
  auto p = Verify();
  ASSERT_EQ(p.size(), 1u);
  EXPECT_EQ(p[0].stream_id, "case-c3");
  EXPECT_EQ(p[0].seq, 3);
  EXPECT_EQ(p[0].problem, "head_mismatch");
}

TEST_F(EventLogTest, ReorderedEventsAreDetected) {
  SeedThreeCases();
  // Swap the payloads of seq 2 and 3 (what a reorder of two updates looks like).
  Tamper(
      "UPDATE events SET seq = -1 WHERE stream_id = 'case-c1' AND seq = 2;"
      "UPDATE events SET seq = 2 WHERE stream_id = 'case-c1' AND seq = 3;"
      "UPDATE events SET seq = 3 WHERE stream_id = 'case-c1' AND seq = -1;");
  auto p = Verify();
  ASSERT_EQ(p.size(), 1u);
  EXPECT_EQ(p[0].stream_id, "case-c1");
  EXPECT_EQ(p[0].seq, 2);
  EXPECT_EQ(p[0].problem, "out_of_order");
}

TEST_F(EventLogTest, RebuildAnswersEveryQueryTheSame) {
  SeedThreeCases();
  // A shelter with one client staying and one who left (docs/storage.md "Shelter events").
  ASSERT_TRUE(Append("shelter-s1", ExpectedVersion::New(),
                     {{"ShelterRegistered",
                       {{"unit_id", "u1"},
                        {"name", "Rumah Aman"},
                        {"kind", "own"},
                        {"capacity", 2},
                        {"takes", "both"},
                        {"max_age", nullptr},
                        {"address", "enc1.s1.sealed"},
                        {"phone", nullptr}}},
                      {"ShelterBedTaken", {{"stay_id", "t1"}}},
                      {"ShelterBedTaken", {{"stay_id", "t2"}}}}));
  for (auto [stream, stay] : {std::pair{"case-c1", "t1"}, std::pair{"case-c2", "t2"}}) {
    boost::json::object started{{"stay_id", stay},       {"shelter_id", "s1"},
                                {"person_id", "c-N1"},   {"admitted_on", "2026-11-20"},
                                {"expected_days", 7},    {"reason", "enc1.c-N1.sealed"},
                                {"over_capacity", false}};
    ASSERT_TRUE(Append(stream, ExpectedVersion::Any(), {{"ShelterStayStarted", started}}));
  }
  ASSERT_TRUE(
      Append("case-c2", ExpectedVersion::Any(),
             {{"ShelterStayEnded",
               {{"stay_id", "t2"}, {"discharged_on", "2026-11-22"}, {"reason", "referred"}}}}));
  auto snapshot = [&] {
    std::string s;
    db_->Read([&](SqlConn& c) {
      for (const auto& u : ListUnits(c)) s += u.id + u.code + u.name + "\n";
      CaseFilter f{{{"u1", UnitReach::kAll, {}, false, {}}},
                   "",
                   std::nullopt,
                   std::nullopt,
                   std::nullopt,
                   std::nullopt,
                   std::nullopt,
                   100,
                   0};
      for (const auto& k : ListCases(c, f)) {
        s += k.id + k.number + k.status + k.data + std::to_string(k.version) + k.updated_at +
             (k.sensitive ? "S" : "") + "\n";
        for (const auto& m : ListCaseTeam(c, k.id)) s += " " + m.user_id + m.since + m.joined_by;
        for (const auto& t : ListCaseStays(c, k.id))
          s += " " + t.id + t.shelter_name + t.status + t.admitted_on + t.data;
      }
      for (const auto& sh : ListShelters(c, {"u1"}))
        s += sh.id + sh.name + sh.address + std::to_string(sh.capacity) + "/" +
             std::to_string(sh.occupied) + "v" + std::to_string(sh.version) + "\n";
    });
    return s;
  };
  std::string before = snapshot();
  ASSERT_FALSE(before.empty());
  EXPECT_NE(before.find("Rumah Aman"), std::string::npos) << before;
  EXPECT_NE(before.find("2/1v3"), std::string::npos) << "one open stay of two beds: " << before;
  auto w = db_->Write([](SqlConn& c) -> Status {
    EXPECT_EQ(RebuildProjections(c), 16);
    return {};
  });
  ASSERT_TRUE(w);
  EXPECT_EQ(snapshot(), before);
}

}  // namespace
}  // namespace lindungi::store

namespace lindungi::store {
namespace {

class HousekeepingTest : public StoreFixture {};

TEST_F(HousekeepingTest, OldIdempotencyKeysAndExpiredAndIdleSessionsGo) {
  auto w = db_->Write([](SqlConn& c) -> Status {
    SaveIdempotent(c, "u1", "old", {"h", 201, "{}"}, "2026-11-20T00:00:00.000Z");
    SaveIdempotent(c, "u1", "new", {"h", 201, "{}"}, "2026-11-23T09:00:00.000Z");
    InsertSession(c, "t-old",
                  {"u1", "csrf", "2026-11-20T00:00:00.000Z", "2026-11-20T12:00:00.000Z",
                   "2026-11-20T00:00:00.000Z"});
    InsertSession(c, "t-new",
                  {"u1", "csrf", "2026-11-23T00:00:00.000Z", "2026-11-23T12:00:00.000Z",
                   "2026-11-23T00:00:00.000Z"});
    InsertSession(c, "t-idle",
                  {"u1", "csrf", "2026-11-23T09:00:00.000Z", "2026-11-23T21:00:00.000Z",
                   "2026-11-23T09:00:00.000Z"});
    TouchSession(c, "t-new", "2026-11-23T09:55:00.000Z");
    // At 10:00 with a 15-minute idle timeout: t-old is past its lifetime, t-idle unused
    // since 09:00; t-new was used at 09:55.
    DeleteExpiredSessions(c, "2026-11-23T10:00:00.000Z", "2026-11-23T09:45:00.000Z");
    EXPECT_EQ(c.Changes(), 2);
    EXPECT_EQ(DeleteIdempotencyKeysBefore(c, "2026-11-22T10:00:00.000Z"), 1);
    return {};
  });
  ASSERT_TRUE(w);
  db_->Read([](SqlConn& c) {
    EXPECT_FALSE(FindIdempotent(c, "u1", "old"));
    EXPECT_TRUE(FindIdempotent(c, "u1", "new"));
    EXPECT_FALSE(FindSession(c, "t-old"));
    EXPECT_FALSE(FindSession(c, "t-idle"));
    EXPECT_TRUE(FindSession(c, "t-new"));
  });
}

}  // namespace
}  // namespace lindungi::store
