#include "ingest/chunked_text.h"

#include <algorithm>
#include <cstring>

#include "ingest/csv_reader.h"

namespace agencykpi {
namespace {

constexpr std::string_view kUtf8Bom = "\xEF\xBB\xBF";
constexpr size_t kMaxUtf8Bytes = 4;  // of one character

// The file ended before its size: it changed since it was opened.
Status FileChanged() { return Status::Io("the file changed while it was read"); }

// Bytes at the end of `piece` that start a character the piece does not
// finish (its next bytes are in the next piece); 0 when it ends on a
// character boundary or the bytes are invalid anyway.
size_t UnfinishedCharacterBytes(std::string_view piece) {
  for (size_t k = 1; k < kMaxUtf8Bytes && k <= piece.size(); ++k) {
    const auto byte = static_cast<unsigned char>(piece[piece.size() - k]);
    if ((byte & 0xC0) == 0x80) continue;  // a continuation byte: its lead is further back
    if (byte < 0xC0) return 0;            // ASCII
    const size_t length = byte >= 0xF0 ? 4 : byte >= 0xE0 ? 3 : 2;
    return length > k ? k : 0;
  }
  return 0;
}

class MemoryBytes : public FileBytes {
 public:
  explicit MemoryBytes(std::string bytes) : bytes_(std::move(bytes)) {}
  [[nodiscard]] uint64_t size() const override { return bytes_.size(); }
  Result<size_t> ReadAt(uint64_t offset, std::span<char> out) override {
    if (offset >= bytes_.size()) return size_t{0};
    const size_t count = std::min<size_t>(out.size(), bytes_.size() - offset);
    std::memcpy(out.data(), bytes_.data() + offset, count);
    return count;
  }

 private:
  std::string bytes_;
};

}  // namespace

std::unique_ptr<FileBytes> BytesInMemory(std::string bytes) {
  return std::make_unique<MemoryBytes>(std::move(bytes));
}

Result<TextEncoding> DetectEncoding(FileBytes& file) {
  TextEncoding encoding;
  const uint64_t size = file.size();
  std::string buffer(static_cast<size_t>(std::min<uint64_t>(size, kReadPieceBytes)) + kMaxUtf8Bytes, '\0');
  size_t carried = 0;  // bytes of a character split between two pieces, at the front
  for (uint64_t at = 0; at < size;) {
    auto read = file.ReadAt(at, std::span<char>(buffer.data() + carried, buffer.size() - carried));
    if (!read.ok()) return read.status();
    if (*read == 0) return FileChanged();
    std::string_view piece(buffer.data(), carried + *read);
    if (at == 0 && piece.starts_with(kUtf8Bom)) {
      encoding.bom_bytes = kUtf8Bom.size();
      piece.remove_prefix(kUtf8Bom.size());
    }
    at += *read;
    // The bytes just read (a carried piece of a character is no line feed),
    // the file's last byte apart: no line starts after it.
    const std::string_view fresh(buffer.data() + carried, *read - (at >= size ? 1 : 0));
    encoding.line_starts += static_cast<uint64_t>(std::count(fresh.begin(), fresh.end(), '\n'));
    // Once the file is known to be Windows-1252, the rest is only counted.
    const size_t unfinished = at < size && !encoding.cp1252 ? UnfinishedCharacterBytes(piece) : 0;
    if (!encoding.cp1252 && !IsValidUtf8(piece.substr(0, piece.size() - unfinished))) encoding.cp1252 = true;
    std::memmove(buffer.data(), piece.data() + piece.size() - unfinished, unfinished);
    carried = unfinished;
  }
  return encoding;
}

ChunkedText::ChunkedText(FileBytes& file, TextEncoding encoding)
    : file_(file), encoding_(encoding), next_byte_(encoding.bom_bytes) {}

Status ChunkedText::Advance(size_t from) {
  text_.erase(0, from);
  offset_ += from;
  const uint64_t left = file_.size() - std::min(next_byte_, file_.size());
  const size_t wanted = static_cast<size_t>(std::min<uint64_t>(left, std::max(kReadPieceBytes, text_.size())));
  if (wanted == 0) return Status::Ok();
  std::string& target = encoding_.cp1252 ? raw_ : text_;
  const size_t kept = encoding_.cp1252 ? 0 : text_.size();
  target.resize(kept + wanted);
  auto read = file_.ReadAt(next_byte_, std::span<char>(target.data() + kept, wanted));
  if (!read.ok()) return read.status();
  if (*read < wanted) return FileChanged();
  next_byte_ += wanted;
  if (encoding_.cp1252) text_ += Cp1252ToUtf8(raw_);  // byte by byte: any split is a boundary
  return Status::Ok();
}

}  // namespace agencykpi
