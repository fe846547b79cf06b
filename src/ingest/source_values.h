// A source's dates and numbers as the agency folder reads them, for
// column-mapping profiles (profile.h): a date in the source's day order
// rewritten to YYYY-MM-DD, a number with the source's decimal mark and
// thousands grouping rewritten with '.' and no grouping. A text that is not
// such a date or number is left alone (false), so the reader quotes the
// user's own text when it refuses it.
#pragma once

#include <string>
#include <string_view>

#include "ingest/profile.h"

namespace agencykpi {

// A date of three parts separated by '/', '-' or '.' (the same twice), in
// `order` (a first part of four digits is always the year: 2026-03-15),
// optionally followed by a time ("15/03/2026 08:30", "…T08:30:00"), which
// is dropped. Two-digit years are 20YY. True with `out` = "2026-03-15"
// when the text is such a date and the day exists.
bool RewriteDate(std::string_view text, DateOrder order, std::string& out);

// A number with `mark` as its decimal mark and, between groups of three
// digits of its whole part, a space (U+0020, U+00A0, U+202F) or the other
// mark ("1 234,50" and "1.234,50" with ','; "1,234.50" with '.'). True with
// `out` = "1234.50" when the text is such a number written otherwise than
// as `out` already.
bool RewriteNumber(std::string_view text, DecimalMark mark, std::string& out);

}  // namespace agencykpi
