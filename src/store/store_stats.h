#pragma once
// What a store engine's writer is doing, for /metrics: gauges read at the moment of asking,
// counters and histograms since the store opened.
#include <array>
#include <cstdint>

namespace shaobing {

// Observations counted into fixed buckets (upper bounds, ascending); a bucket counts the
// observations at or below its bound, as Prometheus histograms do.
template <size_t N>
struct BucketCounts {
  std::array<double, N> bounds{};
  std::array<std::uint64_t, N> at_or_below{};
  std::uint64_t count = 0;
  double sum = 0;

  void Observe(double value) {
    for (size_t i = 0; i < N; ++i) at_or_below[i] += value <= bounds[i] ? 1 : 0;
    ++count;
    sum += value;
  }
};

struct StoreStats {
  std::uint64_t queue_depth = 0;     // write jobs submitted and not yet taken into a batch
  std::uint64_t anchor_waiting = 0;  // committed batches waiting for the audit anchor's fdatasync
  std::uint64_t commits = 0;         // batches committed
  std::uint64_t jobs = 0;            // jobs in those batches
  double writer_busy_seconds = 0;    // time the writer spent running batches, commit included
  // Jobs per committed batch.
  BucketCounts<11> batch_size{{1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 1024}};
  // From BEGIN to the durable COMMIT of a batch.
  BucketCounts<12> commit_seconds{{0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5}};
};

}  // namespace shaobing
