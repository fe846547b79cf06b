#include "ingest/csv_reader.h"

#include <algorithm>
#include <array>
#include <cstring>

#include "ingest/limits.h"

namespace agencykpi {
namespace {

constexpr std::string_view kUtf8Bom = "\xEF\xBB\xBF";
constexpr std::string_view kUtf16LeBom = "\xFF\xFE";
constexpr std::string_view kUtf16BeBom = "\xFE\xFF";

// "64 KiB", "1 MiB": a limit as people read it.
std::string SizeText(size_t bytes) {
  constexpr size_t kKiB = 1024;
  if (bytes % (kKiB * kKiB) == 0) return std::to_string(bytes / (kKiB * kKiB)) + " MiB";
  if (bytes % kKiB == 0) return std::to_string(bytes / kKiB) + " KiB";
  return std::to_string(bytes) + " bytes";
}

// Code points of cp1252 bytes 0x80..0x9F; 0xA0..0xFF are Latin-1.
constexpr std::array<char32_t, 32> kCp1252High = {
    0x20AC, 0x0081, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
    0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0x008D, 0x017D, 0x008F,
    0x0090, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
    0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x009D, 0x017E, 0x0178,
};

void AppendUtf8(char32_t code_point, std::string& out) {
  if (code_point < 0x80) {
    out.push_back(static_cast<char>(code_point));
  } else if (code_point < 0x800) {
    out.push_back(static_cast<char>(0xC0 | (code_point >> 6)));
    out.push_back(static_cast<char>(0x80 | (code_point & 0x3F)));
  } else {
    out.push_back(static_cast<char>(0xE0 | (code_point >> 12)));
    out.push_back(static_cast<char>(0x80 | ((code_point >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (code_point & 0x3F)));
  }
}

bool IsTrimmableAt(std::string_view value, size_t pos, size_t* length) {
  const char c = value[pos];
  if (c == ' ' || c == '\t') {
    *length = 1;
    return true;
  }
  if (value.compare(pos, 2, "\xC2\xA0") == 0) {  // U+00A0
    *length = 2;
    return true;
  }
  if (value.compare(pos, 3, "\xE2\x80\xAF") == 0) {  // U+202F
    *length = 3;
    return true;
  }
  return false;
}

// Length of a trimmable character ending just before `end`, or 0.
size_t TrimmableBefore(std::string_view value, size_t end) {
  const char c = value[end - 1];
  if (c == ' ' || c == '\t') return 1;
  if (end >= 2 && value.compare(end - 2, 2, "\xC2\xA0") == 0) return 2;
  if (end >= 3 && value.compare(end - 3, 3, "\xE2\x80\xAF") == 0) return 3;
  return 0;
}

}  // namespace

bool IsValidUtf8(std::string_view text) {
  const auto* bytes = reinterpret_cast<const unsigned char*>(text.data());
  const size_t size = text.size();
  size_t i = 0;
  while (i < size) {
    // Fast path: eight ASCII bytes at a time.
    if (i + 8 <= size) {
      uint64_t chunk;
      std::memcpy(&chunk, bytes + i, sizeof chunk);
      if ((chunk & 0x8080808080808080ULL) == 0) {
        i += 8;
        continue;
      }
    }
    const unsigned char lead = bytes[i];
    if (lead < 0x80) {
      ++i;
      continue;
    }
    size_t length = 0;
    unsigned char min_second = 0x80;
    unsigned char max_second = 0xBF;
    if (lead >= 0xC2 && lead <= 0xDF) {
      length = 2;
    } else if (lead >= 0xE0 && lead <= 0xEF) {
      length = 3;
      if (lead == 0xE0) min_second = 0xA0;  // overlong
      if (lead == 0xED) max_second = 0x9F;  // surrogates
    } else if (lead >= 0xF0 && lead <= 0xF4) {
      length = 4;
      if (lead == 0xF0) min_second = 0x90;  // overlong
      if (lead == 0xF4) max_second = 0x8F;  // above U+10FFFF
    } else {
      return false;
    }
    if (i + length > size) return false;
    if (bytes[i + 1] < min_second || bytes[i + 1] > max_second) return false;
    for (size_t k = 2; k < length; ++k) {
      if (bytes[i + k] < 0x80 || bytes[i + k] > 0xBF) return false;
    }
    i += length;
  }
  return true;
}

std::string Cp1252ToUtf8(std::string_view bytes) {
  std::string out;
  out.reserve(bytes.size() + bytes.size() / 8);
  for (const char c : bytes) {
    const auto byte = static_cast<unsigned char>(c);
    if (byte < 0x80) {
      out.push_back(c);
    } else if (byte < 0xA0) {
      AppendUtf8(kCp1252High[byte - 0x80], out);
    } else {
      AppendUtf8(byte, out);
    }
  }
  return out;
}

bool LooksLikeUtf16(std::string_view raw) {
  if (raw.substr(0, 2) == kUtf16LeBom || raw.substr(0, 2) == kUtf16BeBom) return true;
  const size_t sniffed = std::min(raw.size(), kUtf16SniffBytes) & ~size_t{1};
  const size_t pairs = sniffed / 2;
  if (pairs == 0) return false;
  std::array<size_t, 2> nuls = {0, 0};  // at even, odd offsets
  for (size_t i = 0; i < sniffed; ++i) {
    if (raw[i] == '\0') ++nuls[i % 2];
  }
  // Text in UTF-16 has a NUL in nearly every pair (ASCII and Latin-1 letters).
  return std::max(nuls[0], nuls[1]) * 4 >= pairs * 3;
}

std::string_view DecodeCsvText(std::string_view raw, std::string& storage) {
  if (raw.substr(0, kUtf8Bom.size()) == kUtf8Bom) raw.remove_prefix(kUtf8Bom.size());
  if (IsValidUtf8(raw)) return raw;
  storage = Cp1252ToUtf8(raw);
  return storage;
}

char DetectSeparator(std::string_view text) {
  bool in_quotes = false;
  bool has_semicolon = false;
  for (const char c : text.substr(0, kMaxRecordBytes)) {
    if (c == '"') {
      in_quotes = !in_quotes;  // a doubled quote toggles twice: no change
    } else if (!in_quotes) {
      if (c == '\n' || c == '\r') break;
      if (c == ';') has_semicolon = true;
    }
  }
  return has_semicolon ? ';' : ',';  // ',' also when neither occurs
}

std::string_view TrimValue(std::string_view value) {
  size_t begin = 0;
  size_t length = 0;
  while (begin < value.size() && IsTrimmableAt(value, begin, &length)) begin += length;
  size_t end = value.size();
  while (end > begin) {
    const size_t trailing = TrimmableBefore(value, end);
    if (trailing == 0 || end - trailing < begin) break;
    end -= trailing;
  }
  return value.substr(begin, end - begin);
}

CsvReader::CsvReader(std::string_view text, char separator, bool more_follows)
    : text_(text), separator_(separator), more_follows_(more_follows) {}

void CsvReader::Continue(std::string_view text, bool more_follows) {
  text_ = text;
  more_follows_ = more_follows;
  needs_more_ = false;
  pos_ = 0;
}

bool CsvReader::Next() {
  if (stopped_) return false;
  if (pos_ >= text_.size()) {
    needs_more_ = more_follows_;
    return false;
  }
  record_line_ = next_line_;
  record_start_ = pos_;
  record_has_quote_ = false;
  fields_.clear();
  if (!error_.empty()) error_ = Message();
  for (;;) {
    const bool more = pos_ < text_.size() && text_[pos_] == '"' ? ReadQuoted() : ReadUnquoted();
    if (fields_.back().size() > kMaxFieldBytes) {
      SetError(Message(MessageId::kValueTooLong, {SizeText(kMaxFieldBytes)}), fields_.size() - 1);
    }
    if (fields_.size() > kMaxColumns) {
      SetError(Message(MessageId::kTooManyColumns, {std::to_string(kMaxColumns)}), fields_.size() - 1);
      if (more) SkipToLineEnd();
      break;
    }
    if (pos_ - record_start_ > kMaxRecordBytes) {
      SetError(Message(MessageId::kRowTooLong, {SizeText(kMaxRecordBytes)}),
               fields_.size() - 1);
      if (more) SkipToLineEnd();
      break;
    }
    if (!more) break;
  }
  if (more_follows_ && !stopped_ && pos_ >= text_.size()) {
    // The record may go on in the next piece (a line break there, a CR
    // here and its LF there, a doubled quote split): read it again then.
    pos_ = record_start_;
    next_line_ = record_line_;
    needs_more_ = true;
    return false;
  }
  SkipLineEnd();
  return true;
}

void CsvReader::SetError(Message message, size_t field) {
  if (!error_.empty()) return;
  error_ = std::move(message);
  error_field_ = field;
}

void CsvReader::SkipToLineEnd() {
  const size_t end = text_.find('\n', pos_);
  pos_ = end == std::string_view::npos ? text_.size() : end;
}

bool CsvReader::AtLineEnd() const {
  if (pos_ >= text_.size()) return false;
  if (text_[pos_] == '\n') return true;
  return text_[pos_] == '\r' && pos_ + 1 < text_.size() && text_[pos_ + 1] == '\n';
}

void CsvReader::SkipLineEnd() {
  if (!AtLineEnd()) return;
  pos_ += text_[pos_] == '\r' ? 2 : 1;
  ++next_line_;
}

bool CsvReader::ReadUnquoted() {
  const char* const data = text_.data();
  const size_t size = text_.size();
  const size_t start = pos_;
  size_t p = start;
  for (;;) {
    // Jump to the next byte that can end the field.
    while (p < size && data[p] != separator_ && data[p] != '\n' && data[p] != '\r') ++p;
    if (p >= size || data[p] != '\r' || (p + 1 < size && data[p + 1] == '\n')) break;
    ++p;  // a lone CR is an ordinary character
  }
  fields_.emplace_back(data + start, p - start);
  pos_ = p;
  if (p < size && data[p] == separator_) {
    ++pos_;
    return true;
  }
  return false;
}

bool CsvReader::ReadQuoted() {
  record_has_quote_ = true;
  const size_t field_index = fields_.size();
  const size_t size = text_.size();
  const size_t start = pos_ + 1;
  size_t p = start;
  std::string* buffer = nullptr;  // set once a doubled quote is met
  size_t copied_from = start;
  // The closing quote is looked for within the record's budget only.
  const size_t window_end = std::min(size, record_start_ + kMaxRecordBytes);
  const std::string_view window = text_.substr(0, window_end);
  for (;;) {
    const size_t quote = p < window_end ? window.find('"', p) : std::string_view::npos;
    const size_t stop = quote == std::string_view::npos ? std::max(p, window_end) : quote;
    next_line_ += std::count(text_.begin() + static_cast<std::ptrdiff_t>(p),
                             text_.begin() + static_cast<std::ptrdiff_t>(stop), '\n');
    if (quote == std::string_view::npos) {
      // Open quote: keep what was read, then stop reading the text.
      if (buffer != nullptr) {
        buffer->append(text_.substr(copied_from, stop - copied_from));
        fields_.emplace_back(*buffer);
      } else {
        fields_.push_back(text_.substr(start, stop - start));
      }
      SetError(window_end == size ? Message(MessageId::kQuoteNotClosed)
                                  : Message(MessageId::kQuoteRunsOver, {SizeText(kMaxRecordBytes)}),
               field_index);
      stopped_ = window_end != size;  // with the file's end in the text, nothing is left to read anyway
      pos_ = size;
      return false;
    }
    if (quote + 1 < size && text_[quote + 1] == '"') {
      if (buffer == nullptr) {
        while (unescaped_.size() <= field_index) unescaped_.emplace_back();
        buffer = &unescaped_[field_index];
        buffer->clear();
      }
      buffer->append(text_.substr(copied_from, quote + 1 - copied_from));  // keeps one quote
      p = quote + 2;
      copied_from = p;
      continue;
    }
    if (buffer != nullptr) {
      buffer->append(text_.substr(copied_from, quote - copied_from));
      fields_.emplace_back(*buffer);
    } else {
      fields_.push_back(text_.substr(start, quote - start));
    }
    pos_ = quote + 1;
    break;
  }
  // After the closing quote: optional spaces, then a separator or a line end.
  while (pos_ < size && (text_[pos_] == ' ' || text_[pos_] == '\t')) ++pos_;
  if (pos_ >= size || AtLineEnd()) return false;
  if (text_[pos_] == separator_) {
    ++pos_;
    return true;
  }
  SetError(Message(MessageId::kTextAfterQuote), field_index);
  // Skip the stray text up to the end of the field and go on.
  while (pos_ < size && text_[pos_] != separator_ && text_[pos_] != '\n' && !AtLineEnd()) ++pos_;
  if (pos_ < size && text_[pos_] == separator_) {
    ++pos_;
    return true;
  }
  return false;
}

bool CsvReader::blank() const {
  if (record_has_quote_) return false;
  return std::all_of(fields_.begin(), fields_.end(),
                     [](std::string_view field) { return TrimValue(field).empty(); });
}

}  // namespace agencykpi
