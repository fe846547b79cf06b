// A table's rows as records of text fields, whatever the file holds them:
// a CSV file (csv_records.h) or a sheet of a workbook (xlsx/sheet_records.h).
// The reader of the agency folder reads every table through one, and a
// column-mapping profile (profile.h) wraps one to pick the header, rename,
// map and add columns. The first record given is the header.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "ingest/messages.h"

namespace agencykpi {

class RecordSource {
 public:
  virtual ~RecordSource() = default;

  // Moves to the next record; false at the end, or once the file cannot be
  // read further (failure() then says why).
  virtual bool Next() = 0;
  // The fields of the current record, untrimmed; valid until the next Next().
  [[nodiscard]] virtual const std::vector<std::string_view>& fields() const = 0;
  // The line (CSV) or row (sheet) where the current record starts; 1 for the
  // first line or row of the file.
  [[nodiscard]] virtual int64_t line() const = 0;
  // The record holds nothing: every field empty once trimmed (and, in CSV,
  // no quote).
  [[nodiscard]] virtual bool blank() const = 0;
  // The record cannot be read as a whole (bad quoting, an error cell): the
  // message (empty when none) and the field where it was found.
  [[nodiscard]] virtual const Message& error_message() const = 0;
  [[nodiscard]] virtual size_t error_field() const = 0;
  [[nodiscard]] bool has_error() const { return !error_message().empty(); }
  // Why the reading stopped before the end (an unreadable piece, a corrupt
  // part of a workbook); empty when it did not.
  [[nodiscard]] virtual const Message& failure() const = 0;
  // A number written in a field may use the decimal comma (`1234,50`): in a
  // `;` CSV file and in a workbook's text cells.
  [[nodiscard]] virtual bool decimal_comma() const = 0;
  // Whether a field may hold a NUL byte (checked per row only then).
  [[nodiscard]] virtual bool may_hold_nul() const { return false; }
  // Bytes of the file read so far, for a progress bar.
  [[nodiscard]] virtual uint64_t bytes_done() const = 0;
  // The most records that may follow the header (what the columns of a
  // large table reserve); 0 when not known.
  [[nodiscard]] virtual uint64_t max_records() const { return 0; }
  // Where a finding of the current record is shown after the file's name:
  // empty for a CSV file (FILE:LINE says it); for a sheet the cell of
  // `field` ("C12"), or the row ("12:12") when `field` is kNoField.
  static constexpr size_t kNoField = static_cast<size_t>(-1);
  [[nodiscard]] virtual std::string Place(size_t field) const {
    (void)field;
    return {};
  }
};

}  // namespace agencykpi
