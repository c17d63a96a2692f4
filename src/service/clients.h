// A case's clients as the consent, referral, termination and form rules see them.
#pragma once

#include <boost/json/object.hpp>

#include <chrono>
#include <optional>
#include <string>

#include "core/error.h"
#include "service/vault.h"
#include "store/database.h"

namespace lindungi::forms {
struct Form;
}

namespace lindungi {

// A client of a case: a child (core/clock.h IsChild on `today`, by birth date or else age
// in years)? a disability? And the record as stored (sealed).
struct ClientFacts {
  bool child = false, disability = false;
  boost::json::object record;
};
// nullopt if `client_id` is not a client of case `case_id`.
std::optional<ClientFacts> ClientOf(store::SqlConn& c, const Vault& vault,
                                    const std::string& case_id, const std::string& client_id,
                                    std::chrono::year_month_day today);
// kNotFound "person_not_found" naming `field`: that person is not a client of this case.
Error NotAClient(std::string field);
// A filled form about a client (`klien`) that says whether she is a child (`klien_anak`)
// says it truly: the client is one of case `case_id` (else NotAClient), and `klien_anak`
// agrees with her age on `today` (else kInvalidArgument "child_client": a child's forms are
// signed by her parent or guardian too). Fields are named with `prefix` ("form."). Forms
// without both fields pass.
Status CheckFormClient(store::SqlConn& c, const Vault& vault, const std::string& case_id,
                       const boost::json::object& values, std::chrono::year_month_day today,
                       const std::string& prefix = "");
// The `person` and `file` fields of a filled form name records of case `case_id` (a person
// of the case; a document of the case), as the form format promises: kInvalidArgument
// "invalid_reference" naming the first field that does not (never its value).
Status CheckFormReferences(store::SqlConn& c, const std::string& case_id, const forms::Form& form,
                           const boost::json::object& values);

}  // namespace lindungi
