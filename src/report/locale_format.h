// Numbers, money, percentages and dates written for people, in French or
// English. Used by the table renderer (and any other human-facing output);
// the JSON and CSV outputs have their own machine formats.
//
// French typography:
//   - thousands are grouped with a narrow no-break space (U+202F), as in
//     CLDR's fr locale: "12 345,67 €";
//   - a no-break space (U+00A0) separates a number from its unit, so a line
//     never breaks between them: "12,50 €", "75,0 %", "37,5 h";
//   - the decimal separator is a comma.
// English: "€12,345.67", "75.0%", "37.5 h".
// Negative numbers use an ASCII hyphen-minus: "-1 234,50 €", "-€1,234.50".
// An undefined figure (nullopt, or a non-finite double) is written "—".
//
// Money is formatted from integer cents with integer arithmetic only. The
// currency is always the euro (Report::currency is "EUR").
// All functions are pure and thread-safe, except LanguageFromEnv, which
// reads the environment.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "common/date.h"
#include "common/exact.h"
#include "common/language.h"

namespace agencykpi {

inline constexpr std::string_view kFrenchGroupSeparator = "\u202F";  // narrow no-break space
inline constexpr std::string_view kFrenchUnitSpace = "\u00A0";       // no-break space
inline constexpr std::string_view kNullText = "\u2014";              // em dash "—"

// The language of a locale, from the values of LC_ALL, LC_MESSAGES and LANG
// (empty = unset), first non-empty one wins as in POSIX: a value starting
// with "fr" ("fr", "fr_FR.UTF-8", "fr_CA") is French; anything else,
// including "C" and nothing at all, is English.
Language LanguageFromLocaleVars(std::string_view lc_all, std::string_view lc_messages,
                                std::string_view lang);

// LanguageFromLocaleVars over the process environment. Not safe while
// another thread calls setenv.
Language LanguageFromEnv();

// "12 345,67 €" / "€12,345.67"; "-0,01 €" / "-€0.01"; "0,00 €" / "€0.00".
std::string FormatMoney(Cents cents, Language language);
std::string FormatMoney(std::optional<Cents> cents, Language language);

// A count with thousands grouping: "1 234" / "1,234".
std::string FormatInteger(int64_t value, Language language);

// Hours from hundredths, trailing zeros dropped: "37,5 h" / "37.5 h", "40 h".
std::string FormatHours(Hundredths hours, Language language);

// A ratio as a percentage: 0.75 → "75,0 %" / "75.0%".
std::string FormatPercent(std::optional<double> ratio, Language language, int decimals = 1);

// A difference of two ratios in percentage points, always signed:
// -0.12 → "-12,0 pts" / "-12.0 pp"; 0.032 → "+3,2 pts" / "+3.2 pp".
std::string FormatPoints(std::optional<double> difference, Language language, int decimals = 1);

// A plain decimal with grouping: 1234.5 (2 decimals) → "1 234,50" / "1,234.50".
std::string FormatDecimal(std::optional<double> value, Language language, int decimals = 2);

// An objective quantity (millionths, exact), trailing zeros dropped:
// 12 500 000 → "12,5" / "12.5"; 100 000 000 → "100".
std::string FormatQuantity(std::optional<Micros> micros, Language language);

// A date: "31/01/2026" (French) / "2026-01-31" (English, ISO 8601).
std::string FormatDay(Day day, Language language);

}  // namespace agencykpi
