// Times ReplaceDataset and LoadDataset on a synthetic dataset (default
// 1,000,000 time entries, 100,000 invoices). Not a test: run by hand,
// `store_bench [time_entries] [invoices]`.
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>

#include "store/sqlite_store.h"
#include "test_datasets.h"

namespace {

constexpr size_t kDefaultTimeEntries = 1000000;
constexpr size_t kDefaultInvoices = 100000;
constexpr int kRuns = 3;

double SecondsSince(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

}  // namespace

int main(int argc, char** argv) {
  using agencykpi::OpenSqliteStore;
  const size_t time_entries = argc > 1 ? std::strtoull(argv[1], nullptr, 10) : kDefaultTimeEntries;
  const size_t invoices = argc > 2 ? std::strtoull(argv[2], nullptr, 10) : kDefaultInvoices;
  const auto dir =
      std::filesystem::temp_directory_path() / ("agencykpi_store_bench_" + std::to_string(getpid()));
  std::filesystem::create_directories(dir);
  const agencykpi::Dataset data = agencykpi::testing::MakeSyntheticDataset(time_entries, invoices);
  std::printf("dataset: %zu time entries, %zu invoices, %zu expenses/visits/results/audits each\n",
              data.time_entries.size(), data.invoices.size(), data.expenses.size());
  auto store = OpenSqliteStore(dir / "bench.db");
  if (!store.ok()) {
    std::fprintf(stderr, "%s\n", store.status().message().c_str());
    return 1;
  }
  for (int run = 0; run < kRuns; ++run) {
    auto start = std::chrono::steady_clock::now();
    auto status = (*store)->ReplaceDataset(data, "bench");
    const double replace_s = SecondsSince(start);
    if (!status.ok()) {
      std::fprintf(stderr, "%s\n", status.message().c_str());
      return 1;
    }
    start = std::chrono::steady_clock::now();
    auto loaded = (*store)->LoadDataset();
    const double load_s = SecondsSince(start);
    if (!loaded.ok()) {
      std::fprintf(stderr, "%s\n", loaded.status().message().c_str());
      return 1;
    }
    start = std::chrono::steady_clock::now();
    auto meta = (*store)->Meta();
    const double meta_s = SecondsSince(start);
    std::printf("run %d: ReplaceDataset %.3f s, LoadDataset %.3f s (%zu time entries), Meta %.3f s\n",
                run + 1, replace_s, load_s, loaded->time_entries.size(), meta_s);
  }
  std::printf("file size: %.1f MB\n",
              static_cast<double>(std::filesystem::file_size(dir / "bench.db")) / 1e6);
  store->reset();
  std::filesystem::remove_all(dir);
  return 0;
}
