// The change log under group commit: many concurrent jobs, some refused; the listener sees
// exactly the committed changes, in seq order with no gap, each before its job's `done`, and
// the log reads back the same. With and without the audit anchor (which answers on its own
// thread).
#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <filesystem>
#include <mutex>
#include <set>
#include <thread>

#include "store/sqlite/sqlite_store.h"
#include "testing/fake_clock.h"

namespace shaobing {
namespace {

class ChangeLogTest : public ::testing::TestWithParam<bool> {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() /
           ("shaobing-changes-" + std::to_string(::getpid()) + "-" + std::to_string(GetParam()));
    std::filesystem::remove_all(dir_);
    std::filesystem::create_directories(dir_);
    auto s = SqliteStore::Open({.path = (dir_ / "shaobing.db").string(),
                                .clock = &clock_,
                                .audit_anchor = {.enabled = GetParam()},
                                .on_change = [this](const ChangeRecord& c) {
                                  std::lock_guard lock(mu_);
                                  announced_.push_back(c);
                                }});
    ASSERT_TRUE(s);
    store_ = std::move(*s);
  }
  void TearDown() override {
    store_.reset();
    std::filesystem::remove_all(dir_);
  }
  bool Announced(std::int64_t tag) {
    std::lock_guard lock(mu_);
    return std::any_of(announced_.begin(), announced_.end(), [&](const ChangeRecord& c) { return c.report_id == tag; });
  }

  std::filesystem::path dir_;
  testing::FakeClock clock_{ParseIsoTime("2026-11-29T14:05:00+08:00").value()};
  std::unique_ptr<SqliteStore> store_;
  std::mutex mu_;
  std::vector<ChangeRecord> announced_;
};

TEST_P(ChangeLogTest, ConcurrentJobsAnnounceTheirCommittedChangesInSeqOrder) {
  constexpr int kThreads = 8, kPerThread = 60;
  std::atomic<int> answered = 0, late = 0;
  std::mutex kept_mu;
  std::set<std::int64_t> kept;  // tags of the jobs that committed
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < kPerThread; ++i) {
        const std::int64_t tag = t * 1000 + i + 1;
        const bool refuse = tag % 7 == 0;
        store_->Submit(
            [tag, refuse](Transaction& tx) -> Status {
              if (auto s = tx.Publish({.type = "report", .event_id = tag, .report_id = tag, .region = "640104"}); !s) {
                return s;
              }
              if (refuse) return Fail(Error::Make(ErrorCode::kConflict, "refused", ""));
              return tx.Audit("test", "tag", std::to_string(tag), {});
            },
            [&, tag](Status s) {
              if (s) {
                if (!Announced(tag)) ++late;  // answered before it was pushed
                std::lock_guard lock(kept_mu);
                kept.insert(tag);
              }
              ++answered;
            });
      }
    });
  }
  for (auto& th : threads) th.join();
  while (answered < kThreads * kPerThread) std::this_thread::yield();
  EXPECT_EQ(late, 0);
  EXPECT_LT(store_->commits(), store_->committed_jobs()) << "no group commit happened";

  std::lock_guard lock(mu_);
  ASSERT_EQ(announced_.size(), kept.size());
  std::set<std::int64_t> tags;
  for (size_t i = 0; i < announced_.size(); ++i) {
    EXPECT_EQ(announced_[i].seq, static_cast<std::int64_t>(i + 1)) << "a gap or a reorder at " << i;
    tags.insert(announced_[i].report_id);
  }
  EXPECT_EQ(tags, kept) << "a refused job's change was announced, or a committed one's was not";
  auto page = store_->ChangesAfter(0, 10'000);
  ASSERT_TRUE(page);
  ASSERT_EQ(page->changes.size(), announced_.size());
  for (size_t i = 0; i < announced_.size(); ++i) {
    EXPECT_EQ(page->changes[i].seq, announced_[i].seq);
    EXPECT_EQ(page->changes[i].report_id, announced_[i].report_id);
  }
  EXPECT_EQ(page->first_kept, 1);
  EXPECT_EQ(page->newest, static_cast<std::int64_t>(kept.size()));
}

TEST_P(ChangeLogTest, PurgeDropsOldChangesAndNoSeqIsGivenTwice) {
  ASSERT_TRUE(store_->Write([](Transaction& tx) { return tx.Publish({.type = "event", .event_id = 1}); }));
  clock_.Advance(std::chrono::hours(2));
  ASSERT_TRUE(store_->Write([](Transaction& tx) { return tx.Publish({.type = "event", .event_id = 2}); }));
  const TimePoint cut = clock_.Now() - std::chrono::hours(1);
  ASSERT_TRUE(store_->Write([cut](Transaction& tx) -> Status {
    auto n = tx.PurgeChanges(cut);
    if (!n) return Fail(n.error());
    EXPECT_EQ(*n, 1);
    return {};
  }));
  auto page = store_->ChangesAfter(0, 10).value();
  ASSERT_EQ(page.changes.size(), 1u);
  EXPECT_EQ(page.changes[0].seq, 2);
  EXPECT_EQ(page.first_kept, 2);
  EXPECT_EQ(page.newest, 2);
  ASSERT_TRUE(store_->Write([cut](Transaction& tx) -> Status {
    auto n = tx.PurgeChanges(cut + std::chrono::hours(5));
    return n ? Status{} : Fail(n.error());
  }));
  page = store_->ChangesAfter(0, 10).value();
  EXPECT_TRUE(page.changes.empty());
  EXPECT_EQ(page.first_kept, 3) << "an empty log starts after the newest seq it gave";
  EXPECT_EQ(page.newest, 2);
  ASSERT_TRUE(store_->Write([](Transaction& tx) { return tx.Publish({.type = "event", .event_id = 3}); }));
  EXPECT_EQ(store_->ChangesAfter(0, 10)->changes.at(0).seq, 3) << "a seq was given twice";
}

INSTANTIATE_TEST_SUITE_P(AnchorOnAndOff, ChangeLogTest, ::testing::Bool());

}  // namespace
}  // namespace shaobing
