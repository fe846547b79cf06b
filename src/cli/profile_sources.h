// The files a profile names, opened as records for `profile init` and
// `profile check`: a CSV file, or a sheet of a workbook.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "common/status.h"
#include "ingest/agency_reader.h"
#include "ingest/record_source.h"

namespace agencykpi {

struct ProfileSource {
  std::unique_ptr<RecordSource> records;
  std::string place;  // "temps.csv", "agency.xlsx[Temps]"
};

// `file` of `source` (`sheet` of it for a workbook; the first when empty).
Result<ProfileSource> OpenProfileSource(FileSource& source, const std::string& file, const std::string& sheet);

// A workbook's sheets in order.
Result<std::vector<std::string>> ProfileSourceSheets(FileSource& source, const std::string& file);

// The file is a workbook (.xlsx), by its name.
bool IsWorkbookName(const std::string& file);

}  // namespace agencykpi
