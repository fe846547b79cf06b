// Every limit of the HTTP server, in one place, with safe defaults.
#pragma once

#include <chrono>
#include <cstddef>

namespace agencykpi::server_limits {

constexpr size_t kMaxHeaderBytes = 16 * 1024;
constexpr size_t kMaxRequestBodyBytes = 1024 * 1024;        // everything but imports
constexpr size_t kMaxImportBodyBytes = 256 * 1024 * 1024;   // a zip or multipart agency folder
constexpr size_t kMaxUnzippedBytes = 2048ULL * 1024 * 1024; // total of the CSVs inside a zip
constexpr size_t kMaxUploadFiles = 32;
constexpr std::chrono::seconds kReadTimeout{30};
constexpr std::chrono::seconds kImportReadTimeout{300};
constexpr std::chrono::seconds kWriteTimeout{60};
constexpr std::chrono::seconds kShutdownGrace{5};
constexpr int kDefaultWorkerThreads = 4;
constexpr size_t kReportCacheEntries = 16;
constexpr size_t kDefaultPageLimit = 100;
constexpr size_t kMaxPageLimit = 1000;
constexpr int kMaxTrendPoints = 120;
constexpr int kMaxGraceDays = 3650;

}  // namespace agencykpi::server_limits
