// What report and review are made of, for the commands written in their own
// files (price_command.cpp): each piece behaves as it does for them.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "common/status.h"
#include "domain/dataset.h"
#include "kpi/engine.h"
#include "report/locale_format.h"

namespace agencykpi {

// --period, --as-of and --grace-days: as-of defaults to today, the period to its half-year.
Result<ReportRequest> ParseCommandRequest(const std::string& period, const std::string& as_of, int grace_days);
// --lang, else the locale's.
Language CommandLanguage(const std::string& lang);
// The dataset of --data or --db; nullopt once the refusal is printed, its exit status in `exit_code`.
std::optional<Dataset> LoadCommandData(const std::string& data, const std::string& db, const std::string& agency,
                                       int& exit_code);
// Prints "agencykpi: MESSAGE" and returns the status's exit code.
int FailCommand(const Status& status);
// Writes `text` to the file `out`, or to stdout when it is empty.
int WriteCommandOutput(const std::string& out, std::string_view text);

}  // namespace agencykpi
