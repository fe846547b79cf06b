#include "ingest/csv_records.h"

#include <cstring>

namespace agencykpi {

CsvRecords::CsvRecords(std::string_view text) : reader_(text, DetectSeparator(text)) { NotePiece(text); }

// The separator is seen on the header, which the first piece holds.
CsvRecords::CsvRecords(ChunkedText& chunks)
    : chunks_(&chunks), reader_(chunks.text(), DetectSeparator(chunks.text()), !chunks.at_end()) {
  NotePiece(chunks.text());
}

// `text` points into `owned`'s strings, which do not move with it.
CsvRecords::CsvRecords(std::unique_ptr<Owned> owned, std::string_view text)
    : owned_(std::move(owned)), reader_(text, DetectSeparator(text)) {
  NotePiece(text);
}

std::unique_ptr<CsvRecords> CsvRecords::OfBytes(std::string bytes) {
  auto owned = std::make_unique<Owned>(Owned{std::move(bytes), {}});
  const std::string_view text = DecodeCsvText(owned->bytes, owned->converted);
  return std::unique_ptr<CsvRecords>(new CsvRecords(std::move(owned), text));
}

// One fast pass per piece: files without a NUL byte (all real ones) skip
// the per-row check.
void CsvRecords::NotePiece(std::string_view text) {
  has_nul_ = has_nul_ || std::memchr(text.data(), '\0', text.size()) != nullptr;
}

bool CsvRecords::Next() {
  while (!reader_.Next()) {
    if (!reader_.needs_more() || !failure_.empty()) return false;
    const Status read = chunks_->Advance(reader_.offset());
    if (!read.ok()) {
      failure_ = MessageOfText(read.message());
      return false;
    }
    NotePiece(chunks_->text());
    reader_.Continue(chunks_->text(), !chunks_->at_end());
  }
  return true;
}

}  // namespace agencykpi
