#include "ingest/agency_reader.h"

#include <algorithm>
#include <array>
#include <cerrno>
#include <cstring>
#include <deque>
#include <fstream>
#include <functional>
#include <map>
#include <limits>
#include <numeric>
#include <span>
#include <string_view>
#include <system_error>
#include <unordered_map>
#include <unordered_set>
#include <utility>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include "common/executor.h"
#include "common/memory.h"
#include "domain/catalogue.h"
#include "domain/dataset_binding.h"
#include "ingest/csv_reader.h"
#include "ingest/csv_records.h"
#include "ingest/hints.h"
#include "ingest/limits.h"
#include "ingest/messages.h"
#include "ingest/record_source.h"
#include "ingest/sheet_names.h"
#include "ingest/value_parser.h"
#include "ingest/xlsx/workbook.h"

namespace agencykpi {
namespace {

// Units and rules of the format (the limits are in limits.h).
constexpr uint64_t kProgressStep = 64 * 1024;     // bytes between progress calls
static_assert(kMaxRowsPerFile < static_cast<size_t>(std::numeric_limits<RowId>::max()));
static_assert((kCancelCheckRows & (kCancelCheckRows - 1)) == 0, "a power of two: checked with a mask");
constexpr size_t kMaxMetricKeyLength = 64;
constexpr int64_t kMaxEntryHours = 2400;  // hundredths: 24 h
constexpr int64_t kMaxDayHours = 2400;    // more than this in one day is a warning
constexpr int64_t kMinComplexity = 1;
constexpr int64_t kMaxComplexity = 5;
constexpr int64_t kMaxWeeklyHours = 8000;  // hundredths: 80 h a week

// The tables, their files, columns and reading order are the catalogue's
// (domain/catalogue.h); the files named here have hand-written rules.
constexpr std::string_view FileOf(std::string_view table) { return kCatalogue[TableIndex(table)].file; }
constexpr std::string_view kCostRatesFile = FileOf("cost_rates");

// The table of the bulk (time entries): the tables before it are read one
// after the other, the ones after it on a second core while it is read, so
// those may refer only to tables before it.
constexpr size_t kBulkTable = TableIndex("time_entries");
// The fact tables, the bulk and the ones after it, are read in pieces: no
// table refers to their rows, so nothing needs their text once a row is read.
constexpr bool ReadInPieces(size_t table) { return table >= kBulkTable; }

std::string Quoted(std::string_view text) { return QuoteValue(text); }

// The file extensions a table may come as; only CSV is read for now.
enum class FileKind { kCsv, kXlsx, kXls, kOds };
struct FileExtension {
  std::string_view extension;  // lowercase, with the dot
  FileKind kind;
};
// A .xlsm is a workbook with macros, which are never read.
constexpr std::array<FileExtension, 5> kTableExtensions = {{
    {".csv", FileKind::kCsv},
    {".xlsx", FileKind::kXlsx},
    {".xlsm", FileKind::kXlsx},
    {".xls", FileKind::kXls},
    {".ods", FileKind::kOds},
}};

std::string LowerAscii(std::string_view text) {
  std::string out(text);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

// The kind of a file name by its extension (any case), or nullopt when it
// is no table format; `stem` gets the lowercase name without the extension.
std::optional<FileKind> KindOfFileName(std::string_view name, std::string* stem) {
  const std::string lower = LowerAscii(name);
  for (const FileExtension& format : kTableExtensions) {
    if (lower.size() > format.extension.size() && lower.ends_with(format.extension)) {
      *stem = lower.substr(0, lower.size() - format.extension.size());
      return format.kind;
    }
  }
  return std::nullopt;
}

std::string JoinNames(std::span<const std::string_view> names) {
  std::string out;
  for (const std::string_view name : names) {
    if (!out.empty()) out += ", ";
    out += name;
  }
  return out;
}

// "7.50": hundredths of an hour.
std::string FormatHours(int64_t hundredths) { return FormatCents(hundredths); }

// Diagnostics of one kind, capped: past the cap they are only counted.
class DiagnosticList {
 public:
  // `summary`: the message of the line past the cap ("N errors, the first 1000 shown").
  explicit DiagnosticList(MessageId summary) : summary_(summary) {}

  // File and column may come from the input: they are cut like values.
  void Add(std::string_view file, int64_t line, std::string_view column, Message message, Message hint = {}) {
    AddAt(file, line, {}, column, std::move(message), std::move(hint));
  }
  // The same in a sheet: `cell` is the cell ("C12") or the row ("12:12").
  void AddAt(std::string_view file, int64_t line, std::string cell, std::string_view column, Message message,
             Message hint = {}) {
    ++count_;
    if (items_.size() < kMaxReportedDiagnostics) {
      items_.push_back(Diagnostic{EchoValue(file), line, EchoValue(column), std::move(message), std::move(hint),
                                  std::move(cell)});
    }
  }
  // Whether one more diagnostic would be shown (hints are only worked out then).
  [[nodiscard]] bool shows_more() const { return items_.size() < kMaxReportedDiagnostics; }
  [[nodiscard]] size_t size() const { return items_.size(); }
  [[nodiscard]] size_t count() const { return count_; }

  // Adds another list's diagnostics after these, under the same cap.
  void Append(DiagnosticList&& other) {
    for (Diagnostic& item : other.items_) {
      if (items_.size() >= kMaxReportedDiagnostics) break;
      items_.push_back(std::move(item));
    }
    count_ += other.count_;
  }

  // Puts the diagnostics added since `begin` (one file's) in line order.
  void SortFrom(size_t begin) {
    std::stable_sort(items_.begin() + static_cast<std::ptrdiff_t>(begin), items_.end(),
                     [](const Diagnostic& a, const Diagnostic& b) { return a.line < b.line; });
  }

  std::vector<Diagnostic> Finish() && {
    if (count_ > items_.size()) {
      items_.push_back(
          Diagnostic{"", 0, "", Message(summary_, {GroupThousands(count_), std::to_string(items_.size())}), {}, {}});
    }
    return std::move(items_);
  }

 private:
  MessageId summary_;
  std::vector<Diagnostic> items_;
  size_t count_ = 0;
};

// Hours per (employee, day) for the more-than-24-hours warning. Each
// employee gets a dense array of days from a base day (its first cost rate,
// before which no entry is valid), grown as later days come: ten million
// entries over two years of five thousand employees fill about 3.6 million
// two-byte counters, with no hashing. Days before the base, or too far after it
// (a mistyped year), go to a map.
class DayHours {
 public:
  explicit DayHours(size_t employees) : days_(employees), base_(employees, 0) {}

  // Adds `hours` (at most kMaxEntryHours) to (employee, day) and returns
  // the new total, exact while the total before was at most kMaxDayHours
  // (past that it only needs to stay above it).
  int64_t Add(RowId employee, Day base, Day day, int64_t hours) {
    const auto e = static_cast<size_t>(employee);
    std::vector<int16_t>& days = days_[e];
    if (days.empty()) base_[e] = base;
    const int64_t offset = static_cast<int64_t>(day) - base_[e];
    if (offset < 0 || offset >= kMaxDenseDays) {
      const uint64_t key = (static_cast<uint64_t>(e) << 32) | static_cast<uint32_t>(day);
      return overflow_[key] += hours;
    }
    const auto at = static_cast<size_t>(offset);
    if (at >= days.size()) days.resize(std::max(at + 1, days.size() * 2), 0);
    const int64_t total = days[at] + hours;
    days[at] = static_cast<int16_t>(std::min(total, kSaturatedDayHours));
    return total;
  }

 private:
  static constexpr int64_t kMaxDenseDays = 366 * 40;
  // A day's count stops there: above kMaxDayHours by more than one entry, so
  // a day once past it stays past it after any entry.
  static constexpr int64_t kSaturatedDayHours = kMaxDayHours + kMaxEntryHours;
  static_assert(kSaturatedDayHours <= std::numeric_limits<int16_t>::max());
  std::vector<std::vector<int16_t>> days_;  // per employee, hundredths per day from base_ (saturated)
  std::vector<Day> base_;
  std::unordered_map<uint64_t, int64_t> overflow_;
};

// Identifier → row, as an open-addressing table whose slots hold the hash,
// the row and (for ids of up to 16 bytes, the common case) the id itself:
// one cache line per lookup, where a node-based map would chase pointers per
// row (ten million time entries look up two ids each). Longer ids are
// copied into blocks the map owns, so the text they came from need not stay.
class IdMap {
 public:
  // The row of `id`, or kNoRow.
  [[nodiscard]] RowId Find(std::string_view id) const {
    if (slots_.empty()) return kNoRow;
    const uint64_t hash = Hash(id);
    for (size_t i = hash & mask_;; i = (i + 1) & mask_) {
      const Slot& slot = slots_[i];
      if (slot.row == kEmpty) return kNoRow;
      if (slot.hash == hash && Holds(slot, id)) return slot.row;
    }
  }

  // Adds id → row and returns kNoRow, or returns the row already holding id.
  RowId Insert(std::string_view id, RowId row) {
    if ((used_ + 1) * 2 > slots_.size()) Grow();
    const uint64_t hash = Hash(id);
    size_t i = hash & mask_;
    for (;; i = (i + 1) & mask_) {
      const Slot& slot = slots_[i];
      if (slot.row == kEmpty) break;
      if (slot.hash == hash && Holds(slot, id)) return slot.row;
    }
    Slot& slot = slots_[i];
    slot.hash = hash;
    slot.row = row;
    slot.length = static_cast<uint32_t>(id.size());
    if (id.size() <= kInlineBytes) {
      std::memcpy(slot.inline_text, id.data(), id.size());
    } else {
      slot.text = Keep(id);
    }
    ++used_;
    return kNoRow;
  }

 private:
  static constexpr RowId kEmpty = -2;
  static constexpr size_t kInitialSlots = 64;
  static constexpr size_t kInlineBytes = 16;
  static constexpr size_t kLongIdBlockBytes = 64 * 1024;
  static_assert(kLongIdBlockBytes >= kMaxIdentifierLength);
  struct Slot {
    uint64_t hash = 0;
    const char* text = nullptr;  // in long_ids_, for ids longer than kInlineBytes
    uint32_t length = 0;
    RowId row = kEmpty;
    char inline_text[kInlineBytes] = {};
  };

  static bool Holds(const Slot& slot, std::string_view id) {
    if (slot.length != id.size()) return false;
    const char* text = id.size() <= kInlineBytes ? slot.inline_text : slot.text;
    return std::memcmp(text, id.data(), id.size()) == 0;
  }

  static uint64_t Hash(std::string_view id) { return std::hash<std::string_view>{}(id); }

  void Grow() {
    std::vector<Slot> old = std::move(slots_);
    slots_.assign(old.empty() ? kInitialSlots : old.size() * 2, Slot{});
    mask_ = slots_.size() - 1;
    for (const Slot& slot : old) {
      if (slot.row == kEmpty) continue;
      size_t i = slot.hash & mask_;
      while (slots_[i].row != kEmpty) i = (i + 1) & mask_;
      slots_[i] = slot;
    }
  }

  // A copy of `id` in long_ids_, which never moves.
  const char* Keep(std::string_view id) {
    if (long_ids_.empty() || long_id_bytes_ + id.size() > kLongIdBlockBytes) {
      long_ids_.push_back(std::make_unique<char[]>(kLongIdBlockBytes));
      long_id_bytes_ = 0;
    }
    char* copy = long_ids_.back().get() + long_id_bytes_;
    std::memcpy(copy, id.data(), id.size());
    long_id_bytes_ += id.size();
    return copy;
  }

  std::vector<Slot> slots_;  // size a power of two, at most half full
  size_t mask_ = 0;
  size_t used_ = 0;
  std::vector<std::unique_ptr<char[]>> long_ids_;  // blocks of kLongIdBlockBytes
  size_t long_id_bytes_ = 0;                       // used in the last block
};

// Identifier → row of a table with ids.
struct IdIndex {
  std::string_view file;
  std::string_view noun;  // "client", used in messages
  bool present = false;   // the file exists
  bool usable = true;     // its header was fine; if not, references are not checked
  IdMap rows;
  std::vector<int64_t> lines;  // line of each row
};

struct Progress {
  const ProgressFn* callback = nullptr;
  uint64_t total = 0;
  uint64_t done_before_file = 0;
  uint64_t last_reported = 0;

  void Report(uint64_t done) {
    if (callback == nullptr || !*callback) return;
    last_reported = done;
    (*callback)(done, total);
  }
};

// One table's file (a CSV file or a sheet) being read: header matching, row
// iteration, typed access to the current row's values, and diagnostics
// naming file, line (or cell) and column.
class Table {
 public:
  // `file` is the name diagnostics show (the file as the user named it, a
  // sheet as `BOOK.xlsx[Sheet]`).
  Table(std::string_view file, std::span<const ColumnDesc> columns, DiagnosticList& errors,
        DiagnosticList& warnings, Progress& progress, const CancelToken* cancel)
      : file_(file),
        columns_(columns),
        column_fields_(columns.size(), -1),
        errors_(errors),
        warnings_(warnings),
        progress_(progress),
        cancel_(cancel) {}

  // Reads the header from `records`, which outlive the table; false (with
  // errors reported) when the rows cannot be read. Linear in the header's
  // size: column names are hashed.
  bool Open(RecordSource& records) {
    records_ = &records;
    max_rows_ = static_cast<size_t>(std::min<uint64_t>(records.max_records(), kMaxRowsPerFile));
    if (!NextRecord()) {
      if (records.failure().empty()) errors_.Add(file_, 0, "", Message(MessageId::kFileEmpty));
      return false;
    }
    if (records.has_error()) {
      AddError(records.error_field(), "", records.error_message());
      return false;
    }
    if (records.blank()) {
      AddError(RecordSource::kNoField, "", Message(MessageId::kFirstLineBlank));
      return false;
    }
    const auto& names = records.fields();  // at most kMaxColumns: the reader refuses more
    bool ok = true;
    header_size_ = names.size();
    header_names_.clear();
    std::unordered_map<std::string, size_t> known;  // lowercase name → spec column
    for (size_t c = 0; c < columns_.size(); ++c) known.emplace(LowerAscii(columns_[c].name), c);
    std::unordered_set<std::string> seen;  // lowercase names so far
    std::vector<size_t> unknown;           // fields of unknown names
    for (size_t i = 0; i < names.size(); ++i) {
      const std::string_view name = TrimValue(names[i]);
      header_names_.emplace_back(name);
      if (name.empty()) continue;  // e.g. trailing separators of an Excel export
      if (records.may_hold_nul() && name.find('\0') != std::string_view::npos) {
        AddError(i, name, Message(MessageId::kColumnNameNul));
        ok = false;
        continue;
      }
      std::string lower = LowerAscii(name);
      const auto found = known.find(lower);
      if (!seen.insert(std::move(lower)).second) {
        AddError(i, name, Message(MessageId::kColumnTwice));
        ok = false;
        continue;
      }
      if (found != known.end()) {
        column_fields_[found->second] = static_cast<int>(i);
      } else {
        unknown.push_back(i);
      }
    }
    // An unknown name is often a column under another name ("montant HT",
    // "Client ID"): the hint names it, on the warning and on the error of
    // the missing column.
    std::vector<std::optional<size_t>> likely(unknown.size());
    for (size_t u = 0; u < unknown.size(); ++u) {
      const std::optional<size_t> column = LikelyColumn(header_names_[unknown[u]], columns_);
      if (column && column_fields_[*column] < 0) likely[u] = column;
      const Message hint = likely[u] ? Message(MessageId::kHintColumn, {std::string(columns_[*likely[u]].name)})
                                     : Message();
      warnings_.AddAt(file_, line(), records.Place(unknown[u]), header_names_[unknown[u]],
                      Message(MessageId::kUnknownColumn), hint);
    }
    for (size_t c = 0; c < columns_.size(); ++c) {
      if (columns_[c].required && column_fields_[c] < 0) {
        Message hint;
        for (size_t u = 0; u < unknown.size() && hint.empty(); ++u) {
          if (likely[u] == c) {
            hint = Message(MessageId::kHintMissingColumn,
                           {Quoted(header_names_[unknown[u]]), std::string(columns_[c].name)});
          }
        }
        AddError(RecordSource::kNoField, columns_[c].name, Message(MessageId::kMissingColumn), std::move(hint));
        ok = false;
      }
    }
    return ok;
  }

  // The most rows the file may give (a CSV file read in pieces: its line
  // starts; else 0): what its columns reserve, so that they never grow by
  // doubling (a copy, then twice the size).
  [[nodiscard]] size_t max_rows() const { return max_rows_; }

 private:
  // The next record; false at the end, or when the file cannot be read
  // further (an error says so).
  bool NextRecord() {
    if (records_->Next()) return true;
    if (!records_->failure().empty()) errors_.Add(file_, 0, "", records_->failure());
    return false;
  }

  // The finding of the current record at `field` (kNoField: the record).
  void AddError(size_t field, std::string_view column, Message message, Message hint = {}) {
    errors_.AddAt(file_, line(), records_->Place(field), column, std::move(message), std::move(hint));
  }

 public:

  // Moves to the next data row, skipping blank lines and reporting rows that
  // cannot be read as a whole (bad quoting, too many fields, a NUL byte).
  // False at the end, past kMaxRowsPerFile rows, or once the cancel token is
  // seen raised (looked at every kCancelCheckRows records; ReadAgency then
  // gives a cancelled outcome).
  bool NextRow() {
    while (NextRecord()) {
      if ((++records_read_ & (kCancelCheckRows - 1)) == 0 && IsCancelled(cancel_)) return false;
      const uint64_t done = progress_.done_before_file + records_->bytes_done();
      if (done - progress_.last_reported >= kProgressStep) progress_.Report(done);
      if (records_->blank()) continue;
      row_errors_ = errors_.count();
      row_unusable_ = false;
      if (records_->has_error()) {
        const size_t field = records_->error_field();
        AddError(field, field < header_names_.size() ? header_names_[field] : "", records_->error_message());
        continue;
      }
      const auto& fields = records_->fields();
      if (fields.size() > header_size_) {
        bool extra_empty = true;
        for (size_t i = header_size_; i < fields.size(); ++i) {
          extra_empty = extra_empty && TrimValue(fields[i]).empty();
        }
        if (!extra_empty) {
          AddError(RecordSource::kNoField, "",
                   Message(MessageId::kRowFieldCount, {std::to_string(fields.size()), std::to_string(header_size_)}));
          continue;
        }
      }
      if (records_->may_hold_nul() && !CheckNoNul()) continue;
      if (++rows_ > kMaxRowsPerFile) {
        AddError(RecordSource::kNoField, "", Message(MessageId::kTooManyRows, {GroupThousands(kMaxRowsPerFile)}));
        return false;
      }
      return true;
    }
    return false;
  }

  [[nodiscard]] int64_t line() const { return records_->line(); }
  [[nodiscard]] std::string_view file() const { return file_; }
  // No error was reported on the current row so far, and it refers to no
  // table left unread.
  [[nodiscard]] bool row_ok() const { return errors_.count() == row_errors_ && !row_unusable_; }

  // The trimmed value of a column; empty when absent.
  [[nodiscard]] std::string_view Text(size_t column) const {
    const int field = column_fields_[column];
    const auto& fields = records_->fields();
    if (field < 0 || static_cast<size_t>(field) >= fields.size()) return {};
    return TrimValue(fields[static_cast<size_t>(field)]);
  }

  void Error(size_t column, Message message, Message hint = {}) {
    errors_.AddAt(file_, line(), records_->Place(FieldOf(column)), columns_[column].name, std::move(message),
                  std::move(hint));
  }
  void Warning(size_t column, Message message) {
    warnings_.AddAt(file_, line(), records_->Place(FieldOf(column)), columns_[column].name, std::move(message));
  }
  // The field of a column of ours; kNoField when the file lacks it.
  [[nodiscard]] size_t FieldOf(size_t column) const {
    const int field = column_fields_[column];
    return field < 0 ? RecordSource::kNoField : static_cast<size_t>(field);
  }
  // A hint is only worked out for an error that is shown.
  [[nodiscard]] bool ShowsError() const { return errors_.shows_more(); }

  // The value, or nullopt when it is absent (an error if required).
  std::optional<std::string_view> Value(size_t column) {
    const std::string_view text = Text(column);
    if (!text.empty()) return text;
    if (columns_[column].required) Error(column, Message(MessageId::kMissingValue));
    return std::nullopt;
  }

  std::string String(size_t column) { return std::string(Value(column).value_or("")); }

  std::optional<std::string_view> Identifier(size_t column) {
    const auto text = Value(column);
    if (!text) return std::nullopt;
    if (!IsValidIdentifier(*text)) {
      Error(column, Message(MessageId::kInvalidIdentifier, {Quoted(*text)}));
      return std::nullopt;
    }
    return text;
  }

  std::optional<Day> Date(size_t column) {
    const auto text = Value(column);
    if (!text) return std::nullopt;
    const std::optional<Day> day = ParseDate(*text);
    if (!day) Error(column, Message(MessageId::kInvalidDate, {Quoted(*text)}), ShowsError() ? DateHint(*text) : Message());
    return day;
  }

  // A money, hours or quantity value, with the decimals of its kind.
  std::optional<int64_t> Decimal(size_t column) {
    const auto text = Value(column);
    if (!text) return std::nullopt;
    const int decimals = DecimalPlaces(columns_[column].kind);
    Message error;
    const bool comma = records_->decimal_comma();
    const std::optional<int64_t> value = ParseDecimal(*text, decimals, comma, error);
    if (!value) Error(column, std::move(error), ShowsError() ? NumberHint(*text, decimals, comma) : Message());
    return value;
  }

  std::optional<int64_t> Whole(size_t column) {
    const auto text = Value(column);
    if (!text) return std::nullopt;
    Message error;
    const std::optional<int64_t> value = ParseWholeNumber(*text, error);
    if (!value) Error(column, std::move(error), ShowsError() ? NumberHint(*text, 0, records_->decimal_comma()) : Message());
    return value;
  }

  // Index of the value in the column's values, case-insensitively.
  std::optional<size_t> Enum(size_t column) {
    const std::span<const std::string_view> names = columns_[column].values;
    const auto text = Value(column);
    if (!text) return std::nullopt;
    const std::optional<size_t> index = MatchName(*text, names);
    if (!index) {
      Error(column, Message(MessageId::kInvalidEnum, {std::string(columns_[column].name), Quoted(*text), JoinNames(names)}),
            ShowsError() ? EnumHint(*text, names) : Message());
    }
    return index;
  }

  // The row referred to; kNoRow when absent (an error if required), invalid
  // or unknown.
  RowId Reference(size_t column, const IdIndex& index) {
    const auto id = Identifier(column);
    if (!id) return kNoRow;
    const RowId found = index.rows.Find(*id);
    if (found != kNoRow) return found;
    if (!index.usable) {
      row_unusable_ = true;  // its table was refused: no cascade of "unknown" errors
    } else {
      Error(column, index.present ? Message(MessageId::kUnknownRow, {NounArg(index.noun), Quoted(*id)})
                                  : Message(MessageId::kUnknownRowNoFile,
                                            {NounArg(index.noun), Quoted(*id), std::string(index.file)}));
    }
    return kNoRow;
  }

  // Whether the current row is kept (its id registered, its values stored)
  // although it may hold errors: always when it has none, and while every
  // error is still shown, so that one bad cell does not cascade. Past that a
  // row with an error is only counted: millions of bad rows cost no memory
  // beyond the file's text (a later reference to such a row counts as one
  // more error).
  [[nodiscard]] bool Retains() const { return row_ok() || errors_.size() < kMaxReportedDiagnostics; }

  // Registers the row's id in `index` unless another row has it; true if
  // new. False without a word when the row is not retained (see Retains).
  bool AddId(size_t column, std::string_view id, RowId row, IdIndex& index) {
    if (!Retains()) return false;
    const RowId first = index.rows.Insert(id, row);
    if (first != kNoRow) {
      Error(column, Message(MessageId::kDuplicateId, {NounArg(index.noun), Quoted(id),
                                                      std::to_string(index.lines[static_cast<size_t>(first)])}));
      return false;
    }
    index.lines.push_back(line());
    return true;
  }

 private:
  // Reports every field of the current row holding a NUL byte; true if none.
  bool CheckNoNul() {
    bool ok = true;
    const auto& fields = records_->fields();
    for (size_t i = 0; i < fields.size(); ++i) {
      if (fields[i].find('\0') == std::string_view::npos) continue;
      AddError(i, i < header_names_.size() ? header_names_[i] : "", Message(MessageId::kValueNul));
      ok = false;
    }
    return ok;
  }

  std::string_view file_;
  std::span<const ColumnDesc> columns_;  // the catalogue's
  std::vector<int> column_fields_;  // spec column → field index, -1 if absent
  std::vector<std::string> header_names_;  // copied: the header's piece goes
  size_t header_size_ = 0;
  DiagnosticList& errors_;
  DiagnosticList& warnings_;
  Progress& progress_;
  const CancelToken* cancel_;
  RecordSource* records_ = nullptr;
  size_t max_rows_ = 0;
  size_t row_errors_ = 0;
  bool row_unusable_ = false;
  size_t rows_ = 0;
  size_t records_read_ = 0;  // records read, blank ones included
};

// The file of one table: its name as found, its bytes (a reference table's)
// or the file opened to be read in pieces (a fact table's) and, when
// converted from cp1252, its UTF-8 text; or its sheet in a workbook. All
// are released once read.
struct FileText {
  std::string name;                // as the user named it ("Invoices.csv", "agency.xlsx[Factures]")
  bool found = false;              // a file or sheet was read or opened
  std::optional<std::string> raw;  // its bytes, whole
  std::unique_ptr<FileBytes> bytes;  // its bytes, in pieces
  bool blocked = false;            // a file is there but cannot be read: an error says why
  std::string converted;
  std::shared_ptr<const Workbook> workbook;  // the table is this workbook's sheet `sheet`
  size_t sheet = 0;
};

// The one workbook of `names` when no file there is named after a table
// (an upload or a folder of nothing but `agency.xlsx`): the agency as one
// workbook, a sheet per table.
std::optional<std::string> LoneAgencyWorkbook(const std::vector<std::string>& names) {
  std::optional<std::string> book;
  for (const std::string& name : names) {
    std::string stem;
    const std::optional<FileKind> kind = KindOfFileName(name, &stem);
    if (!kind) continue;
    if (FindTable(stem) != nullptr) return std::nullopt;
    if (*kind != FileKind::kXlsx) continue;
    if (book) return std::nullopt;  // two workbooks: which one is meant is not guessed
    book = name;
  }
  return book;
}

// "clients.csv, contracts.csv, …": every table's file name.
std::string TableFileList() {
  std::string out;
  for (const TableDesc& table : Catalogue()) {
    if (!out.empty()) out += ", ";
    out += table.file;
  }
  return out;
}

// One value of the current row, read by its column's kind: `present` once
// it was given and valid; a number (date, decimal, integer, enum code), a
// text (id, text, metric key, a reference to the table's own rows) or a row.
struct Cell {
  bool present = false;
  int64_t number = 0;
  std::string_view text;
  RowId row = kNoRow;
};

constexpr size_t kMaxTableColumns = [] {
  size_t most = 0;
  for (const TableDesc& table : kCatalogue) most = std::max(most, table.columns.size());
  return most;
}();

// The current row of a table, read: its values by column, and the table to
// report errors on.
struct RowCells {
  Table& table;
  std::array<Cell, kMaxTableColumns> cells{};

  Cell& operator[](size_t column) { return cells[column]; }
  void Error(size_t column, Message message) { table.Error(column, std::move(message)); }
  // The value as written, for messages.
  [[nodiscard]] std::string Quote(size_t column) const { return Quoted(table.Text(column)); }
};

// Column positions of one table by name, at compile time:
// `constexpr ColumnsOf column("missions"); row[column("fee")]` (an unknown
// name fails the build).
struct ColumnsOf {
  size_t table;
  consteval explicit ColumnsOf(std::string_view name) : table(TableIndex(name)) {}
  consteval size_t operator()(std::string_view column) const {
    return ColumnIndex(kCatalogue[table].name, column);
  }
};

// The column of table T holding the row's own id; nullopt for tables without.
template <size_t T>
constexpr std::optional<size_t> kIdColumn = [] {
  for (size_t c = 0; c < kCatalogue[T].columns.size(); ++c) {
    if (kCatalogue[T].columns[c].kind == ColumnKind::kId) return std::optional<size_t>(c);
  }
  return std::optional<size_t>();
}();

// The value an optional column's literal default stands for: an enum's code
// or a whole number. (A default naming another column takes its value.)
constexpr int64_t DefaultNumber(const ColumnDesc& column) {
  if (column.kind == ColumnKind::kEnum) {
    for (size_t code = 0; code < column.values.size(); ++code) {
      if (EqualsIgnoringCase(column.values[code], column.default_value)) return static_cast<int64_t>(code);
    }
    throw "the default is none of the column's values";
  }
  if (column.kind != ColumnKind::kInteger) throw "a literal default only for enums and integers";
  int64_t value = 0;
  for (const char digit : column.default_value) {
    if (digit < '0' || digit > '9') throw "an integer default is written in digits";
    value = value * 10 + (digit - '0');
  }
  return value;
}

// "end date 2026-01-01 is before start date 2026-02-01" when it is.
void CheckDateOrder(RowCells& row, size_t start_column, size_t end_column) {
  const Cell& start = row[start_column];
  const Cell& end = row[end_column];
  if (start.present && end.present && end.number < start.number) {
    row.Error(end_column, Message(MessageId::kEndBeforeStart, {FormatDate(static_cast<Day>(end.number)),
                                                              FormatDate(static_cast<Day>(start.number))}));
  }
}

std::string_view IdOf(const std::vector<Client>& rows, RowId row) {
  return row == kNoRow ? std::string_view() : std::string_view(rows[static_cast<size_t>(row)].id);
}

// "contract 'K1' belongs to client 'C2', not 'C1'": the row's client is not
// that of the row it names in `column` (a contract, a mission).
void CheckSameClient(RowCells& row, size_t column, std::string_view noun, const std::string& target_id,
                     RowId target_client, RowId client, const std::vector<Client>& clients) {
  if (target_client == kNoRow || client == kNoRow || target_client == client) return;
  row.Error(column, Message(MessageId::kOtherClient, {NounArg(noun), Quoted(target_id), Quoted(IdOf(clients, target_client)),
                                                     Quoted(IdOf(clients, client))}));
}

class AgencyReader {
 public:
  AgencyReader(FileSource& source, const ProgressFn& progress, const CancelToken* cancel, const ReadOptions& options)
      : cancel_(cancel) {
    for (size_t i = 0; i < kTableCount; ++i) files_[i].name = std::string(kCatalogue[i].file);
    if (options.workbook.empty()) {
      FindFiles(source);
    } else {
      FindSheets(source, options.workbook);
    }
    progress_.callback = &progress;
    for (size_t i = 0; i < kTableCount; ++i) {
      const TableDesc& table = kCatalogue[i];
      ids_[i] = {table.file, table.noun, Present(table.file), Usable(table.file), {}, {}};
    }
  }

  IngestOutcome Run() && {
    for (const TableDesc& table : Catalogue()) {
      if (table.required && !Present(table.file)) {
        if (workbook_.empty()) {
          errors_.Add(table.file, 0, "", Message(MessageId::kFileMissing));
        } else {
          errors_.Add(workbook_, 0, "", Message(MessageId::kXlsxSheetMissing,
                                                {std::string(table.name), std::string(kFrenchSheetNames[TableIndex(table.name)])}));
        }
      }
    }
    for (size_t t = 0; t < kBulkTable; ++t) ReadTable(t, errors_, warnings_, progress_);
    // The fact tables only read the reference tables above, so the time
    // entries (the bulk) are read here while the other facts are read by a
    // task of the shared executor, into their own diagnostic lists, appended
    // after in file order. Only this thread reports progress. Both poll the
    // cancel token.
    DiagnosticList side_errors{MessageId::kErrorsFirstShown};
    DiagnosticList side_warnings{MessageId::kWarningsFirstShown};
    Progress side_progress;
    auto side = SharedExecutor().Run([&] {
      for (size_t t = kBulkTable + 1; t < kTableCount; ++t) ReadTable(t, side_errors, side_warnings, side_progress);
      // What this reading freed (its pieces, the duplicate-id indexes of
      // invoices and visits) stays resident in the worker's heap otherwise,
      // beside the time entries still being read.
      ReturnFreedMemory();
    });
    ReadTable(kBulkTable, errors_, warnings_, progress_);
    side.Get();
    errors_.Append(std::move(side_errors));
    warnings_.Append(std::move(side_warnings));

    IngestOutcome outcome;
    if (IsCancelled(cancel_)) {
      outcome.cancelled = true;
      outcome.errors.push_back(Diagnostic{"", 0, "", Message(MessageId::kImportCancelled), {}, {}});
      outcome.error_count = 1;
      return outcome;
    }
    progress_.Report(progress_.total);
    for (const TableDesc& table : Catalogue()) {
      if (RowCount(dataset_, table) == 0) outcome.empty_tables.emplace_back(table.name);
    }
    outcome.dataset = std::move(dataset_);
    outcome.error_count = errors_.count();
    outcome.warning_count = warnings_.count();
    outcome.errors = std::move(errors_).Finish();
    outcome.warnings = std::move(warnings_).Finish();
    return outcome;
  }

 private:
  // The hand-written rules of a table, each optional: `begin` before its
  // first row, `check` on each row once its values are read (false: the row
  // is not kept; it may clear a value it refuses), `end` after its last row.
  struct TableRules {
    std::string_view table;
    void (AgencyReader::*begin)(Table&);
    bool (AgencyReader::*check)(RowCells&);
    void (AgencyReader::*end)(Table&);
  };

  // Reads table `t` of the catalogue; a fact table's id index (kept only
  // for its duplicates) goes once read.
  void ReadTable(size_t t, DiagnosticList& errors, DiagnosticList& warnings, Progress& progress) {
    ReadFile(t, errors, warnings, progress);
    if (t >= kBulkTable) ids_[t] = IdIndex{};
  }

  FileText& Text(std::string_view file) {
    return files_[static_cast<size_t>(FindTable(file) - kCatalogue.data())];
  }
  // A file was found for the table (read or not).
  bool Present(std::string_view file) { return Text(file).found || Text(file).blocked; }
  // Its rows can be looked up (no file-level problem so far).
  bool Usable(std::string_view file) { return !Text(file).blocked; }

  // Matches the listed file names to the tables (SPEC §1: names ignoring
  // case; two files for one table, a workbook in place of a CSV file, any
  // other table-like file reported) and reads the CSV file of each table,
  // once, between two looks at the cancel token.
  void FindFiles(FileSource& source) {
    Result<std::vector<std::string>> listed = source.List();
    if (!listed.ok()) {
      errors_.Add("", 0, "", MessageOfText(listed.status().message()));
      for (FileText& text : files_) text.blocked = true;
      return;
    }
    if (const std::optional<std::string> book = LoneAgencyWorkbook(*listed)) {
      FindSheets(source, *book);
      return;
    }
    std::array<std::vector<std::pair<std::string, FileKind>>, kTableCount> found;
    for (const std::string& name : *listed) {
      std::string stem;
      const std::optional<FileKind> kind = KindOfFileName(name, &stem);
      if (!kind) continue;  // README.txt and the like
      const auto table = std::find_if(kCatalogue.begin(), kCatalogue.end(),
                                      [&](const TableDesc& entry) { return entry.name == stem; });
      if (table == kCatalogue.end()) {
        warnings_.Add(name, 0, "", Message(MessageId::kNotATable, {TableFileList()}));
        continue;
      }
      found[static_cast<size_t>(table - kCatalogue.begin())].emplace_back(name, *kind);
    }
    for (size_t i = 0; i < kTableCount; ++i) {
      FileText& text = files_[i];
      const auto& candidates = found[i];
      if (candidates.empty()) continue;
      text.blocked = true;  // until read
      if (candidates.size() > 1) {
        std::vector<std::string> names;
        for (const auto& candidate : candidates) names.push_back(candidate.first);
        errors_.Add(kCatalogue[i].file, 0, "", Message(MessageId::kTwoFiles, {NamesArg(names)}));
        continue;
      }
      const auto& [name, kind] = candidates.front();
      text.name = name;
      if (kind == FileKind::kXlsx) {
        if (IsCancelled(cancel_)) return;
        // A table's workbook: its first sheet is the table.
        std::shared_ptr<const Workbook> book = OpenWorkbook(source, name, errors_);
        if (book == nullptr) continue;
        text.name = SheetPlace(name, book->sheets().front().name);
        text.workbook = std::move(book);
        text.found = true;
        text.blocked = false;
        continue;
      }
      if (kind != FileKind::kCsv) {
        errors_.Add(name, 0, "", Message(MessageId::kFormatUnreadable, {std::string(kCatalogue[i].file)}));
        continue;
      }
      if (IsCancelled(cancel_)) return;
      if (ReadInPieces(i)) {
        auto opened = source.Open(name);
        if (!opened.ok()) {
          errors_.Add(name, 0, "", MessageOfText(opened.status().message()));
          continue;
        }
        if (*opened == nullptr) continue;  // gone since it was listed: absent
        text.bytes = std::move(*opened);
        progress_.total += text.bytes->size();
      } else {
        auto read = source.Read(name);
        if (!read.ok()) {
          errors_.Add(name, 0, "", MessageOfText(read.status().message()));
          continue;
        }
        if (!*read) continue;  // gone since it was listed: absent
        text.raw = std::move(*read);
        progress_.total += text.raw->size();
      }
      text.found = true;
      text.blocked = false;
    }
  }

  // Opens the workbook `name` of `source` (its parts but its sheets read);
  // nullptr, with an error naming it, when it cannot be read.
  std::shared_ptr<const Workbook> OpenWorkbook(FileSource& source, const std::string& name, DiagnosticList& errors) {
    auto opened = source.Open(name);
    if (!opened.ok()) {
      errors.Add(name, 0, "", MessageOfText(opened.status().message()));
      return nullptr;
    }
    if (*opened == nullptr) {
      errors.Add(name, 0, "", Message(MessageId::kCannotReadFile));
      return nullptr;
    }
    const std::shared_ptr<FileBytes> bytes(std::move(*opened));
    progress_.total += bytes->size();
    Message error;
    std::shared_ptr<const Workbook> book = Workbook::Open(bytes, error);
    if (book == nullptr) errors.Add(name, 0, "", std::move(error));
    return book;
  }

  // The agency as one workbook: each table is the sheet named after it
  // (sheet_names.h); other sheets are a warning, two sheets of one table an
  // error.
  void FindSheets(FileSource& source, const std::string& workbook) {
    std::shared_ptr<const Workbook> book = OpenWorkbook(source, workbook, errors_);
    if (book == nullptr) {
      for (FileText& text : files_) text.blocked = true;
      return;
    }
    workbook_ = workbook;
    std::array<std::vector<size_t>, kTableCount> found;
    std::vector<std::string> table_sheets;
    for (size_t t = 0; t < kTableCount; ++t) table_sheets.emplace_back(kFrenchSheetNames[t]);
    for (size_t s = 0; s < book->sheets().size(); ++s) {
      const std::optional<size_t> table = TableOfSheet(book->sheets()[s].name);
      if (table) {
        found[*table].push_back(s);
      } else {
        warnings_.Add(SheetPlace(workbook, book->sheets()[s].name), 0, "",
                      Message(MessageId::kXlsxNotATable, {NamesArg(table_sheets)}));
      }
    }
    for (size_t t = 0; t < kTableCount; ++t) {
      FileText& text = files_[t];
      text.name = SheetPlace(workbook, kFrenchSheetNames[t]);
      if (found[t].empty()) continue;
      if (found[t].size() > 1) {
        std::vector<std::string> names;
        for (const size_t s : found[t]) names.push_back(book->sheets()[s].name);
        errors_.Add(workbook, 0, "", Message(MessageId::kXlsxTwoSheets, {NamesArg(names)}));
        text.blocked = true;
        continue;
      }
      text.name = SheetPlace(workbook, book->sheets()[found[t].front()].name);
      text.workbook = book;
      text.sheet = found[t].front();
      text.found = true;
    }
  }

  // Opens `table` on the text of `text`, whole or (with `chunks`) in
  // pieces, or on its sheet (into `sheet`); false, with errors reported,
  // when its rows cannot be read.
  static bool OpenTable(Table& table, FileText& text, std::optional<ChunkedText>& chunks,
                        std::unique_ptr<RecordSource>& records, DiagnosticList& errors) {
    const auto fail = [&](Message message) {
      errors.Add(text.name, 0, "", std::move(message));
      return false;
    };
    const auto fail_with = [&](const Status& status) { return fail(MessageOfText(status.message())); };
    if (text.workbook != nullptr) {
      Message error;
      records = text.workbook->OpenSheet(text.sheet, error);
      if (records == nullptr) return fail(std::move(error));
      return table.Open(*records);
    }
    if (text.raw) {
      if (LooksLikeUtf16(*text.raw)) return fail(Message(MessageId::kUtf16));
      records = std::make_unique<CsvRecords>(DecodeCsvText(*text.raw, text.converted));
      return table.Open(*records);
    }
    FileBytes& bytes = *text.bytes;
    std::string head(static_cast<size_t>(std::min<uint64_t>(bytes.size(), kUtf16SniffBytes)), '\0');
    const auto head_read = bytes.ReadAt(0, head);
    if (!head_read.ok()) return fail_with(head_read.status());
    head.resize(*head_read);
    if (LooksLikeUtf16(head)) return fail(Message(MessageId::kUtf16));
    const auto encoding = DetectEncoding(bytes);
    if (!encoding.ok()) return fail_with(encoding.status());
    chunks.emplace(bytes, *encoding);
    if (const Status started = chunks->Start(); !started.ok()) return fail_with(started);
    records = std::make_unique<CsvRecords>(*chunks);
    return table.Open(*records);
  }

  // Reads table `t`'s file with its generic reader, then releases its text:
  // nothing refers to it (an index copies the ids it keeps).
  void ReadFile(size_t t, DiagnosticList& errors, DiagnosticList& warnings, Progress& progress) {
    FileText& text = files_[t];
    if (!text.found || IsCancelled(cancel_)) return;
    const size_t errors_begin = errors.size();
    const size_t warnings_begin = warnings.size();
    Table table(text.name, kCatalogue[t].columns, errors, warnings, progress, cancel_);
    std::optional<ChunkedText> chunks;
    std::unique_ptr<RecordSource> records;
    if (OpenTable(table, text, chunks, records, errors)) {
      (this->*kReaders[t])(table);
    } else {
      ids_[t].usable = false;
    }
    errors.SortFrom(errors_begin);
    warnings.SortFrom(warnings_begin);
    if (text.workbook != nullptr) {
      progress.done_before_file += records == nullptr ? 0 : records->bytes_done();
    } else {
      progress.done_before_file += text.raw ? text.raw->size() : text.bytes->size();
    }
    records.reset();
    text.raw.reset();
    text.bytes.reset();
    text.converted = std::string();
    text.workbook.reset();
  }

  // Reads every row of table T: each value by its column's kind, then the
  // table's check; a row with an id is kept once its id is new; a row of a
  // reference table is kept with errors in other columns (while errors are
  // still shown, see Table::Retains), so that rows referring to it do not
  // cascade; a fact table keeps only rows without error.
  template <size_t T>
  void ReadRows(Table& table) {
    using B = std::tuple_element_t<T, DatasetBindings>;
    constexpr TableRules kTableRules = RulesOf(T);
    constexpr bool kReferenceTable = T < kBulkTable;
    if constexpr (kTableRules.begin != nullptr) (this->*kTableRules.begin)(table);
    auto& rows = BoundTable<B>(dataset_);
    if constexpr (!kIsRowTable<B>) {
      ForEachBoundColumn<B>([&](auto, auto member) { (rows.*member).reserve((rows.*member).size() + table.max_rows()); });
    }
    IdIndex& ids = ids_[T];
    RowCells row{table};  // each cell is reset as it is read
    while (table.NextRow()) {
      ForEachBoundColumn<B>([&](auto column, auto) { ReadCell<T, decltype(column)::value>(row); });
      if constexpr (kTableRules.check != nullptr) {
        if (!(this->*kTableRules.check)(row)) continue;
      }
      if constexpr (constexpr auto kId = kIdColumn<T>; kId.has_value()) {
        if (!row[*kId].present) continue;
        if (!table.AddId(*kId, row[*kId].text, static_cast<RowId>(ids.lines.size()), ids)) continue;
      } else {
        if (!table.Retains()) continue;
        if constexpr (kReferenceTable) ids.lines.push_back(table.line());  // for the table's end rule
      }
      if constexpr (!kReferenceTable) {
        if (!table.row_ok()) continue;
      }
      Append<T>(row);
    }
    if constexpr (kTableRules.end != nullptr) (this->*kTableRules.end)(table);
  }

  // Reads column C of table T's current row into row[C], with the errors of
  // its kind; an absent or refused optional value takes the column's
  // default (another column's value, or a literal).
  template <size_t T, size_t C>
  void ReadCell(RowCells& row) {
    constexpr ColumnDesc kColumn = kCatalogue[T].columns[C];
    Table& table = row.table;
    Cell& cell = row[C];
    cell = Cell{};
    const auto keep = [&cell](const auto& value) {
      if (!value) return;
      cell.present = true;
      if constexpr (std::is_convertible_v<decltype(*value), std::string_view>) {
        cell.text = *value;
      } else {
        cell.number = static_cast<int64_t>(*value);
      }
    };
    if constexpr (kColumn.kind == ColumnKind::kReference) {
      if constexpr (TableIndex(kColumn.references) == T) {
        keep(table.Identifier(C));  // its own rows, which may come later: resolved by the table's end rule
      } else {
        cell.row = table.Reference(C, ids_[TableIndex(kColumn.references)]);
        cell.present = cell.row != kNoRow;
      }
    } else if constexpr (kColumn.kind == ColumnKind::kId) {
      keep(table.Identifier(C));
    } else if constexpr (kColumn.kind == ColumnKind::kDate) {
      keep(table.Date(C));
    } else if constexpr (DecimalPlaces(kColumn.kind) > 0) {
      keep(table.Decimal(C));
    } else if constexpr (kColumn.kind == ColumnKind::kInteger) {
      keep(table.Whole(C));
    } else if constexpr (kColumn.kind == ColumnKind::kEnum) {
      keep(table.Enum(C));
    } else if constexpr (kColumn.kind == ColumnKind::kMetric) {
      keep(Metric(table, C));
    } else {
      static_assert(kColumn.kind == ColumnKind::kText);
      keep(table.Value(C));
    }
    if constexpr (!kColumn.default_value.empty()) {
      if (cell.present) return;
      constexpr std::optional<size_t> kFrom = FindColumn(kCatalogue[T], kColumn.default_value);
      if constexpr (kFrom.has_value()) {
        static_assert(*kFrom < C, "a default column comes before the column");
        cell = row[*kFrom];
      } else if (table.Text(C).empty()) {
        constexpr int64_t kDefault = DefaultNumber(kColumn);  // at compile time: a bad default fails the build
        cell.present = true;
        cell.number = kDefault;
      }
    }
  }

  // Appends the current row's values to table T of the dataset, each as its
  // bound field's type; an absent value as the field's empty value.
  template <size_t T>
  [[gnu::flatten]] void Append(RowCells& row) {  // flattened: one push per column, as by hand
    using B = std::tuple_element_t<T, DatasetBindings>;
    auto& rows = BoundTable<B>(dataset_);
    const auto value_of = [&](auto column, auto member) {
      constexpr ColumnDesc kColumn = kCatalogue[T].columns[decltype(column)::value];
      using V = binding_detail::ValueOf<decltype(member)>;
      const Cell& cell = row[column];
      if constexpr (kColumn.kind == ColumnKind::kReference) {
        if constexpr (TableIndex(kColumn.references) == T) self_references_.emplace_back(cell.text);
        return cell.row;
      } else if constexpr (kColumn.kind == ColumnKind::kMetric) {
        return InternMetric(cell.text);
      } else if constexpr (std::is_same_v<V, std::string>) {
        return std::string(cell.text);
      } else if constexpr (std::is_enum_v<V>) {
        return cell.present ? EnumOfCode<V>(static_cast<size_t>(cell.number)) : V{};
      } else {
        if (!cell.present) return kColumn.required ? V{} : EmptyValueOf<V>(kColumn.kind);
        return static_cast<V>(cell.number);
      }
    };
    if constexpr (kIsRowTable<B>) {
      auto& item = rows.emplace_back();
      ForEachBoundColumn<B>([&](auto column, auto member) { item.*member = value_of(column, member); });
    } else {
      ForEachBoundColumn<B>([&](auto column, auto member) { (rows.*member).push_back(value_of(column, member)); });
    }
  }

  // The rules of the reference tables, whose rows others refer to.
  bool CheckContract(RowCells& row);
  void CheckRenewals(Table& table);
  bool CheckMission(RowCells& row);
  bool CheckEmployee(RowCells& row);

  void BeginCostRates(Table& table);
  bool CheckCostRate(RowCells& row);
  void OrderCostRates(Table& table);

  // The rules of the fact tables.
  void BeginTimeEntries(Table& table);
  bool CheckTimeEntry(RowCells& row);
  bool CheckExpense(RowCells& row);
  bool CheckInvoice(RowCells& row);
  bool CheckObjective(RowCells& row);
  bool CheckStoreAudit(RowCells& row);

  // Metric keys, shared by objectives and results.
  RowId InternMetric(std::string_view key);
  std::optional<std::string_view> Metric(Table& table, size_t column);

  std::array<FileText, kTableCount> files_;
  std::string workbook_;  // the agency's one workbook, when it is one
  const CancelToken* cancel_;
  Progress progress_;
  DiagnosticList errors_{MessageId::kErrorsFirstShown};
  DiagnosticList warnings_{MessageId::kWarningsFirstShown};
  Dataset dataset_;
  std::array<IdIndex, kTableCount> ids_;         // per table with ids (a fact table's while it is read)
  // Per contract, its renewal_of ("" if none), while contracts are read:
  // copies, as a record's fields live only until the next record (a sheet's).
  std::vector<std::string> self_references_;
  std::vector<Day> first_rate_;                    // per employee; kNoRate if none
  bool cost_rates_read_ = false;                   // cost_rates.csv had a usable header
  bool check_rates_ = false;                       // time entries are checked against the cost rates
  std::optional<DayHours> day_hours_;              // while time_entries.csv is read
  std::deque<std::string> metric_keys_;  // a deque: keys never move
  std::unordered_map<std::string_view, RowId> metric_rows_;  // keys into metric_keys_
  static constexpr Day kNoRate = std::numeric_limits<Day>::max();

  // The rules of the tables that have some, by name (the others have none).
  static constexpr std::array<TableRules, 9> kRules = {{
      {"contracts", nullptr, &AgencyReader::CheckContract, &AgencyReader::CheckRenewals},
      {"missions", nullptr, &AgencyReader::CheckMission, nullptr},
      {"employees", nullptr, &AgencyReader::CheckEmployee, nullptr},
      {"cost_rates", &AgencyReader::BeginCostRates, &AgencyReader::CheckCostRate, &AgencyReader::OrderCostRates},
      {"time_entries", &AgencyReader::BeginTimeEntries, &AgencyReader::CheckTimeEntry, nullptr},
      {"expenses", nullptr, &AgencyReader::CheckExpense, nullptr},
      {"invoices", nullptr, &AgencyReader::CheckInvoice, nullptr},
      {"objectives", nullptr, &AgencyReader::CheckObjective, nullptr},
      {"store_audits", nullptr, &AgencyReader::CheckStoreAudit, nullptr},
  }};
  static_assert([] {
    for (const TableRules& rules : kRules) {
      bool known = false;
      for (const TableDesc& table : kCatalogue) known = known || table.name == rules.table;
      if (!known) return false;
    }
    return true;
  }(), "rules name catalogue tables");

  static constexpr TableRules RulesOf(size_t table) {
    for (const TableRules& rules : kRules) {
      if (rules.table == kCatalogue[table].name) return rules;
    }
    return TableRules{kCatalogue[table].name, nullptr, nullptr, nullptr};
  }

  // The generic reader of every table, by catalogue position.
  using ReadFn = void (AgencyReader::*)(Table&);
  static constexpr std::array<ReadFn, kTableCount> kReaders = []<size_t... T>(std::index_sequence<T...>) {
    return std::array<ReadFn, kTableCount>{&AgencyReader::ReadRows<T>...};
  }(std::make_index_sequence<kTableCount>{});
};

// ---------------------------------------------------------------------------
// Table rules

bool AgencyReader::CheckContract(RowCells& row) {
  constexpr ColumnsOf column("contracts");
  CheckDateOrder(row, column("start_date"), column("end_date"));
  const bool has_renewal_of = !row.table.Text(column("renewal_of")).empty();
  const std::string_view type_text = row.table.Text(column("renewal_type"));
  if (has_renewal_of && type_text.empty()) {
    row.Error(column("renewal_type"), Message(MessageId::kRenewalTypeMissing));
  } else if (!has_renewal_of && !type_text.empty()) {
    row.Error(column("renewal_type"), Message(MessageId::kRenewalTypeForbidden, {Quoted(type_text)}));
  }
  return true;
}

// Renewal links need every contract: they may point forward in the file.
void AgencyReader::CheckRenewals(Table& table) {
  auto& contracts = dataset_.contracts;
  const IdIndex& ids = ids_[TableIndex("contracts")];
  const auto error = [&](size_t row, Message message) {
    errors_.Add(table.file(), ids.lines[row], "renewal_of", std::move(message));
  };
  std::vector<RowId> renewed_by(contracts.size(), kNoRow);
  for (size_t row = 0; row < contracts.size(); ++row) {
    const std::string_view target_id = self_references_[row];
    if (target_id.empty()) continue;
    if (target_id == contracts[row].id) {
      error(row, Message(MessageId::kRenewsItself, {Quoted(target_id)}));
      continue;
    }
    const RowId found = ids.rows.Find(target_id);
    if (found == kNoRow) {
      error(row, Message(MessageId::kUnknownRow, {NounArg("contract"), Quoted(target_id)}));
      continue;
    }
    const auto target = static_cast<size_t>(found);
    const RowId client = contracts[row].client;
    const RowId target_client = contracts[target].client;
    if (client != kNoRow && target_client != kNoRow && client != target_client) {
      error(row, Message(MessageId::kOtherClient, {NounArg("contract"), Quoted(target_id),
                                                   Quoted(IdOf(dataset_.clients, target_client)),
                                                   Quoted(IdOf(dataset_.clients, client))}));
      continue;
    }
    if (renewed_by[target] != kNoRow) {
      const auto first = static_cast<size_t>(renewed_by[target]);
      error(row, Message(MessageId::kAlreadyRenewed,
                         {Quoted(target_id), Quoted(contracts[first].id), std::to_string(ids.lines[first])}));
      continue;
    }
    renewed_by[target] = static_cast<RowId>(row);
    contracts[row].renewal_of = static_cast<RowId>(target);
  }
  self_references_ = {};
  // Each contract renews at most one and is renewed at most once, so the
  // links form simple chains and cycles. Walk each chain once.
  std::vector<size_t> walk_of(contracts.size(), 0);  // 0 = not visited
  size_t walk = 0;
  for (size_t start_row = 0; start_row < contracts.size(); ++start_row) {
    if (walk_of[start_row] != 0) continue;
    ++walk;
    size_t row = start_row;
    for (;;) {
      walk_of[row] = walk;
      const RowId next = contracts[row].renewal_of;
      if (next == kNoRow) break;
      const auto next_row = static_cast<size_t>(next);
      if (walk_of[next_row] == 0) {
        row = next_row;
        continue;
      }
      if (walk_of[next_row] == walk) {  // back on this walk: a cycle through next_row
        std::vector<size_t> members;
        size_t member = next_row;
        do {
          members.push_back(member);
          member = static_cast<size_t>(contracts[member].renewal_of);
        } while (member != next_row);
        const size_t first = *std::min_element(members.begin(), members.end(), [&](size_t a, size_t b) {
          return ids.lines[a] < ids.lines[b];
        });
        std::string path = contracts[first].id;
        member = first;
        do {
          member = static_cast<size_t>(contracts[member].renewal_of);
          path += " -> " + contracts[member].id;
        } while (member != first);
        error(first, Message(MessageId::kRenewalCycle, {path}));
      }
      break;
    }
  }
}

bool AgencyReader::CheckMission(RowCells& row) {
  constexpr ColumnsOf column("missions");
  CheckDateOrder(row, column("start_date"), column("end_date"));
  if (const RowId contract = row[column("contract_id")].row; contract != kNoRow) {
    const Contract& target = dataset_.contracts[static_cast<size_t>(contract)];
    CheckSameClient(row, column("contract_id"), "contract", target.id, target.client, row[column("client_id")].row,
                    dataset_.clients);
  }
  Cell& complexity = row[column("complexity")];
  if (complexity.present && (complexity.number < kMinComplexity || complexity.number > kMaxComplexity)) {
    row.Error(column("complexity"), Message(MessageId::kComplexityRange, {std::to_string(complexity.number)}));
    complexity.present = false;
  }
  Cell& fee = row[column("fee")];
  if (fee.present && fee.number < 0) {
    row.Error(column("fee"), Message(MessageId::kNegativeFee, {row.Quote(column("fee"))}));
    fee.present = false;
  }
  return true;
}

bool AgencyReader::CheckEmployee(RowCells& row) {
  constexpr size_t kWeekly = ColumnIndex("employees", "weekly_hours");
  Cell& weekly = row[kWeekly];
  if (weekly.present && (weekly.number <= 0 || weekly.number > kMaxWeeklyHours)) {
    row.Error(kWeekly, Message(MessageId::kWeeklyHoursRange, {row.Quote(kWeekly)}));
    weekly.present = false;
  }
  return true;
}

void AgencyReader::BeginCostRates(Table&) { cost_rates_read_ = true; }

// A rate with a bad cost still counts as a rate: no cascade of errors on the
// employee's time entries (the import fails anyway).
bool AgencyReader::CheckCostRate(RowCells& row) {
  constexpr ColumnsOf column("cost_rates");
  const Cell& cost = row[column("hourly_cost")];
  if (cost.present && cost.number < 0) {
    row.Error(column("hourly_cost"), Message(MessageId::kNegativeCostRate, {row.Quote(column("hourly_cost"))}));
  }
  return row[column("employee_id")].present && row[column("valid_from")].present;
}

// Sorted by employee then valid_from, so the engine finds a rate by binary
// search; equal keys keep file order, the later one is the duplicate.
void AgencyReader::OrderCostRates(Table& table) {
  const std::vector<int64_t>& lines = ids_[TableIndex("cost_rates")].lines;
  auto& rates = dataset_.cost_rates;
  std::vector<size_t> order(rates.size());
  std::iota(order.begin(), order.end(), size_t{0});
  std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) {
    if (rates[a].employee != rates[b].employee) return rates[a].employee < rates[b].employee;
    return rates[a].valid_from < rates[b].valid_from;
  });
  std::vector<CostRate> sorted;
  sorted.reserve(rates.size());
  first_rate_.assign(dataset_.employees.size(), kNoRate);
  for (size_t k = 0; k < order.size(); ++k) {
    const CostRate& rate = rates[order[k]];
    if (k > 0) {
      const CostRate& previous = rates[order[k - 1]];
      if (previous.employee == rate.employee && previous.valid_from == rate.valid_from) {
        errors_.Add(table.file(), lines[order[k]], "valid_from",
                    Message(MessageId::kDuplicateCostRate,
                            {Quoted(dataset_.employees[static_cast<size_t>(rate.employee)].id),
                             FormatDate(rate.valid_from), std::to_string(lines[order[k - 1]])}));
        continue;
      }
    }
    Day& first = first_rate_[static_cast<size_t>(rate.employee)];
    first = std::min(first, rate.valid_from);
    sorted.push_back(rate);
  }
  rates = std::move(sorted);
}

void AgencyReader::BeginTimeEntries(Table&) {
  // With cost_rates.csv refused (bad header) its rates are unknown: checking
  // entries against them would only repeat that error on every row.
  check_rates_ = cost_rates_read_ || !Present(kCostRatesFile);
  if (first_rate_.size() != dataset_.employees.size()) {  // no cost_rates.csv
    first_rate_.assign(dataset_.employees.size(), kNoRate);
  }
  day_hours_.emplace(dataset_.employees.size());
}

bool AgencyReader::CheckTimeEntry(RowCells& row) {
  constexpr ColumnsOf column("time_entries");
  const Cell& hours = row[column("hours")];
  if (hours.present && (hours.number <= 0 || hours.number > kMaxEntryHours)) {
    row.Error(column("hours"), Message(MessageId::kHoursRange, {row.Quote(column("hours"))}));
  }
  const RowId employee = row[column("employee_id")].row;
  const Cell& date = row[column("date")];
  if (employee != kNoRow && check_rates_) {
    const Day first = first_rate_[static_cast<size_t>(employee)];
    const std::string& employee_id = dataset_.employees[static_cast<size_t>(employee)].id;
    if (first == kNoRate) {
      row.Error(column("employee_id"), Message(MessageId::kNoCostRate, {Quoted(employee_id)}));
    } else if (date.present && date.number < first) {
      row.Error(column("date"), Message(MessageId::kBeforeFirstRate, {FormatDate(static_cast<Day>(date.number)),
                                                                       Quoted(employee_id), FormatDate(first)}));
    }
  }
  if (!row.table.row_ok()) return false;
  const Day day = static_cast<Day>(date.number);
  const Day first = first_rate_[static_cast<size_t>(employee)];
  const int64_t total = day_hours_->Add(employee, first == kNoRate ? day : first, day, hours.number);
  if (total > kMaxDayHours && total - hours.number <= kMaxDayHours) {  // once per employee and day
    row.table.Warning(column("hours"),
                      Message(MessageId::kDayOver24Hours, {Quoted(dataset_.employees[static_cast<size_t>(employee)].id),
                                                           FormatDate(day), FormatHours(total)}));
  }
  return true;
}

bool AgencyReader::CheckExpense(RowCells& row) {
  constexpr size_t kAmount = ColumnIndex("expenses", "amount");
  if (row[kAmount].present && row[kAmount].number < 0) {
    row.Error(kAmount, Message(MessageId::kNegativeExpense, {row.Quote(kAmount)}));
  }
  return true;
}

bool AgencyReader::CheckInvoice(RowCells& row) {
  constexpr ColumnsOf column("invoices");
  if (const RowId mission = row[column("mission_id")].row; mission != kNoRow) {
    const Mission& target = dataset_.missions[static_cast<size_t>(mission)];
    CheckSameClient(row, column("mission_id"), "mission", target.id, target.client, row[column("client_id")].row,
                    dataset_.clients);
  }
  return true;
}

bool AgencyReader::CheckObjective(RowCells& row) {
  constexpr ColumnsOf column("objectives");
  const Cell& target = row[column("target")];
  if (target.present && target.number <= 0) {
    row.Error(column("target"), Message(MessageId::kTargetNotPositive, {row.Quote(column("target"))}));
  }
  CheckDateOrder(row, column("start_date"), column("end_date"));
  return true;
}

bool AgencyReader::CheckStoreAudit(RowCells& row) {
  constexpr ColumnsOf column("store_audits");
  const Cell& present = row[column("present")];
  if (present.present && present.number != 0 && present.number != 1) {
    row.Error(column("present"), Message(MessageId::kPresentNotBool, {row.Quote(column("present"))}));
  }
  const Cell& facings = row[column("facings")];
  if (facings.present && facings.number < 0) {
    row.Error(column("facings"), Message(MessageId::kNegativeFacings, {row.Quote(column("facings"))}));
  } else if (facings.present && facings.number > std::numeric_limits<int32_t>::max()) {
    row.Error(column("facings"), Message(MessageId::kFacingsTooLarge, {row.Quote(column("facings"))}));
  }
  return true;
}

RowId AgencyReader::InternMetric(std::string_view key) {
  const auto found = metric_rows_.find(key);
  if (found != metric_rows_.end()) return found->second;
  const auto row = static_cast<RowId>(dataset_.metrics.size());
  dataset_.metrics.emplace_back(key);
  metric_keys_.push_back(dataset_.metrics.back());
  metric_rows_.emplace(metric_keys_.back(), row);
  return row;
}

std::optional<std::string_view> AgencyReader::Metric(Table& table, size_t column) {
  const auto key = table.Value(column);
  if (key && key->size() > kMaxMetricKeyLength) {
    table.Error(column, Message(MessageId::kMetricTooLong, {Quoted(*key)}));
    return std::nullopt;
  }
  return key;
}
// ---------------------------------------------------------------------------
// File sources

// A file of a folder, read where it is.
class FileOnDisk : public FileBytes {
 public:
  FileOnDisk(int fd, uint64_t size) : fd_(fd), size_(size) {}
  FileOnDisk(const FileOnDisk&) = delete;
  FileOnDisk& operator=(const FileOnDisk&) = delete;
  ~FileOnDisk() override { ::close(fd_); }

  [[nodiscard]] uint64_t size() const override { return size_; }

  Result<size_t> ReadAt(uint64_t offset, std::span<char> out) override {
    size_t done = 0;
    while (done < out.size()) {
      const ssize_t count = ::pread(fd_, out.data() + done, out.size() - done, static_cast<off_t>(offset + done));
      if (count < 0 && errno == EINTR) continue;
      if (count < 0) return Status::Io("cannot read the file");
      if (count == 0) break;
      done += static_cast<size_t>(count);
    }
    return done;
  }

 private:
  int fd_;
  uint64_t size_;
};

class FolderFileSource : public FileSource {
 public:
  explicit FolderFileSource(std::filesystem::path folder) : folder_(std::move(folder)) {}

  Result<std::vector<std::string>> List() override {
    std::error_code error;
    if (!std::filesystem::is_directory(folder_, error)) {
      return Status::Io("the folder " + QuoteValue(folder_.string()) + " does not exist or is not a folder");
    }
    std::vector<std::string> names;
    for (std::filesystem::directory_iterator it(folder_, error), end; !error && it != end; it.increment(error)) {
      names.push_back(it->path().filename().string());
    }
    if (error) return Status::Io("cannot list the folder " + QuoteValue(folder_.string()));
    std::sort(names.begin(), names.end());
    return names;
  }

  Result<std::optional<std::string>> Read(const std::string& file_name) override {
    const std::filesystem::path path = folder_ / file_name;
    const Result<bool> exists = RegularFileExists(path);
    if (!exists.ok()) return exists.status();
    if (!*exists) return std::optional<std::string>();
    std::error_code error;
    const auto size = std::filesystem::file_size(path, error);
    std::ifstream in(path, std::ios::binary);
    if (error || !in) return Status::Io("cannot read the file");
    std::string bytes(static_cast<size_t>(size), '\0');
    in.read(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    if (in.bad() || static_cast<size_t>(in.gcount()) != bytes.size()) return Status::Io("cannot read the file");
    return std::optional<std::string>(std::move(bytes));
  }

  Result<std::unique_ptr<FileBytes>> Open(const std::string& file_name) override {
    const std::filesystem::path path = folder_ / file_name;
    const Result<bool> exists = RegularFileExists(path);
    if (!exists.ok()) return exists.status();
    if (!*exists) return std::unique_ptr<FileBytes>();
    const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) return Status::Io("cannot read the file");
    struct stat info {};
    if (::fstat(fd, &info) != 0) {
      ::close(fd);
      return Status::Io("cannot read the file");
    }
    return std::unique_ptr<FileBytes>(std::make_unique<FileOnDisk>(fd, static_cast<uint64_t>(info.st_size)));
  }

 private:
  // False when there is no such file; an Io status when it is there but is
  // no regular file (a folder, a device).
  static Result<bool> RegularFileExists(const std::filesystem::path& path) {
    std::error_code error;
    if (!std::filesystem::exists(path, error)) return false;
    if (!std::filesystem::is_regular_file(path, error)) return Status::Io("cannot read the file: not a regular file");
    return true;
  }

  std::filesystem::path folder_;
};

class MemoryFileSource : public FileSource {
 public:
  explicit MemoryFileSource(std::map<std::string, std::string> files) : files_(std::move(files)) {}

  Result<std::vector<std::string>> List() override {
    std::vector<std::string> names;
    names.reserve(files_.size());
    for (const auto& [name, bytes] : files_) names.push_back(name);
    return names;
  }

  // Hands the bytes over (no copy): a file can be read once.
  Result<std::optional<std::string>> Read(const std::string& file_name) override {
    const auto found = files_.find(file_name);
    if (found == files_.end()) return std::optional<std::string>();
    std::optional<std::string> bytes(std::move(found->second));
    files_.erase(found);
    return bytes;
  }

 private:
  std::map<std::string, std::string> files_;
};

}  // namespace

Result<std::unique_ptr<FileBytes>> FileSource::Open(const std::string& file_name) {
  auto read = Read(file_name);
  if (!read.ok()) return read.status();
  if (!*read) return std::unique_ptr<FileBytes>();
  return BytesInMemory(std::move(**read));
}

std::string Diagnostic::Text(Language language) const { return WithHint(message, hint, language); }

std::string Diagnostic::ToString(Language language) const {
  if (file.empty()) return Text(language);
  std::string out = file;
  if (!cell.empty()) {
    out += "!" + cell;
  } else if (line > 0) {
    out += ":" + std::to_string(line);
  }
  out += ": ";
  if (!column.empty()) out += column + ": ";
  out += Text(language);
  return out;
}

std::unique_ptr<FileSource> FolderSource(std::filesystem::path folder) {
  return std::make_unique<FolderFileSource>(std::move(folder));
}

std::unique_ptr<FileSource> MemorySource(std::map<std::string, std::string> files) {
  return std::make_unique<MemoryFileSource>(std::move(files));
}

std::string GroupThousands(uint64_t count) {
  static constexpr std::string_view kThinSpace = "\u202F";  // narrow no-break space
  const std::string digits = std::to_string(count);
  std::string out;
  for (size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out += kThinSpace;
    out += digits[i];
  }
  return out;
}

IngestOutcome ReadAgency(FileSource& source, const ProgressFn& progress, const CancelToken* cancel,
                         const ReadOptions& options) {
  return AgencyReader(source, progress, cancel, options).Run();
}

std::string SheetPlace(std::string_view workbook, std::string_view sheet) {
  return std::string(workbook) + "[" + std::string(sheet) + "]";
}

}  // namespace agencykpi
