// A realistic, deterministic demo agency folder (see `agencykpi demo-data`).
#pragma once

#include <cstdint>
#include <filesystem>

#include "common/status.h"

namespace agencykpi {

struct DemoOptions {
  uint64_t seed = 1;
  int scale = 1;  // 1 ≈ 50,000 time entries; 20 ≈ 1,000,000
};

// Writes the CSV files of an agency folder into `folder` (created if needed).
Status WriteDemoAgency(const std::filesystem::path& folder, const DemoOptions& options);

}  // namespace agencykpi
