// The application: the store and every service, wired once from a Config, shared by the
// HTTP server and the CLI. Services are safe for concurrent use.
#pragma once

#include <memory>

#include "core/clock.h"
#include "security/password.h"
#include "service/access_log.h"
#include "service/auth_service.h"
#include "service/case_record_service.h"
#include "service/case_service.h"
#include "service/case_work_service.h"
#include "service/config.h"
#include "service/document_service.h"
#include "service/letter_service.h"
#include "service/metrics.h"
#include "service/person_service.h"
#include "service/referral_service.h"
#include "service/report_service.h"
#include "service/shelter_service.h"
#include "service/sop_catalog.h"
#include "service/task_service.h"
#include "service/transfer_service.h"
#include "service/vault.h"
#include "store/database.h"

namespace lindungi {

// The application's clock: the system's; or, when the environment names a file in
// LINDUNGI_TEST_CLOCK_FILE (tests only: docs/reports.md "Testing"), the RFC 3339 instant
// written in it, read on every call, so API tests give tasks known durations. A file that
// is missing or unreadable falls back to the system clock.
class AppClock final : public Clock {
 public:
  AppClock();
  Instant Now() const override;

 private:
  std::string file_;
};

struct App {
  explicit App(Config c);  // opens the store (runs migrations); throws StoreError
  // The same on a store the caller opened: the fault-injection tests wrap the real one
  // (tests/fault/fault_store.h, docs/testing.md "Fault injection").
  App(Config c, std::unique_ptr<store::Database> store);
  ~App();

  Config config;
  AppClock clock;
  Metrics metrics;
  std::unique_ptr<store::Database> db;
  std::unique_ptr<Vault> vault;
  security::PasswordHasher hasher;
  AuthService auth;
  AccessLog access_log;
  SopCatalog sops;
  // The case services by resource.
  CaseService cases;
  CaseRecordService case_records;
  PersonService people;
  ReferralService referrals;
  ShelterService shelters;
  TransferService transfers;
  CaseWorkService case_work;
  DocumentService documents;  // before tasks: an approval reads the form definitions
  TaskService tasks;
  LetterService letters;
  ReportService reports;
};

}  // namespace lindungi
