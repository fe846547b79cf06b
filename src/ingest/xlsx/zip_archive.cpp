#include "ingest/xlsx/zip_archive.h"

#include <zip.h>

#include <algorithm>

#include "ingest/limits.h"

namespace agencykpi {
namespace {

// The bytes libzip reads: a FileBytes and a read position. libzip frees it
// with the source (ZIP_SOURCE_FREE).
struct ByteSource {
  std::shared_ptr<FileBytes> bytes;
  uint64_t position = 0;
  zip_error_t error{};
};

zip_int64_t ReadSource(void* state, void* data, zip_uint64_t length, zip_source_cmd_t command) {
  auto* source = static_cast<ByteSource*>(state);
  switch (command) {
    case ZIP_SOURCE_OPEN:
      source->position = 0;
      return 0;
    case ZIP_SOURCE_READ: {
      const uint64_t size = source->bytes->size();
      const uint64_t wanted = std::min<uint64_t>(length, size - std::min(size, source->position));
      if (wanted == 0) return 0;
      auto read = source->bytes->ReadAt(source->position, std::span<char>(static_cast<char*>(data), wanted));
      if (!read.ok()) {
        zip_error_set(&source->error, ZIP_ER_READ, 0);
        return -1;
      }
      source->position += *read;
      return static_cast<zip_int64_t>(*read);
    }
    case ZIP_SOURCE_CLOSE:
      return 0;
    case ZIP_SOURCE_STAT: {
      auto* stat = ZIP_SOURCE_GET_ARGS(zip_stat_t, data, length, &source->error);
      if (stat == nullptr) return -1;
      zip_stat_init(stat);
      stat->size = source->bytes->size();
      stat->valid |= ZIP_STAT_SIZE;
      return sizeof(zip_stat_t);
    }
    case ZIP_SOURCE_ERROR:
      return zip_error_to_data(&source->error, data, length);
    case ZIP_SOURCE_FREE:
      zip_error_fini(&source->error);
      delete source;
      return 0;
    case ZIP_SOURCE_SEEK: {
      const zip_int64_t at = zip_source_seek_compute_offset(source->position, source->bytes->size(), data, length,
                                                            &source->error);
      if (at < 0) return -1;
      source->position = static_cast<uint64_t>(at);
      return 0;
    }
    case ZIP_SOURCE_TELL:
      return static_cast<zip_int64_t>(source->position);
    case ZIP_SOURCE_SUPPORTS:
      return ZIP_SOURCE_SUPPORTS_SEEKABLE;
    default:
      zip_error_set(&source->error, ZIP_ER_OPNOTSUPP, 0);
      return -1;
  }
}

std::string ZipErrorText(int code) {
  zip_error_t error;
  zip_error_init_with_code(&error, code);
  std::string text = zip_error_strerror(&error);
  zip_error_fini(&error);
  return text;
}

std::string Mib(uint64_t bytes) { return std::to_string(bytes / (1024 * 1024)) + " MiB"; }

}  // namespace

ZipPart::~ZipPart() { zip_fclose(file_); }

std::optional<size_t> ZipPart::Read(std::span<char> out, Message& error) {
  const zip_int64_t read = zip_fread(file_, out.data(), out.size());
  if (read < 0) {
    error = Message(MessageId::kXlsxDamaged, {name_ + ": " + zip_file_strerror(file_)});
    return std::nullopt;
  }
  inflated_ += static_cast<uint64_t>(read);
  if (inflated_ > max_bytes_) {
    error = Message(MessageId::kXlsxLimit, {name_ + " is larger than " + Mib(max_bytes_) + " once unpacked"});
    return std::nullopt;
  }
  if (inflated_ > kWorkbookRatioFloorBytes && inflated_ / std::max<uint64_t>(compressed_, 1) > kMaxWorkbookCompressionRatio) {
    error = Message(MessageId::kXlsxLimit, {name_ + " unpacks to more than " + std::to_string(kMaxWorkbookCompressionRatio) +
                                            " times its size (a zip bomb?)"});
    return std::nullopt;
  }
  return static_cast<size_t>(read);
}

std::unique_ptr<ZipArchive> ZipArchive::Open(std::shared_ptr<FileBytes> bytes, Message& error) {
  auto* state = new ByteSource{std::move(bytes)};
  zip_error_init(&state->error);
  zip_error_t open_error;
  zip_error_init(&open_error);
  zip_source_t* source = zip_source_function_create(&ReadSource, state, &open_error);
  if (source == nullptr) {
    zip_error_fini(&state->error);
    delete state;
    error = Message(MessageId::kXlsxDamaged, {std::string(zip_error_strerror(&open_error))});
    zip_error_fini(&open_error);
    return nullptr;
  }
  zip_t* archive = zip_open_from_source(source, ZIP_RDONLY, &open_error);
  if (archive == nullptr) {
    const int code = zip_error_code_zip(&open_error);
    zip_source_free(source);  // frees the state
    zip_error_fini(&open_error);
    error = code == ZIP_ER_NOZIP ? Message(MessageId::kXlsxNotZip)
                                 : Message(MessageId::kXlsxDamaged, {"the zip cannot be read: " + ZipErrorText(code)});
    return nullptr;
  }
  zip_error_fini(&open_error);
  std::unique_ptr<ZipArchive> opened(new ZipArchive(archive));
  const zip_int64_t entries = zip_get_num_entries(archive, 0);
  if (entries < 0 || static_cast<uint64_t>(entries) > kMaxWorkbookEntries) {
    error = Message(MessageId::kXlsxLimit, {"more than " + std::to_string(kMaxWorkbookEntries) + " entries in the zip"});
    return nullptr;
  }
  return opened;
}

ZipArchive::~ZipArchive() { zip_discard(zip_); }

bool ZipArchive::Has(const std::string& name) const { return zip_name_locate(zip_, name.c_str(), ZIP_FL_NOCASE) >= 0; }

std::unique_ptr<ZipPart> ZipArchive::OpenPart(const std::string& name, uint64_t max_bytes, Message& error) {
  const zip_int64_t index = zip_name_locate(zip_, name.c_str(), ZIP_FL_NOCASE);
  if (index < 0) {
    error = Message(MessageId::kXlsxDamaged, {name + " is missing"});
    return nullptr;
  }
  zip_stat_t stat;
  zip_stat_init(&stat);
  if (zip_stat_index(zip_, static_cast<zip_uint64_t>(index), 0, &stat) != 0) {
    error = Message(MessageId::kXlsxDamaged, {name + ": " + zip_strerror(zip_)});
    return nullptr;
  }
  if ((stat.valid & ZIP_STAT_ENCRYPTION_METHOD) != 0 && stat.encryption_method != ZIP_EM_NONE) {
    error = Message(MessageId::kXlsxEncrypted);
    return nullptr;
  }
  zip_file_t* file = zip_fopen_index(zip_, static_cast<zip_uint64_t>(index), 0);
  if (file == nullptr) {
    error = Message(MessageId::kXlsxDamaged, {name + ": " + zip_strerror(zip_)});
    return nullptr;
  }
  const uint64_t compressed = (stat.valid & ZIP_STAT_COMP_SIZE) != 0 ? stat.comp_size : 0;
  const uint64_t declared = (stat.valid & ZIP_STAT_SIZE) != 0 ? stat.size : 0;
  return std::unique_ptr<ZipPart>(new ZipPart(file, name, compressed, declared, max_bytes));
}

std::optional<std::string> ZipArchive::ReadPart(const std::string& name, Message& error) {
  std::unique_ptr<ZipPart> part = OpenPart(name, kMaxWorkbookPartBytes, error);
  if (part == nullptr) return std::nullopt;
  constexpr size_t kPiece = 64 * 1024;
  std::string text;
  for (;;) {
    const size_t before = text.size();
    text.resize(before + kPiece);
    const std::optional<size_t> read = part->Read(std::span<char>(text.data() + before, kPiece), error);
    if (!read) return std::nullopt;
    text.resize(before + *read);
    if (*read == 0) return text;
  }
}

}  // namespace agencykpi
