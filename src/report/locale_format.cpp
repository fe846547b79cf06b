#include "report/locale_format.h"

#include <cctype>
#include <cmath>
#include <cstdlib>

#include <fmt/format.h>

namespace agencykpi {
namespace {

constexpr int kDigitsPerGroup = 3;

std::string_view GroupSeparator(Language language) {
  return language == Language::kFrench ? kFrenchGroupSeparator : std::string_view(",");
}

char DecimalSeparator(Language language) { return language == Language::kFrench ? ',' : '.'; }

// Inserts the group separator every three digits from the right.
std::string GroupDigits(std::string_view digits, Language language) {
  const std::string_view separator = GroupSeparator(language);
  std::string out;
  out.reserve(digits.size() + digits.size() / kDigitsPerGroup * separator.size());
  for (size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % kDigitsPerGroup == 0) out += separator;
    out += digits[i];
  }
  return out;
}

// |value| as unsigned, correct for INT64_MIN too.
uint64_t Magnitude(int64_t value) {
  return value < 0 ? 0ULL - static_cast<uint64_t>(value) : static_cast<uint64_t>(value);
}

// "12 345" + decimal separator + `fraction` (already padded); the fraction
// part is left out when empty.
std::string JoinNumber(uint64_t whole, std::string_view fraction, Language language) {
  std::string out = GroupDigits(std::to_string(whole), language);
  if (!fraction.empty()) {
    out += DecimalSeparator(language);
    out += fraction;
  }
  return out;
}

// `digits` zero-padded on the left to `width`, then trailing zeros dropped.
std::string TrimmedFraction(uint64_t fraction, int width) {
  std::string digits = std::to_string(fraction);
  digits.insert(0, static_cast<size_t>(width) - digits.size(), '0');
  while (!digits.empty() && digits.back() == '0') digits.pop_back();
  return digits;
}

// Unsigned, grouped, fixed-decimals text of |value|; sets *negative when the
// written number is below zero (so "-0,0" never appears).
std::string UnsignedFixed(double value, Language language, int decimals, bool* negative) {
  const std::string fixed = fmt::format("{:.{}f}", std::fabs(value), decimals < 0 ? 0 : decimals);
  const size_t dot = fixed.find('.');
  const std::string_view whole = std::string_view(fixed).substr(0, dot);
  std::string out = GroupDigits(whole, language);
  bool nonzero = whole.find_first_not_of('0') != std::string_view::npos;
  if (dot != std::string::npos) {
    const std::string_view fraction = std::string_view(fixed).substr(dot + 1);
    nonzero = nonzero || fraction.find_first_not_of('0') != std::string_view::npos;
    out += DecimalSeparator(language);
    out += fraction;
  }
  *negative = std::signbit(value) && nonzero;
  return out;
}

bool StartsWithFrench(std::string_view locale) {
  if (locale.size() < 2) return false;
  const bool fr = std::tolower(static_cast<unsigned char>(locale[0])) == 'f' &&
                  std::tolower(static_cast<unsigned char>(locale[1])) == 'r';
  // "fr", "fr_FR.UTF-8", "fr-CA", "fr@euro"; not a longer word such as "friulian".
  return fr && (locale.size() == 2 || !std::isalpha(static_cast<unsigned char>(locale[2])));
}

std::string_view EnvOrEmpty(const char* name) {
  const char* value = std::getenv(name);
  return value == nullptr ? std::string_view() : std::string_view(value);
}

}  // namespace

Language LanguageFromLocaleVars(std::string_view lc_all, std::string_view lc_messages,
                                std::string_view lang) {
  for (std::string_view value : {lc_all, lc_messages, lang}) {
    if (!value.empty()) return StartsWithFrench(value) ? Language::kFrench : Language::kEnglish;
  }
  return Language::kEnglish;
}

Language LanguageFromEnv() {
  return LanguageFromLocaleVars(EnvOrEmpty("LC_ALL"), EnvOrEmpty("LC_MESSAGES"), EnvOrEmpty("LANG"));
}

std::string FormatMoney(Cents cents, Language language) {
  const uint64_t magnitude = Magnitude(cents);
  const std::string number =
      JoinNumber(magnitude / 100, fmt::format("{:02}", magnitude % 100), language);
  const std::string_view sign = cents < 0 ? "-" : "";
  if (language == Language::kFrench) {
    return fmt::format("{}{}{}\u20AC", sign, number, kFrenchUnitSpace);
  }
  return fmt::format("{}\u20AC{}", sign, number);
}

std::string FormatMoney(std::optional<Cents> cents, Language language) {
  return cents ? FormatMoney(*cents, language) : std::string(kNullText);
}

std::string FormatInteger(int64_t value, Language language) {
  std::string out = value < 0 ? "-" : "";
  out += GroupDigits(std::to_string(Magnitude(value)), language);
  return out;
}

std::string FormatHours(Hundredths hours, Language language) {
  const uint64_t magnitude = Magnitude(hours);
  std::string out = hours < 0 ? "-" : "";
  out += JoinNumber(magnitude / 100, TrimmedFraction(magnitude % 100, 2), language);
  out += language == Language::kFrench ? kFrenchUnitSpace : std::string_view(" ");
  out += "h";
  return out;
}

std::string FormatDecimal(std::optional<double> value, Language language, int decimals) {
  if (!value || !std::isfinite(*value)) return std::string(kNullText);
  bool negative = false;
  std::string number = UnsignedFixed(*value, language, decimals, &negative);
  return negative ? "-" + number : number;
}

std::string FormatPercent(std::optional<double> ratio, Language language, int decimals) {
  if (!ratio || !std::isfinite(*ratio)) return std::string(kNullText);
  std::string out = FormatDecimal(*ratio * 100.0, language, decimals);
  if (language == Language::kFrench) out += kFrenchUnitSpace;
  out += "%";
  return out;
}

std::string FormatPoints(std::optional<double> difference, Language language, int decimals) {
  if (!difference || !std::isfinite(*difference)) return std::string(kNullText);
  bool negative = false;
  const std::string number = UnsignedFixed(*difference * 100.0, language, decimals, &negative);
  const bool zero = number.find_first_of("123456789") == std::string::npos;
  const std::string_view sign = negative ? "-" : (zero ? "" : "+");
  if (language == Language::kFrench) return fmt::format("{}{}{}pts", sign, number, kFrenchUnitSpace);
  return fmt::format("{}{} pp", sign, number);
}

std::string FormatQuantity(std::optional<Micros> micros, Language language) {
  if (!micros) return std::string(kNullText);
  const uint64_t magnitude = Magnitude(*micros);
  const uint64_t per_unit = static_cast<uint64_t>(kMicrosPerUnit);
  std::string out = *micros < 0 ? "-" : "";
  out += JoinNumber(magnitude / per_unit, TrimmedFraction(magnitude % per_unit, 6), language);
  return out;
}

std::string FormatDay(Day day, Language language) {
  if (language == Language::kEnglish) return FormatDate(day);
  const CivilDate civil = CivilFromDay(day);
  return fmt::format("{:02}/{:02}/{:04}", civil.day, civil.month, civil.year);
}

}  // namespace agencykpi
