#include "cli/progress.h"

#include <unistd.h>

#include <cstdio>

namespace agencykpi {
namespace {
constexpr int kBarWidth = 30;
}

ProgressBar::ProgressBar(std::string label)
    : label_(std::move(label)), enabled_(isatty(STDERR_FILENO) == 1), started_(std::chrono::steady_clock::now()) {}

ProgressBar::~ProgressBar() {
  if (drawn_) std::fputc('\n', stderr);
}

void ProgressBar::Update(uint64_t done, uint64_t total) {
  if (!enabled_ || total == 0) return;
  const int percent = static_cast<int>(done * 100 / total);
  if (percent == last_percent_) return;
  last_percent_ = percent;
  const int filled = percent * kBarWidth / 100;
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started_).count();
  std::string bar(static_cast<size_t>(filled), '#');
  bar.append(static_cast<size_t>(kBarWidth - filled), ' ');
  std::fprintf(stderr, "\r%s [%s] %3d%%  %.1f MB  %.1f s", label_.c_str(), bar.c_str(), percent,
               static_cast<double>(done) / 1e6, seconds);
  std::fflush(stderr);
  drawn_ = true;
}

}  // namespace agencykpi
