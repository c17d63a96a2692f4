// What every case service shares: the store, the clock, the access log, the vault and the
// SOP catalog (with its classification), wired once by App. Each service by resource
// (case_service.h, case_record_service.h, person_service.h, referral_service.h,
// shelter_service.h, transfer_service.h, case_work_service.h) derives from it.
#pragma once

#include "core/classification.h"
#include "core/clock.h"
#include "service/access_log.h"
#include "service/vault.h"
#include "store/database.h"

namespace lindungi {

class SopCatalog;

class CaseServiceBase {
 public:
  // `sops` (and its classification) outlives the service.
  CaseServiceBase(store::Database& db, const Clock& clock, AccessLog& access_log,
                  const Vault& vault, const SopCatalog& sops);

 protected:
  store::Database& db_;
  const Clock& clock_;
  AccessLog& access_log_;
  const Vault& vault_;
  const Classification& classification_;
  const SopCatalog& sops_;
};

}  // namespace lindungi
