// Transfers between units through the server (docs/transfers.md): a regency unit (TEST,
// Kalimantan Tengah) hands a case to its province (PROV) or the nation (NAS); the consent
// and family rules, the allowed directions, what the receiving unit sees before and after
// accepting, what the sender keeps, rejection back to the case manager's inbox, reports
// back, cancellation, and nothing for an unconnected unit (OTHER).
#include <boost/json/serialize.hpp>

#include <map>

#include "api/api_fixture.h"

namespace lindungi::testing {
namespace {
namespace json = boost::json;

class TransferApiTest : public ApiTest {
 protected:
  static void SetUpTestSuite() {
    harness_ = new ServerHarness();
    auto unit = [](std::vector<std::string> args) {
      auto r = harness_->Cli(args);
      if (r.exit_code != 0) throw std::runtime_error("unit add failed: " + r.output);
    };
    unit({"unit", "add", "--code", "PROV", "--name", "UPT PPA Provinsi Uji", "--level", "provinsi",
          "--province", "Kalimantan Tengah", "--sop-pack", "kalteng"});
    unit({"unit", "add", "--code", "NAS", "--name", "KemenPPPA Uji", "--level", "nasional"});
    unit({"unit", "add", "--code", "PROVX", "--name", "UPTD PPA Provinsi Lain", "--level",
          "provinsi", "--province", "Sulawesi Selatan"});
    unit({"unit", "set-pack", "TEST", "kalteng"});
    harness_->AddUser("intake", "intake_officer");
    harness_->AddUser("worker", "case_worker");
    harness_->AddUser("head", "unit_head");
    harness_->AddUser("manager", "case_manager");
    harness_->AddUser("stranger", "case_worker", "OTHER");
    harness_->AddUser("stranger-head", "unit_head", "OTHER");
    harness_->AddUser("prov-head", "unit_head", "PROV");
    harness_->AddUser("prov-intake", "intake_officer", "PROV");
    harness_->AddUser("prov-manager", "case_manager", "PROV");
    harness_->AddUser("prov-psy", "psychologist", "PROV");
    harness_->AddUser("prov-worker", "case_worker", "PROV");
    harness_->AddUser("nas-head", "unit_head", "NAS");
    harness_->Start();
  }

  // A unit's id by its code, from the session of one of its users.
  std::string UnitIdOf(Client& c) {
    return Str(c.Get("/api/v1/session").Json().at("user").at("roles").at(0), "unit_id");
  }

  struct Case {
    std::string id, client, guardian;
  };
  // A case of TEST with a child client and her guardian, opened by the intake officer, the
  // head's consents to a referral and to sharing data with `unit_id` (by the guardian).
  Case CaseWithConsent(Client& intake, const std::string& unit_id, const std::string& name,
                       bool consent = true) {
    Case k;
    auto kase = CreateCase(intake, name);
    k.id = std::string(kase.at("id").as_string());
    k.client = Str(kase.at("client"), "person_id");
    auto g = intake.Post("/api/v1/cases/" + k.id + "/people",
                         R"({"role":"guardian","name":"Wali )" + name +
                             R"(","sex":"female","relation":"parent","guardian_of":")" + k.client +
                             R"("})");
    EXPECT_EQ(g.status, 201) << g.body;
    k.guardian = Str(g.Json(), "person_id");
    // The case manager joins the team (need-to-know), added by the unit head.
    auto head = LoggedIn("head");
    auto manager = LoggedIn("manager");
    std::string manager_id = Str(manager->Get("/api/v1/session").Json().at("user"), "id");
    auto added =
        head->Post("/api/v1/cases/" + k.id + "/team", R"({"user_id":")" + manager_id + R"("})");
    EXPECT_EQ(added.status, 200) << added.body;
    if (consent) {
      auto c = intake.Post("/api/v1/cases/" + k.id + "/consents",
                           R"({"client_id":")" + k.client + R"(","given_by":")" + k.guardian +
                               R"(","scopes":["referral","data_sharing"],"unit_id":")" + unit_id +
                               R"(","signed_statement":true})");
      EXPECT_EQ(c.status, 201) << c.body;
    }
    return k;
  }

  std::string TransferBody(const Case& k, const std::string& to, const std::string& extra = "") {
    return R"({"to_unit":")" + to +
           R"(","reason":"Kasus lintas kabupaten: pelaku di kabupaten lain.",)" +
           R"("client_ids":[")" + k.client +
           R"("],"family_coordination":"Ibu klien dilibatkan.",)" +
           R"("handover":{"documents":["surat-rujukan","Hasil asesmen awal"],)" +
           R"("note":"Klien perlu pendampingan psikolog."})" + extra + "}";
  }
};

TEST_F(TransferApiTest, RequestSeeAcceptReportAndWhoKeepsWhat) {
  auto intake = LoggedIn("intake");
  auto head = LoggedIn("head");
  auto manager = LoggedIn("manager");
  auto stranger = LoggedIn("stranger");
  auto stranger_head = LoggedIn("stranger-head");
  auto prov_head = LoggedIn("prov-head");
  auto prov_intake = LoggedIn("prov-intake");
  auto prov_manager = LoggedIn("prov-manager");
  auto prov_psy = LoggedIn("prov-psy");
  auto prov_worker = LoggedIn("prov-worker");
  std::string prov_id = UnitIdOf(*prov_head);
  auto k = CaseWithConsent(*intake, prov_id, "Anak Pindahan Sembiring");
  std::string path = "/api/v1/cases/" + k.id;
  // An SOP runs in the sending unit, with an open task.
  auto started = intake->Post(path + "/sops", R"({"sop":"kalteng/pengaduan-langsung"})");
  ASSERT_EQ(started.status, 201) << started.body;
  std::string sender_task = Str(started.Json().at("open_tasks").at(0), "id");

  // Only a supervisor or the case manager hands a case over.
  EXPECT_EQ(intake->Post(path + "/transfers", TransferBody(k, "PROV")).ErrorCode(),
            "transfer_role_required");
  auto sent = manager->Post(path + "/transfers", TransferBody(k, "PROV"));
  ASSERT_EQ(sent.status, 201) << sent.body;
  auto t = sent.Json().as_object();
  std::string tid = Str(t, "id");
  EXPECT_EQ(Str(t, "status"), "pending");
  EXPECT_EQ(Str(t, "direction"), "up");
  EXPECT_EQ(Str(t.at("to_unit"), "code"), "PROV");
  EXPECT_EQ(Str(t, "reason"), "Kasus lintas kabupaten: pelaku di kabupaten lain.");
  EXPECT_EQ(t.at("handover").at("documents").as_array().size(), 2u);
  EXPECT_EQ(Str(t.at("handover"), "note"), "Klien perlu pendampingan psikolog.");
  EXPECT_EQ(t.at("consent_ids").as_array().size(), 1u);
  // A second one while it is pending.
  EXPECT_EQ(head->Post(path + "/transfers", TransferBody(k, "NAS")).ErrorCode(),
            "transfer_pending");

  // The receiving unit's deciders see the summary, never the identity; not the case.
  for (auto* c : {prov_head.get(), prov_intake.get(), prov_manager.get()}) {
    auto in = c->Get("/api/v1/transfers?direction=incoming");
    ASSERT_EQ(in.status, 200) << in.body;
    bool found = false;
    auto listed = in.Json();
    for (const auto& item : listed.at("items").as_array())
      if (Str(item, "id") == tid) found = true;
    EXPECT_TRUE(found) << in.body;
    auto one = c->Get("/api/v1/transfers/" + tid);
    ASSERT_EQ(one.status, 200) << one.body;
    EXPECT_TRUE(one.Json().at("shared").as_bool());
    EXPECT_EQ(one.Json().at("clients").at(0).at("child"), json::value(true));
    EXPECT_EQ(one.body.find("Sembiring"), std::string::npos) << "no name in the summary";
    EXPECT_EQ(one.body.find("2012-05-17"), std::string::npos) << "no birth date";
    EXPECT_EQ(c->Get(path).status, 404) << "the case itself stays closed to them";
    EXPECT_EQ(c->Get(path + "/events").status, 404);
  }
  // Other staff of the receiving unit, an unconnected unit: nothing.
  EXPECT_EQ(prov_psy->Get("/api/v1/transfers/" + tid).ErrorCode(), "transfer_not_found");
  EXPECT_TRUE(prov_psy->Get("/api/v1/transfers").Json().at("items").as_array().empty());
  for (auto* c : {stranger.get(), stranger_head.get()}) {
    EXPECT_EQ(c->Get("/api/v1/transfers/" + tid).status, 404);
    for (const char* d : {"incoming", "outgoing"})
      EXPECT_EQ(c->Get(std::string("/api/v1/transfers?direction=") + d).body.find(tid),
                std::string::npos);
    EXPECT_EQ(c->Post("/api/v1/transfers/" + tid + "/accept", "{}").status, 404);
    EXPECT_EQ(c->Post("/api/v1/transfers/" + tid + "/cancel", "{}").status, 404);
  }
  // The sender sees it as outgoing.
  EXPECT_NE(manager->Get("/api/v1/transfers?direction=outgoing").body.find(tid), std::string::npos);
  // A report back only follows acceptance; only deciders accept.
  EXPECT_EQ(prov_head->Post("/api/v1/transfers/" + tid + "/report", R"({"report":"Terlalu dini."})")
                .ErrorCode(),
            "transfer_not_accepted");
  EXPECT_EQ(prov_intake->Post("/api/v1/transfers/" + tid + "/accept", "{}").ErrorCode(),
            "transfer_decider_required");
  EXPECT_EQ(manager->Post("/api/v1/transfers/" + tid + "/accept", "{}").ErrorCode(),
            "transfer_decider_required")
      << "the sender is no decider of the receiving unit";
  EXPECT_EQ(prov_manager->Post("/api/v1/transfers/" + tid + "/accept", R"({"sop":"nunukan/x"})")
                .ErrorCode(),
            "sop_not_found");

  auto accepted = prov_manager->Post("/api/v1/transfers/" + tid + "/accept",
                                     R"({"note":"Diterima; asesmen lanjutan."})");
  ASSERT_EQ(accepted.status, 200) << accepted.body;
  EXPECT_EQ(Str(accepted.Json(), "status"), "accepted");
  EXPECT_EQ(Str(accepted.Json(), "sop_started"), "kalteng/tindak-lanjut-rujukan");
  std::string unit_number = Str(accepted.Json(), "unit_number");
  EXPECT_EQ(unit_number.rfind("PPA-PROV/", 0), 0u) << unit_number;
  EXPECT_EQ(prov_head->Post("/api/v1/transfers/" + tid + "/accept", "{}").ErrorCode(),
            "transfer_not_pending");

  // The receiving unit has the whole case now: number kept, its own register number added.
  auto shown = prov_manager->Get(path);
  ASSERT_EQ(shown.status, 200) << shown.body;
  EXPECT_EQ(Str(shown.Json(), "unit_id"), prov_id);
  EXPECT_EQ(Str(shown.Json(), "number").rfind("PPA-TEST/", 0), 0u);
  EXPECT_EQ(Str(shown.Json().at("unit_numbers").at(0), "number"), unit_number);
  EXPECT_NE(shown.body.find("Sembiring"), std::string::npos) << "the full record after accepting";
  EXPECT_EQ(prov_head->Get(path).status, 200);
  // The sending unit's task closed, the receiving SOP's first task open for the province.
  auto sops = prov_manager->Get(path + "/sops").Json();
  bool closed = false, opened = false;
  for (const auto& i : sops.at("items").as_array()) {
    for (const auto& task : i.at("tasks").as_array()) {
      if (Str(task, "id") == sender_task) closed = Str(task, "status") == "closed";
      if (Str(task, "sop_id") == "kalteng/tindak-lanjut-rujukan" && Str(task, "status") == "open")
        opened = Str(task, "unit_id") == prov_id;
    }
    if (Str(i, "sop_id") == "kalteng/pengaduan-langsung") {
      EXPECT_EQ(Str(i, "end_reason"), "transferred");
    }
  }
  EXPECT_TRUE(closed) << sops;
  EXPECT_TRUE(opened) << sops;
  auto inbox = prov_worker->Get("/api/v1/tasks").body;
  EXPECT_NE(inbox.find(k.id), std::string::npos) << "the province's case worker's pool";
  EXPECT_EQ(intake->Get("/api/v1/tasks").body.find(k.id), std::string::npos)
      << "nothing left in the sender's inbox";
  // The events tell the story.
  auto events = prov_head->Get(path + "/events").body;
  for (const char* type : {"TransferRequested", "TransferAccepted", "TaskClosed", "SopEnded",
                           "CaseTransferred", "SopStarted"})
    EXPECT_NE(events.find(type), std::string::npos) << type;
  // Search finds the people in their new unit.
  EXPECT_NE(prov_manager->Get("/api/v1/people?name=Sembiring").body.find(k.id), std::string::npos);
  EXPECT_EQ(intake->Get("/api/v1/people?name=Sembiring").body.find(k.id), std::string::npos);

  // The sending unit keeps the transfer record, not the case.
  for (auto* c : {intake.get(), manager.get(), head.get()}) {
    EXPECT_EQ(c->Get(path).status, 404);
    auto rec = c->Get("/api/v1/transfers/" + tid);
    ASSERT_EQ(rec.status, 200) << rec.body;
    EXPECT_EQ(Str(rec.Json(), "status"), "accepted");
  }
  // A colleague of the sending unit who had no part in the case sees neither.
  auto worker = LoggedIn("worker");
  EXPECT_EQ(worker->Get("/api/v1/transfers/" + tid).status, 404);
  EXPECT_EQ(worker->Get("/api/v1/transfers?direction=outgoing").body.find(tid), std::string::npos);
  // The receiving unit reports back (staff who see the case); the sender reads it.
  EXPECT_EQ(
      prov_psy->Post("/api/v1/transfers/" + tid + "/report", R"({"report":"Tidak."})").ErrorCode(),
      "transfer_not_found");
  EXPECT_EQ(
      prov_manager->Post("/api/v1/transfers/" + tid + "/report", R"({"report":"abc"})").ErrorCode(),
      "invalid_reason");
  auto reported = prov_manager->Post("/api/v1/transfers/" + tid + "/report",
                                     R"({"report":"Asesmen psikologis selesai; klien stabil."})");
  ASSERT_EQ(reported.status, 200) << reported.body;
  auto rec = manager->Get("/api/v1/transfers/" + tid).Json();
  ASSERT_EQ(rec.at("reports").as_array().size(), 1u);
  EXPECT_EQ(Str(rec.at("reports").at(0), "report"), "Asesmen psikologis selesai; klien stabil.");
  EXPECT_EQ(manager->Post("/api/v1/transfers/" + tid + "/report", R"({"report":"Dari pengirim."})")
                .ErrorCode(),
            "transfer_receiver_required");
  // Still nothing for the unconnected unit.
  EXPECT_EQ(stranger_head->Get("/api/v1/transfers/" + tid).status, 404);
  EXPECT_EQ(stranger_head->Get(path).status, 404);
}

TEST_F(TransferApiTest, TargetsAreTheUnitsTheCaseMayGoTo) {
  auto intake = LoggedIn("intake");
  auto head = LoggedIn("head");
  auto stranger = LoggedIn("stranger");
  auto kase = CreateCase(*intake, "Anak Tujuan Pelimpahan");
  std::string path = "/api/v1/cases/" + std::string(kase.at("id").as_string());
  auto r = head->Get(path + "/transfer-targets");
  ASSERT_EQ(r.status, 200) << r.body;
  std::map<std::string, std::string> targets;  // code -> direction
  auto listed = r.Json();
  for (const auto& u : listed.at("items").as_array()) {
    targets[Str(u, "code")] = Str(u, "direction");
    EXPECT_FALSE(Str(u, "id").empty());
    EXPECT_FALSE(Str(u, "name").empty());
  }
  // A regency of Kalimantan Tengah: up to its province and to the nation; not itself, not a
  // unit of its own level, not another province.
  EXPECT_EQ(targets["PROV"], "up");
  EXPECT_EQ(targets["NAS"], "up");
  EXPECT_FALSE(targets.contains("TEST"));
  EXPECT_FALSE(targets.contains("OTHER"));
  EXPECT_FALSE(targets.contains("PROVX"));
  EXPECT_EQ(stranger->Get(path + "/transfer-targets").ErrorCode(), "case_not_found");
  EXPECT_EQ(head->Get(path + "/transfer-targets?x=1").ErrorCode(), "unknown_parameter");
}

TEST_F(TransferApiTest, RejectedTransferReturnsToTheCaseManagersInbox) {
  auto intake = LoggedIn("intake");
  auto manager = LoggedIn("manager");
  auto prov_head = LoggedIn("prov-head");
  auto prov_intake = LoggedIn("prov-intake");
  auto k = CaseWithConsent(*intake, UnitIdOf(*prov_head), "Anak Ditolak Pindah");
  auto sent = manager->Post("/api/v1/cases/" + k.id + "/transfers", TransferBody(k, "PROV"));
  ASSERT_EQ(sent.status, 201) << sent.body;
  std::string tid = Str(sent.Json(), "id");
  EXPECT_EQ(prov_head->Post("/api/v1/transfers/" + tid + "/reject", "{}").ErrorCode(), "required");
  EXPECT_EQ(
      prov_head->Post("/api/v1/transfers/" + tid + "/reject", R"({"reason":"x"})").ErrorCode(),
      "invalid_reason");
  EXPECT_EQ(prov_intake->Post("/api/v1/transfers/" + tid + "/reject", R"({"reason":"Bukan kami."})")
                .ErrorCode(),
            "transfer_decider_required");
  auto rejected = prov_head->Post("/api/v1/transfers/" + tid + "/reject",
                                  R"({"reason":"Masih kewenangan kabupaten."})");
  ASSERT_EQ(rejected.status, 200) << rejected.body;
  EXPECT_EQ(Str(rejected.Json(), "status"), "rejected");
  EXPECT_FALSE(rejected.Json().at("shared").as_bool()) << "the receiver keeps only the outcome";
  EXPECT_EQ(rejected.body.find("Klien perlu pendampingan"), std::string::npos);
  EXPECT_EQ(prov_head->Post("/api/v1/transfers/" + tid + "/accept", "{}").ErrorCode(),
            "transfer_not_pending");
  // The case stayed; the sender sees the answer and the follow-up task.
  EXPECT_EQ(manager->Get("/api/v1/cases/" + k.id).status, 200);
  auto rec = manager->Get("/api/v1/transfers/" + tid).Json();
  EXPECT_EQ(Str(rec.at("answer"), "reason"), "Masih kewenangan kabupaten.");
  auto inbox = manager->Get("/api/v1/tasks?case_id=" + k.id).Json();
  bool follow_up = false;
  for (const auto& task : inbox.at("items").as_array())
    if (Str(task, "step_id") == "transfer-rejected" && Str(task, "role") == "case_manager")
      follow_up = true;
  EXPECT_TRUE(follow_up) << inbox;
  // A new transfer may follow (to the nation, which needs its own consent: the one given
  // names the province).
  auto nas = manager->Post("/api/v1/cases/" + k.id + "/transfers", TransferBody(k, "NAS"));
  EXPECT_EQ(nas.ErrorCode(), "consent_required") << nas.body;
}

TEST_F(TransferApiTest, CancelWhilePending) {
  auto intake = LoggedIn("intake");
  auto manager = LoggedIn("manager");
  auto head = LoggedIn("head");
  auto worker = LoggedIn("worker");
  auto prov_head = LoggedIn("prov-head");
  auto k = CaseWithConsent(*intake, UnitIdOf(*prov_head), "Anak Batal Pindah");
  auto sent = manager->Post("/api/v1/cases/" + k.id + "/transfers", TransferBody(k, "PROV"));
  ASSERT_EQ(sent.status, 201) << sent.body;
  std::string tid = Str(sent.Json(), "id");
  // The receiver cannot cancel; nor can a case worker of the sending unit, who sees the case
  // (the unit's pack names case workers) but neither sent it nor supervises.
  EXPECT_EQ(prov_head->Post("/api/v1/transfers/" + tid + "/cancel", "{}").ErrorCode(),
            "transfer_sender_required");
  EXPECT_EQ(worker->Post("/api/v1/transfers/" + tid + "/cancel", "{}").ErrorCode(),
            "transfer_sender_required");
  EXPECT_EQ(intake->Post("/api/v1/transfers/" + tid + "/cancel", "{}").ErrorCode(),
            "transfer_sender_required")
      << "on the team, but neither the sender nor a supervisor";
  auto cancelled = head->Post("/api/v1/transfers/" + tid + "/cancel",
                              R"({"reason":"Klien pindah kembali ke kabupaten."})");
  ASSERT_EQ(cancelled.status, 200) << cancelled.body;
  EXPECT_EQ(Str(cancelled.Json(), "status"), "cancelled");
  EXPECT_EQ(head->Post("/api/v1/transfers/" + tid + "/cancel", "{}").ErrorCode(),
            "transfer_not_pending");
  auto seen = prov_head->Get("/api/v1/transfers/" + tid);
  ASSERT_EQ(seen.status, 200) << seen.body;
  EXPECT_FALSE(seen.Json().at("shared").as_bool());
  EXPECT_FALSE(seen.Json().as_object().contains("clients"));
  EXPECT_EQ(prov_head->Post("/api/v1/transfers/" + tid + "/accept", "{}").ErrorCode(),
            "transfer_not_pending");
  EXPECT_EQ(prov_head->Get("/api/v1/cases/" + k.id).status, 404);
}

TEST_F(TransferApiTest, DirectionsConsentAndBadInput) {
  auto intake = LoggedIn("intake");
  auto manager = LoggedIn("manager");
  auto stranger = LoggedIn("stranger");
  auto prov_head = LoggedIn("prov-head");
  std::string prov_id = UnitIdOf(*prov_head);
  auto k = CaseWithConsent(*intake, prov_id, "Anak Arah Pindah");
  std::string url = "/api/v1/cases/" + k.id + "/transfers";
  // Directions: another regency, a province elsewhere, the unit itself, an unknown unit.
  EXPECT_EQ(manager->Post(url, TransferBody(k, "OTHER")).ErrorCode(),
            "transfer_direction_not_allowed");
  EXPECT_EQ(manager->Post(url, TransferBody(k, "PROVX")).ErrorCode(), "other_province");
  EXPECT_EQ(manager->Post(url, TransferBody(k, "TEST")).ErrorCode(), "same_unit");
  EXPECT_EQ(manager->Post(url, TransferBody(k, "NOWHERE")).ErrorCode(), "unit_not_found");
  // The nation: a consent naming PROV does not cover it.
  EXPECT_EQ(manager->Post(url, TransferBody(k, "NAS")).ErrorCode(), "consent_required");
  // A referral consent not limited to one recipient, but data sharing only with PROV.
  auto open_referral = intake->Post("/api/v1/cases/" + k.id + "/consents",
                                    R"({"client_id":")" + k.client + R"(","given_by":")" +
                                        k.guardian + R"(","scopes":["referral"]})");
  ASSERT_EQ(open_referral.status, 201) << open_referral.body;
  EXPECT_EQ(manager->Post(url, TransferBody(k, "NAS")).ErrorCode(),
            "data_sharing_consent_required");
  // A child: the family first.
  auto no_family = manager->Post(
      url,
      Replace(TransferBody(k, "PROV"), R"("family_coordination":"Ibu klien dilibatkan.",)", ""));
  EXPECT_EQ(no_family.ErrorCode(), "family_coordination_required");
  EXPECT_EQ(no_family.status, 422);
  // Without any consent.
  auto bare = CaseWithConsent(*intake, prov_id, "Anak Tanpa Izin", false);
  EXPECT_EQ(manager->Post("/api/v1/cases/" + bare.id + "/transfers", TransferBody(bare, "PROV"))
                .ErrorCode(),
            "consent_required");
  // Every client goes with the case: one left out is refused; a stranger's id is no client.
  auto second =
      intake->Post("/api/v1/cases/" + k.id + "/people",
                   R"({"role":"client","name":"Ibu Klien","sex":"female","age_years":35})");
  ASSERT_EQ(second.status, 201) << second.body;
  EXPECT_EQ(manager->Post(url, TransferBody(k, "PROV")).ErrorCode(), "client_not_in_transfer");
  EXPECT_EQ(manager->Post(url, Replace(TransferBody(k, "PROV"), k.client, k.guardian)).ErrorCode(),
            "client_not_in_transfer");
  // Bad bodies.
  struct Bad {
    std::string body, code, field;
  };
  std::string good = TransferBody(k, "PROV");
  std::vector<Bad> bad = {
      {R"({"reason":"Alasan uji.","client_ids":[")" + k.client + R"("]})", "required", "to_unit"},
      {Replace(good, "Kasus lintas kabupaten: pelaku di kabupaten lain.", "ab"), "invalid_reason",
       "reason"},
      {Replace(good, R"("client_ids":[")" + k.client + R"("])", R"("client_ids":[])"), "required",
       "client_ids"},
      {Replace(good, R"("client_ids":[")" + k.client + R"("])",
               R"("client_ids":[")" + k.client + R"(",")" + k.client + R"("])"),
       "duplicate_value", "client_ids"},
      {Replace(good, R"("surat-rujukan")", R"("")"), "invalid_value", "handover.documents"},
      {Replace(good, R"("note":)", R"("unknown":1,"note":)"), "unknown_field", "handover.unknown"},
      {Replace(good, R"("to_unit":"PROV")", R"("to_unit":7)"), "wrong_type", "to_unit"},
      {Replace(good, "{", R"({"extra":true,)"), "unknown_field", "extra"},
  };
  for (const auto& b : bad) {
    SCOPED_TRACE(b.body);
    auto r = manager->Post(url, b.body);
    EXPECT_EQ(r.status, 400) << r.body;
    EXPECT_EQ(r.ErrorCode(), b.code) << r.body;
    EXPECT_EQ(Str(r.Json().at("error"), "field"), b.field) << r.body;
  }
  EXPECT_EQ(manager->Post(url, "{not json").ErrorCode(), "malformed_json");
  // Another unit's staff: the case does not exist for them.
  EXPECT_EQ(stranger->Post(url, good).status, 404);
  // The list's parameter and an unknown transfer id.
  EXPECT_EQ(manager->Get("/api/v1/transfers?direction=sideways").ErrorCode(), "invalid_value");
  EXPECT_EQ(manager->Get("/api/v1/transfers?dir=incoming").ErrorCode(), "unknown_parameter");
  std::string none = "/api/v1/transfers/00000000-0000-4000-8000-000000000000";
  EXPECT_EQ(manager->Get(none).ErrorCode(), "transfer_not_found");
  for (const char* action : {"/accept", "/cancel"})
    EXPECT_EQ(prov_head->Post(none + action, "{}").ErrorCode(), "transfer_not_found");
  // A consent names a partner or a unit, not both; an unknown unit.
  auto both = intake->Post("/api/v1/cases/" + k.id + "/consents",
                           R"({"client_id":")" + k.client + R"(","given_by":")" + k.guardian +
                               R"(","scopes":["data_sharing"],"unit_id":")" + prov_id +
                               R"(","partner_id":")" + prov_id + R"("})");
  EXPECT_EQ(both.ErrorCode(), "partner_or_unit");
  auto unknown = intake->Post("/api/v1/cases/" + k.id + "/consents",
                              R"({"client_id":")" + k.client + R"(","given_by":")" + k.guardian +
                                  R"(","scopes":["data_sharing"],)" +
                                  R"("unit_id":"00000000-0000-4000-8000-000000000000"})");
  EXPECT_EQ(unknown.ErrorCode(), "unit_not_found");
}

TEST_F(TransferApiTest, TheNationTakesACaseFromARegency) {
  auto intake = LoggedIn("intake");
  auto head = LoggedIn("head");
  auto nas_head = LoggedIn("nas-head");
  auto k = CaseWithConsent(*intake, UnitIdOf(*nas_head), "Anak Ke Pusat");
  auto sent = head->Post("/api/v1/cases/" + k.id + "/transfers", TransferBody(k, "NAS"));
  ASSERT_EQ(sent.status, 201) << sent.body;
  std::string tid = Str(sent.Json(), "id");
  // NAS has no SOP pack: the case moves, no SOP starts.
  auto accepted = nas_head->Post("/api/v1/transfers/" + tid + "/accept", "{}");
  ASSERT_EQ(accepted.status, 200) << accepted.body;
  EXPECT_TRUE(accepted.Json().at("sop_started").is_null());
  EXPECT_EQ(nas_head->Get("/api/v1/cases/" + k.id).status, 200);
  EXPECT_EQ(head->Get("/api/v1/cases/" + k.id).status, 404);
  EXPECT_EQ(head->Get("/api/v1/transfers/" + tid).status, 200);
}

}  // namespace
}  // namespace lindungi::testing
