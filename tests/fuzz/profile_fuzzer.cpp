// libFuzzer target for column-mapping profiles: the input is a profile, a
// line "---", and a CSV export. The profile is read and checked; when it is
// valid each of its tables maps the export (MapRecords) and is explained
// (ExplainTable), so the profile parser, the value maps, skip rules and the
// date and number rewriting all see hostile bytes. Any crash, sanitizer
// report or broken invariant below is a bug.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "domain/catalogue.h"
#include "ingest/csv_records.h"
#include "ingest/mapped_records.h"
#include "ingest/profile.h"
#include "ingest/profile_explain.h"

namespace {

void Check(bool condition) {
  if (!condition) std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace agencykpi;
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  const size_t cut = input.find("\n---\n");
  const std::string_view profile_text = input.substr(0, cut);
  const std::string export_bytes(cut == std::string_view::npos ? std::string_view() : input.substr(cut + 5));

  const ProfileReading reading = ReadProfile(profile_text, "profile.json");
  Check(reading.ok() == reading.errors.empty());
  for (const Diagnostic& error : reading.errors) Check(!error.ToString().empty());
  if (!reading.ok()) return 0;
  for (const TableProfile& table : reading.profile.tables) {
    const auto columns = Catalogue()[table.table].columns;
    auto records = MapRecords(CsvRecords::OfBytes(export_bytes), table, columns);
    bool header = true;
    while (records->Next()) {
      // Our header, then rows of as many fields: one per mapped column.
      Check(records->fields().size() == table.columns.size());
      if (header) {
        for (size_t i = 0; i < table.columns.size(); ++i) {
          Check(records->fields()[i] == columns[table.columns[i].column].name);
        }
      }
      header = false;
      (void)records->Place(0);
    }
    auto explained_source = CsvRecords::OfBytes(export_bytes);
    const TableExplanation explained = ExplainTable(table, *explained_source, "export.csv", Language::kFrench);
    Check(explained.failure.empty() != explained.title.empty());
  }
  return 0;
}
