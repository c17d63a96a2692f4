// A filled form (a "submission") checked against its definition: a flat JSON object of
// field id -> value. Every field that applies (its own and its section's `when` hold) is
// checked for its type, range and options; required fields (also those required only when
// a condition holds) must be answered; fields that do not apply, or that the form does not
// have, must not be sent. Errors name the field, in Bahasa Indonesia and English, and never
// repeat a submitted value: it may be a name or a NIK. Pure; safe for concurrent use.
#pragma once

#include <boost/json/object.hpp>

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "core/clock.h"
#include "core/error.h"
#include "forms/form.h"

namespace lindungi::forms {

// Every problem of `values` as a filled `form`, in the form's field order, then unknown
// fields; at most one per field. Each is kInvalidArgument with `field` set to the field id.
// Codes: required, not_applicable, unknown_field, wrong_type, not_an_option,
// duplicate_choice, out_of_range, too_long, control_characters, invalid_utf8, invalid_date,
// date_in_future, invalid_datetime, invalid_phone, invalid_nik, invalid_region,
// invalid_reference, not_signed. `now` bounds `past: true` dates.
// REQUIRES: `form` passed ValidateForms (conditions look only at earlier fields).
std::vector<Error> SubmissionErrors(const Form& form, const boost::json::object& values,
                                    Instant now);

// The first of SubmissionErrors, or success.
Status ValidateSubmission(const Form& form, const boost::json::object& values, Instant now);

// The ids of the fields whose value applies to `values` (the rest are hidden), in order.
std::vector<std::string> ApplicableFields(const Form& form, const boost::json::object& values);

// The ids of the fields marked `sensitive: true` (identifying: encrypted at rest), in order.
std::vector<std::string> SensitiveFields(const Form& form);
bool IsSensitive(const Form& form, std::string_view field_id);

// The totals of the tables' `total: true` number columns, keyed "<table>.<column>": the sum
// over the rows of `values` (0 for a table left empty). Used where a form's table is a budget
// (an approval records what was approved).
std::map<std::string, double> TableTotals(const Form& form, const boost::json::object& values);

// A submission split for storage: identifying values to encrypt, and the coded rest that
// may stay in clear for statistics. Keys the form does not have go nowhere.
struct SplitValues {
  boost::json::object sensitive;
  boost::json::object clear;
};
SplitValues SplitBySensitivity(const Form& form, const boost::json::object& values);

}  // namespace lindungi::forms
