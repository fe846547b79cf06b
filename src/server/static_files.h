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
// binary (a copied folder), else `../web/dist` from it (a build tree), else
// `../share/agencykpi/web` from it (an install: /usr/bin/agencykpi serves
// /usr/share/agencykpi/web); empty if none holds an index.html.
std::filesystem::path DefaultWebRoot(const std::filesystem::path& executable);

}  // namespace agencykpi
