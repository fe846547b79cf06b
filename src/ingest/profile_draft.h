// `agencykpi profile init`: a starting profile from the files of a folder.
// Each file or sheet is matched to one of our tables by its name (the
// table's, or its French name: Temps, Visites…) or else by its header,
// whose columns are matched to ours by name (LikelyColumn, French names
// included). The draft also guesses the rows above the header, a total line
// at the bottom, the date order, the decimal mark and the enum values it
// recognises; our required columns it could not match are written "TODO",
// which ReadProfile refuses until someone names them.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "ingest/agency_reader.h"
#include "ingest/record_source.h"

namespace agencykpi {

// Records looked at for the header: a title and notes above it are short.
constexpr size_t kDraftHeaderSearchRows = 20;
// Distinct values kept per column to guess notations and value maps.
constexpr size_t kDraftMaxValues = 200;

class ProfileDrafter {
 public:
  // Reads `records` (file `file`, sheet `sheet` or "" for a CSV file,
  // named `place` in notes) to the end and drafts its table.
  void Add(const std::string& file, const std::string& sheet, const std::string& place, RecordSource& records);
  // A file that could not be read, noted.
  void Note(const std::string& place, Message message);

  // The profile's text (JSON, two-space indents, tables in catalogue order).
  [[nodiscard]] std::string Text() const;
  // What the draft left out or could not settle (place, message).
  [[nodiscard]] const std::vector<Diagnostic>& notes() const { return notes_; }
  // Tables drafted.
  [[nodiscard]] size_t table_count() const { return tables_.size(); }

 private:
  struct Drafted {
    size_t table = 0;
    std::string place;
    std::string json;  // the table's object, serialised
  };
  std::vector<Drafted> tables_;
  std::vector<Diagnostic> notes_;
};

}  // namespace agencykpi
