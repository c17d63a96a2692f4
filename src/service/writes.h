// How a use case writes: in one transaction, with an optional Idempotency-Key, answering with
// fields decrypted for the caller but kept sealed for a replay.
#pragma once

#include <boost/json/value.hpp>

#include <functional>
#include <optional>
#include <string>

#include "core/clock.h"
#include "core/error.h"
#include "service/principal.h"
#include "service/vault.h"
#include "store/case_store.h"
#include "store/database.h"

namespace lindungi {

// What a write answers: an HTTP-like status and a JSON body. `replayed` is true when an
// Idempotency-Key matched an earlier request and its first answer is returned again.
struct WriteReply {
  int status = 200;
  boost::json::value body;
  bool replayed = false;
};

// An Idempotency-Key and a digest of the request it came with.
struct Idempotency {
  std::string key;
  std::string request_hash;
};

// kInvalidArgument unless `key` is 1..128 printable ASCII characters.
Status ValidateIdempotencyKey(const std::string& key);

// Runs `fn` in one write transaction; with an Idempotency-Key, a repeated request gets the
// first answer again (replayed), and the key reused for another request is refused. `fn`
// answers with fields as stored (encrypted): the answer is kept so for a replay and
// decrypted for the caller on the way out, so no plaintext rests in the idempotency table.
Result<WriteReply> WriteIdempotent(store::Database& db, const Clock& clock, const Vault& vault,
                                   const Principal& p, const std::optional<Idempotency>& idem,
                                   const std::function<Result<WriteReply>(store::SqlConn&)>& fn);

// WriteIdempotent of work recorded on case `case_id`: `fn` runs on the case as
// CaseOpenForWork (case_access.h) finds it — not found for a case `p` may not see, conflict
// "case_closed" once it is closed.
Result<WriteReply> WriteOnOpenCase(
    store::Database& db, const Clock& clock, const Vault& vault, const Principal& p,
    const std::optional<Idempotency>& idem, const std::string& case_id,
    const std::function<Result<WriteReply>(store::SqlConn&, const store::CaseRecord&)>& fn);

}  // namespace lindungi
