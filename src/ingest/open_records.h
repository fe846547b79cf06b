// One file of a source opened as records, whatever its format: for the
// commands that look at a user's export before it is imported (a profile's
// `init` and `check`), and for a profile's sources.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "common/status.h"
#include "ingest/agency_reader.h"
#include "ingest/record_source.h"

namespace agencykpi {

struct OpenedRecords {
  std::unique_ptr<RecordSource> records;
  std::string place;  // how diagnostics name it: "invoices.csv", "agency.xlsx[Factures]"
};

// Opens `file` of `source`: a CSV file (read whole), or sheet `sheet` of a
// workbook (the first sheet when empty; matched ignoring case and
// accents). An InvalidInput status naming the file when it is absent, is
// neither, is UTF-16 or lacks that sheet.
Result<OpenedRecords> OpenRecords(FileSource& source, const std::string& file, const std::string& sheet,
                                  Language language = Language::kEnglish);

// The file is a workbook (.xlsx, .xlsm: a .xlsm's macros are never read),
// by its name, ignoring case.
bool IsWorkbookName(std::string_view file);

// The sheets of workbook `file` of `source`, in order.
Result<std::vector<std::string>> SheetNames(FileSource& source, const std::string& file,
                                            Language language = Language::kEnglish);

}  // namespace agencykpi
