#include "demo/demo_csv.h"

#include <array>
#include <cstdio>
#include <memory>

namespace agencykpi::demo {
namespace {

constexpr std::string_view kBom = "\xEF\xBB\xBF";
constexpr std::string_view kNoBreakSpace = "\xC2\xA0";  // U+00A0, French Excel's thousands mark
constexpr int kQuartersPerHour = 4;
constexpr int64_t kHundredthsPerUnit = 100;

constexpr size_t kMaxDigits = 20;  // of a uint64_t
using DigitBuffer = std::array<char, kMaxDigits>;

// The decimal digits of `value` into `digits`, least significant first; their count.
int ReversedDigits(uint64_t value, DigitBuffer& digits) {
  int count = 0;
  do {
    digits[static_cast<size_t>(count++)] = static_cast<char>('0' + value % 10);
    value /= 10;
  } while (value != 0);
  return count;
}

void AppendDigits(std::string& out, uint64_t value, int min_width) {
  DigitBuffer digits;
  int count = ReversedDigits(value, digits);
  for (int i = count; i < min_width; ++i) out.push_back('0');
  while (count > 0) out.push_back(digits[static_cast<size_t>(--count)]);
}

// Integer part with a no-break space every three digits: 1 234 567.
void AppendGrouped(std::string& out, uint64_t value) {
  DigitBuffer digits;
  int count = ReversedDigits(value, digits);
  while (count > 0) {
    out.push_back(digits[static_cast<size_t>(--count)]);
    if (count > 0 && count % 3 == 0) out.append(kNoBreakSpace);
  }
}

uint64_t Magnitude(int64_t value) {
  return value < 0 ? 0ULL - static_cast<uint64_t>(value) : static_cast<uint64_t>(value);
}

}  // namespace

CsvWriter::CsvWriter(const CsvStyle& style, size_t expected_bytes) : style_(style) {
  buffer_.reserve(expected_bytes);
  if (style_.bom) buffer_.append(kBom);
}

void CsvWriter::Header(const TableDesc& table) {
  for (const ColumnDesc& column : table.columns) Text(column.name);
  EndRow();
  rows_ = 0;  // the header is not a row
}

void CsvWriter::Separate() {
  if (row_started_) buffer_.push_back(style_.separator);
  row_started_ = true;
}

void CsvWriter::DecimalMark() {
  buffer_.push_back(style_.decimal_comma && style_.separator == ';' ? ',' : '.');
}

void CsvWriter::Text(std::string_view text) {
  Separate();
  bool needs_quotes = false;
  for (const char c : text) {
    if (c == style_.separator || c == '"' || c == '\n' || c == '\r') {
      needs_quotes = true;
      break;
    }
  }
  if (!needs_quotes) {
    buffer_.append(text);
    return;
  }
  buffer_.push_back('"');
  for (const char c : text) {
    if (c == '"') buffer_.push_back('"');
    buffer_.push_back(c);
  }
  buffer_.push_back('"');
}

void CsvWriter::Empty() {
  Separate();
}

void CsvWriter::Integer(int64_t value) {
  Separate();
  if (value < 0) buffer_.push_back('-');
  AppendDigits(buffer_, Magnitude(value), 1);
}

void CsvWriter::Date(Day day) {
  Separate();
  const CivilDate civil = CivilFromDay(day);
  const auto year = static_cast<uint64_t>(civil.year);
  const auto month = static_cast<uint64_t>(civil.month);
  const auto day_of_month = static_cast<uint64_t>(civil.day);
  if (style_.french_dates) {
    AppendDigits(buffer_, day_of_month, 2);
    buffer_.push_back('/');
    AppendDigits(buffer_, month, 2);
    buffer_.push_back('/');
    AppendDigits(buffer_, year, 4);
  } else {
    AppendDigits(buffer_, year, 4);
    buffer_.push_back('-');
    AppendDigits(buffer_, month, 2);
    buffer_.push_back('-');
    AppendDigits(buffer_, day_of_month, 2);
  }
}

void CsvWriter::Money(Cents cents) {
  Separate();
  if (cents < 0) buffer_.push_back('-');
  const uint64_t magnitude = Magnitude(cents);
  const uint64_t units = magnitude / kHundredthsPerUnit;
  if (style_.group_thousands) {
    AppendGrouped(buffer_, units);
  } else {
    AppendDigits(buffer_, units, 1);
  }
  DecimalMark();
  AppendDigits(buffer_, magnitude % kHundredthsPerUnit, 2);
}

void CsvWriter::Hours(int quarter_hours) {
  Separate();
  AppendDigits(buffer_, static_cast<uint64_t>(quarter_hours / kQuartersPerHour), 1);
  switch (quarter_hours % kQuartersPerHour) {
    case 1:
      DecimalMark();
      buffer_.append("25");
      break;
    case 2:
      DecimalMark();
      buffer_.push_back('5');
      break;
    case 3:
      DecimalMark();
      buffer_.append("75");
      break;
    default: break;
  }
}

void CsvWriter::Decimal(int64_t hundredths) {
  Separate();
  if (hundredths < 0) buffer_.push_back('-');
  const uint64_t magnitude = Magnitude(hundredths);
  AppendDigits(buffer_, magnitude / kHundredthsPerUnit, 1);
  const uint64_t fraction = magnitude % kHundredthsPerUnit;
  if (fraction == 0) return;
  DecimalMark();
  if (fraction % 10 == 0) {
    AppendDigits(buffer_, fraction / 10, 1);
  } else {
    AppendDigits(buffer_, fraction, 2);
  }
}

void CsvWriter::EndRow() {
  if (style_.crlf) buffer_.push_back('\r');
  buffer_.push_back('\n');
  row_started_ = false;
  ++rows_;
}

Status CsvWriter::Save(const std::filesystem::path& path) const {
  const std::unique_ptr<std::FILE, int (*)(std::FILE*)> file(std::fopen(path.c_str(), "wb"), &std::fclose);
  if (!file) return Status::Io("cannot create " + path.string());
  if (std::fwrite(buffer_.data(), 1, buffer_.size(), file.get()) != buffer_.size() ||
      std::fflush(file.get()) != 0) {
    return Status::Io("cannot write " + path.string());
  }
  return Status::Ok();
}

}  // namespace agencykpi::demo
