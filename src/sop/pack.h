// SOP packs as values (docs/sop-format.md): a unit folder with unit.yaml, documents.yaml
// and one file per SOP. Every element remembers where it was written (file, line, column)
// so the validator can point at it. Value types; no I/O.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "sop/standard_time.h"

namespace lindungi::sop {

struct Place {
  std::string file;
  int line = 0;    // 1-based
  int column = 0;  // 1-based
};

struct Diagnostic {
  Place at;
  std::string message;
  std::string Format() const;  // "file:line:column: message"
};

struct Outcome {
  std::string id, label, next, end, start;
  Place at;
  // The identification triage's recommendation this outcome carries out (core/triage.h), if
  // any: the task then shows which outcome triage recommends.
  std::string triage{};
  // `produces:` on the outcome: what the step gives when this outcome is chosen, instead of
  // the step's own `produces` (a refusal gives no signed consent or statement).
  std::vector<std::string> produces{};
  bool has_produces = false;
  // The case facts this outcome says hold ("high_risk") or not ("not:high_risk"): taking it
  // while the recorded facts say otherwise needs an override reason (docs/sop-format.md).
  std::vector<std::string> asserts{};
  // `approves: <document kind>`: taking this outcome approves the latest filed form of that
  // kind on the case (Babel row 4: the head approves the outreach plan and its budget); the
  // approval records the form's values and its tables' totals as they are (DocumentApproved).
  std::string approves{};
};

struct Condition {
  std::vector<std::string> when;
  std::vector<std::string> requires_;
  std::vector<std::string> produces{};  // outputs the step gives only when `when` holds
  std::string note;
  Place at;
};

struct Step {
  std::string id, no, phase, activity, actor, recorded_by;
  std::vector<std::string> requires_, produces;
  std::string standard_time_text;  // the normalised text, e.g. "15-30 min"
  // The source document's own words (Kelengkapan, Waktu, Output columns), for printing.
  std::string requires_source, time_source, output_source;
  std::optional<StandardTime> standard_time;
  std::string next, end, start;
  std::vector<Outcome> decision;
  bool has_decision = false;  // "decision:" was written (even if empty)
  std::vector<std::string> parallel;
  bool join = false;
  // `alongside: <step>`: this step opens together with that step (work "selama" it), as one
  // more branch of the next join step.
  std::string alongside;
  std::vector<std::string> when;
  std::vector<Condition> conditions;
  Place at;
};

struct Sop {
  std::string id, title, kind, number, source, notes;
  std::vector<std::string> roles;
  std::vector<Step> steps;
  Place at;
  bool parsed = false;  // false if the file was not valid YAML (nothing else is checked)
};

// What a unit's termination needs beyond the terminasi form (`termination_requires:` in
// unit.yaml): `case_conference` — a case conference recorded on the case (Nunukan row 18,
// Luwu Utara terminasi), or a head's waiver with a reason.
inline constexpr std::string_view kTerminationRequirements[] = {"case_conference"};

struct Unit {
  std::string id, name, level, province, time_zone;
  std::vector<std::string> days_off;
  Place at;
  std::vector<std::string> termination_requires{};
  std::string region_code{};  // Kemendagri code of its area ("19", "73.22"), or empty
};

struct DocumentKind {
  std::string id, name;
  Place at;
  // `form:` — the form definition(s) (forms/<id>.yaml) that fill this kind; several when the
  // case decides which (the assessment for a woman, a child or a trafficking victim). Empty
  // for letters, scans and other documents that are not a form.
  std::vector<std::string> forms{};
  Place form_at;
};

struct Pack {
  std::string dir;
  Unit unit;
  std::map<std::string, DocumentKind> documents;
  std::vector<Sop> sops;
};

}  // namespace lindungi::sop
