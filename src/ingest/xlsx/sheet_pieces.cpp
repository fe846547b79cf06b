#include "ingest/xlsx/sheet_pieces.h"

#include <algorithm>

#include "ingest/limits.h"

namespace agencykpi {
namespace {

// Bytes of XML per piece: a few thousand rows, parsed in a few milliseconds.
constexpr size_t kPieceBytes = 1024 * 1024;
constexpr size_t kInflateBytes = 256 * 1024;
constexpr std::string_view kSheetData = "sheetData";

}  // namespace

SheetPieces::SheetPieces(std::unique_ptr<ZipPart> part) : part_(std::move(part)) {}

bool SheetPieces::Fill(size_t bytes, Message& error) {
  const size_t target = carry_.size() + bytes;
  while (!at_end_ && carry_.size() < target) {
    const size_t before = carry_.size();
    carry_.resize(before + kInflateBytes);
    const std::optional<size_t> read = part_->Read(std::span<char>(carry_.data() + before, kInflateBytes), error);
    if (!read) return false;
    carry_.resize(before + *read);
    at_end_ = *read == 0;
  }
  return true;
}

bool SheetPieces::FindSheetData() {
  for (size_t at = carry_.find(kSheetData); at != std::string::npos; at = carry_.find(kSheetData, at + 1)) {
    // <sheetData …> or <x:sheetData …>: the name starts after '<' or a prefix.
    size_t start = at;
    while (start > 0 && carry_[start - 1] != '<' && carry_[start - 1] != '/' && carry_[start - 1] != ' ' &&
           carry_[start - 1] != '>' && carry_[start - 1] != '"') {
      --start;
    }
    if (start == 0 || carry_[start - 1] != '<') continue;
    const std::string prefix = carry_.substr(start, at - start);  // "" or "x:"
    if (!prefix.empty() && prefix.back() != ':') continue;
    const size_t tag_end = carry_.find('>', at);
    if (tag_end == std::string::npos) return false;  // the tag goes on in the next bytes
    if (carry_[tag_end - 1] == '/') {
      whole_ = true;  // <sheetData/>: no rows
    }
    preamble_ = tag_end + 1;
    open_ = "<" + prefix + "worksheet><" + prefix + "sheetData>";
    close_ = "</" + prefix + "sheetData></" + prefix + "worksheet>";
    row_end_ = "</" + prefix + "row>";
    return true;
  }
  return false;
}

bool SheetPieces::Next(std::string& xml, int64_t& line_offset, Message& error) {
  if (done_) return false;
  if (!Fill(kPieceBytes, error)) return false;
  if (first_ && !whole_) {
    while (!FindSheetData()) {
      if (at_end_) {
        whole_ = true;  // no sheetData at all: the part as it is
        break;
      }
      if (carry_.size() > kMaxRecordBytes * 64) {
        error = Message(MessageId::kXlsxDamaged, {part_->name() + ": no sheetData in its first 64 MiB"});
        return false;
      }
      if (!Fill(kPieceBytes, error)) return false;
    }
  }
  if (whole_) {
    while (!at_end_) {
      if (!Fill(kPieceBytes, error)) return false;
    }
  }
  // Cut after the last row's end in the bytes held, reading on while none
  // ends there yet (a row longer than a piece).
  size_t cut = std::string::npos;
  while (!whole_ && !at_end_) {
    const size_t from = first_ ? preamble_ : 0;
    const size_t found = carry_.rfind(row_end_);
    if (found != std::string::npos && found >= from) {
      cut = found + row_end_.size();
      break;
    }
    if (carry_.size() > kMaxRecordBytes * 64) {
      error = Message(MessageId::kXlsxLimit, {part_->name() + " holds a row longer than 64 MiB"});
      return false;
    }
    if (!Fill(kPieceBytes, error)) return false;
  }
  const bool last = cut == std::string::npos;  // the rest of the part
  if (last) cut = carry_.size();
  xml.clear();
  if (!first_) xml += open_;
  xml.append(carry_, 0, cut);
  if (!last) xml += close_;
  line_offset = lines_;
  lines_ += std::count(carry_.begin(), carry_.begin() + static_cast<std::ptrdiff_t>(cut), '\n');
  carry_.erase(0, cut);
  first_ = false;
  done_ = last;
  return true;
}

}  // namespace agencykpi
