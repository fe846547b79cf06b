#include "cli/profiled_folder.h"

#include <algorithm>

#include "ingest/open_records.h"
#include "domain/catalogue.h"
#include "ingest/mapped_records.h"
#include "ingest/value_parser.h"

namespace agencykpi {
namespace {

// A field as a CSV file of ours holds it: quoted when it must be.
void AppendField(std::string& out, std::string_view field, char separator) {
  if (field.find_first_of(std::string{separator, '"', '\n', '\r'}) == std::string_view::npos) {
    out.append(field);
    return;
  }
  out += '"';
  for (const char c : field) {
    if (c == '"') out += '"';
    out += c;
  }
  out += '"';
}

}  // namespace

Result<std::vector<std::string>> ProfiledFolder::List() {
  auto names = inner_.List();
  if (!names.ok()) return names;
  std::vector<std::string> out;
  for (const std::string& name : *names) {
    bool hidden = false;
    for (const TableProfile& table : profile_.tables) {
      hidden = hidden || EqualsIgnoreCase(name, table.file) ||
               EqualsIgnoreCase(name, Catalogue()[table.table].file);  // the profile's source wins
    }
    if (!hidden) out.push_back(name);
  }
  for (const TableProfile& table : profile_.tables) out.emplace_back(Catalogue()[table.table].file);
  return out;
}

Result<std::optional<std::string>> ProfiledFolder::Read(const std::string& file_name) {
  const TableProfile* table = nullptr;
  for (const TableProfile& candidate : profile_.tables) {
    if (Catalogue()[candidate.table].file == file_name) table = &candidate;
  }
  if (table == nullptr) return inner_.Read(file_name);
  auto opened = OpenRecords(inner_, table->file, table->sheet, language_);
  if (!opened.ok()) {
    if (opened.status().code() == ErrorCode::kIo) return opened.status();
    // The message names the file already.
    source_errors_.push_back(Diagnostic{"", 0, "", Message(opened.status().message()), {}, {}});
    return std::optional<std::string>();
  }
  const auto columns = Catalogue()[table->table].columns;
  auto records = MapRecords(std::move(opened->records), *table, columns);
  Made made{opened->place, {0}, false, {}};
  std::string text;
  bool header = true;
  char separator = ',';
  while (records->Next()) {
    if (records->has_error()) {
      const size_t field = records->error_field();
      const bool ours = field < records->fields().size() && !header;
      source_errors_.push_back(Diagnostic{made.place, records->line(),
                                          ours ? std::string(columns[table->columns[field].column].name) : "",
                                          records->error_message(), {},
                                          records->Place(ours ? field : RecordSource::kNoField)});
      continue;
    }
    if (records->blank()) continue;
    if (header) {
      separator = records->decimal_comma() ? ';' : ',';
      made.sheet = !records->Place(RecordSource::kNoField).empty();
      for (size_t i = 0; i < records->fields().size(); ++i) {
        std::string cell = records->Place(i);  // "C3": the letters of the source column
        cell.erase(std::find_if(cell.begin(), cell.end(), [](char c) { return c >= '0' && c <= '9'; }), cell.end());
        const bool letters = !cell.empty() && std::all_of(cell.begin(), cell.end(), [](char c) { return c >= 'A' && c <= 'Z'; });
        if (letters) made.letters[std::string(records->fields()[i])] = cell;  // not a constant's row place
      }
    }
    header = false;
    const auto& fields = records->fields();
    for (size_t i = 0; i < fields.size(); ++i) {
      if (i > 0) text += separator;
      AppendField(text, fields[i], separator);
    }
    text += '\n';
    made.lines.push_back(records->line());
  }
  if (!records->failure().empty()) {
    source_errors_.push_back(Diagnostic{made.place, 0, "", records->failure(), {}, {}});
    made_[file_name] = std::move(made);
    return std::optional<std::string>();
  }
  made_[file_name] = std::move(made);
  return std::optional<std::string>(std::move(text));
}

void ProfiledFolder::Restore(IngestOutcome& outcome) const {
  const auto restore = [this](std::vector<Diagnostic>& diagnostics) {
    for (Diagnostic& diagnostic : diagnostics) {
      const auto made = made_.find(diagnostic.file);
      if (made == made_.end()) continue;
      diagnostic.file = made->second.place;
      if (diagnostic.line > 0 && static_cast<size_t>(diagnostic.line) < made->second.lines.size()) {
        diagnostic.line = made->second.lines[static_cast<size_t>(diagnostic.line)];
        if (made->second.sheet) {
          const auto letters = made->second.letters.find(diagnostic.column);
          const std::string row = std::to_string(diagnostic.line);
          diagnostic.cell = letters != made->second.letters.end() ? letters->second + row : row + ":" + row;
        }
      }
    }
  };
  restore(outcome.errors);
  restore(outcome.warnings);
  if (source_errors_.empty()) return;
  // The table of a source that could not be read is not an empty one.
  outcome.errors.insert(outcome.errors.begin(), source_errors_.begin(), source_errors_.end());
  outcome.error_count += source_errors_.size();
}

}  // namespace agencykpi
