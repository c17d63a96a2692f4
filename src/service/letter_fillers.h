// Internal to LetterService::Create (letters.cpp): one filler per letter kind, each filling
// its template's input from the case record and the request over a shared LetterContext.
// Split out so that each kind's rules read on their own; not an API of the service layer.
#pragma once

#include <boost/json/object.hpp>

#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

#include "core/classification.h"
#include "core/error.h"
#include "forms/form.h"
#include "report/letter_templates.h"
#include "service/letter_service.h"
#include "service/vault.h"
#include "store/case_store.h"
#include "store/unit_store.h"

namespace lindungi::letter_fillers {

// What a letter of each kind is rendered from.
using LetterInput =
    std::variant<report::AssignmentInput, report::ReferralInput, report::HandoverInput,
                 report::ConsentInput, report::MediationAgreementInput, report::TerminationInput,
                 report::OutreachReportInput, report::TravelOrderInput>;

// Everything a filler reads, all of it from Create's write transaction; and what a filler
// hands on to Create's shared tail: the letter's date, whose key seals the PDF and the
// document's `letter` object.
struct LetterContext {
  store::SqlConn& c;
  const Vault& vault;
  const Classification& cls;
  const forms::FormSet& forms;
  const std::string& case_id;
  const store::CaseRecord& kase;
  const store::UnitRecord& unit;
  const LetterSettings& settings;
  const report::LetterCommon& common;
  const report::Officer& officer;  // the caller as the signing officer (CallerOfficer)
  const LetterRequest& in;
  const boost::json::object& case_data;  // the case record, opened
  const boost::json::object& client_record;
  const std::string& client_id;

  std::chrono::year_month_day date;           // a termination form may take its termination's date
  std::optional<std::string> sealing_person;  // whose key seals the PDF (default client)
  boost::json::object letter_info;

  // A person of the case, opened, and their role, by id (field: the request's field naming it).
  Result<std::pair<boost::json::object, std::string>> Person(const std::string& id,
                                                             const std::string& field) const;
  // A party, witness or declarant as the letter prints them.
  Result<report::PersonDetails> Party(const LetterParty& lp, const std::string& field) const;
  // For a child client: her parent or guardian recorded on the case (who signs for her),
  // with the relation as letters word it.
  std::optional<std::pair<boost::json::object, std::string>> GuardianOf(
      const std::string& person_id) const;
  bool IsChild(const report::PersonDetails& d) const;
  // The request's officers (`field` names them in errors), or the caller alone.
  Result<std::vector<report::Officer>> Officers(const std::string& field) const;
};

Result<LetterInput> FillAssignment(LetterContext& ctx);
Result<LetterInput> FillTravelOrder(LetterContext& ctx);
Result<LetterInput> FillReferral(LetterContext& ctx);
Result<LetterInput> FillHandoverMinutes(LetterContext& ctx);
Result<LetterInput> FillConsentStatement(LetterContext& ctx);
Result<LetterInput> FillMediationAgreement(LetterContext& ctx);
Result<LetterInput> FillTermination(LetterContext& ctx);
Result<LetterInput> FillOutreachReport(LetterContext& ctx);

// Shared with letters.cpp.
// The string at `key`, or "" where it is missing or not a string.
std::string Text(const boost::json::object& o, std::string_view key);
// A record's JSON with its sealed values opened (null where a key was destroyed).
boost::json::object Opened(store::SqlConn& c, const Vault& vault, const std::string& data);
std::string Joined(const std::vector<std::string>& v, std::string_view sep);
// A date field of the request, if given: kInvalidArgument "invalid_date" naming `field`.
Result<std::optional<std::chrono::year_month_day>> OptDate(const std::optional<std::string>& text,
                                                           const std::string& field);

}  // namespace lindungi::letter_fillers
