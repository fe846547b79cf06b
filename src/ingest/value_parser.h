// Parsers for the values of CSV cells (SPEC §1.1): exact decimal numbers,
// whole numbers, identifiers and case-insensitive enum names. They take a
// value already trimmed (see TrimValue) and non-empty; errors are values
// whose message names the text, ready to be reported after `COLUMN: `.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "common/status.h"

namespace agencykpi {

struct Message;

// Longest identifier (SPEC §1.1).
constexpr size_t kMaxIdentifierLength = 64;
// Largest magnitude a scaled number may have: well inside int64, so sums of
// millions of rows stay exact in the engine's 128-bit accumulators.
constexpr int64_t kMaxScaledMagnitude = 1000000000000000000;  // 1e18

// A value as a message may quote it: at most kMaxEchoedValueChars characters
// (limits.h), a longer one cut on a UTF-8 character boundary and ended with
// "…". Every diagnostic that names a value, a column or a file name taken
// from the input goes through it, so a message stays short whatever the file
// holds.
std::string EchoValue(std::string_view text);
// EchoValue between single quotes: 'C9'.
std::string QuoteValue(std::string_view text);

// Parses a decimal number and returns it × 10^decimals, exactly:
// ParseDecimal("1 234,5", 2, true) == 123450. Accepts an optional leading
// `-`, the decimal mark `.` (and `,` when `decimal_comma`, i.e. in a `;`
// file), one space, U+00A0 or U+202F between two digits of the integer part
// as thousands grouping. Rejects anything else (`.5`, `5.`, `1.2.3`, `12 €`,
// `5%`) and more than `decimals` significant decimals; trailing zeros after
// the decimal mark do not count (`12.500` is fine with 2).
Result<int64_t> ParseDecimal(std::string_view text, int decimals, bool decimal_comma);

// A whole number: optional `-`, digits, thousands grouping as above, no
// decimal mark.
Result<int64_t> ParseWholeNumber(std::string_view text);

// The same, the refusal as a message (its id and the value) in `error`.
std::optional<int64_t> ParseDecimal(std::string_view text, int decimals, bool decimal_comma, Message& error);
std::optional<int64_t> ParseWholeNumber(std::string_view text, Message& error);

// 1 to 64 characters from A-Z a-z 0-9 _ . - /
bool IsValidIdentifier(std::string_view text);

// ASCII case-insensitive equality.
bool EqualsIgnoreCase(std::string_view a, std::string_view b);

// Index of the name equal to `text` ignoring ASCII case, or nullopt.
std::optional<size_t> MatchName(std::string_view text, std::span<const std::string_view> names);

}  // namespace agencykpi
