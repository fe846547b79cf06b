// libFuzzer target for the XLSX reader (SPEC §1.4). The first byte chooses
// what the rest is: 0 a whole workbook file (zip and all); 1 the XML of a
// sheet, 2 of the shared strings, 3 of the styles, each put in an otherwise
// valid workbook (so the fuzzer spends its time in the XML, not in the zip's
// checksums). The workbook is then imported as the agency. Any crash,
// sanitizer report or broken invariant below is a bug.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <map>
#include <string>
#include <string_view>

#include "../ingest/xlsx_builder.h"
#include "ingest/agency_reader.h"

namespace {

constexpr size_t kMaxDiagnosticBytes = 1024;

void Check(bool condition) {
  if (!condition) std::abort();
}

std::string WorkbookWith(uint8_t mode, std::string_view xml) {
  using agencykpi::testing::Row;
  auto parts = agencykpi::testing::WorkbookParts(
      {{"clients", Row(1, {"client_id", "name"}) + Row(2, {"C1", "A"})}, {"Temps", ""}}, {"<t>x</t>"},
      {{164, "dd/mm/yyyy"}}, {0, 14, 164});
  const std::string text(xml);
  if (mode == 1) parts["xl/worksheets/sheet2.xml"] = text;
  if (mode == 2) parts["xl/sharedStrings.xml"] = text;
  if (mode == 3) parts["xl/styles.xml"] = text;
  return agencykpi::testing::ZipOf(parts, /*deflate=*/false);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  const uint8_t mode = data[0] % 4;
  const std::string_view rest(reinterpret_cast<const char*>(data + 1), size - 1);
  std::string book = mode == 0 ? std::string(rest) : WorkbookWith(mode, rest);
  auto source = agencykpi::MemorySource({{"agency.xlsx", std::move(book)}});
  const agencykpi::IngestOutcome outcome = agencykpi::ReadAgency(*source);
  Check(outcome.ok() == outcome.errors.empty());
  Check(outcome.error_count >= outcome.errors.size());
  for (const auto& diagnostic : outcome.errors) {
    const std::string line = diagnostic.ToString();
    Check(!line.empty() && line.size() <= kMaxDiagnosticBytes);
  }
  for (const auto& diagnostic : outcome.warnings) Check(diagnostic.ToString().size() <= kMaxDiagnosticBytes);
  return 0;
}
