// Reads an agency folder (SPEC §1) into a validated Dataset.
//
// Every problem found is collected, not only the first: errors make the whole
// folder refused (the Dataset must then not be used), warnings are reported
// and the import goes on. Files are read through a FileSource so the same
// reader serves a folder on disk, an uploaded zip and test fixtures.
#pragma once

#include <cstdint>
#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "common/cancel.h"
#include "common/status.h"
#include "domain/dataset.h"
#include "ingest/chunked_text.h"
#include "ingest/messages.h"

namespace agencykpi {

// One finding, printed as `FILE:LINE: COLUMN: message` (LINE is the physical
// line where the row starts, header = 1; 0 when the finding is about the
// file as a whole, printed as `FILE: message`). The message and its hint
// are ids with arguments (messages.h), rendered in the reader's language:
// `invoices.csv:3: amount: invalid number '1 234,50 €'; hint: remove the
// currency sign: write 1234,50`.
//
// In a workbook FILE is `BOOK.xlsx[Sheet]` and the place its cell, printed
// `BOOK.xlsx[Factures]!C12: amount: …` (the row `12:12` when no column is
// at fault); line is then the sheet's row.
struct Diagnostic {
  std::string file;    // e.g. "invoices.csv", "agency.xlsx[Factures]"
  int64_t line = 0;
  std::string column;  // may be empty
  Message message;
  Message hint;        // what was probably meant; may be empty
  std::string cell;    // in a sheet: "C12" or "12:12"; empty in a CSV file
  // The message and its hint, without the place.
  [[nodiscard]] std::string Text(Language language = Language::kEnglish) const;
  [[nodiscard]] std::string ToString(Language language = Language::kEnglish) const;
};

struct IngestOutcome {
  Dataset dataset;                   // valid only when errors is empty
  std::vector<Diagnostic> errors;    // in file order, then line order (capped, see ReadAgency)
  std::vector<Diagnostic> warnings;
  size_t error_count = 0;            // every error found, shown or not
  size_t warning_count = 0;
  std::vector<std::string> empty_tables;  // tables with no row ("invoices"…), absent files included
  bool cancelled = false;            // the cancel token was raised: errors says so
  [[nodiscard]] bool ok() const { return errors.empty(); }
};

// Where the files come from. List gives the base names of every file there
// (without reading them; an Io status refuses the folder). Read returns
// nullopt when the file is absent, and an Io status when it is there but
// cannot be read (which refuses the folder: an unreadable table must never
// be taken as an empty one). Open is the same for a file read in pieces
// (nullptr when absent): ReadAgency reads the fact tables so, to never hold
// a large file whole. ReadAgency reads or opens each file at most once.
class FileSource {
 public:
  virtual ~FileSource() = default;
  virtual Result<std::vector<std::string>> List() = 0;
  virtual Result<std::optional<std::string>> Read(const std::string& file_name) = 0;
  // By default Read's bytes, served from memory.
  virtual Result<std::unique_ptr<FileBytes>> Open(const std::string& file_name);
};

// Files of a folder on disk; List fails when the folder does not exist.
// Open reads the file where it is, a piece at a time.
std::unique_ptr<FileSource> FolderSource(std::filesystem::path folder);
// Files held in memory (uploads, tests): name → bytes. List gives the names;
// Read (and Open) hand a file's bytes over without a copy, so each file can
// be read once (a second Read finds it absent).
std::unique_ptr<FileSource> MemorySource(std::map<std::string, std::string> files);

struct Profile;

// How the folder is read.
struct ReadOptions {
  // Non-empty: the agency is this one workbook of the source, a sheet per
  // table (SPEC §1.4), and the source's other files are not looked at.
  std::string workbook;
  // Non-null: a column-mapping profile (profile.h) says where each table
  // comes from and how its columns map to ours.
  const Profile* profile = nullptr;
};

// Called now and then with bytes parsed so far and the total, for a progress bar.
using ProgressFn = std::function<void(uint64_t done, uint64_t total)>;

// Reads and validates every table (SPEC §1). Never throws for bad input.
// Only clients.csv is required; an absent file is an empty table. Files are
// matched to tables by name ignoring case (`Invoices.csv`); two files for
// one table, a table given as .xlsx/.xls/.ods (not read yet) or a UTF-16
// file are errors; any other .csv/.xlsx/.xls/.ods file is a warning naming
// it. Errors and warnings are each capped at kMaxReportedDiagnostics
// (limits.h), followed by one line without a file giving the exact total
// ("14 979 599 errors, the first 1000 shown"); error_count and
// warning_count hold the totals, empty_tables every table without a row. In the Dataset, rows keep file order,
// except cost_rates, sorted by employee then valid_from. `progress` is
// called about every 64 KiB parsed and once at the end with done == total.
// The reference tables (clients … stores) are read from `source` first and
// the fact tables opened (total = the sizes of all); a fact table's file is
// then read in pieces of kReadPieceBytes (chunked_text.h), each released
// once parsed, so the memory of the reading is the dataset, the reference
// tables' text and a few pieces, whatever the size of the files. Not
// thread-safe with respect to `source`; otherwise no shared state.
// `cancel` is polled between files and every kCancelCheckRows rows on both
// reading threads; once it is raised the reading stops and the outcome has
// cancelled set, one error "the import was cancelled" and an empty dataset.
IngestOutcome ReadAgency(FileSource& source, const ProgressFn& progress = {}, const CancelToken* cancel = nullptr,
                         const ReadOptions& options = {});

// How diagnostics name a sheet: "agency.xlsx[Factures]".
std::string SheetPlace(std::string_view workbook, std::string_view sheet);

// "14 979 599": digits in groups of three, separated by a narrow no-break
// space (U+202F), as diagnostics count.
std::string GroupThousands(uint64_t count);

}  // namespace agencykpi
