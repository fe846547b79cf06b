#include "server/static_files.h"

#include <fstream>
#include <sstream>

namespace agencykpi {
namespace {

std::string ContentTypeOf(const std::filesystem::path& file) {
  const std::string ext = file.extension().string();
  if (ext == ".html") return "text/html; charset=utf-8";
  if (ext == ".js" || ext == ".mjs") return "text/javascript; charset=utf-8";
  if (ext == ".css") return "text/css; charset=utf-8";
  if (ext == ".svg") return "image/svg+xml";
  if (ext == ".png") return "image/png";
  if (ext == ".ico") return "image/x-icon";
  if (ext == ".json") return "application/json; charset=utf-8";
  if (ext == ".woff2") return "font/woff2";
  return "application/octet-stream";
}

}  // namespace

std::optional<StaticFile> ReadStaticFile(const std::filesystem::path& root, std::string_view url_path) {
  if (root.empty()) return std::nullopt;
  std::string_view path = url_path.substr(0, url_path.find_first_of("?#"));
  if (path.empty() || path == "/") path = "/index.html";
  if (path.front() != '/' || path.find('\0') != std::string_view::npos) return std::nullopt;
  const std::filesystem::path relative = std::filesystem::path(path.substr(1)).lexically_normal();
  for (const auto& part : relative) {
    if (part == ".." || part == ".") return std::nullopt;
  }
  if (relative.is_absolute() || relative.empty()) return std::nullopt;
  const std::filesystem::path file = root / relative;
  std::error_code ec;
  if (!std::filesystem::is_regular_file(file, ec)) return std::nullopt;
  std::ifstream in(file, std::ios::binary);
  if (!in) return std::nullopt;
  std::ostringstream bytes;
  bytes << in.rdbuf();
  return StaticFile{bytes.str(), ContentTypeOf(file)};
}

std::filesystem::path DefaultWebRoot(const std::filesystem::path& executable) {
  const std::filesystem::path dir = executable.parent_path();
  for (const auto& candidate : {dir / "web", dir / ".." / "web" / "dist", dir / ".." / "share" / "agencykpi" / "web"}) {
    std::error_code ec;
    if (std::filesystem::is_regular_file(candidate / "index.html", ec)) return candidate.lexically_normal();
  }
  return {};
}

}  // namespace agencykpi
