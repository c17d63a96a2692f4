// Need-to-know inside a unit (core/access.h, docs/security.md "Authorization"): the pure
// rules branch by branch, then the services on a real store (both backends): who sees which
// case, that a case list holds exactly the cases its caller can open, the sensitive flag,
// the case team, the inbox's pools and search before create.
#include <gtest/gtest.h>
#include <unistd.h>

#include <atomic>
#include <filesystem>
#include <map>
#include <set>

#include <boost/json/serialize.hpp>

#include "core/access.h"
#include "service/app.h"
#include "service/setup.h"
#include "support/backend.h"

namespace lindungi {
namespace {

TEST(AccessRules, ReachFollowsTheStrongestRoleInTheUnit) {
  EXPECT_EQ(ReachOf({}), UnitReach::kNone);
  EXPECT_EQ(ReachOf({"admin"}), UnitReach::kNone);
  EXPECT_EQ(ReachOf({"case_worker"}), UnitReach::kOwnCases);
  EXPECT_EQ(ReachOf({"admin", "psychologist"}), UnitReach::kOwnCases);
  EXPECT_EQ(ReachOf({"case_worker", "section_head"}), UnitReach::kAllButSensitive);
  EXPECT_EQ(ReachOf({"section_head", "unit_head"}), UnitReach::kAll);
  EXPECT_EQ(ReachOf({"department_head"}), UnitReach::kAll);
}

TEST(AccessRules, EachBranchOfMaySeeCase) {
  const CaseAccessFacts none{};
  const CaseAccessFacts team{.on_team = true};
  const CaseAccessFacts assigned{.assigned_task = true};
  const CaseAccessFacts pool{.role_pool_task = true};
  auto sensitive = [](CaseAccessFacts f) {
    f.sensitive = true;
    return f;
  };
  // No staff role in the unit: nothing, whatever the facts.
  EXPECT_FALSE(MaySeeCase(UnitReach::kNone, team));
  // Heads: everything, sensitive too.
  EXPECT_TRUE(MaySeeCase(UnitReach::kAll, none));
  EXPECT_TRUE(MaySeeCase(UnitReach::kAll, sensitive(none)));
  // Section heads: all but the sensitive cases they have no part in.
  EXPECT_TRUE(MaySeeCase(UnitReach::kAllButSensitive, none));
  EXPECT_FALSE(MaySeeCase(UnitReach::kAllButSensitive, sensitive(none)));
  EXPECT_FALSE(MaySeeCase(UnitReach::kAllButSensitive, sensitive(pool)));
  EXPECT_TRUE(MaySeeCase(UnitReach::kAllButSensitive, sensitive(team)));
  EXPECT_TRUE(MaySeeCase(UnitReach::kAllButSensitive, sensitive(assigned)));
  // Staff: their cases — team, assigned task, or their role's pool unless sensitive.
  EXPECT_FALSE(MaySeeCase(UnitReach::kOwnCases, none));
  EXPECT_TRUE(MaySeeCase(UnitReach::kOwnCases, team));
  EXPECT_TRUE(MaySeeCase(UnitReach::kOwnCases, assigned));
  EXPECT_TRUE(MaySeeCase(UnitReach::kOwnCases, pool));
  EXPECT_TRUE(MaySeeCase(UnitReach::kOwnCases, sensitive(team)));
  EXPECT_TRUE(MaySeeCase(UnitReach::kOwnCases, sensitive(assigned)));
  EXPECT_FALSE(MaySeeCase(UnitReach::kOwnCases, sensitive(pool)));
  // The store is asked only where the roles do not decide.
  EXPECT_FALSE(NeedsCaseFacts(UnitReach::kAll, true));
  EXPECT_FALSE(NeedsCaseFacts(UnitReach::kAllButSensitive, false));
  EXPECT_TRUE(NeedsCaseFacts(UnitReach::kAllButSensitive, true));
  EXPECT_TRUE(NeedsCaseFacts(UnitReach::kOwnCases, false));
  EXPECT_FALSE(NeedsCaseFacts(UnitReach::kNone, false));
}

constexpr const char* kPassword = "kata-sandi-uji-yang-panjang";

class NeedToKnowTest : public ::testing::Test {
 protected:
  void SetUp() override {
    static std::atomic<int> n{0};
    dir_ = std::filesystem::temp_directory_path() /
           ("lindungi-ntk-" + std::to_string(::getpid()) + "-" + std::to_string(n++));
    std::filesystem::create_directories(dir_);
    Config c;
    c.data_dir = dir_.string();
    if (testing::UsePostgres()) c.database = testing::NewPostgresDatabase();
    c.sops_dir = std::string(LINDUNGI_SOURCE_DIR) + "/sops";
    c.hash_concurrency = 2;
    app_ = std::make_unique<App>(c);
    auto u =
        CreateUnit(*app_, {"NTK", "UPTD PPA NTK", "kabupaten_kota", "", "Asia/Jakarta", "kalteng"});
    ASSERT_TRUE(u) << u.error().message_en;
    unit_ = u->id;
    auto o = CreateUnit(*app_,
                        {"LAIN", "UPTD PPA Lain", "kabupaten_kota", "", "Asia/Jakarta", "kalteng"});
    ASSERT_TRUE(o) << o.error().message_en;
    for (auto [name, role] : {std::pair{"head", "unit_head"},
                              {"section", "section_head"},
                              {"manager", "case_manager"},
                              {"intake", "intake_officer"},
                              {"worker1", "case_worker"},
                              {"worker2", "case_worker"},
                              {"adm", "admin_officer"},
                              {"adm2", "admin_officer"},
                              {"psych", "psychologist"}}) {
      AddUser(name, unit_, role);
    }
    AddUser("otherhead", o->id, "unit_head");
  }
  void TearDown() override {
    app_.reset();
    std::filesystem::remove_all(dir_);
  }

  void AddUser(const std::string& name, const std::string& unit, const std::string& role) {
    auto created = app_->auth.CreateUser({name, name, kPassword, {{unit, role}}}, "system");
    ASSERT_TRUE(created) << created.error().message_en;
    auto login = app_->auth.Login(name, kPassword);
    ASSERT_TRUE(login) << login.error().message_en;
    users_[name] = login->principal;
  }
  const Principal& P(const std::string& name) { return users_.at(name); }

  std::string NewCase(const std::string& by, const std::string& client, bool sensitive) {
    IntakeRequest r;
    r.channel = "walk_in";
    r.sensitive = sensitive;
    r.reporter = {"Pelapor Saksi", "neighbour", std::nullopt, false};
    r.client.name = client;
    r.client.sex = "female";
    r.narrative = "Narasi uji need-to-know.";
    auto k = app_->cases.Create(P(by), r, std::nullopt);
    EXPECT_TRUE(k) << k.error().message_en;
    return std::string(k->body.at("id").as_string());
  }
  std::string StartSop(const std::string& by, const std::string& case_id, const std::string& sop) {
    auto s = app_->tasks.StartSop(P(by), case_id, {sop, {}}, std::nullopt);
    EXPECT_TRUE(s) << s.error().message_en;
    return std::string(s->body.at("open_tasks").at(0).at("id").as_string());
  }

  // The cases `who` can open one by one, and the ones their case list shows.
  std::set<std::string> Openable(const std::string& who) {
    std::set<std::string> out;
    for (const auto& [name, id] : cases_)
      if (app_->cases.Get(P(who), id)) out.insert(name);
    return out;
  }
  std::set<std::string> Listed(const std::string& who) {
    std::set<std::string> out;
    auto l = app_->cases.List(P(who), {});
    EXPECT_TRUE(l) << (l ? std::string() : l.error().message_en);
    for (const auto& k : l->at("items").as_array())
      for (const auto& [name, id] : cases_)
        if (k.at("id").as_string() == id) out.insert(name);
    EXPECT_EQ(l->at("total").as_int64(), std::int64_t(out.size())) << who;
    return out;
  }
  void ExpectSees(const std::string& who, std::set<std::string> expected) {
    SCOPED_TRACE(who);
    EXPECT_EQ(Openable(who), expected);
    EXPECT_EQ(Listed(who), expected) << "the list shows exactly the cases one can open";
  }
  std::string UserId(const std::string& name) { return P(name).user_id; }

  std::filesystem::path dir_;
  std::unique_ptr<App> app_;
  std::string unit_;
  std::map<std::string, Principal> users_;
  std::map<std::string, std::string> cases_;  // name -> id
};

TEST_F(NeedToKnowTest, EachCallerSeesTheCasesTheyHaveAPartInAndTheListAgrees) {
  // A: the intake officer's, its first task in the intake officers' pool.
  cases_["A"] = NewCase("intake", "Klien Alfa", false);
  StartSop("intake", cases_["A"], "kalteng/pengaduan-langsung");
  // B: sensitive from intake.
  cases_["B"] = NewCase("intake", "Klien Beta", true);
  StartSop("intake", cases_["B"], "kalteng/pengaduan-langsung");
  // C: the head's, with a case worker on its team.
  cases_["C"] = NewCase("head", "Klien Gama", false);
  ASSERT_TRUE(app_->cases.AddTeamMember(P("head"), cases_["C"], UserId("worker1"), "", {}));
  // D: sensitive, its first task (administrative officer) assigned to one of two of them.
  cases_["D"] = NewCase("head", "Klien Delta", true);
  std::string d_task = StartSop("head", cases_["D"], "kalteng/pengaduan-tidak-langsung");
  ASSERT_TRUE(app_->tasks.Assign(P("head"), d_task, UserId("adm"), std::nullopt));

  ExpectSees("head", {"A", "B", "C", "D"});
  ExpectSees("section", {"A", "C"});
  // Whom the unit's pack (kalteng) names see its cases but the sensitive ones they have no
  // part in: the actors of the first step of one of its SOPs (intake officers, case workers,
  // administration officers, who may start them) and the case manager (who may terminate).
  ExpectSees("intake", {"A", "B", "C"});
  ExpectSees("worker1", {"A", "C"});
  ExpectSees("worker2", {"A", "C"});
  ExpectSees("manager", {"A", "C"});
  ExpectSees("adm", {"A", "C", "D"});
  ExpectSees("adm2", {"A", "C"});
  // A psychologist acts only inside the psychology service SOP: its cases once it started.
  ExpectSees("psych", {});
  ExpectSees("otherhead", {});
  StartSop("head", cases_["C"], "kalteng/layanan-psikologi");
  ExpectSees("psych", {"C"});
  StartSop("head", cases_["B"], "kalteng/layanan-psikologi");
  {
    SCOPED_TRACE("not a sensitive case without assignment");
    ExpectSees("psych", {"C"});
  }

  // A sensitive case's unassigned tasks stay out of the pools; heads see them all.
  auto pool = app_->tasks.Inbox(P("adm2"), {});
  ASSERT_TRUE(pool);
  EXPECT_TRUE(pool->at("items").as_array().empty()) << boost::json::serialize(*pool);
  auto whole = [&](const std::string& who) {
    InboxQuery q;
    q.unit = true;
    auto r = app_->tasks.Inbox(P(who), q);
    EXPECT_TRUE(r);
    std::set<std::string> ids;
    for (const auto& t : r->at("items").as_array())
      ids.insert(std::string(t.at("case_id").as_string()));
    return ids;
  };
  EXPECT_TRUE(whole("head").contains(cases_["D"]));
  EXPECT_TRUE(whole("head").contains(cases_["B"]));
  EXPECT_FALSE(whole("section").contains(cases_["D"]));
  EXPECT_FALSE(whole("section").contains(cases_["B"]));
  EXPECT_TRUE(whole("section").contains(cases_["A"]));

  // Doing a step keeps one on the team after the task is done.
  CompleteTaskRequest done;
  done.record.documents = {"berkas-pengaduan"};
  auto c = app_->tasks.Complete(P("adm"), d_task, done, std::nullopt);
  ASSERT_TRUE(c) << c.error().message_en;
  ExpectSees("adm", {"A", "C", "D"});
  auto team = app_->cases.Team(P("head"), cases_["D"]);
  ASSERT_TRUE(team);
  std::map<std::string, std::string> joined;
  for (const auto& m : team->at("items").as_array())
    joined[std::string(m.at("username").as_string())] = m.at("joined_by").as_string();
  EXPECT_EQ(joined, (std::map<std::string, std::string>{{"head", "opened"}, {"adm", "task"}}));

  // The administration officer starts the SOP whose first step is theirs on a case the
  // intake officer opened (it was 404 when only the case team and task pools counted).
  auto started = app_->tasks.StartSop(P("adm2"), cases_["A"],
                                      {"kalteng/pengaduan-tidak-langsung", {}}, std::nullopt);
  EXPECT_TRUE(started) << started.error().message_en;
  // The case manager may terminate, so sees every non-sensitive case of the unit.
  EXPECT_TRUE(app_->cases.Get(P("manager"), cases_["A"]));
}

TEST_F(NeedToKnowTest, TheTeamIsShapedBySupervisorsAndCaseManagersOnly) {
  // Sensitive: only its team (and the heads) see it, whatever the pack names.
  cases_["C"] = NewCase("head", "Klien Gama", true);
  const std::string c = cases_["C"];
  ASSERT_TRUE(app_->cases.AddTeamMember(P("head"), c, UserId("worker1"), "Pendamping utama.", {}));
  // A team member who is no supervisor or case manager cannot add others.
  auto r = app_->cases.AddTeamMember(P("worker1"), c, UserId("worker2"), "", {});
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, "cannot_change_team");
  // A case manager not on the case does not see it; once added, adds others.
  r = app_->cases.AddTeamMember(P("manager"), c, UserId("worker2"), "", {});
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, "case_not_found");
  ASSERT_TRUE(app_->cases.AddTeamMember(P("head"), c, UserId("manager"), "", {}));
  ASSERT_TRUE(app_->cases.AddTeamMember(P("manager"), c, UserId("worker2"), "", {}));
  ExpectSees("worker2", {"C"});
  // Adding twice changes nothing; another unit's staff or an unknown user cannot be added.
  auto before = app_->cases.Get(P("head"), c)->at("version").as_int64();
  ASSERT_TRUE(app_->cases.AddTeamMember(P("head"), c, UserId("worker2"), "", {}));
  EXPECT_EQ(app_->cases.Get(P("head"), c)->at("version").as_int64(), before);
  r = app_->cases.AddTeamMember(P("head"), c, UserId("otherhead"), "", {});
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, "not_unit_staff");
  r = app_->cases.AddTeamMember(P("head"), c, "00000000-0000-0000-0000-000000000000", "", {});
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, "not_unit_staff");
  // Only supervisors take people off; then the case is gone for them.
  auto off = app_->cases.RemoveTeamMember(P("manager"), c, UserId("worker2"));
  ASSERT_FALSE(off);
  EXPECT_EQ(off.error().code, "cannot_change_team");
  ASSERT_TRUE(app_->cases.RemoveTeamMember(P("head"), c, UserId("worker2")));
  ExpectSees("worker2", {});
  off = app_->cases.RemoveTeamMember(P("head"), c, UserId("worker2"));
  ASSERT_FALSE(off);
  EXPECT_EQ(off.error().code, "not_on_team");
  // Each change is an event on the case, with who did it.
  auto events = app_->cases.Events(P("head"), c);
  ASSERT_TRUE(events);
  std::multiset<std::string> types;
  for (const auto& e : events->at("items").as_array())
    types.insert(std::string(e.at("type").as_string()));
  EXPECT_EQ(types.count("CaseTeamMemberAdded"), 3u);
  EXPECT_EQ(types.count("CaseTeamMemberRemoved"), 1u);
}

TEST_F(NeedToKnowTest, TheSensitiveFlagNarrowsTheCaseAndOnlyHeadsClearIt) {
  cases_["A"] = NewCase("intake", "Klien Alfa", false);
  const std::string a = cases_["A"];
  StartSop("intake", a, "kalteng/pengaduan-langsung");
  AddUser("intake2", unit_, "intake_officer");
  ExpectSees("intake2", {"A"});  // its task is in their pool
  ExpectSees("section", {"A"});

  auto r = app_->cases.SetSensitivity(P("section"), a, true, "x", {});
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, "invalid_reason");
  r = app_->cases.SetSensitivity(P("section"), a, true, "Anak dari pegawai unit ini.", {});
  ASSERT_TRUE(r) << r.error().message_en;
  EXPECT_TRUE(r->body.at("sensitive").as_bool());
  // Whoever flags it keeps it (they join the team); the pool and other staff lose it.
  ExpectSees("section", {"A"});
  ExpectSees("intake", {"A"});
  ExpectSees("intake2", {});
  ExpectSees("head", {"A"});
  EXPECT_TRUE(app_->cases.Get(P("head"), a)->at("sensitive").as_bool());
  // A search by the client's name does not even name a sensitive case to those outside it.
  auto found =
      app_->people.SearchPeople(P("intake2"), std::string("Alfa"), std::nullopt, std::nullopt);
  ASSERT_TRUE(found);
  EXPECT_TRUE(found->at("items").as_array().empty()) << boost::json::serialize(*found);

  r = app_->cases.SetSensitivity(P("section"), a, false, "Bukan lagi.", {});
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, "head_required");
  r = app_->cases.SetSensitivity(P("head"), a, false, "Sudah diklarifikasi kepala unit.", {});
  ASSERT_TRUE(r) << r.error().message_en;
  ExpectSees("intake2", {"A"});
  // Outside the case, search names it (to avoid a duplicate) but shows nobody's data.
  found = app_->people.SearchPeople(P("psych"), std::string("Alfa"), std::nullopt, std::nullopt);
  ASSERT_TRUE(found);
  ASSERT_EQ(found->at("items").as_array().size(), 1u) << boost::json::serialize(*found);
  const auto& hit = found->at("items").at(0).as_object();
  EXPECT_TRUE(hit.at("restricted").as_bool());
  EXPECT_FALSE(hit.contains("person"));
  EXPECT_FALSE(hit.contains("case_id"));
  EXPECT_EQ(boost::json::serialize(hit).find("Alfa"), std::string::npos);
  found = app_->people.SearchPeople(P("intake"), std::string("Alfa"), std::nullopt, std::nullopt);
  ASSERT_TRUE(found);
  ASSERT_EQ(found->at("items").as_array().size(), 1u);
  EXPECT_FALSE(found->at("items").at(0).at("restricted").as_bool());
  EXPECT_EQ(found->at("items").at(0).at("person").at("name").as_string(), "Klien Alfa");
}

}  // namespace
}  // namespace lindungi
