// Hints for the frequent mistakes of a hand-made agency folder: a value or
// a column name that is refused, and what was probably meant. Each function
// is called only once a cell or a header name has been refused, so none of
// this costs anything on valid data. An empty Message: no hint.
//
//   NumberHint("1 234,50 €", 2, ';')  → "remove the currency sign: write 1234,50"
//   DateHint("06/30/2026")            → "month/day order (US): write 2026-06-30 or 30/06/2026"
//   LikelyColumn("Date de début", …)  → start_date
#pragma once

#include <cstddef>
#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "domain/catalogue.h"
#include "ingest/messages.h"

namespace agencykpi {

// A refused number (`decimals` places; 0 = a whole number) of a file whose
// decimal comma is accepted or not: what to write instead, in the file's
// own notation (`1234,50` in a `;` file, `1234.50` in a `,` file), when the
// value is a number dressed up (currency sign, %, dot or comma thousands,
// `.5`, a decimal comma in a `,` file, `3,0` for a whole number).
Message NumberHint(std::string_view text, int decimals, bool decimal_comma);

// A refused date that is a date in another notation: month/day (US) order,
// year-day-month, dots or other separators, a time after it, or a day that
// does not exist; the hint gives the ISO and the French spelling.
Message DateHint(std::string_view text);

// A header name as compared with the catalogue's names: accents removed,
// lowercase, spaces, dashes, dots and apostrophes as '_' ("Date de début"
// → "date_de_debut").
std::string NormalizeName(std::string_view name);

// Edit distance on bytes (a swap of two neighbours counts one edit).
size_t EditDistance(std::string_view a, std::string_view b);

// The column of `columns` an unknown header name probably is: its
// normalised name, a French or usual synonym ("montant HT" → amount,
// "client" → client_id), or a name at most two edits away (one for short
// names); nullopt when none is close.
std::optional<size_t> LikelyColumn(std::string_view name, std::span<const ColumnDesc> columns);

// The value of `values` a refused enum value probably is ("terrain" →
// field, "Spontané" → spontaneous, "feild" → field).
Message EnumHint(std::string_view text, std::span<const std::string_view> values);

}  // namespace agencykpi
