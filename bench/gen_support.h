// Pieces of the benchmark data generator: a small deterministic random
// generator and a buffered CSV writer that formats integers, money and dates
// without allocating. Not thread-safe; one of each per table.
#pragma once

#include <array>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

namespace agencykpi::bench {

// xoshiro256** seeded through splitmix64: the same seed gives the same
// stream on every platform (no std:: distributions, whose output is not
// specified by the standard).
class Rng {
 public:
  explicit Rng(uint64_t seed) {
    for (auto& word : state_) word = SplitMix(seed);
  }

  uint64_t Next() {
    const uint64_t result = Rotl(state_[1] * 5, 7) * 9;
    const uint64_t t = state_[1] << 17;
    state_[2] ^= state_[0];
    state_[3] ^= state_[1];
    state_[1] ^= state_[2];
    state_[0] ^= state_[3];
    state_[2] ^= t;
    state_[3] = Rotl(state_[3], 45);
    return result;
  }

  // Uniform in [0, n), n > 0 (Lemire's multiply-shift; the bias is below
  // 2^-32 for the sizes used here, which is fine for test data).
  uint64_t Below(uint64_t n) {
    return static_cast<uint64_t>((static_cast<unsigned __int128>(Next()) * n) >> 64);
  }
  // Uniform in [lo, hi], lo <= hi.
  int64_t Between(int64_t lo, int64_t hi) {
    return lo + static_cast<int64_t>(Below(static_cast<uint64_t>(hi - lo + 1)));
  }
  // True with probability percent / 100.
  bool Percent(uint64_t percent) { return Below(100) < percent; }
  // True with probability per_mille / 1000.
  bool PerMille(uint64_t per_mille) { return Below(1000) < per_mille; }

 private:
  static uint64_t Rotl(uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }
  static uint64_t SplitMix(uint64_t& x) {
    uint64_t z = (x += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
  }
  std::array<uint64_t, 4> state_{};
};

// Writes one CSV file through a large buffer. Values are written as given:
// the generator only writes identifiers, ISO dates, numbers and names without
// separators or quotes, so no quoting is needed. Errors (disk full) are
// detected at Close().
class CsvOut {
 public:
  static constexpr size_t kBufferBytes = size_t{1} << 20;

  CsvOut(const std::filesystem::path& file, std::string_view header);
  ~CsvOut();
  CsvOut(const CsvOut&) = delete;
  CsvOut& operator=(const CsvOut&) = delete;

  // Returns false when the file could not be written completely.
  bool Close();

  CsvOut& Text(std::string_view text) {
    Reserve(text.size());
    for (char c : text) buffer_[used_++] = c;
    return *this;
  }
  CsvOut& Char(char c) {
    Reserve(1);
    buffer_[used_++] = c;
    return *this;
  }
  CsvOut& Comma() { return Char(','); }
  CsvOut& EndRow() { return Char('\n'); }
  CsvOut& Int(int64_t value);
  // A prefix and a number zero-padded to `width` digits: C00042.
  CsvOut& Id(char prefix, int64_t number, int width);
  // A fixed-point number of `scale` decimals written with exactly that many
  // decimals: Fixed(1234, 2) = "12.34", Fixed(-5, 2) = "-0.05".
  CsvOut& Fixed(int64_t scaled, int decimals);

 private:
  void Reserve(size_t bytes) {
    if (used_ + bytes > buffer_.size()) Flush();
  }
  void Flush();

  std::FILE* file_ = nullptr;
  std::vector<char> buffer_;
  size_t used_ = 0;
  bool failed_ = false;
};

}  // namespace agencykpi::bench
