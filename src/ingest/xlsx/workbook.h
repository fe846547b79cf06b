// An XLSX workbook opened for reading (SPEC §1.4): its sheets in order,
// its shared strings, the number formats of its cell styles and its date
// system, read once; each sheet is then read as records, as a stream
// (sheet_records.h). A .xls, an encrypted or an OpenDocument file, a zip
// that is no workbook and a damaged part are refused with a message that
// says what to do. Macros of a .xlsm are never read.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "ingest/chunked_text.h"
#include "ingest/messages.h"
#include "ingest/record_source.h"
#include "ingest/xlsx/cell_values.h"

namespace agencykpi {

struct SheetInfo {
  std::string name;  // as the workbook names it ("Factures")
  std::string part;  // its part in the zip ("xl/worksheets/sheet2.xml")
};

// The texts of the shared-string table, one after the other.
struct SharedStrings {
  std::string text;
  std::vector<uint64_t> ends;  // string i is text[ends[i-1], ends[i])
  [[nodiscard]] size_t size() const { return ends.size(); }
  [[nodiscard]] std::string_view at(size_t i) const {
    const uint64_t begin = i == 0 ? 0 : ends[i - 1];
    return std::string_view(text).substr(begin, ends[i] - begin);
  }
};

class Workbook : public std::enable_shared_from_this<Workbook> {
 public:
  // Reads the workbook held by `bytes`; nullptr with the message in `error`
  // when it cannot be read. Thread-safe once open: sheets may be read at
  // the same time.
  static std::shared_ptr<const Workbook> Open(std::shared_ptr<FileBytes> bytes, Message& error);

  [[nodiscard]] const std::vector<SheetInfo>& sheets() const { return sheets_; }
  // Sheet `index`'s records, read with a zip handle of their own (they keep
  // the workbook alive); nullptr
  // with `error` set when its part cannot be opened.
  std::unique_ptr<RecordSource> OpenSheet(size_t index, Message& error) const;

  [[nodiscard]] bool date1904() const { return date1904_; }
  [[nodiscard]] const SharedStrings& shared_strings() const { return strings_; }
  // The kind of number format of cell style `style` (kNumber when unknown).
  [[nodiscard]] NumberFormatKind FormatOfStyle(size_t style) const {
    return style < style_formats_.size() ? style_formats_[style] : NumberFormatKind::kNumber;
  }

 private:
  Workbook() = default;
  std::shared_ptr<FileBytes> bytes_;
  std::vector<SheetInfo> sheets_;
  SharedStrings strings_;
  std::vector<NumberFormatKind> style_formats_;
  bool date1904_ = false;
};

// What a file that should be a workbook is, from its first bytes: an OLE
// compound file is a .xls or (holding an EncryptedPackage) a workbook
// saved with a password; anything but a zip is no workbook. Empty when it
// may be one.
Message SniffWorkbook(FileBytes& bytes);

}  // namespace agencykpi
