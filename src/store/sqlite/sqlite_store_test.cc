#include "store/sqlite/sqlite_store.h"

#include <gtest/gtest.h>
#include <sqlite3.h>

#include <boost/json.hpp>
#include <filesystem>
#include <thread>

#include "store/audit_chain.h"
#include "store/migrations.h"
#include "testing/fake_clock.h"
#include "testing/test_data.h"

namespace shaobing {
namespace {

class SqliteStoreTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() / ("shaobing-store-" + std::to_string(::getpid()) + "-" +
                                                     ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::remove_all(dir_);
    std::filesystem::create_directories(dir_);
    Reopen();
    auto regions = testing::SmallRegionTree();
    ASSERT_TRUE(store_->Write([&](Transaction& tx) -> Status {
      for (const Region* r : regions.All()) {
        if (auto s = tx.UpsertRegion(*r); !s) return s;
      }
      if (auto s = tx.UpsertUnit(
              Unit{"640104-dw", "兴庆区委办", "party_office", "640104", Level::kCounty, true, {}, "", ""});
          !s) {
        return s;
      }
      return tx.Audit("test", "setup", "", {});
    }));
  }
  void TearDown() override {
    store_.reset();
    std::filesystem::remove_all(dir_);
  }
  void Reopen() {
    store_.reset();
    auto s = SqliteStore::Open({.path = (dir_ / "shaobing.db").string(), .clock = &clock_});
    ASSERT_TRUE(s) << s.error().args.front().value;
    store_ = std::move(*s);
  }
  Status AddEvent(const std::string& title, EventId* id = nullptr) {
    return store_->Write([&](Transaction& tx) -> Status {
      EventRow e;
      e.category = "fire";
      e.title = title;
      e.region = "640104";
      e.region_path = "640000/640100/640104";
      e.opened_at = e.updated_at = tx.Now();
      auto inserted = tx.InsertEvent(e);
      if (!inserted) return Fail(inserted.error());
      if (id) *id = *inserted;
      return tx.Audit("test", "event.create", "event:" + std::to_string(*inserted), {{"title", title}});
    });
  }
  std::vector<AuditRecord> Audit() { return store_->ReadAudit(0, 100000).value(); }

  std::filesystem::path dir_;
  testing::FakeClock clock_{ParseIsoTime("2026-11-29T14:05:00+08:00").value()};
  std::unique_ptr<SqliteStore> store_;
};

TEST_F(SqliteStoreTest, WritesAreReadBackAfterReopening) {
  EventId id = 0;
  ASSERT_TRUE(AddEvent("火灾", &id));
  Reopen();
  auto e = store_->GetEvent(id);
  ASSERT_TRUE(e && *e);
  EXPECT_EQ((*e)->title, "火灾");
  EXPECT_EQ((*e)->opened_at, clock_.Now());
  EXPECT_EQ(store_->ListUnits()->size(), 1u);
  EXPECT_EQ(store_->ListRegions()->size(), 6u);
}

TEST_F(SqliteStoreTest, AFailingJobChangesNothingAndOthersInTheBatchCommit) {
  std::atomic<int> done{0};
  std::vector<Status> results(3);
  for (int i = 0; i < 3; ++i) {
    store_->Submit(
        [i](Transaction& tx) -> Status {
          EventRow e;
          e.category = "fire";
          e.title = "e" + std::to_string(i);
          e.region = "640104";
          e.region_path = "640000/640100/640104";
          if (auto s = tx.InsertEvent(e); !s) return Fail(s.error());
          if (auto s = tx.Audit("test", "event.create", "x", {}); !s) return s;
          if (i == 1) return Fail(Error::Make(ErrorCode::kInvalidArgument, "test", ""));
          return {};
        },
        [&, i](Status s) {
          results[i] = s;
          ++done;
        });
  }
  while (done < 3) std::this_thread::yield();
  EXPECT_TRUE(results[0]);
  EXPECT_FALSE(results[1]);
  EXPECT_TRUE(results[2]);
  auto events = store_->ListEvents({.limit = 10, .unrestricted = true}).value();
  ASSERT_EQ(events.size(), 2u);
  EXPECT_EQ(events[0].title, "e2");
  EXPECT_EQ(events[1].title, "e0");
  auto audit = Audit();
  std::string prev = kGenesisHash;
  std::int64_t seq = 1;
  EXPECT_TRUE(VerifyChain(audit, prev, seq));
  // SetUp's, the one opening anchoring after it, and the two committed jobs'; none of the failed one.
  EXPECT_EQ(audit.size(), 4u);
}

TEST_F(SqliteStoreTest, ConcurrentWritersShareCommits) {
  constexpr int kThreads = 8, kPerThread = 50;
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < kPerThread; ++i) ASSERT_TRUE(AddEvent("t" + std::to_string(t)));
    });
  }
  for (auto& th : threads) th.join();
  EXPECT_EQ(store_->committed_jobs(), kThreads * kPerThread + 1u);
  EXPECT_LT(store_->commits(), store_->committed_jobs());  // group commit happened
  std::string prev = kGenesisHash;
  std::int64_t seq = 1;
  EXPECT_TRUE(VerifyChain(Audit(), prev, seq));
  EXPECT_EQ(seq, kThreads * kPerThread + 3);  // after SetUp's record, the anchoring start and 400 more
}

TEST_F(SqliteStoreTest, TamperingBreaksTheChainAtTheChangedRecord) {
  for (int i = 0; i < 5; ++i) ASSERT_TRUE(AddEvent("e" + std::to_string(i)));
  store_.reset();
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open((dir_ / "shaobing.db").c_str(), &db), SQLITE_OK);
  ASSERT_EQ(
      sqlite3_exec(db, "DROP TRIGGER audit_is_append_only; UPDATE audit SET detail = '{\"title\":\"x\"}' WHERE seq = 3",
                   nullptr, nullptr, nullptr),
      SQLITE_OK);
  sqlite3_close(db);
  Reopen();
  std::string prev = kGenesisHash;
  std::int64_t seq = 1;
  auto v = VerifyChain(Audit(), prev, seq);
  ASSERT_FALSE(v);
  EXPECT_EQ(v.error().args[0].value, "3");
}

TEST_F(SqliteStoreTest, AuditAndReportsRefuseUpdates) {
  ASSERT_TRUE(AddEvent("e"));
  store_.reset();
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open((dir_ / "shaobing.db").c_str(), &db), SQLITE_OK);
  EXPECT_NE(sqlite3_exec(db, "UPDATE audit SET actor = 'x'", nullptr, nullptr, nullptr), SQLITE_OK);
  EXPECT_NE(sqlite3_exec(db, "DELETE FROM audit", nullptr, nullptr, nullptr), SQLITE_OK);
  sqlite3_close(db);
  Reopen();
}

// A handover is acknowledged once; neither a second acknowledgement nor an edit of what was
// handed over goes through, by the store or by hand.
TEST_F(SqliteStoreTest, AHandoverIsAcknowledgedOnceAndOtherwiseImmutable) {
  std::int64_t id = 0;
  ASSERT_TRUE(store_->Write([&](Transaction& tx) -> Status {
    auto inserted = tx.InsertHandover({0, "640000", "desk", "无遗留事项", "[]", tx.Now(), "", std::nullopt});
    if (!inserted) return Fail(inserted.error());
    id = *inserted;
    return tx.AcknowledgeHandover(id, "desk-b", tx.Now());
  }));
  auto again = store_->Write([&](Transaction& tx) -> Status { return tx.AcknowledgeHandover(id, "desk-c", tx.Now()); });
  ASSERT_FALSE(again);
  EXPECT_EQ(again.error().reason, "handover_acknowledged");
  auto read = store_->GetHandover(id);
  ASSERT_TRUE(read && *read);
  EXPECT_EQ((*read)->acknowledged_by, "desk-b");
  EXPECT_EQ((*read)->note, "无遗留事项");
  store_.reset();
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open((dir_ / "shaobing.db").c_str(), &db), SQLITE_OK);
  EXPECT_NE(sqlite3_exec(db, "UPDATE handovers SET note = 'x'", nullptr, nullptr, nullptr), SQLITE_OK);
  EXPECT_NE(sqlite3_exec(db, "UPDATE handovers SET acknowledged_by = 'x'", nullptr, nullptr, nullptr), SQLITE_OK);
  EXPECT_NE(sqlite3_exec(db, "DELETE FROM handovers", nullptr, nullptr, nullptr), SQLITE_OK);
  sqlite3_close(db);
  Reopen();
  EXPECT_EQ(store_->GetHandover(id).value()->acknowledged_by, "desk-b");
}

TEST_F(SqliteStoreTest, ListsEventsOfARegionSubtreeNewestFirstWithCursor) {
  for (int i = 0; i < 5; ++i) ASSERT_TRUE(AddEvent("e" + std::to_string(i)));
  auto page = store_->ListEvents({.limit = 2, .region_path_prefix = "640000/640100"}).value();
  ASSERT_EQ(page.size(), 2u);
  EXPECT_EQ(page[0].title, "e4");
  auto next = store_->ListEvents({.limit = 10, .before_id = page[1].id, .region_path_prefix = "640000/640100"}).value();
  EXPECT_EQ(next.size(), 3u);
  EXPECT_TRUE(store_->ListEvents({.limit = 10, .region_path_prefix = "640000/640200"})->empty());
  EXPECT_TRUE(store_->ListEvents({.limit = 10, .region_path_prefix = "640000/64010"})->empty());
}

TEST_F(SqliteStoreTest, ClosedStoreRefusesWrites) {
  store_->Close();
  auto s = store_->Write([](Transaction&) -> Status { return {}; });
  ASSERT_FALSE(s);
  EXPECT_EQ(s.error().code, ErrorCode::kUnavailable);
}

TEST_F(SqliteStoreTest, MigrateIsIdempotent) {
  auto v = SqliteStore::Migrate((dir_ / "shaobing.db").string());
  ASSERT_TRUE(v);
  EXPECT_EQ(*v, LatestSchemaVersion());
  EXPECT_GE(*v, 2);
}

}  // namespace
}  // namespace shaobing
