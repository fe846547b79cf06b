#include "server_fixture.h"

#include <gtest/gtest.h>

#include <fstream>
#include <random>
#include <sstream>

#include "store/store.h"

namespace agencykpi::testing {

namespace fs = std::filesystem;

TempDir::TempDir() {
  std::random_device rd;
  path_ = fs::temp_directory_path() / ("agencykpi-server-" + std::to_string(rd()) + std::to_string(rd()));
  fs::create_directories(path_);
}

TempDir::~TempDir() {
  std::error_code ec;
  fs::remove_all(path_, ec);
}

std::string GoldenDir() { return AGENCYKPI_GOLDEN_DIR; }

std::string ReadFile(const fs::path& file) {
  std::ifstream in(file, std::ios::binary);
  std::stringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

std::map<std::string, std::string> ReadFolderFiles(const fs::path& folder) {
  std::map<std::string, std::string> files;
  for (const auto& entry : fs::directory_iterator(folder)) files[entry.path().filename().string()] = ReadFile(entry.path());
  return files;
}

std::string CompareWithGolden(const std::string& golden_case, const std::string& actual_json) {
  const TempDir tmp;
  const fs::path actual = tmp.path() / "actual.json";
  const fs::path output = tmp.path() / "compare.txt";
  std::ofstream(actual, std::ios::binary) << actual_json;
  const std::string command = std::string(AGENCYKPI_PYTHON) + " " + GoldenDir() + "/compare.py " + GoldenDir() +
                              "/cases/" + golden_case + ".expected.json " + actual.string() + " >" + output.string() + " 2>&1";
  const int status = std::system(command.c_str());
  return status == 0 ? "" : ReadFile(output);
}

std::string MakeZip(const std::map<std::string, std::string>& files) {
  const TempDir tmp;
  const fs::path folder = tmp.path() / "agency";
  fs::create_directories(folder);
  for (const auto& [name, bytes] : files) std::ofstream(folder / name, std::ios::binary) << bytes;
  const fs::path zip = tmp.path() / "agency.zip";
  const std::string command = std::string(AGENCYKPI_PYTHON) + " -m zipfile -c " + zip.string() + " " + folder.string();
  EXPECT_EQ(std::system(command.c_str()), 0);
  return ReadFile(zip);
}

ServiceFixture::ServiceFixture(const std::string& folder) {
  auto store = OpenSqliteStore(dir_.path() / "agency.db");
  EXPECT_TRUE(store.ok()) << store.status().message();
  auto service = AgencyService::Open(std::move(*store));
  EXPECT_TRUE(service.ok()) << service.status().message();
  service_ = std::move(*service);
  if (!folder.empty()) {
    auto source = FolderSource(GoldenDir() + "/" + folder);
    const ImportOutcome outcome = service_->Import(*source, folder);
    EXPECT_TRUE(outcome.status.ok()) << outcome.status.message();
  }
}

}  // namespace agencykpi::testing
