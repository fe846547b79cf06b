// A service over a temporary SQLite store holding a golden agency folder.
#pragma once

#include <filesystem>
#include <map>
#include <memory>
#include <string>

#include "server/api.h"
#include "server/service.h"

namespace agencykpi::testing {

class TempDir {
 public:
  TempDir();
  ~TempDir();
  const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
};

std::string GoldenDir();
std::string ReadFile(const std::filesystem::path& file);
std::map<std::string, std::string> ReadFolderFiles(const std::filesystem::path& folder);

// Runs the golden compare.py on `actual_json` against the expected file of `golden_case`.
// Returns compare.py's output; empty when they match.
std::string CompareWithGolden(const std::string& golden_case, const std::string& actual_json);

// A zip of `files` (via python3's zipfile), as bytes.
std::string MakeZip(const std::map<std::string, std::string>& files);

class ServiceFixture {
 public:
  // Imports the golden folder `folder` ("agence-exemple") into a fresh store.
  explicit ServiceFixture(const std::string& folder);
  AgencyService& service() { return *service_; }
  ApiResponse Get(const std::string& target) { return HandleApi(*service_, ApiRequest{"GET", target, "", ""}); }
  const TempDir& dir() const { return dir_; }

 private:
  TempDir dir_;
  std::unique_ptr<AgencyService> service_;
};

}  // namespace agencykpi::testing
