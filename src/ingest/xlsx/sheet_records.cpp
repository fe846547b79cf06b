#include "ingest/xlsx/sheet_records.h"

#include <atomic>
#include <charconv>
#include <condition_variable>
#include <map>
#include <mutex>
#include <thread>

#include "common/date.h"
#include "ingest/csv_reader.h"
#include "ingest/limits.h"
#include "ingest/xlsx/cell_values.h"
#include "ingest/xlsx/text_escapes.h"
#include "ingest/xlsx/sheet_pieces.h"
#include "ingest/xlsx/workbook.h"
#include "ingest/xlsx/xml_stream.h"

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
// Pieces parsed ahead of the reader, and the threads that parse them.
constexpr size_t kPiecesAhead = 4;
constexpr size_t kParseThreads = 2;

// The share of the part inflated so far, in compressed bytes (what the
// progress bar's total counts).
uint64_t CompressedBytesRead(const ZipPart& part) {
  if (part.declared_size() == 0) return 0;
  const double share =
      static_cast<double>(std::min(part.inflated(), part.declared_size())) / static_cast<double>(part.declared_size());
  return static_cast<uint64_t>(share * static_cast<double>(part.compressed_size()));
}

}  // namespace

// The sheet's XML events: <sheetData><row r="2"><c r="B2" t="s" s="3"><v>…</v></c>…
// One piece's rows go to `out`; numbering and order across pieces are the
// reader's (SheetRecords::Next), which sees the pieces in order.
class SheetRecords::Parser final : public XmlHandler {
 public:
  Parser(const Workbook& book, Batch& out) : book_(book), out_(out) {}

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
    Row& row = out_.rows.emplace_back();
    row.number = std::max<int64_t>(ParseNumber<int64_t>(r).value_or(0), 0);
    if (row.number > kSheetRows) {
      // No producer writes one; read as the row after the last, and refused.
      SetError(RecordSource::kNoField, Message(MessageId::kXlsxRowNumber, {std::string(r), std::to_string(kSheetRows)}));
      row.number = 0;
    }
    row.text_begin = static_cast<uint32_t>(out_.text.size());
    row.first_end = static_cast<uint32_t>(out_.ends.size());
    last_column_ = -1;
  }

  void StartCell(const XmlAttributes& attributes) {
    if (!in_row_) StartRow({});  // a cell outside a row: damaged, read as its own row
    in_cell_ = true;
    value_.clear();
    std::string_view type;
    std::string_view style;
    std::string_view reference;
    attributes.Visit([&](std::string_view name, std::string_view value) {
      if (name.size() != 1) return;
      if (name[0] == 't') type = value;
      if (name[0] == 's') style = value;
      if (name[0] == 'r') reference = value;
    });
    type_ = TypeOf(type);
    style_ = ParseNumber<size_t>(style).value_or(0);
    const std::optional<size_t> column = reference.empty() ? std::nullopt : ColumnOfCell(reference);
    column_ = column ? static_cast<int64_t>(*column) : last_column_ + 1;
    last_column_ = column_;
    ++out_.cells;
  }

  void SetError(size_t field, Message message) {
    Row& row = out_.rows.back();
    if (!row.error.empty()) return;
    row.error = std::move(message);
    row.error_field = field;
  }

  // Appends the cell's text as a CSV field would hold it to `out`; or, on
  // an error, nothing.
  void CellText(std::string& out) {
    switch (type_) {
      case CellType::kSharedString: {
        const std::optional<size_t> index = ParseNumber<size_t>(value_);
        const SharedStrings& strings = book_.shared_strings();
        if (!index || *index >= strings.size()) {
          SetError(static_cast<size_t>(column_), Message(MessageId::kXlsxBadSharedString, {value_}));
          return;
        }
        out += strings.at(*index);
        return;
      }
      case CellType::kInlineString:
      case CellType::kFormulaString:
        AppendDecoded(value_, out);
        return;
      case CellType::kBoolean:
        out += value_ == "1" || value_ == "true" ? "1" : "0";
        return;
      case CellType::kError:
        SetError(static_cast<size_t>(column_), Message(MessageId::kXlsxErrorCell, {value_}));
        return;
      case CellType::kIsoDate:
        out.append(value_, 0, std::min(value_.size(), kIsoDateLength));
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
        out += FormatDate(*day);
        return;
      }
      case NumberFormatKind::kTime:
        if (auto hours = HoursOfTimeCell(value_)) {
          out += *hours;
          return;
        }
        break;
      case NumberFormatKind::kNumber:
        if (auto number = NumberCellText(value_)) {
          out += *number;
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
    Row& row = out_.rows.back();
    std::string& text = out_.text;
    const size_t column = static_cast<size_t>(column_);
    if (column < row.fields) {
      SetError(column, Message(MessageId::kXlsxCellTwice));
      return;
    }
    if (column >= kMaxColumns) {
      // Past the widest table: refused only when it holds something.
      cell_.clear();
      CellText(cell_);
      if (!TrimValue(cell_).empty()) {
        SetError(RecordSource::kNoField, Message(MessageId::kTooManyColumns, {std::to_string(kMaxColumns)}));
      }
      return;
    }
    const size_t start = text.size();
    CellText(text);  // straight into the batch: no copy per cell
    if (text.size() == start) return;  // an empty cell is absent: no field needed
    if (text.size() - row.text_begin > kMaxRecordBytes) {
      text.resize(start);
      SetError(column, Message(MessageId::kRowTooLong, {"1 MiB"}));
      return;
    }
    for (; row.fields < column; ++row.fields) out_.ends.push_back(static_cast<uint32_t>(start));  // empty cells before it
    out_.ends.push_back(static_cast<uint32_t>(text.size()));
    ++row.fields;
  }

  void FinishRow() { in_row_ = false; }

  const Workbook& book_;
  Batch& out_;
  bool in_data_ = false;
  bool in_row_ = false;
  bool in_cell_ = false;
  bool in_inline_ = false;
  bool capture_ = false;
  int in_phonetic_ = 0;
  int64_t last_column_ = -1;
  int64_t column_ = 0;
  CellType type_ = CellType::kNumber;
  size_t style_ = 0;
  std::string value_;  // the cell's <v> or inline text, as written
  std::string cell_;   // the cell's text, as a CSV field
};

// The threads that cut and parse the pieces: each takes the next piece
// (cutting is sequential, under the lock), parses it alone, and files its
// batch by number; the reader takes batches in number order. No thread
// runs more than kPiecesAhead pieces ahead of the reader.
class SheetRecords::Workers {
 public:
  Workers(const Workbook& book, std::unique_ptr<ZipPart> part) : book_(book), pieces_(std::move(part)) {
    for (size_t i = 0; i < kParseThreads; ++i) threads_.emplace_back([this] { Run(); });
  }
  ~Workers() {
    {
      const std::lock_guard lock(mutex_);
      stop_ = true;
    }
    changed_.notify_all();
    for (std::thread& thread : threads_) thread.join();
  }
  Workers(const Workers&) = delete;
  Workers& operator=(const Workers&) = delete;

  // The next batch in order; waits for it.
  Batch Take() {
    std::unique_lock lock(mutex_);
    changed_.wait(lock, [&] { return parsed_.contains(taken_); });
    Batch batch = std::move(parsed_.at(taken_));
    parsed_.erase(taken_++);
    lock.unlock();
    changed_.notify_all();
    return batch;
  }

  // Read without the lock: the reader asks on every row.
  [[nodiscard]] uint64_t bytes_done() const { return bytes_done_.load(std::memory_order_relaxed); }

 private:
  void Run() {
    std::string xml;
    for (;;) {
      int64_t line_offset = 0;
      Batch batch;
      uint64_t number = 0;
      {
        std::unique_lock lock(mutex_);
        changed_.wait(lock, [&] { return stop_ || cut_all_ || next_ < taken_ + kPiecesAhead; });
        if (stop_ || cut_all_) return;
        number = next_++;
        Message error;
        const bool cut = pieces_.Next(xml, line_offset, error);
        bytes_done_.store(CompressedBytesRead(pieces_.part()), std::memory_order_relaxed);
        if (!cut) {
          // The end, or a damaged part: either way the last batch.
          cut_all_ = true;
          batch.error = std::move(error);
          batch.end = true;
          parsed_.emplace(number, std::move(batch));
          lock.unlock();
          changed_.notify_all();
          return;
        }
      }
      Parser parser(book_, batch);
      batch.error = XmlStream::ParseText(xml, pieces_.part().name(), line_offset, parser);
      {
        const std::lock_guard lock(mutex_);
        parsed_.emplace(number, std::move(batch));
      }
      changed_.notify_all();
    }
  }

  const Workbook& book_;
  mutable std::mutex mutex_;
  std::condition_variable changed_;
  SheetPieces pieces_;               // guarded by mutex_
  std::map<uint64_t, Batch> parsed_;  // by piece number; guarded by mutex_
  uint64_t next_ = 0;                // the next piece to cut; guarded by mutex_
  uint64_t taken_ = 0;               // the next batch the reader takes; guarded by mutex_
  bool cut_all_ = false;             // no piece left to cut; guarded by mutex_
  bool stop_ = false;                // guarded by mutex_
  std::atomic<uint64_t> bytes_done_{0};
  std::vector<std::thread> threads_;
};

SheetRecords::SheetRecords(std::shared_ptr<const Workbook> book, std::unique_ptr<ZipArchive> zip,
                           std::unique_ptr<ZipPart> part)
    : book_(std::move(book)), zip_(std::move(zip)), workers_(std::make_unique<Workers>(*book_, std::move(part))) {}

// The workers go first: they read the part, which the zip holds.
SheetRecords::~SheetRecords() { workers_.reset(); }

bool SheetRecords::Next() {
  for (;;) {
    while (next_ == batch_.rows.size()) {
      if (ended_ || !failure_.empty()) return false;
      batch_ = workers_->Take();
      next_ = 0;
      ended_ = batch_.end;
      cells_ += batch_.cells;
      if (!batch_.error.empty()) {
        failure_ = batch_.error;
        return false;
      }
      if (cells_ > kMaxSheetCells) {
        failure_ = Message(MessageId::kXlsxLimit, {"more than " + std::to_string(kMaxSheetCells) + " cells in the sheet"});
        return false;
      }
    }
    Row& row = batch_.rows[next_++];
    // A row without its number is the one after the last; a number not
    // after the last is a damaged sheet.
    if (row.number == 0) {
      row.number = last_row_ + 1;
    } else if (row.number <= last_row_) {
      if (row.error.empty()) {
        row.error = Message(MessageId::kXlsxRowOrder, {std::to_string(row.number), std::to_string(last_row_)});
        row.error_field = kNoField;
      }
      row.number = last_row_ + 1;
    }
    last_row_ = row.number;
    current_ = &row;
    fields_.clear();
    const std::string_view text = batch_.text;
    uint32_t begin = row.text_begin;
    for (uint32_t i = 0; i < row.fields; ++i) {
      const uint32_t end = batch_.ends[row.first_end + i];
      fields_.push_back(text.substr(begin, end - begin));
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

uint64_t SheetRecords::bytes_done() const { return workers_->bytes_done(); }

std::string SheetRecords::Place(size_t field) const {
  const std::string row = std::to_string(line());
  if (field == kNoField) return row + ":" + row;
  return ColumnLetters(field) + row;
}

}  // namespace agencykpi
