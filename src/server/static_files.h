// The built dashboard (web/dist) served from a folder. Paths are resolved
// inside the folder only: "..", absolute paths and NUL bytes are refused.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

namespace agencykpi {

struct StaticFile {
  std::string body;
  std::string content_type;
};

// The file for a URL path ("/" → index.html), or nullopt if there is none.
std::optional<StaticFile> ReadStaticFile(const std::filesystem::path& root, std::string_view url_path);

// The dashboard folder to serve when none is given: `web/` beside the
// binary (an install), else `../web/dist` from it (a build tree); empty if
// neither holds an index.html.
std::filesystem::path DefaultWebRoot(const std::filesystem::path& executable);

}  // namespace agencykpi
