#include "server/upload.h"

#include <zip.h>

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <memory>
#include <vector>

#include "server/limits.h"

namespace agencykpi {
namespace {

using namespace server_limits;

constexpr std::string_view kAgencyFileExtensions[] = {".csv", ".xlsx", ".xlsm", ".xls", ".ods"};

Status AddFile(UploadedFiles& files, std::string name, std::string bytes) {
  if (files.size() >= kMaxUploadFiles) {
    return Status::TooLarge(fmt::format("too many files in the upload (at most {})", kMaxUploadFiles));
  }
  if (files.count(name) != 0) return Status::InvalidInput("the upload holds two files named " + name);
  files.emplace(std::move(name), std::move(bytes));
  return Status::Ok();
}

using ZipFile = std::unique_ptr<zip_file_t, decltype(&zip_fclose)>;

// An entry kept from the archive, with what its directory says of it.
struct ZipEntry {
  zip_uint64_t index = 0;
  std::string name;  // as in the archive
  zip_uint64_t packed_bytes = 0;
};

Status ZipBomb(std::string_view what) {
  return Status::TooLarge(fmt::format("{} unpacks to more than {} times its packed size: refused as a zip bomb",
                                      what, kMaxCompressionRatio));
}

// True when `unpacked` bytes from `packed` ones is beyond the ratio a real file reaches.
bool OverRatio(size_t unpacked, zip_uint64_t packed) {
  return unpacked > kRatioCheckFloorBytes && unpacked / kMaxCompressionRatio > packed;
}

// Unpacks entry `entry` in chunks, handing each to `sink`, and counts its
// bytes against the limits; `total` is the archive's running count so far.
template <typename Sink>
Result<size_t> UnpackEntry(zip_t* zip, const ZipEntry& entry, size_t total, zip_uint64_t packed_total,
                           std::vector<char>& chunk, Sink sink) {
  const ZipFile file(zip_fopen_index(zip, entry.index, 0), &zip_fclose);
  if (!file) return Status::InvalidInput("cannot read " + entry.name + " in the zip archive");
  size_t unpacked = 0;
  for (;;) {
    const zip_int64_t read = zip_fread(file.get(), chunk.data(), chunk.size());
    if (read < 0) return Status::InvalidInput("cannot read " + entry.name + " in the zip archive");
    if (read == 0) return unpacked;
    const auto bytes = static_cast<size_t>(read);
    unpacked += bytes;
    total += bytes;
    if (total > kMaxUnzippedBytes) {
      return Status::TooLarge(fmt::format("the zip archive unpacks to more than {} MiB", kMaxUnzippedBytes >> 20));
    }
    if (OverRatio(unpacked, entry.packed_bytes)) return ZipBomb(entry.name);
    if (OverRatio(total, packed_total)) return ZipBomb("the zip archive");
    if (!sink(chunk.data(), bytes)) return Status::InvalidInput(entry.name + " changed while it was unpacked");
  }
}

}  // namespace

std::string BaseName(std::string_view path) {
  const size_t slash = path.find_last_of("/\\");
  return std::string(slash == std::string_view::npos ? path : path.substr(slash + 1));
}

bool IsAgencyFileName(std::string_view name) {
  for (const std::string_view extension : kAgencyFileExtensions) {
    if (name.size() <= extension.size()) continue;
    const std::string_view tail = name.substr(name.size() - extension.size());
    const bool same = std::equal(tail.begin(), tail.end(), extension.begin(), [](char a, char b) {
      return std::tolower(static_cast<unsigned char>(a)) == static_cast<unsigned char>(b);
    });
    if (same) return true;
  }
  return false;
}

Result<UploadedFiles> ReadZipUpload(std::string_view archive) {
  zip_error_t error;
  zip_error_init(&error);
  zip_source_t* source = zip_source_buffer_create(archive.data(), archive.size(), 0, &error);
  if (source == nullptr) return Status::InvalidInput("the upload is not a zip archive");
  zip_t* raw = zip_open_from_source(source, ZIP_RDONLY, &error);
  zip_error_fini(&error);
  if (raw == nullptr) {
    zip_source_free(source);
    return Status::InvalidInput("the upload is not a readable zip archive");
  }
  const std::unique_ptr<zip_t, decltype(&zip_discard)> zip(raw, &zip_discard);
  const zip_int64_t count = zip_get_num_entries(zip.get(), 0);
  if (count < 0) return Status::InvalidInput("the upload is not a readable zip archive");
  if (static_cast<zip_uint64_t>(count) > kMaxZipEntries) {
    return Status::TooLarge(fmt::format("the zip archive holds {} entries (at most {})", count, kMaxZipEntries));
  }

  // The entries kept, and what the archive declares of them.
  std::vector<ZipEntry> entries;
  zip_uint64_t declared_total = 0;
  zip_uint64_t packed_total = 0;
  for (zip_int64_t i = 0; i < count; ++i) {
    zip_stat_t stat;
    zip_stat_init(&stat);
    if (zip_stat_index(zip.get(), static_cast<zip_uint64_t>(i), 0, &stat) != 0 || stat.name == nullptr) continue;
    const std::string_view name = stat.name;
    if (name.empty() || name.back() == '/' || !IsAgencyFileName(name)) continue;
    const std::string base = BaseName(name);
    if (base.empty() || base[0] == '.' || name.find("__MACOSX") != std::string_view::npos) continue;
    const zip_uint64_t declared = (stat.valid & ZIP_STAT_SIZE) != 0 ? stat.size : 0;
    // A packed size is never more than the archive, whatever the archive says.
    const zip_uint64_t packed = std::min<zip_uint64_t>(
        (stat.valid & ZIP_STAT_COMP_SIZE) != 0 ? stat.comp_size : 0, archive.size());
    declared_total += std::min<zip_uint64_t>(declared, kMaxUnzippedBytes + 1);
    if (declared_total > kMaxUnzippedBytes) {
      return Status::TooLarge(fmt::format("the zip archive declares more than {} MiB unpacked", kMaxUnzippedBytes >> 20));
    }
    packed_total = std::min<zip_uint64_t>(packed_total + packed, archive.size());
    if (entries.size() >= kMaxUploadFiles) {
      return Status::TooLarge(fmt::format("too many files in the upload (at most {})", kMaxUploadFiles));
    }
    entries.push_back(ZipEntry{static_cast<zip_uint64_t>(i), std::string(name), packed});
  }

  // Counted first, chunk by chunk, so nothing is allocated for a bomb; then
  // unpacked again into a buffer of exactly the counted size.
  std::vector<char> chunk(kZipReadChunkBytes);
  std::vector<size_t> sizes;
  sizes.reserve(entries.size());
  size_t total = 0;
  for (const ZipEntry& entry : entries) {
    auto counted = UnpackEntry(zip.get(), entry, total, packed_total, chunk, [](const char*, size_t) { return true; });
    if (!counted.ok()) return counted.status();
    sizes.push_back(*counted);
    total += *counted;
  }
  UploadedFiles files;
  for (size_t k = 0; k < entries.size(); ++k) {
    std::string bytes;
    bytes.reserve(sizes[k]);
    auto unpacked = UnpackEntry(zip.get(), entries[k], 0, packed_total, chunk, [&](const char* data, size_t size) {
      if (bytes.size() + size > sizes[k]) return false;
      bytes.append(data, size);
      return true;
    });
    if (!unpacked.ok()) return unpacked.status();
    if (*unpacked != sizes[k]) return Status::InvalidInput(entries[k].name + " changed while it was unpacked");
    if (Status added = AddFile(files, BaseName(entries[k].name), std::move(bytes)); !added.ok()) return added;
  }
  if (files.empty()) return Status::InvalidInput("the zip archive holds no agency file (.csv)");
  return files;
}

Result<UploadedFiles> ReadMultipartUpload(std::string_view content_type, std::string_view body) {
  const size_t at = content_type.find("boundary=");
  if (at == std::string_view::npos) return Status::InvalidInput("multipart upload without a boundary");
  std::string_view boundary = content_type.substr(at + 9);
  if (const size_t semicolon = boundary.find(';'); semicolon != std::string_view::npos) {
    boundary = boundary.substr(0, semicolon);
  }
  if (boundary.size() >= 2 && boundary.front() == '"' && boundary.back() == '"') {
    boundary = boundary.substr(1, boundary.size() - 2);
  }
  if (boundary.empty()) return Status::InvalidInput("multipart upload without a boundary");
  const std::string delimiter = "--" + std::string(boundary);

  UploadedFiles files;
  size_t pos = body.find(delimiter);
  if (pos == std::string_view::npos) return Status::InvalidInput("malformed multipart body");
  for (;;) {
    pos += delimiter.size();
    if (body.substr(pos, 2) == "--") break;  // closing delimiter
    if (body.substr(pos, 2) != "\r\n") return Status::InvalidInput("malformed multipart body");
    pos += 2;
    const size_t headers_end = body.find("\r\n\r\n", pos);
    if (headers_end == std::string_view::npos) return Status::InvalidInput("malformed multipart part");
    const std::string_view headers = body.substr(pos, headers_end - pos);
    const size_t content_start = headers_end + 4;
    const size_t next = body.find("\r\n" + delimiter, content_start);
    if (next == std::string_view::npos) return Status::InvalidInput("unterminated multipart part");
    const std::string_view content = body.substr(content_start, next - content_start);

    const size_t filename_at = headers.find("filename=\"");
    if (filename_at != std::string_view::npos) {
      const size_t name_start = filename_at + 10;
      const size_t name_end = headers.find('"', name_start);
      if (name_end == std::string_view::npos) return Status::InvalidInput("malformed multipart file name");
      const std::string base = BaseName(headers.substr(name_start, name_end - name_start));
      if (IsAgencyFileName(base)) {
        if (Status added = AddFile(files, base, std::string(content)); !added.ok()) return added;
      }
    }
    pos = next + 2;
  }
  if (files.empty()) return Status::InvalidInput("the upload holds no agency file (.csv)");
  return files;
}

}  // namespace agencykpi
