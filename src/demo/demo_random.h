// A small deterministic pseudo-random generator for the demo agency.
//
// std:: distributions are not used on purpose: their output is allowed to
// differ between standard library versions, and the demo folder must be the
// same bytes for the same seed everywhere. Everything here is integer
// arithmetic (SplitMix64 and a multiply-shift range reduction), so the
// sequence depends only on the seed. Not thread-safe; one instance per use.
#pragma once

#include <cstdint>
#include <initializer_list>

namespace agencykpi::demo {

class DemoRandom {
 public:
  explicit DemoRandom(uint64_t seed) : state_(seed) {}

  // A generator for one part of the agency (one client, one employee…),
  // derived from the run's seed and a few integers naming the part. Parts
  // then draw independently: adding a draw to one client does not shift the
  // numbers of every client after it.
  static DemoRandom For(uint64_t seed, std::initializer_list<uint64_t> parts) {
    uint64_t state = Mix(seed ^ kStreamSalt);
    for (const uint64_t part : parts) state = Mix(state ^ Mix(part + kGoldenGamma));
    return DemoRandom(state);
  }

  uint64_t Next() {
    state_ += kGoldenGamma;
    return Mix(state_);
  }

  // Uniform in [0, bound); bound > 0. The multiply-shift reduction has a
  // bias below 2^-40 for the bounds used here, far below what shows.
  uint64_t Below(uint64_t bound) {
    return static_cast<uint64_t>((static_cast<unsigned __int128>(Next()) * bound) >> 64);
  }

  // Uniform in [low, high], both inclusive; low <= high.
  int64_t Between(int64_t low, int64_t high) {
    return low + static_cast<int64_t>(Below(static_cast<uint64_t>(high - low) + 1));
  }
  int Between(int low, int high) {
    return static_cast<int>(Between(static_cast<int64_t>(low), static_cast<int64_t>(high)));
  }

  // True with probability percent / 100.
  bool Percent(int percent) { return static_cast<int>(Below(100)) < percent; }
  // True with probability per_mille / 1000.
  bool PerMille(int per_mille) { return static_cast<int>(Below(1000)) < per_mille; }

  // Index drawn in proportion to integer weights (at least one > 0).
  template <typename Container>
  int Weighted(const Container& weights) {
    int64_t total = 0;
    for (const auto weight : weights) total += weight;
    int64_t draw = static_cast<int64_t>(Below(static_cast<uint64_t>(total)));
    int index = 0;
    for (const auto weight : weights) {
      if (draw < weight) return index;
      draw -= weight;
      ++index;
    }
    return index - 1;
  }

 private:
  static constexpr uint64_t kGoldenGamma = 0x9E3779B97F4A7C15ULL;
  static constexpr uint64_t kStreamSalt = 0xA6E4C1D5F00DBA5EULL;

  // The SplitMix64 finaliser: a bijective scramble of 64 bits.
  static uint64_t Mix(uint64_t z) {
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
  }

  uint64_t state_;
};

}  // namespace agencykpi::demo
