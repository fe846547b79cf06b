// libFuzzer target for the CSV reader and the agency import: the input is
// decoded and read record by record, then imported as one table of a small
// valid agency (the first byte chooses which table, the rest is its
// content), so every parser and
// validation path sees hostile bytes. Any crash, sanitizer report or broken
// invariant below is a bug.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <map>
#include <string>
#include <string_view>

#include "ingest/agency_reader.h"
#include "ingest/csv_reader.h"
#include "ingest/value_parser.h"

namespace {

constexpr std::string_view kTables[] = {
    "clients.csv", "contracts.csv", "missions.csv", "employees.csv", "cost_rates.csv",
    "stores.csv", "time_entries.csv", "expenses.csv", "invoices.csv", "visits.csv",
    "objectives.csv", "results.csv", "store_audits.csv",
};

// Longest diagnostic an input may produce: values, columns and file names
// are echoed cut to 80 characters, so a message stays far below this.
constexpr size_t kMaxDiagnosticBytes = 1024;

void Check(bool condition) {
  if (!condition) std::abort();
}

void FuzzCsvReader(std::string_view raw) {
  std::string storage;
  const std::string_view text = agencykpi::DecodeCsvText(raw, storage);
  Check(agencykpi::IsValidUtf8(text));
  agencykpi::CsvReader reader(text, agencykpi::DetectSeparator(text));
  int64_t previous_line = 0;
  while (reader.Next()) {
    Check(reader.line() > previous_line);
    Check(reader.offset() <= text.size());
    previous_line = reader.line();
    for (const std::string_view field : reader.fields()) {
      const std::string_view value = agencykpi::TrimValue(field);
      (void)agencykpi::ParseDecimal(value, 2, true);
      (void)agencykpi::ParseWholeNumber(value);
      (void)agencykpi::ParseDate(value);
    }
  }
}

void FuzzAgency(const uint8_t* data, size_t size) {
  std::map<std::string, std::string> files = {
      {"clients.csv", "client_id,name\nC1,A\n"},
      {"contracts.csv", "contract_id,client_id,start_date,end_date\nK1,C1,2026-01-01,2026-12-31\n"},
      {"missions.csv", "mission_id,client_id,name,start_date,end_date\nM1,C1,X,2026-01-01,2026-12-31\n"},
      {"employees.csv", "employee_id,name\nE1,Ann\n"},
      {"cost_rates.csv", "employee_id,valid_from,hourly_cost\nE1,2026-01-01,30\n"},
      {"stores.csv", "store_id,name\nS1,Hyper\n"},
  };
  if (size == 0) return;
  const std::string_view table = kTables[data[0] % std::size(kTables)];
  files[std::string(table)] = std::string(reinterpret_cast<const char*>(data) + 1, size - 1);
  auto source = agencykpi::MemorySource(std::move(files));
  const agencykpi::IngestOutcome outcome = agencykpi::ReadAgency(*source);
  for (const agencykpi::Diagnostic& error : outcome.errors) {
    const std::string text = error.ToString();
    Check(!text.empty() && text.size() <= kMaxDiagnosticBytes);
  }
  for (const agencykpi::Diagnostic& warning : outcome.warnings) Check(warning.ToString().size() <= kMaxDiagnosticBytes);
  Check(outcome.error_count >= outcome.errors.size() - (outcome.errors.empty() ? 0 : 1));
  Check(outcome.ok() == (outcome.error_count == 0));
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  FuzzCsvReader(std::string_view(reinterpret_cast<const char*>(data), size));
  FuzzAgency(data, size);
  return 0;
}
