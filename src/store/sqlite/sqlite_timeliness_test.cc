// Store::FirstClocksInWindow over a real SQLite file: the window by occurrence (else the first
// report's receipt), the subtree, the unit, the bound on events, first clocks only, and when
// each clock entered its state (its latest transition into it).
#include <gtest/gtest.h>

#include <filesystem>

#include "store/sqlite/sqlite_store.h"
#include "testing/fake_clock.h"
#include "testing/test_data.h"

namespace shaobing {
namespace {

using std::chrono::hours;

TimePoint At(const char* text) { return ParseIsoTime(text).value(); }

class FirstClocksInWindowTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() / ("shaobing-timeliness-" + std::to_string(::getpid()) + "-" +
                                                     ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::remove_all(dir_);
    std::filesystem::create_directories(dir_);
    auto s = SqliteStore::Open({.path = (dir_ / "shaobing.db").string(), .clock = &clock_});
    ASSERT_TRUE(s);
    store_ = std::move(*s);
    const auto regions = testing::SmallRegionTree();
    ASSERT_TRUE(store_->Write([&](Transaction& tx) -> Status {
      for (const Region* r : regions.All()) {
        if (auto st = tx.UpsertRegion(*r); !st) return st;
      }
      return tx.Audit("test", "setup", "", {});
    }));
    // A: occurred 09:00 in 兴庆区, its unit u1 late (fulfilled 14:05), a follow-up pending.
    a_ = AddEvent("640104", "640000/640100/640104", At("2026-11-29T09:00:00+08:00"));
    AddClock(a_, "first|unit:u1|county|written", "late", At("2026-11-29T10:00:00+08:00"),
             {{"", "pending", At("2026-11-29T09:00:00+08:00")}, {"pending", "late", At("2026-11-29T14:05:00+08:00")}});
    AddClock(a_, "follow_up|unit:u1|county|1", "pending", At("2026-11-30T14:05:00+08:00"), {});
    // B: occurrence unknown (opened at the clock's 14:05), its county desk on time.
    b_ = AddEvent("640104", "640000/640100/640104", std::nullopt);
    AddClock(
        b_, "first|desk:640104|city|phone", "on_time", At("2026-11-29T14:35:00+08:00"),
        {{"", "pending", At("2026-11-29T14:05:00+08:00")}, {"pending", "on_time", At("2026-11-29T14:20:00+08:00")}});
    // C: occurred 10:00 in 惠农区 (石嘴山), its unit u2 overdue; no transition recorded.
    c_ = AddEvent("640205", "640000/640200/640205", At("2026-11-29T10:00:00+08:00"));
    AddClock(c_, "first|unit:u2|county|written", "overdue", At("2026-11-29T11:00:00+08:00"), {});
  }
  void TearDown() override {
    store_.reset();
    std::filesystem::remove_all(dir_);
  }

  struct Move {
    const char *from, *to;
    TimePoint at;
  };
  EventId AddEvent(const std::string& region, const std::string& path, std::optional<TimePoint> occurred) {
    EventId id = 0;
    EXPECT_TRUE(store_->Write([&](Transaction& tx) -> Status {
      EventRow e;
      e.category = "fire";
      e.title = "火灾";
      e.region = region;
      e.region_path = path;
      e.occurred_at = occurred;
      e.opened_at = e.updated_at = tx.Now();
      auto inserted = tx.InsertEvent(e);
      if (!inserted) return Fail(inserted.error());
      id = *inserted;
      return tx.Audit("test", "event.create", "event:" + std::to_string(id), {});
    }));
    return id;
  }
  void AddClock(EventId id, const std::string& key, const std::string& state, TimePoint due,
                const std::vector<Move>& moves) {
    EXPECT_TRUE(store_->Write([&](Transaction& tx) -> Status {
      for (const Move& m : moves) {
        if (auto s = tx.InsertClockTransition({0, id, key, m.from, m.to, m.at, tx.Now()}); !s) return s;
      }
      if (auto s = tx.PutClock({id, key, state, due, tx.Now() + hours(1)}); !s) return s;
      return tx.Audit("test", "clock", "event:" + std::to_string(id), {});
    }));
  }
  FirstClockSlice Read(FirstClockWindow w) { return store_->FirstClocksInWindow(w).value(); }
  static std::vector<EventId> EventsOf(const FirstClockSlice& s) {
    std::vector<EventId> out;
    for (const auto& r : s.rows) out.push_back(r.event_id);
    return out;
  }

  std::filesystem::path dir_;
  testing::FakeClock clock_{At("2026-11-29T14:05:00+08:00")};
  std::unique_ptr<SqliteStore> store_;
  EventId a_ = 0, b_ = 0, c_ = 0;
};

TEST_F(FirstClocksInWindowTest, TheWindowsFirstClocksLatestFirstWithWhenTheyEnteredTheirState) {
  const auto s = Read({.from = At("2026-11-29T00:00:00+08:00"), .to = At("2026-11-30T00:00:00+08:00")});
  EXPECT_EQ(s.events, 3);
  EXPECT_FALSE(s.truncated);
  EXPECT_EQ(EventsOf(s), (std::vector<EventId>{b_, c_, a_}));  // by occurrence, B's being its receipt
  ASSERT_EQ(s.rows.size(), 3u);
  EXPECT_FALSE(s.rows[0].occurred_at);
  EXPECT_EQ(s.rows[0].opened_at, At("2026-11-29T14:05:00+08:00"));
  EXPECT_EQ(s.rows[0].since, At("2026-11-29T14:20:00+08:00"));
  EXPECT_EQ(s.rows[1].clock.state, "overdue");
  EXPECT_EQ(s.rows[1].since, At("2026-11-29T15:05:00+08:00"));  // no transition: changed_at
  EXPECT_EQ(s.rows[2].clock.key, "first|unit:u1|county|written");
  EXPECT_EQ(s.rows[2].since, At("2026-11-29T14:05:00+08:00"));
  EXPECT_EQ(s.rows[2].occurred_at, At("2026-11-29T09:00:00+08:00"));
}

TEST_F(FirstClocksInWindowTest, FromIsIncludedToIsNot) {
  EXPECT_EQ(EventsOf(Read({.from = At("2026-11-29T09:00:00+08:00"), .to = At("2026-11-29T10:00:00+08:00")})),
            std::vector<EventId>{a_});
  EXPECT_EQ(Read({.from = At("2026-11-29T14:06:00+08:00"), .to = At("2026-11-30T00:00:00+08:00")}).events, 0);
}

TEST_F(FirstClocksInWindowTest, SubtreeUnitAndBound) {
  const TimePoint from = At("2026-11-29T00:00:00+08:00"), to = At("2026-11-30T00:00:00+08:00");
  EXPECT_EQ(EventsOf(Read({.from = from, .to = to, .region_path_prefix = "640000/640100"})),
            (std::vector<EventId>{b_, a_}));
  EXPECT_EQ(Read({.from = from, .to = to, .region_path_prefix = "640000/64010"}).events, 0);
  EXPECT_EQ(EventsOf(Read({.from = from, .to = to, .unit = "u1"})), std::vector<EventId>{a_});
  EXPECT_EQ(Read({.from = from, .to = to, .unit = "u"}).events, 0);  // not a prefix of another id
  const auto bounded = Read({.from = from, .to = to, .max_events = 2});
  EXPECT_EQ(bounded.events, 2);
  EXPECT_TRUE(bounded.truncated);
  EXPECT_EQ(EventsOf(bounded), (std::vector<EventId>{b_, c_}));  // the oldest left out
}

}  // namespace
}  // namespace shaobing
