// A table read through a column-mapping profile (profile.h): a RecordSource
// over the source's own records that gives the agency folder's header and
// rows. The reader then validates them as it validates a CSV file of ours,
// and every finding still names the user's file, line and cell.
#pragma once

#include <cstddef>
#include <memory>
#include <optional>
#include <span>
#include <string_view>
#include <vector>

#include "domain/catalogue.h"
#include "ingest/messages.h"
#include "ingest/profile.h"
#include "ingest/record_source.h"

namespace agencykpi {

// Where the profile's source columns are in a source header.
struct SourceBinding {
  static constexpr size_t kConstant = static_cast<size_t>(-1);
  std::vector<size_t> fields;       // per profile column: its source field, or kConstant
  std::vector<size_t> skip_fields;  // per skip_when rule: its source field
};

// Finds every source column the profile names (skip_when's included) in
// `header`, by name trimmed and ignoring case. A name absent is an error
// naming the profile, the place inside it and the header's columns.
std::optional<SourceBinding> BindSource(const TableProfile& profile, std::span<const ColumnDesc> columns,
                                        const std::vector<std::string_view>& header, Message& error);

// `source` read through `profile`, for the table whose catalogue columns
// are `columns`:
//  - the records on the first skip_rows lines (rows) are skipped, then blank
//    ones; the next is the source's header, bound by BindSource (on failure
//    Next() is false and failure() says why);
//  - the first record given is a header of our column names, the ones the
//    profile maps, in catalogue order; each row then gives their values in
//    that order: a constant, or the source field with its value map applied
//    (matched by FoldValue; an unmapped value stays as it is, for the
//    reader to refuse as it would), dates and numbers rewritten in the
//    notation of the folder (source_values.h) per the profile's date order
//    and decimal mark;
//  - rows matching a skip_when rule are dropped; a row whose mapped fields
//    are all empty is blank;
//  - line(), Place(), errors, failure(), progress and the NUL check are the
//    source's, so findings point at the user's file.
std::unique_ptr<RecordSource> MapRecords(std::unique_ptr<RecordSource> source, const TableProfile& profile,
                                         std::span<const ColumnDesc> columns);

}  // namespace agencykpi
