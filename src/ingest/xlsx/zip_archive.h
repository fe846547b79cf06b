// The zip of a workbook, read where its bytes are (a file on disk, an
// upload in memory) through libzip, a part at a time. Each ZipArchive has
// its own libzip handle, so two sheets of one workbook may be read at the
// same time by two archives over the same bytes.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>

#include "ingest/chunked_text.h"
#include "ingest/messages.h"

struct zip;
struct zip_file;

namespace agencykpi {

// One part of the archive opened for reading, inflated as it is read. The
// limits are checked as the bytes come (a zip may lie about its sizes).
class ZipPart {
 public:
  ZipPart(const ZipPart&) = delete;
  ZipPart& operator=(const ZipPart&) = delete;
  ~ZipPart();

  // Reads the next bytes into `out`; 0 at the end of the part. On a damaged
  // part or a limit passed, nullopt with the message in `error`.
  std::optional<size_t> Read(std::span<char> out, Message& error);
  // Bytes inflated so far, and the part's compressed and declared sizes.
  [[nodiscard]] uint64_t inflated() const { return inflated_; }
  [[nodiscard]] uint64_t compressed_size() const { return compressed_; }
  [[nodiscard]] uint64_t declared_size() const { return declared_; }
  [[nodiscard]] const std::string& name() const { return name_; }

 private:
  friend class ZipArchive;
  ZipPart(zip_file* file, std::string name, uint64_t compressed, uint64_t declared, uint64_t max_bytes)
      : file_(file), name_(std::move(name)), compressed_(compressed), declared_(declared), max_bytes_(max_bytes) {}

  zip_file* file_;
  std::string name_;
  uint64_t compressed_;
  uint64_t declared_;  // what the zip says it unpacks to: only for progress
  uint64_t max_bytes_;
  uint64_t inflated_ = 0;
};

class ZipArchive {
 public:
  // Opens the zip held by `bytes`; nullptr with the message in `error` when
  // it is no zip, is damaged or has more than kMaxWorkbookEntries entries.
  static std::unique_ptr<ZipArchive> Open(std::shared_ptr<FileBytes> bytes, Message& error);
  ZipArchive(const ZipArchive&) = delete;
  ZipArchive& operator=(const ZipArchive&) = delete;
  ~ZipArchive();

  [[nodiscard]] bool Has(const std::string& name) const;
  // Opens part `name` (matched ignoring case, as OPC names are), to be read
  // up to `max_bytes` inflated; nullptr with `error` set when it is absent
  // (a damaged workbook) or cannot be read.
  std::unique_ptr<ZipPart> OpenPart(const std::string& name, uint64_t max_bytes, Message& error);
  // The whole part, for the small ones (up to kMaxWorkbookPartBytes).
  std::optional<std::string> ReadPart(const std::string& name, Message& error);

 private:
  explicit ZipArchive(zip* archive) : zip_(archive) {}
  zip* zip_;
};

}  // namespace agencykpi
