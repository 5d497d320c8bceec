#include "access/role.h"

#include <gtest/gtest.h>

namespace openline::access {
namespace {

TEST(RoleTest, NamesRoundTrip) {
  for (Role r : kAllRoles) EXPECT_EQ(ParseRole(ToString(r)), r);
  for (Action a : kAllActions) EXPECT_EQ(ParseAction(ToString(a)), a);
  EXPECT_EQ(ToString(Role::kSupervisor), "supervisor");
  EXPECT_EQ(ToString(Action::kManageOperators), "manage_operators");
}

TEST(RoleTest, ParseIsExactAndCaseSensitive) {
  for (std::string_view bad : {"", "Admin", "admin ", "root", "operators", "OPERATOR"}) {
    auto r = ParseRole(bad);
    ASSERT_FALSE(r.has_value()) << bad;
    EXPECT_EQ(r.error().code, ErrorCode::kInvalidArgument);
  }
  EXPECT_FALSE(ParseAction("Send").has_value());
}

TEST(RoleTest, ParseErrorEscapesTheInput) {
  auto r = ParseRole("\x1b[31mred");
  ASSERT_FALSE(r.has_value());
  EXPECT_EQ(r.error().message.find('\x1b'), std::string::npos);
}

TEST(RoleTest, OperatorAnswersTrafficButManagesNothing) {
  for (Action a : {Action::kView, Action::kSend, Action::kAcknowledge, Action::kCall}) {
    EXPECT_TRUE(Allows(Role::kOperator, a)) << ToString(a);
  }
  for (Action a : {Action::kManageRoster, Action::kManageOperators, Action::kReadAudit,
                   Action::kExport}) {
    EXPECT_FALSE(Allows(Role::kOperator, a)) << ToString(a);
  }
}

TEST(RoleTest, SupervisorAddsRosterAuditAndExportButNotAccounts) {
  for (Action a : kAllActions) {
    EXPECT_EQ(Allows(Role::kSupervisor, a), a != Action::kManageOperators) << ToString(a);
  }
}

TEST(RoleTest, AuditorOnlyReads) {
  for (Action a : kAllActions) {
    const bool reads =
        a == Action::kView || a == Action::kReadAudit || a == Action::kExport;
    EXPECT_EQ(Allows(Role::kAuditor, a), reads) << ToString(a);
  }
}

TEST(RoleTest, AdminManagesAccountsButNeverHandlesTraffic) {
  EXPECT_TRUE(Allows(Role::kAdmin, Action::kManageOperators));
  EXPECT_TRUE(Allows(Role::kAdmin, Action::kReadAudit));
  for (Action a : {Action::kSend, Action::kAcknowledge, Action::kCall, Action::kExport}) {
    EXPECT_FALSE(Allows(Role::kAdmin, a)) << ToString(a);
  }
}

TEST(RoleTest, OnlyAdminManagesOperators) {
  for (Role r : kAllRoles) {
    EXPECT_EQ(Allows(r, Action::kManageOperators), r == Role::kAdmin) << ToString(r);
  }
}

TEST(RoleTest, OutOfRangeValuesAreDenied) {
  EXPECT_FALSE(Allows(static_cast<Role>(17), Action::kView));
  EXPECT_FALSE(Allows(Role::kAdmin, static_cast<Action>(99)));
}

}  // namespace
}  // namespace openline::access
