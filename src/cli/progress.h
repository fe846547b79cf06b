// A progress bar on stderr for long imports, drawn only when stderr is a
// terminal (a log file or a pipe gets nothing).
#pragma once

#include <chrono>
#include <cstdint>
#include <string>

namespace agencykpi {

class ProgressBar {
 public:
  explicit ProgressBar(std::string label);
  ~ProgressBar();  // ends the line if anything was drawn
  ProgressBar(const ProgressBar&) = delete;
  ProgressBar& operator=(const ProgressBar&) = delete;

  void Update(uint64_t done, uint64_t total);

 private:
  std::string label_;
  bool enabled_;
  bool drawn_ = false;
  int last_percent_ = -1;
  std::chrono::steady_clock::time_point started_;
};

}  // namespace agencykpi
