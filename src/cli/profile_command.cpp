#include "cli/profile_command.h"

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "cli/command_support.h"
#include "ingest/open_records.h"
#include "common/status.h"
#include "domain/catalogue.h"
#include "ingest/agency_reader.h"
#include "ingest/profile_draft.h"
#include "ingest/profile_explain.h"
#include "ingest/value_parser.h"

namespace agencykpi {
namespace {

void PrintDiagnostic(const Diagnostic& diagnostic, Language language) {
  std::fprintf(stderr, "%s\n", diagnostic.ToString(language).c_str());
}

int RunInit(const ProfileArgs& args, Language language) {
  auto source = FolderSource(args.folder);
  auto names = source->List();
  if (!names.ok()) return FailCommand(names.status());
  std::sort(names->begin(), names->end());
  ProfileDrafter drafter;
  for (const std::string& name : *names) {
    const bool workbook = IsWorkbookName(name);
    if (!workbook && !(name.size() > 4 && EqualsIgnoreCase(std::string_view(name).substr(name.size() - 4), ".csv"))) {
      continue;
    }
    std::vector<std::string> sheets = {""};
    if (workbook) {
      auto listed = SheetNames(*source, name, language);
      if (!listed.ok()) {
        drafter.Note(name, Message(MessageId::kDraftCannotRead, {listed.status().message()}));
        continue;
      }
      sheets = std::move(*listed);
    }
    for (const std::string& sheet : sheets) {
      auto opened = OpenRecords(*source, name, sheet, language);
      if (!opened.ok()) {
        drafter.Note(name, Message(MessageId::kDraftCannotRead, {opened.status().message()}));
        continue;
      }
      drafter.Add(name, sheet, opened->place, *opened->records);
    }
  }
  for (const Diagnostic& note : drafter.notes()) PrintDiagnostic(note, language);
  if (drafter.table_count() == 0) {
    std::fprintf(stderr, "%s: %s\n", args.folder.c_str(), Message(MessageId::kDraftNotRecognised).Render(language).c_str());
    return ExitCodeFor(ErrorCode::kInvalidInput);
  }
  if (!args.out.empty() && std::filesystem::exists(args.out)) {
    return FailCommand(Status::InvalidInput(args.out + " exists already: remove it or choose another --out"));
  }
  return WriteCommandOutput(args.out, drafter.Text());
}

int RunCheckProfile(const ProfileArgs& args, Language language) {
  const std::optional<Profile> profile = LoadProfile(args.file, language);
  if (!profile) return ExitCodeFor(ErrorCode::kInvalidInput);
  auto source = FolderSource(args.folder);
  bool ok = true;
  for (const TableProfile& table : profile->tables) {
    auto opened = OpenRecords(*source, table.file, table.sheet, language);
    if (!opened.ok()) {
      std::fprintf(stderr, "%s\n", opened.status().message().c_str());
      ok = false;
      continue;
    }
    const TableExplanation explained = ExplainTable(table, *opened->records, opened->place, language);
    if (!explained.failure.empty()) {
      std::fprintf(stderr, "%s: %s\n", opened->place.c_str(), explained.failure.c_str());
      ok = false;
      continue;
    }
    std::printf("%s\n", explained.title.c_str());
    for (const std::string& line : explained.columns) std::printf("  %s\n", line.c_str());
    for (const std::string& line : explained.notes) std::printf("  %s\n", line.c_str());
  }
  return ExitCodeFor(ok ? ErrorCode::kOk : ErrorCode::kInvalidInput);
}

}  // namespace

std::optional<Profile> LoadProfile(const std::string& path, Language language, size_t* error_count) {
  if (error_count != nullptr) *error_count = 1;
  const std::string name = std::filesystem::path(path).filename().string();
  std::error_code error;
  const auto size = std::filesystem::file_size(path, error);
  std::string text;
  if (!error && size <= kMaxProfileBytes) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream buffer;
    buffer << in.rdbuf();
    if (!in.bad()) text = buffer.str();
    error = in.bad() ? std::make_error_code(std::errc::io_error) : std::error_code();
  }
  if (error) {
    std::fprintf(stderr, "%s\n", Message(MessageId::kProfileCannotRead, {path}).Render(language).c_str());
    return std::nullopt;
  }
  if (size > kMaxProfileBytes) text.assign(kMaxProfileBytes + 1, ' ');  // refused by its size, unread
  ProfileReading reading = ReadProfile(text, name);
  for (const Diagnostic& diagnostic : reading.errors) PrintDiagnostic(diagnostic, language);
  if (error_count != nullptr) *error_count = reading.errors.size();
  if (!reading.ok()) return std::nullopt;
  return std::move(reading.profile);
}

int RunProfile(const ProfileArgs& args) {
  const Language language = CommandLanguage(args.lang);
  if (args.action == "init") return RunInit(args, language);
  return RunCheckProfile(args, language);
}

}  // namespace agencykpi
