// Operator accounts and the audit log in the SQLite store: each change carries its
// audit record in the same transaction, the log cannot be edited, and a v2
// station database gains both tables when opened.
#include <gtest/gtest.h>

#include "store/db.h"
#include "store/migrations.h"
#include "store/sqlite_store.h"
#include "store/testing/store_testing.h"

namespace openline::store {
namespace {

using testing::TempDir;

OperatorRecord MakeOperator(const std::string& login,
                            const std::string& role = "operator") {
  OperatorRecord op;
  op.login = login;
  op.display_name = "Li Wei";
  op.role = role;
  op.password_hash = "$argon2id$v=19$m=8,t=1,p=1$c2FsdA$aGFzaA";
  op.created_us = 10;
  op.updated_us = 10;
  return op;
}

AuditRecord Audit(const std::string& action, const std::string& target,
                  uint64_t time_us = 10) {
  return AuditRecord{0, time_us, std::string(kCliActor), action, target, R"({"k":1})"};
}

class OperatorsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto s = OpenSqliteStore(dir_.Path("station.db"));
    ASSERT_TRUE(s) << s.error().ToString();
    store_ = std::move(*s);
  }
  std::vector<AuditRecord> Log() { return store_->AuditLog(0, 1000).value(); }

  TempDir dir_;
  std::unique_ptr<StationStore> store_;
};

TEST_F(OperatorsTest, AddFindListAndTheAuditRecordOfEach) {
  ASSERT_TRUE(store_->AddOperator(MakeOperator("liwei"), Audit("operator_add", "liwei")));
  ASSERT_TRUE(store_->AddOperator(MakeOperator("adams", "admin"),
                                  Audit("operator_add", "adams")));
  auto all = store_->Operators().value();
  ASSERT_EQ(all.size(), 2u);
  EXPECT_EQ(all[0].login, "adams");  // by login
  EXPECT_EQ(all[0].role, "admin");
  auto found = store_->FindOperator("liwei").value();
  ASSERT_TRUE(found);
  EXPECT_EQ(found->display_name, "Li Wei");
  EXPECT_EQ(found->password_hash, MakeOperator("x").password_hash);
  EXPECT_FALSE(found->disabled);
  EXPECT_FALSE(store_->FindOperator("nobody").value());
  auto log = Log();
  ASSERT_EQ(log.size(), 2u);
  EXPECT_EQ(log[0].actor, "cli");
  EXPECT_EQ(log[0].action, "operator_add");
  EXPECT_EQ(log[0].target, "liwei");
  EXPECT_EQ(log[0].detail, R"({"k":1})");
  EXPECT_LT(log[0].id, log[1].id);
}

TEST_F(OperatorsTest, ALoginIsTakenForeverAndBadRecordsAreRefused) {
  ASSERT_TRUE(store_->AddOperator(MakeOperator("liwei"), Audit("operator_add", "liwei")));
  ASSERT_TRUE(store_->SetOperatorDisabled("liwei", true, 20, Audit("disable", "liwei")));
  auto again = store_->AddOperator(MakeOperator("liwei"), Audit("operator_add", "liwei"));
  ASSERT_FALSE(again);
  EXPECT_EQ(again.error().code, ErrorCode::kInvalidArgument);
  EXPECT_NE(again.error().message.find("disabled"), std::string::npos);
  EXPECT_FALSE(store_->AddOperator(MakeOperator("bob", "root"), Audit("a", "bob")));
  auto no_hash = MakeOperator("carol");
  no_hash.password_hash.clear();
  EXPECT_FALSE(store_->AddOperator(no_hash, Audit("a", "carol")));
  // No actor: the account is not added either (one transaction).
  EXPECT_FALSE(
      store_->AddOperator(MakeOperator("dave"), AuditRecord{0, 1, "", "a", "", ""}));
  EXPECT_FALSE(store_->FindOperator("dave").value());
  EXPECT_EQ(Log().size(), 2u);  // the add and the disable
}

TEST_F(OperatorsTest, DisablePasswordAndRoleChangesAreStoredWithTheirAudit) {
  ASSERT_TRUE(store_->AddOperator(MakeOperator("liwei"), Audit("operator_add", "liwei")));
  ASSERT_TRUE(store_->SetOperatorDisabled("liwei", true, 20, Audit("disable", "liwei")));
  EXPECT_TRUE(store_->FindOperator("liwei").value()->disabled);
  ASSERT_TRUE(store_->SetOperatorDisabled("liwei", false, 30, Audit("enable", "liwei")));
  EXPECT_FALSE(store_->FindOperator("liwei").value()->disabled);
  ASSERT_TRUE(store_->SetOperatorPassword("liwei", "$argon2id$new", 40,
                                          Audit("passwd", "liwei")));
  ASSERT_TRUE(store_->SetOperatorRole("liwei", "supervisor", 50, Audit("role", "liwei")));
  auto op = store_->FindOperator("liwei").value();
  EXPECT_EQ(op->password_hash, "$argon2id$new");
  EXPECT_EQ(op->role, "supervisor");
  EXPECT_EQ(op->created_us, 10u);
  EXPECT_EQ(op->updated_us, 50u);
  EXPECT_FALSE(store_->SetOperatorRole("liwei", "king", 60, Audit("role", "liwei")));
  EXPECT_EQ(store_->SetOperatorDisabled("nobody", true, 60, Audit("disable", "nobody"))
                .error()
                .code,
            ErrorCode::kNotFound);
  auto log = Log();
  ASSERT_EQ(log.size(), 5u);  // the refused changes left no record
  EXPECT_EQ(log[4].action, "role");
}

TEST_F(OperatorsTest, AuditLogPagesByIdAndCannotBeEditedOrDeleted) {
  for (uint64_t i = 0; i < 5; ++i) {
    ASSERT_TRUE(store_->AppendAudit(Audit("login", "x" + std::to_string(i), 100 + i)));
  }
  auto page = store_->AuditLog(3, 2).value();
  ASSERT_EQ(page.size(), 2u);
  EXPECT_EQ(page[0].id, 3u);
  EXPECT_EQ(page[0].target, "x2");
  EXPECT_EQ(page[1].time_us, 103u);
  EXPECT_TRUE(store_->AuditLog(6, 10).value().empty());
  store_.reset();
  auto db = Db::Open(dir_.Path("station.db")).value();
  EXPECT_FALSE(db.Exec("UPDATE audit_log SET actor = 'someone' WHERE id = 1"));
  EXPECT_FALSE(db.Exec("DELETE FROM audit_log WHERE id = 2"));
  EXPECT_EQ(db.QueryText("SELECT count(*) FROM audit_log WHERE actor = 'cli'").value(),
            "5");
}

TEST_F(OperatorsTest, AVersion2StationDatabaseUpgradesAndKeepsItsMessages) {
  TempDir old_dir;
  const std::string path = old_dir.Path("v2.db");
  {
    auto db = Db::Open(path).value();
    ASSERT_EQ(Migrate(db, KnownMigrations().first(2), 100).value(), 2);
    ASSERT_TRUE(db.Exec(
        "INSERT INTO links (name, peer_sign_key, peer_dh_key, created_us)"
        " VALUES ('beijing', zeroblob(32), randomblob(32), 1);"
        "INSERT INTO messages (link_id, channel, precedence, kind, body, accepted_us,"
        " request_id) VALUES (1, 'maritime', 4, 1, x'6869', 2, 'r1')"));
  }
  auto store = OpenSqliteStore(path);
  ASSERT_TRUE(store) << store.error().ToString();
  auto old = (*store)->MessageByRequest("r1").value();
  ASSERT_TRUE(old);
  EXPECT_EQ(old->body, (Bytes{'h', 'i'}));
  EXPECT_TRUE((*store)->Operators().value().empty());
  ASSERT_TRUE(
      (*store)->AddOperator(MakeOperator("liwei"), Audit("operator_add", "liwei")));
  EXPECT_EQ((*store)->AuditLog(0, 10).value().size(), 1u);
  store->reset();
  auto db = Db::Open(path).value();
  EXPECT_EQ(db.QueryText("SELECT max(version) FROM schema_migrations").value(), "3");
}

}  // namespace
}  // namespace openline::store
