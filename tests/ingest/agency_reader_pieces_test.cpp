// The fact tables are read in pieces of kReadPieceBytes: a file of several
// pieces reads as it would whole — rows, line numbers, decoding, errors —
// from memory (an upload) and from a folder on disk.
#include <gtest/gtest.h>

#include <array>
#include <filesystem>
#include <fstream>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "ingest/agency_reader.h"
#include "ingest/chunked_text.h"

namespace agencykpi {
namespace {

using Files = std::map<std::string, std::string>;

constexpr size_t kPiece = kReadPieceBytes;

Files ReferenceFiles() {
  return {
      {"clients.csv", "client_id,name\nC1,Alpha\n"},
      {"missions.csv", "mission_id,client_id,name,start_date,end_date\nM1,C1,Merch,2026-01-01,2026-12-31\n"},
      {"employees.csv", "employee_id,name\nE1,Ann\nE2,Bob\n"},
      {"cost_rates.csv", "employee_id,valid_from,hourly_cost\nE1,2026-01-01,30\nE2,2026-01-01,25\n"},
  };
}

// A time_entries.csv of more than two pieces, with a UTF-8 BOM and CRLF line
// ends, an unknown column `note`, a CRLF cut by the end of the first piece,
// a quoted note holding a line break across the end of the second, and on
// its last line a Windows-1252 activity (the file's only non-ASCII byte).
struct EntriesFile {
  std::string bytes;
  size_t rows = 0;     // good rows
  int64_t bad_line = 0;  // physical line of the last row
};

EntriesFile MakeEntries() {
  EntriesFile file;
  std::string text = "employee_id,date,hours,activity,mission_id,note\r\n";
  int64_t line = 1;
  const auto row_start = [&] {  // spread over employees and days: no day over 24 h
    const size_t r = file.rows;
    char date[11];
    std::snprintf(date, sizeof date, "2026-%02zu-%02zu", 1 + r % 12, 1 + (r / 12) % 28);
    return std::string(r % 2 == 0 ? "E1," : "E2,") + date + ",0.01,field,M1,";
  };
  const auto add = [&](const std::string& note, int64_t breaks_in_note) {
    text += row_start() + note + "\r\n";
    ++file.rows;
    line += 1 + breaks_in_note;
  };
  // A row whose note pads it so that its row ends at `end` (exclusive).
  const auto pad_to = [&](size_t end) {
    while (text.size() + 200 < end) add("", 0);
    const size_t without_note = text.size() + row_start().size() + 2;
    EXPECT_LT(without_note, end);
    add(std::string(end - without_note, 'n'), 0);
  };
  pad_to(kPiece + 1);  // "\r" the last byte of the first piece, "\n" the first of the second
  EXPECT_EQ(text.substr(kPiece - 1, 2), "\r\n");
  pad_to(2 * kPiece - 4 - row_start().size());
  add("\"abc\ndef\"", 1);  // the second piece ends after "abc"
  EXPECT_EQ(text.substr(2 * kPiece - 4, 5), "\"abc\n");
  for (int i = 0; i < 100; ++i) add("", 0);
  text += "E2,2026-06-01,0.01,r\xE9union,M1,\r\n";
  file.bad_line = line + 1;
  file.bytes = "\xEF\xBB\xBF" + text;
  return file;
}

void ExpectReadAsWhole(const IngestOutcome& outcome, const EntriesFile& file) {
  ASSERT_EQ(outcome.errors.size(), 1u);
  EXPECT_EQ(outcome.errors[0].ToString(),
            "time_entries.csv:" + std::to_string(file.bad_line) +
                ": activity: invalid activity 'r\xC3\xA9union' (expected one of field, preparation, followup, coordination, reporting, travel, management, other)");
  ASSERT_EQ(outcome.warnings.size(), 1u);
  EXPECT_EQ(outcome.warnings[0].ToString(), "time_entries.csv:1: note: unknown column ignored");
  EXPECT_EQ(outcome.dataset.time_entries.size(), file.rows);
  EXPECT_EQ(outcome.dataset.time_entries.employee.back(), 1);  // E2: rows alternate, the last good one is odd
}

TEST(AgencyReaderPiecesTest, AFileOfSeveralPiecesReadsAsWholeFromMemory) {
  const EntriesFile entries = MakeEntries();
  ASSERT_GT(entries.bytes.size(), 2 * kPiece);
  Files files = ReferenceFiles();
  files["time_entries.csv"] = entries.bytes;
  auto source = MemorySource(std::move(files));
  ExpectReadAsWhole(ReadAgency(*source), entries);
}

TEST(AgencyReaderPiecesTest, AFileOfSeveralPiecesReadsAsWholeFromAFolder) {
  const EntriesFile entries = MakeEntries();
  const auto dir = std::filesystem::temp_directory_path() / "agencykpi-pieces-test";
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  for (const auto& [name, bytes] : ReferenceFiles()) std::ofstream(dir / name, std::ios::binary) << bytes;
  std::ofstream(dir / "time_entries.csv", std::ios::binary) << entries.bytes;
  auto source = FolderSource(dir);
  ExpectReadAsWhole(ReadAgency(*source), entries);
  std::filesystem::remove_all(dir);
}

// A fact table's file of `pieces` pieces: `header`, then the two rows in
// turn; `rows` gets how many.
std::string AlternatingRows(std::string header, const std::array<std::string_view, 2>& two, size_t pieces,
                            size_t* rows) {
  *rows = 0;
  while (header.size() < pieces * kPiece) header += two[(*rows)++ % 2];
  return header;
}

// What the reference files and `extra` read as.
IngestOutcome ReadWith(Files extra) {
  Files files = ReferenceFiles();
  files.merge(extra);
  auto source = MemorySource(std::move(files));
  return ReadAgency(*source);
}

// A fact table's columns are reserved once for the rows its file may hold
// (its line starts), so they never grow by doubling: the time entries, read
// on the calling thread, and the store sales (millions of rows from a brand's
// agency) on the second core.
TEST(AgencyReaderPiecesTest, ColumnsAreReservedForTheRowsOfTheFile) {
  size_t entry_rows = 0;
  size_t sale_rows = 0;
  const IngestOutcome outcome = ReadWith({
      {"time_entries.csv", AlternatingRows("employee_id,date,hours,activity\n",
                                           {"E1,2026-02-03,0.01,field\n", "E2,2026-02-03,0.01,travel\n"}, 3,
                                           &entry_rows)},
      {"stores.csv", "store_id,name\nS1,Shop\n"},
      {"store_sales.csv", AlternatingRows("date,store_id,client_id,amount\n",
                                          {"2026-02-03,S1,C1,12.50\n", "2026-02-04,S1,C1,-3.10\n"}, 2,
                                          &sale_rows)},
  });
  ASSERT_TRUE(outcome.ok()) << outcome.errors.front().ToString();
  const TimeEntries& entries = outcome.dataset.time_entries;
  EXPECT_EQ(entries.size(), entry_rows);
  EXPECT_EQ(entries.date.capacity(), entry_rows);
  EXPECT_EQ(entries.activity.capacity(), entry_rows);
  const StoreSales& sales = outcome.dataset.store_sales;
  EXPECT_EQ(sales.size(), sale_rows);
  EXPECT_EQ(sales.amount.capacity(), sale_rows);
  EXPECT_EQ(sales.date.capacity(), sale_rows);
}

}  // namespace
}  // namespace agencykpi
