#pragma once
// What a store engine's writer is doing, for /metrics: gauges read at the moment of asking,
// counters and histograms since the store opened.
#include <cstdint>

#include "core/bucket_counts.h"

namespace shaobing {

struct StoreStats {
  std::uint64_t queue_depth = 0;     // write jobs submitted and not yet taken into a batch
  std::uint64_t anchor_waiting = 0;  // committed batches waiting for the audit anchor's fdatasync
  std::uint64_t commits = 0;         // batches committed
  std::uint64_t jobs = 0;            // jobs in those batches
  double writer_busy_seconds = 0;    // time the writer spent running batches, commit included
  // Jobs per committed batch.
  BucketCounts<11> batch_size{{1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 1024}};
  // From BEGIN to the durable COMMIT of a batch.
  BucketCounts<12> commit_seconds{kSecondsBounds};
};

}  // namespace shaobing
