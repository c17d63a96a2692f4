#include "service/writes.h"

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include "core/time_zone.h"
#include "service/case_access.h"
#include "store/case_store.h"
#include "store/request_store.h"

namespace lindungi {
namespace json = boost::json;

Status ValidateIdempotencyKey(const std::string& key) {
  bool ok = !key.empty() && key.size() <= 128;
  for (unsigned char c : key) ok = ok && c > 0x20 && c < 0x7F;
  if (ok) return {};
  return Fail(MakeError(ErrorKind::kInvalidArgument, "invalid_idempotency_key",
                        "Idempotency-Key harus 1–128 karakter ASCII yang terlihat.",
                        "Idempotency-Key must be 1-128 visible ASCII characters.",
                        "Idempotency-Key"));
}

Result<WriteReply> WriteIdempotent(store::Database& db, const Clock& clock, const Vault& vault,
                                   const Principal& p, const std::optional<Idempotency>& idem,
                                   const std::function<Result<WriteReply>(store::SqlConn&)>& fn) {
  std::string at = FormatInstant(clock.Now());
  bool replayed = false;
  auto w = db.Write([&](store::SqlConn& c) -> Result<json::value> {
    if (idem) {
      if (auto prior = store::FindIdempotent(c, p.user_id, idem->key)) {
        if (prior->request_hash != idem->request_hash) {
          return Fail(MakeError(ErrorKind::kFailedPrecondition, "idempotency_key_reused",
                                "Idempotency-Key ini sudah dipakai untuk permintaan lain.",
                                "This Idempotency-Key was already used for a different request.",
                                "Idempotency-Key"));
        }
        replayed = true;
        json::value body = json::parse(prior->response);
        vault.DecryptTree(c, body);
        return json::value{{"status", prior->status}, {"body", std::move(body)}};
      }
    }
    auto r = fn(c);
    if (!r) return Fail(r.error());
    if (idem) {
      store::SaveIdempotent(c, p.user_id, idem->key,
                            {idem->request_hash, r->status, json::serialize(r->body)}, at);
    }
    vault.DecryptTree(c, r->body);
    return json::value{{"status", r->status}, {"body", std::move(r->body)}};
  });
  if (!w) return Fail(w.error());
  auto& o = w->as_object();
  return WriteReply{int(o.at("status").as_int64()), std::move(o.at("body")), replayed};
}

Result<WriteReply> WriteOnOpenCase(
    store::Database& db, const Clock& clock, const Vault& vault, const Principal& p,
    const std::optional<Idempotency>& idem, const std::string& case_id,
    const std::function<Result<WriteReply>(store::SqlConn&, const store::CaseRecord&)>& fn) {
  return WriteIdempotent(db, clock, vault, p, idem, [&](store::SqlConn& c) -> Result<WriteReply> {
    auto k = CaseOpenForWork(c, p, case_id);
    if (!k) return Fail(k.error());
    return fn(c, *k);
  });
}

}  // namespace lindungi
