#include "service/case_service_base.h"

#include "service/sop_catalog.h"

namespace lindungi {

CaseServiceBase::CaseServiceBase(store::Database& db, const Clock& clock, AccessLog& access_log,
                                 const Vault& vault, const SopCatalog& sops)
    : db_(db),
      clock_(clock),
      access_log_(access_log),
      vault_(vault),
      classification_(sops.classification()),
      sops_(sops) {}

}  // namespace lindungi
