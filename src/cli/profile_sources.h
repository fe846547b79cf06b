// The files a profile names, opened as records for `profile init`,
// `profile check` and --profile: a CSV file, or a sheet of a workbook
// (open_records.h).
#pragma once

#include <string>

#include "ingest/open_records.h"

namespace agencykpi {

// The file is a workbook (.xlsx, .xlsm), by its name.
bool IsWorkbookName(const std::string& file);

}  // namespace agencykpi
