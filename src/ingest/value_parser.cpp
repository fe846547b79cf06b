#include "ingest/value_parser.h"

#include <string>

#include "ingest/limits.h"
#include "ingest/messages.h"

namespace agencykpi {
namespace {

bool IsDigit(char c) { return c >= '0' && c <= '9'; }

// Length of a thousands-grouping character at `pos` (space, U+00A0,
// U+202F), or 0.
size_t GroupingAt(std::string_view text, size_t pos) {
  if (text[pos] == ' ') return 1;
  if (text.compare(pos, 2, "\xC2\xA0") == 0) return 2;
  if (text.compare(pos, 3, "\xE2\x80\xAF") == 0) return 3;
  return 0;
}

char ToLowerAscii(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }


// True for the first byte of a UTF-8 character (not a continuation byte).
bool StartsCharacter(char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }

struct NumberParts {
  bool negative = false;
  __int128 integer = 0;
  bool integer_overflow = false;
  std::string_view fraction;  // digits after the decimal mark, may be empty
  bool has_mark = false;
};

// Splits `text` into sign, integer part and fraction; false if malformed.
bool SplitNumber(std::string_view text, bool decimal_comma, NumberParts& parts) {
  size_t i = 0;
  if (i < text.size() && text[i] == '-') {
    parts.negative = true;
    ++i;
  }
  if (i >= text.size() || !IsDigit(text[i])) return false;
  while (i < text.size()) {
    const char c = text[i];
    if (IsDigit(c)) {
      if (parts.integer > kMaxScaledMagnitude) {
        parts.integer_overflow = true;
      } else {
        parts.integer = parts.integer * 10 + (c - '0');
      }
      ++i;
      continue;
    }
    const size_t grouping = GroupingAt(text, i);
    // Grouping only between two digits (the one before is a digit here).
    if (grouping > 0 && i + grouping < text.size() && IsDigit(text[i + grouping])) {
      i += grouping;
      continue;
    }
    break;
  }
  if (i == text.size()) return true;
  if (text[i] == '.' || (decimal_comma && text[i] == ',')) {
    parts.has_mark = true;
    ++i;
    const size_t fraction_start = i;
    while (i < text.size() && IsDigit(text[i])) ++i;
    if (i == fraction_start || i != text.size()) return false;
    parts.fraction = text.substr(fraction_start);
    return true;
  }
  return false;
}

}  // namespace

std::string EchoValue(std::string_view text) {
  static constexpr std::string_view kEllipsis = "\u2026";
  size_t characters = 0;
  for (size_t i = 0; i < text.size(); ++i) {
    if (!StartsCharacter(text[i])) continue;
    if (characters == kMaxEchoedValueChars) return std::string(text.substr(0, i)) + std::string(kEllipsis);
    ++characters;
  }
  return std::string(text);
}

std::string QuoteValue(std::string_view text) { return "'" + EchoValue(text) + "'"; }

std::optional<int64_t> ParseDecimal(std::string_view text, int decimals, bool decimal_comma, Message& error) {
  NumberParts parts;
  if (!SplitNumber(text, decimal_comma, parts)) {
    error = Message(MessageId::kInvalidNumber, {QuoteValue(text)});
    return std::nullopt;
  }
  std::string_view fraction = parts.fraction;
  while (!fraction.empty() && fraction.back() == '0') fraction.remove_suffix(1);
  if (fraction.size() > static_cast<size_t>(decimals)) {
    error = Message(MessageId::kTooManyDecimals, {QuoteValue(text), std::to_string(decimals)});
    return std::nullopt;
  }
  __int128 value = parts.integer;
  for (int k = 0; k < decimals; ++k) {
    value *= 10;
    if (static_cast<size_t>(k) < fraction.size()) value += fraction[static_cast<size_t>(k)] - '0';
  }
  if (parts.integer_overflow || value > kMaxScaledMagnitude) {
    error = Message(MessageId::kNumberTooLarge, {QuoteValue(text)});
    return std::nullopt;
  }
  return static_cast<int64_t>(parts.negative ? -value : value);
}

std::optional<int64_t> ParseWholeNumber(std::string_view text, Message& error) {
  NumberParts parts;
  if (!SplitNumber(text, false, parts) || parts.has_mark) {
    error = Message(MessageId::kInvalidWholeNumber, {QuoteValue(text)});
    return std::nullopt;
  }
  if (parts.integer_overflow || parts.integer > kMaxScaledMagnitude) {
    error = Message(MessageId::kNumberTooLarge, {QuoteValue(text)});
    return std::nullopt;
  }
  return static_cast<int64_t>(parts.negative ? -parts.integer : parts.integer);
}

Result<int64_t> ParseDecimal(std::string_view text, int decimals, bool decimal_comma) {
  Message error;
  const std::optional<int64_t> value = ParseDecimal(text, decimals, decimal_comma, error);
  if (!value) return Status::InvalidInput(error.Render());
  return *value;
}

Result<int64_t> ParseWholeNumber(std::string_view text) {
  Message error;
  const std::optional<int64_t> value = ParseWholeNumber(text, error);
  if (!value) return Status::InvalidInput(error.Render());
  return *value;
}

bool IsValidIdentifier(std::string_view text) {
  if (text.empty() || text.size() > kMaxIdentifierLength) return false;
  for (const char c : text) {
    const bool ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || IsDigit(c) || c == '_' ||
                    c == '.' || c == '-' || c == '/';
    if (!ok) return false;
  }
  return true;
}

bool EqualsIgnoreCase(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    if (ToLowerAscii(a[i]) != ToLowerAscii(b[i])) return false;
  }
  return true;
}

std::optional<size_t> MatchName(std::string_view text, std::span<const std::string_view> names) {
  for (size_t i = 0; i < names.size(); ++i) {
    if (EqualsIgnoreCase(text, names[i])) return i;
  }
  return std::nullopt;
}

}  // namespace agencykpi
