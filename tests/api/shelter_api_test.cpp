// Shelters through the server: register (heads only), list and show with occupancy, the
// address only for those who need it, admission by whom the shelter takes and by capacity
// (a head's override when full), discharge, and nothing of it for another unit's staff.
#include <boost/json/serialize.hpp>

#include "api/api_fixture.h"

namespace lindungi::testing {
namespace {
namespace json = boost::json;

class ShelterApiTest : public ApiTest {};

std::string ShelterBody(const std::string& name, const std::string& takes, int capacity,
                        const std::string& extra = "") {
  return R"({"name":")" + name + R"(","kind":"own","capacity":)" + std::to_string(capacity) +
         R"(,"takes":")" + takes + R"(","address":"Jalan Tersembunyi )" + name + R"(")" + extra +
         "}";
}

TEST_F(ShelterApiTest, RegisterAdmitOverrideDischargeAndOccupancy) {
  auto head = LoggedIn("head");
  auto intake = LoggedIn("intake");
  auto worker = LoggedIn("worker");
  auto admin = LoggedIn("admin");
  auto stranger = LoggedIn("stranger");

  // Only heads register shelters.
  EXPECT_EQ(worker->Post("/api/v1/shelters", ShelterBody("Nope", "both", 2)).ErrorCode(),
            "head_required");
  EXPECT_EQ(admin->Post("/api/v1/shelters", ShelterBody("Nope", "both", 2)).ErrorCode(),
            "no_unit_role");
  auto bad = head->Post("/api/v1/shelters", ShelterBody("Nol", "both", 0));
  EXPECT_EQ(bad.status, 400);
  EXPECT_EQ(Str(bad.Json().at("error"), "field"), "capacity");
  auto women = head->Post("/api/v1/shelters", ShelterBody("Perempuan", "women", 1));
  ASSERT_EQ(women.status, 201) << women.body;
  auto children =
      head->Post("/api/v1/shelters", ShelterBody("Anak", "children", 3, R"(,"max_age":17)"));
  ASSERT_EQ(children.status, 201) << children.body;
  std::string women_id = Str(women.Json(), "id"), children_id = Str(children.Json(), "id");
  EXPECT_EQ(Str(women.Json(), "address"), "Jalan Tersembunyi Perempuan");

  // Staff see the shelters, not their addresses; another unit's staff see nothing.
  auto listed = worker->Get("/api/v1/shelters").Json();
  ASSERT_GE(listed.at("items").as_array().size(), 2u);
  for (const auto& s : listed.at("items").as_array()) {
    EXPECT_TRUE(s.at("address").is_null()) << s;
    EXPECT_FALSE(s.at("address_visible").as_bool());
  }
  EXPECT_TRUE(stranger->Get("/api/v1/shelters").Json().at("items").as_array().empty());
  EXPECT_EQ(stranger->Get("/api/v1/shelters/" + women_id).ErrorCode(), "shelter_not_found");
  EXPECT_EQ(
      stranger->Request("PUT", "/api/v1/shelters/" + women_id, ShelterBody("Perempuan", "women", 9))
          .ErrorCode(),
      "shelter_not_found");

  // A case with a child client (born 2012) and two adult women.
  auto kase = CreateCase(*intake, "Anak Penampungan");
  std::string id(kase.at("id").as_string());
  std::string path = "/api/v1/cases/" + id;
  std::string child = Str(kase.at("client"), "person_id");
  std::vector<std::string> adults;
  for (const char* name : {"Ibu Satu", "Ibu Dua"}) {
    auto r = intake->Post(path + "/people", std::string(R"({"role":"client","name":")") + name +
                                                R"(","sex":"female","age_years":30})");
    ASSERT_EQ(r.status, 201) << r.body;
    adults.push_back(Str(r.Json(), "person_id"));
  }
  auto admit = [&](Client& c, const std::string& shelter, const std::string& person,
                   const std::string& extra = "") {
    return c.Post(path + "/shelter-stays",
                  R"({"shelter_id":")" + shelter + R"(","person_id":")" + person +
                      R"(","expected_days":14,"reason":"Ancaman pelaku.")" + extra + "}");
  };

  // Who the shelter takes.
  auto child_to_women = admit(*intake, women_id, child);
  EXPECT_EQ(child_to_women.status, 422) << child_to_women.body;
  EXPECT_EQ(child_to_women.ErrorCode(), "shelter_does_not_take");
  EXPECT_EQ(admit(*intake, children_id, adults[0]).ErrorCode(), "shelter_does_not_take");
  auto child_in = admit(*intake, children_id, child);
  ASSERT_EQ(child_in.status, 201) << child_in.body;
  EXPECT_EQ(admit(*intake, children_id, child).ErrorCode(), "already_in_shelter");
  EXPECT_EQ(Str(child_in.Json(), "status"), "open");
  EXPECT_EQ(Str(child_in.Json(), "reason"), "Ancaman pelaku.");

  // The last bed, then full: only a head's override admits, and it is recorded.
  auto first = admit(*intake, women_id, adults[0]);
  ASSERT_EQ(first.status, 201) << first.body;
  auto shown = intake->Get("/api/v1/shelters/" + women_id).Json();
  EXPECT_EQ(shown.at("occupied").as_int64(), 1);
  EXPECT_EQ(shown.at("free_beds").as_int64(), 0);
  EXPECT_EQ(Str(shown, "address"), "Jalan Tersembunyi Perempuan")
      << "staff of a case placed there read the address";
  EXPECT_TRUE(worker->Get("/api/v1/shelters/" + women_id).Json().at("address").is_null())
      << "a colleague with no case there does not";
  // Reading the address is logged as a read: who saw where the shelter is, and which.
  std::string intake_id = Str(intake->Get("/api/v1/session").Json().at("user"), "id");
  auto reads = head->Get("/api/v1/audit?user_id=" + intake_id).Json();
  bool address_read = false;
  for (const auto& e : reads.at("items").as_array())
    address_read |= Str(e, "section") == "shelter_address" && Str(e, "case_id") == women_id;
  EXPECT_TRUE(address_read) << boost::json::serialize(reads);
  auto full = admit(*intake, women_id, adults[1]);
  EXPECT_EQ(full.status, 409) << full.body;
  EXPECT_EQ(full.ErrorCode(), "shelter_full");
  auto not_head = admit(*intake, women_id, adults[1], R"(,"override_reason":"Darurat malam ini.")");
  EXPECT_EQ(not_head.status, 403) << not_head.body;
  EXPECT_EQ(not_head.ErrorCode(), "head_required");
  auto over = admit(*head, women_id, adults[1], R"(,"override_reason":"Darurat malam ini.")");
  ASSERT_EQ(over.status, 201) << over.body;
  EXPECT_TRUE(over.Json().at("over_capacity").as_bool());
  EXPECT_EQ(Str(over.Json(), "override_reason"), "Darurat malam ini.");
  shown = head->Get("/api/v1/shelters/" + women_id).Json();
  EXPECT_EQ(shown.at("occupied").as_int64(), 2);
  EXPECT_EQ(shown.at("free_beds").as_int64(), 0);
  // Who is in: the stays of cases the caller sees (the head: both; the intake officer, who
  // opened the case: both; a colleague who does not see the case: none), in the list too.
  auto residents = shown.at("residents").as_array();
  ASSERT_EQ(residents.size(), 2u) << shown;
  for (const auto& r : residents) {
    EXPECT_EQ(Str(r, "case_id"), id);
    EXPECT_EQ(Str(r, "case_number"), Str(kase, "number"));
    EXPECT_FALSE(r.as_object().contains("name")) << "no name on the board";
  }
  EXPECT_TRUE(residents[0].at("over_capacity").as_bool() ||
              residents[1].at("over_capacity").as_bool());
  EXPECT_TRUE(
      worker->Get("/api/v1/shelters/" + women_id).Json().at("residents").as_array().empty());
  auto intake_list = intake->Get("/api/v1/shelters").Json();
  for (const auto& s : intake_list.at("items").as_array())
    if (Str(s, "id") == women_id) {
      EXPECT_EQ(s.at("residents").as_array().size(), 2u);
    }
  auto worker_list = worker->Get("/api/v1/shelters").Json();
  for (const auto& s : worker_list.at("items").as_array())
    EXPECT_TRUE(s.at("residents").as_array().empty()) << s;

  // Discharge frees the bed.
  std::string stay = Str(first.Json(), "stay_id");
  std::string today = Str(first.Json(), "admitted_on");
  auto early = intake->Post(path + "/shelter-stays/" + stay + "/discharge",
                            R"({"discharged_on":"2020-01-01","reason":"returned_home"})");
  EXPECT_EQ(early.ErrorCode(), "before_admission");
  EXPECT_EQ(intake
                ->Post(path + "/shelter-stays/" + stay + "/discharge",
                       R"({"discharged_on":")" + today + R"(","reason":"other"})")
                .ErrorCode(),
            "required")
      << "other needs a note";
  auto out = intake->Post(path + "/shelter-stays/" + stay + "/discharge",
                          R"({"discharged_on":")" + today + R"(","reason":"returned_home"})");
  ASSERT_EQ(out.status, 200) << out.body;
  EXPECT_EQ(Str(out.Json(), "status"), "ended");
  EXPECT_EQ(Str(out.Json().at("discharge"), "reason"), "returned_home");
  EXPECT_EQ(intake
                ->Post(path + "/shelter-stays/" + stay + "/discharge",
                       R"({"discharged_on":")" + today + R"(","reason":"returned_home"})")
                .ErrorCode(),
            "stay_ended");
  EXPECT_EQ(head->Get("/api/v1/shelters/" + women_id).Json().at("occupied").as_int64(), 1);

  // The stays on the case and in its history; nothing for another unit's staff.
  auto record = intake->Get(path).Json();
  const auto& stays = record.at("shelter_stays").as_array();
  ASSERT_EQ(stays.size(), 3u);
  EXPECT_EQ(Str(stays[0], "shelter_name"), "Anak");
  EXPECT_EQ(Str(stays[1], "status"), "ended");
  EXPECT_TRUE(stays[2].at("over_capacity").as_bool());
  std::string history = intake->Get(path + "/events").body;
  for (const char* e : {"ShelterStayStarted", "ShelterStayEnded"})
    EXPECT_NE(history.find(e), std::string::npos) << e;
  EXPECT_EQ(admit(*stranger, women_id, adults[0]).status, 404);
  EXPECT_EQ(admit(*worker, women_id, adults[0]).status, 404) << "not on the case";

  // A head changes the record: capacity up, and the next admission needs no override.
  auto changed =
      head->Request("PUT", "/api/v1/shelters/" + women_id, ShelterBody("Perempuan", "women", 3));
  ASSERT_EQ(changed.status, 200) << changed.body;
  EXPECT_EQ(changed.Json().at("free_beds").as_int64(), 2);
  EXPECT_EQ(
      worker->Request("PUT", "/api/v1/shelters/" + women_id, ShelterBody("Perempuan", "women", 9))
          .ErrorCode(),
      "head_required");
}

}  // namespace
}  // namespace lindungi::testing
