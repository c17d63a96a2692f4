// The roles' rules, once in core (issue 17): who supervises, whom a unit's two-step log-in
// policy binds, each staff role's one title.
#include <gtest/gtest.h>

#include "core/roles.h"

namespace lindungi {
namespace {

TEST(RolesTest, TheHeadsSuperviseAndNoOneElse) {
  for (auto role : {"section_head", "unit_head", "department_head"})
    EXPECT_TRUE(IsSupervisorRole(role)) << role;
  for (auto role : {"intake_officer", "case_worker", "case_manager", "admin", "psychologist", ""})
    EXPECT_FALSE(IsSupervisorRole(role)) << role;
}

TEST(RolesTest, TwoStepLogInBindsTheHeadsAndAdministrators) {
  for (auto role : {"section_head", "unit_head", "department_head", "admin"})
    EXPECT_TRUE(InTwoFactorScope(role)) << role;
  for (auto role : {"intake_officer", "case_worker", "case_manager", "lawyer"})
    EXPECT_FALSE(InTwoFactorScope(role)) << role;
}

TEST(RolesTest, EveryStaffRoleHasOneTitleAndOthersNone) {
  for (auto role : kStaffRoles) EXPECT_FALSE(StaffRoleTitle(role).empty()) << role;
  EXPECT_EQ(StaffRoleTitle("unit_head"), "Kepala UPTD PPA");
  EXPECT_TRUE(StaffRoleTitle("admin").empty());
  EXPECT_TRUE(StaffRoleTitle("nobody").empty());
}

}  // namespace
}  // namespace lindungi
