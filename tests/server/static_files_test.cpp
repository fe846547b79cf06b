// Where `serve` finds the dashboard when --web is not given: beside the
// binary, in the build tree, or in the installed share folder.
#include "server/static_files.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <random>
#include <string>

namespace agencykpi {
namespace {

namespace fs = std::filesystem;

class DefaultWebRootTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::random_device rd;
    root_ = fs::temp_directory_path() / ("agencykpi-webroot-" + std::to_string(rd()) + std::to_string(rd()));
    fs::create_directories(root_);
  }
  void TearDown() override {
    std::error_code ec;
    fs::remove_all(root_, ec);
  }
  // An index.html in `folder` (under the temporary root), which is created.
  fs::path Dashboard(const fs::path& folder) {
    fs::create_directories(root_ / folder);
    std::ofstream(root_ / folder / "index.html") << "<!doctype html><title>agencykpi</title>";
    return (root_ / folder).lexically_normal();
  }
  // The binary `relative` under the temporary root (its folder must exist
  // for the kernel to resolve `..` from it, as it does for a real binary).
  fs::path Binary(const fs::path& relative) {
    fs::create_directories((root_ / relative).parent_path());
    std::ofstream(root_ / relative) << "#!/bin/sh\n";
    return root_ / relative;
  }
  fs::path root_;
};

TEST_F(DefaultWebRootTest, BuildTreeServesWebDist) {
  const fs::path dist = Dashboard("checkout/web/dist");
  EXPECT_EQ(DefaultWebRoot(Binary("checkout/build/agencykpi")), dist);
}

TEST_F(DefaultWebRootTest, InstallServesShareAgencykpiWeb) {
  const fs::path share = Dashboard("usr/share/agencykpi/web");
  EXPECT_EQ(DefaultWebRoot(Binary("usr/bin/agencykpi")), share);
}

TEST_F(DefaultWebRootTest, WebBesideTheBinaryComesFirst) {
  const fs::path beside = Dashboard("usr/bin/web");
  Dashboard("usr/share/agencykpi/web");
  EXPECT_EQ(DefaultWebRoot(Binary("usr/bin/agencykpi")), beside);
}

TEST_F(DefaultWebRootTest, AFolderWithoutIndexIsNotADashboard) {
  fs::create_directories(root_ / "usr" / "share" / "agencykpi" / "web");
  EXPECT_TRUE(DefaultWebRoot(Binary("usr/bin/agencykpi")).empty());
}

}  // namespace
}  // namespace agencykpi
