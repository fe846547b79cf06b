// libFuzzer target: the upload parsers (zip and multipart/form-data) on any
// bytes. The first byte picks the parser: 'Z' a zip archive (the rest is the
// archive), anything else multipart (the rest is "BOUNDARY\nBODY"). Traps when
// a kept file name could name a path or the limits of server/limits.h are
// exceeded.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "server/limits.h"
#include "server/upload.h"

namespace {

void CheckFiles(const agencykpi::Result<agencykpi::UploadedFiles>& files) {
  if (!files.ok()) return;
  if (files->empty() || files->size() > agencykpi::server_limits::kMaxUploadFiles) __builtin_trap();
  size_t total = 0;
  for (const auto& [name, bytes] : *files) {
    if (name.empty() || name.find_first_of("/\\") != std::string::npos) __builtin_trap();
    if (!agencykpi::IsAgencyFileName(name)) __builtin_trap();
    total += bytes.size();
  }
  (void)total;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  const std::string_view rest = input.substr(1);
  if (input[0] == 'Z') {
    const auto files = agencykpi::ReadZipUpload(rest);
    CheckFiles(files);
    if (files.ok()) {
      size_t total = 0;
      for (const auto& entry : *files) total += entry.second.size();
      if (total > agencykpi::server_limits::kMaxUnzippedBytes) __builtin_trap();
    }
    return 0;
  }
  const size_t newline = rest.find('\n');
  const std::string_view boundary = rest.substr(0, newline);
  const std::string_view body = newline == std::string_view::npos ? std::string_view{} : rest.substr(newline + 1);
  CheckFiles(agencykpi::ReadMultipartUpload("multipart/form-data; boundary=" + std::string(boundary), body));
  return 0;
}
