#include "server/upload.h"

#include <zip.h>

#include <memory>

#include "server/limits.h"

namespace agencykpi {
namespace {

bool EndsWithCsv(std::string_view name) {
  if (name.size() < 4) return false;
  std::string tail(name.substr(name.size() - 4));
  for (char& ch : tail) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
  return tail == ".csv";
}

Status AddFile(UploadedFiles& files, std::string name, std::string bytes) {
  if (files.size() >= server_limits::kMaxUploadFiles) {
    return Status::TooLarge("too many files in the upload");
  }
  if (files.count(name) != 0) return Status::InvalidInput("the upload holds two files named " + name);
  files.emplace(std::move(name), std::move(bytes));
  return Status::Ok();
}

}  // namespace

std::string BaseName(std::string_view path) {
  const size_t slash = path.find_last_of("/\\");
  return std::string(slash == std::string_view::npos ? path : path.substr(slash + 1));
}

Result<UploadedFiles> ReadZipUpload(std::string_view archive) {
  zip_error_t error;
  zip_error_init(&error);
  zip_source_t* source = zip_source_buffer_create(archive.data(), archive.size(), 0, &error);
  if (source == nullptr) return Status::InvalidInput("the upload is not a zip archive");
  zip_t* raw = zip_open_from_source(source, ZIP_RDONLY, &error);
  if (raw == nullptr) {
    zip_source_free(source);
    zip_error_fini(&error);
    return Status::InvalidInput("the upload is not a readable zip archive");
  }
  const std::unique_ptr<zip_t, decltype(&zip_discard)> zip(raw, &zip_discard);
  UploadedFiles files;
  size_t total = 0;
  const zip_int64_t count = zip_get_num_entries(zip.get(), 0);
  for (zip_int64_t i = 0; i < count; ++i) {
    zip_stat_t stat;
    if (zip_stat_index(zip.get(), static_cast<zip_uint64_t>(i), 0, &stat) != 0) continue;
    const std::string_view name = stat.name;
    if (name.empty() || name.back() == '/' || !EndsWithCsv(name)) continue;
    const std::string base = BaseName(name);
    if (base.empty() || base[0] == '.' || name.find("__MACOSX") != std::string_view::npos) continue;
    total += stat.size;
    if (total > server_limits::kMaxUnzippedBytes) return Status::TooLarge("the zip archive unpacks to too many bytes");
    const std::unique_ptr<zip_file_t, decltype(&zip_fclose)> file(
        zip_fopen_index(zip.get(), static_cast<zip_uint64_t>(i), 0), &zip_fclose);
    if (!file) return Status::InvalidInput("cannot read " + std::string(name) + " in the zip archive");
    std::string bytes(stat.size, '\0');
    const zip_int64_t read = zip_fread(file.get(), bytes.data(), stat.size);
    if (read < 0 || static_cast<zip_uint64_t>(read) != stat.size) {
      return Status::InvalidInput("cannot read " + std::string(name) + " in the zip archive");
    }
    if (Status added = AddFile(files, base, std::move(bytes)); !added.ok()) return added;
  }
  if (files.empty()) return Status::InvalidInput("the zip archive holds no .csv file");
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
      if (EndsWithCsv(base)) {
        if (Status added = AddFile(files, base, std::string(content)); !added.ok()) return added;
      }
    }
    pos = next + 2;
  }
  if (files.empty()) return Status::InvalidInput("the upload holds no .csv file");
  return files;
}

}  // namespace agencykpi
