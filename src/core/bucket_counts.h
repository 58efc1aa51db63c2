#pragma once
// Observations counted into fixed buckets, as Prometheus histograms count them: each bucket
// holds the observations at or below its upper bound (bounds ascending); +Inf is `count`.
#include <array>
#include <cstddef>
#include <cstdint>

namespace shaobing {

template <std::size_t N>
struct BucketCounts {
  std::array<double, N> bounds{};
  std::array<std::uint64_t, N> at_or_below{};
  std::uint64_t count = 0;
  double sum = 0;

  void Observe(double value) {
    for (std::size_t i = 0; i < N; ++i) at_or_below[i] += value <= bounds[i] ? 1 : 0;
    ++count;
    sum += value;
  }
};

// Bounds for durations in seconds, from half a millisecond to 2.5 s.
inline constexpr std::array<double, 12> kSecondsBounds{0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025,
                                                       0.05,   0.1,   0.25,   0.5,   1,    2.5};

}  // namespace shaobing
