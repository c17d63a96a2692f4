// Need-to-know access to a case (docs/security.md "Authorization"): who, among a unit's
// staff, may see a case. Pure rules over values; the store answers the same question in
// SQL for lists (store::CaseFilter), and tests hold the two to each other.
#pragma once

#include <string_view>
#include <vector>

namespace lindungi {

// How far a user's roles in one unit reach over that unit's cases.
enum class UnitReach {
  kNone,             // no staff role in the unit (an administrator, another unit's staff)
  kOwnCases,         // staff: the cases they work on (case team, their open tasks)
  kAllButSensitive,  // section heads: every case but the sensitive ones they are not on
  kAll,              // unit and department heads: every case of the unit
};

// The reach of a user holding `roles` (role names) in one unit.
UnitReach ReachOf(const std::vector<std::string_view>& roles);

// What the store knows about one user and one case.
struct CaseAccessFacts {
  bool sensitive = false;       // the case is flagged sensitive
  bool on_team = false;         // the user is on the case team (opened it, did a step of it,
                                // or was added by a supervisor)
  bool assigned_task = false;   // an open task of the case is assigned to the user
  bool role_pool_task = false;  // an open, unassigned task of the case is for a role the user
                                // holds in the case's unit
  bool pack_actor = false;      // the unit's SOP pack names a role the user holds as actor of
                                // a step of an SOP started on the case, of the first step of
                                // one of its SOPs (startable), or the user may terminate it
};

// Whether the user may see (and, within their role's rights, work on) the case. A sensitive
// case is seen only by its team, the assignees of its open tasks and the unit's heads; any
// other by staff whose role has a task of it in their pool or whom its pack names.
bool MaySeeCase(UnitReach reach, const CaseAccessFacts& f);

// Whether facts beyond the reach are needed to decide (so callers can skip the query).
bool NeedsCaseFacts(UnitReach reach, bool sensitive);

}  // namespace lindungi
