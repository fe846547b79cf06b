#include "ingest/xlsx/sheet_records.h"

#include <charconv>

#include "common/date.h"
#include "ingest/csv_reader.h"
#include "ingest/limits.h"
#include "ingest/xlsx/cell_values.h"
#include "ingest/xlsx/text_escapes.h"
#include "ingest/xlsx/workbook.h"

namespace agencykpi {
namespace {

enum class CellType { kNumber, kSharedString, kInlineString, kFormulaString, kBoolean, kError, kIsoDate };

CellType TypeOf(std::string_view t) {
  if (t == "s") return CellType::kSharedString;
  if (t == "inlineStr") return CellType::kInlineString;
  if (t == "str") return CellType::kFormulaString;
  if (t == "b") return CellType::kBoolean;
  if (t == "e") return CellType::kError;
  if (t == "d") return CellType::kIsoDate;
  return CellType::kNumber;
}

template <typename T>
std::optional<T> ParseNumber(std::string_view text) {
  T value{};
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc() || end != text.data() + text.size()) return std::nullopt;
  return value;
}

constexpr size_t kIsoDateLength = 10;  // YYYY-MM-DD

}  // namespace

// The sheet's XML events: <sheetData><row r="2"><c r="B2" t="s" s="3"><v>…</v></c>…
class SheetRecords::Parser final : public XmlHandler {
 public:
  Parser(const Workbook& book, SheetRecords& records) : book_(book), records_(records) {}

  void set_stream(XmlStream* stream) { stream_ = stream; }

  void Start(std::string_view name, const XmlAttributes& attributes) override {
    if (name == "sheetData") {
      in_data_ = true;
    } else if (!in_data_) {
      return;
    } else if (name == "row") {
      StartRow(attributes.Get("r"));
    } else if (name == "c") {
      StartCell(attributes);
    } else if (!in_cell_) {
      return;
    } else if (name == "v") {
      capture_ = true;
    } else if (name == "is") {
      in_inline_ = true;
    } else if (name == "t" && in_inline_) {
      capture_ = true;
    } else if (name == "rPh") {
      ++in_phonetic_;
    }
  }

  void End(std::string_view name) override {
    if (name == "sheetData") {
      in_data_ = false;
    } else if (name == "row" && in_row_) {
      FinishRow();
    } else if (name == "c" && in_cell_) {
      FinishCell();
    } else if (name == "v" || name == "t") {
      capture_ = false;
    } else if (name == "is") {
      in_inline_ = false;
    } else if (name == "rPh") {
      --in_phonetic_;
    }
  }

  void Text(std::string_view text) override {
    if (capture_ && in_phonetic_ == 0) value_ += text;
  }

 private:
  void StartRow(std::string_view r) {
    in_row_ = true;
    Row& row = building_;
    row.text.clear();
    row.ends.clear();
    row.error = Message();
    row.error_field = 0;
    const int64_t number = ParseNumber<int64_t>(r).value_or(last_row_ + 1);
    if (number <= last_row_) {
      SetError(RecordSource::kNoField,
               Message(MessageId::kXlsxRowOrder, {std::to_string(number), std::to_string(last_row_)}));
    }
    row.number = std::max(number, last_row_ + 1);
    last_row_ = row.number;
    last_column_ = -1;
  }

  void StartCell(const XmlAttributes& attributes) {
    if (!in_row_) StartRow({});  // a cell outside a row: damaged, read as its own row
    in_cell_ = true;
    value_.clear();
    type_ = TypeOf(attributes.Get("t"));
    style_ = ParseNumber<size_t>(attributes.Get("s")).value_or(0);
    const std::string_view reference = attributes.Get("r");
    const std::optional<size_t> column = reference.empty() ? std::nullopt : ColumnOfCell(reference);
    column_ = column ? static_cast<int64_t>(*column) : last_column_ + 1;
    last_column_ = column_;
    if (++cells_ > kMaxSheetCells) {
      stream_->Fail(Message(MessageId::kXlsxLimit, {"more than " + std::to_string(kMaxSheetCells) +
                                                    " cells in the sheet"}));
    }
  }

  void SetError(size_t field, Message message) {
    if (!building_.error.empty()) return;
    building_.error = std::move(message);
    building_.error_field = field;
  }

  // The cell's text as a CSV field would hold it, or an error.
  void CellText(std::string& out) {
    switch (type_) {
      case CellType::kSharedString: {
        const std::optional<size_t> index = ParseNumber<size_t>(value_);
        const SharedStrings& strings = book_.shared_strings();
        if (!index || *index >= strings.size()) {
          SetError(static_cast<size_t>(column_), Message(MessageId::kXlsxBadSharedString, {value_}));
          return;
        }
        out = strings.at(*index);
        return;
      }
      case CellType::kInlineString:
      case CellType::kFormulaString:
        AppendDecoded(value_, out);
        return;
      case CellType::kBoolean:
        out = value_ == "1" || value_ == "true" ? "1" : "0";
        return;
      case CellType::kError:
        SetError(static_cast<size_t>(column_), Message(MessageId::kXlsxErrorCell, {value_}));
        return;
      case CellType::kIsoDate:
        out = value_.substr(0, std::min(value_.size(), kIsoDateLength));
        return;
      case CellType::kNumber:
        break;
    }
    if (value_.empty()) return;  // a formula never computed, a styled empty cell
    switch (book_.FormatOfStyle(style_)) {
      case NumberFormatKind::kDate: {
        Message error;
        const std::optional<Day> day = DateOfSerial(value_, book_.date1904(), error);
        if (!day) {
          SetError(static_cast<size_t>(column_), std::move(error));
          return;
        }
        out = FormatDate(*day);
        return;
      }
      case NumberFormatKind::kTime:
        if (auto hours = HoursOfTimeCell(value_)) {
          out = std::move(*hours);
          return;
        }
        break;
      case NumberFormatKind::kNumber:
        if (auto number = NumberCellText(value_)) {
          out = std::move(*number);
          return;
        }
        break;
    }
    SetError(static_cast<size_t>(column_), Message(MessageId::kXlsxBadNumber, {value_}));
  }

  void FinishCell() {
    in_cell_ = false;
    capture_ = false;
    in_inline_ = false;
    in_phonetic_ = 0;
    cell_.clear();
    CellText(cell_);
    Row& row = building_;
    const size_t column = static_cast<size_t>(column_);
    if (column < row.ends.size()) {
      SetError(column, Message(MessageId::kXlsxCellTwice));
      return;
    }
    if (column >= kMaxColumns) {
      // Past the widest table: refused only when it holds something.
      if (!TrimValue(cell_).empty()) {
        SetError(RecordSource::kNoField, Message(MessageId::kTooManyColumns, {std::to_string(kMaxColumns)}));
      }
      return;
    }
    if (cell_.empty()) return;  // an empty cell is absent: no field needed
    while (row.ends.size() < column) row.ends.push_back(static_cast<uint32_t>(row.text.size()));
    if (row.text.size() + cell_.size() > kMaxRecordBytes) {
      SetError(column, Message(MessageId::kRowTooLong, {"1 MiB"}));
      return;
    }
    row.text += cell_;
    row.ends.push_back(static_cast<uint32_t>(row.text.size()));
  }

  void FinishRow() {
    in_row_ = false;
    std::vector<Row>& rows = records_.rows_;
    if (records_.ready_ == rows.size()) rows.emplace_back();
    std::swap(rows[records_.ready_], building_);
    ++records_.ready_;
  }

  const Workbook& book_;
  SheetRecords& records_;
  XmlStream* stream_ = nullptr;
  Row building_;
  bool in_data_ = false;
  bool in_row_ = false;
  bool in_cell_ = false;
  bool in_inline_ = false;
  bool capture_ = false;
  int in_phonetic_ = 0;
  int64_t last_row_ = 0;
  int64_t last_column_ = -1;
  int64_t column_ = 0;
  CellType type_ = CellType::kNumber;
  size_t style_ = 0;
  uint64_t cells_ = 0;
  std::string value_;  // the cell's <v> or inline text, as written
  std::string cell_;   // the cell's text, as a CSV field
};

SheetRecords::SheetRecords(std::shared_ptr<const Workbook> book, std::unique_ptr<ZipArchive> zip,
                           std::unique_ptr<ZipPart> part)
    : book_(std::move(book)), zip_(std::move(zip)), part_(std::move(part)) {
  parser_ = std::make_unique<Parser>(*book_, *this);
  stream_ = std::make_unique<XmlStream>(*part_, *parser_);
  parser_->set_stream(stream_.get());
}

SheetRecords::~SheetRecords() = default;

bool SheetRecords::Next() {
  for (;;) {
    while (next_ == ready_) {
      if (!failure_.empty() || stream_->at_end()) return false;
      next_ = 0;
      ready_ = 0;
      if (!stream_->Step() && !stream_->error().empty()) {
        failure_ = stream_->error();
        return false;
      }
    }
    current_ = &rows_[next_++];
    fields_.clear();
    uint32_t begin = 0;
    for (const uint32_t end : current_->ends) {
      fields_.push_back(std::string_view(current_->text).substr(begin, end - begin));
      begin = end;
    }
    // Rows above the header that hold nothing (styled, emptied) are skipped:
    // the header is the first row with a value.
    if (!header_seen_ && blank()) continue;
    header_seen_ = true;
    return true;
  }
}

int64_t SheetRecords::line() const { return current_ == nullptr ? 0 : current_->number; }

bool SheetRecords::blank() const {
  if (current_ == nullptr || !current_->error.empty()) return false;
  for (const std::string_view field : fields_) {
    if (!TrimValue(field).empty()) return false;
  }
  return true;
}

const Message& SheetRecords::error_message() const {
  static const Message kNone;
  return current_ == nullptr ? kNone : current_->error;
}

size_t SheetRecords::error_field() const { return current_ == nullptr ? 0 : current_->error_field; }

uint64_t SheetRecords::bytes_done() const {
  const uint64_t declared = part_->declared_size();
  if (declared == 0) return 0;
  const double share = static_cast<double>(std::min(part_->inflated(), declared)) / static_cast<double>(declared);
  return static_cast<uint64_t>(share * static_cast<double>(part_->compressed_size()));
}

std::string SheetRecords::Place(size_t field) const {
  const std::string row = std::to_string(line());
  if (field == kNoField) return row + ":" + row;
  return ColumnLetters(field) + row;
}

}  // namespace agencykpi
