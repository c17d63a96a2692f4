// The application: the store and every service, wired once from a Config, shared by the
// HTTP server and the CLI. Services are safe for concurrent use.
#pragma once

#include <memory>

#include "core/clock.h"
#include "security/password.h"
#include "service/access_log.h"
#include "service/auth_service.h"
#include "service/case_service.h"
#include "service/config.h"
#include "service/document_service.h"
#include "service/letter_service.h"
#include "service/metrics.h"
#include "service/sop_catalog.h"
#include "service/task_service.h"
#include "service/vault.h"
#include "store/database.h"

namespace lindungi {

struct App {
  explicit App(Config c);  // opens the store (runs migrations); throws StoreError
  ~App();

  Config config;
  SystemClock clock;
  Metrics metrics;
  std::unique_ptr<store::Database> db;
  std::unique_ptr<Vault> vault;
  security::PasswordHasher hasher;
  AuthService auth;
  AccessLog access_log;
  SopCatalog sops;
  CaseService cases;
  TaskService tasks;
  DocumentService documents;
  LetterService letters;
};

}  // namespace lindungi
