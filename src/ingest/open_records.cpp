#include "ingest/open_records.h"

#include "ingest/csv_reader.h"
#include "ingest/csv_records.h"
#include "ingest/sheet_names.h"
#include "ingest/value_parser.h"
#include "ingest/xlsx/workbook.h"

namespace agencykpi {
namespace {

Status Refused(const std::string& place, const Message& message, Language language) {
  return Status::InvalidInput(place + ": " + message.Render(language));
}

Result<std::shared_ptr<const Workbook>> OpenBook(FileSource& source, const std::string& file, Language language) {
  auto opened = source.Open(file);
  if (!opened.ok()) return opened.status();
  if (*opened == nullptr) return Refused(file, Message(MessageId::kCannotReadFile), language);
  Message error;
  std::shared_ptr<const Workbook> book = Workbook::Open(std::shared_ptr<FileBytes>(std::move(*opened)), error);
  if (book == nullptr) return Refused(file, error, language);
  return book;
}

}  // namespace

bool IsWorkbookName(std::string_view file) {
  const auto ends_with = [file](std::string_view suffix) {
    return file.size() >= suffix.size() && EqualsIgnoreCase(file.substr(file.size() - suffix.size()), suffix);
  };
  return ends_with(".xlsx") || ends_with(".xlsm");
}

Result<OpenedRecords> OpenRecords(FileSource& source, const std::string& file, const std::string& sheet,
                                  Language language) {
  if (!IsWorkbookName(file)) {
    auto read = source.Read(file);
    if (!read.ok()) return read.status();
    if (!*read) return Refused(file, Message(MessageId::kCannotReadFile), language);
    if (LooksLikeUtf16(**read)) return Refused(file, Message(MessageId::kUtf16), language);
    return OpenedRecords{CsvRecords::OfBytes(std::move(**read)), file};
  }
  auto book = OpenBook(source, file, language);
  if (!book.ok()) return book.status();
  const std::vector<SheetInfo>& sheets = (*book)->sheets();
  size_t index = 0;
  if (!sheet.empty()) {
    const std::string wanted = FoldSheetName(sheet);
    while (index < sheets.size() && FoldSheetName(sheets[index].name) != wanted) ++index;
    if (index == sheets.size()) {
      std::string names;
      for (const SheetInfo& info : sheets) names += (names.empty() ? "" : ", ") + info.name;
      return Status::InvalidInput(file + ": no sheet named '" + sheet + "' (sheets: " + names + ")");
    }
  }
  Message error;
  std::unique_ptr<RecordSource> records = (*book)->OpenSheet(index, error);
  const std::string place = SheetPlace(file, sheets[index].name);
  if (records == nullptr) return Refused(place, error, language);
  return OpenedRecords{std::move(records), place};
}

Result<std::vector<std::string>> SheetNames(FileSource& source, const std::string& file, Language language) {
  auto book = OpenBook(source, file, language);
  if (!book.ok()) return book.status();
  std::vector<std::string> names;
  for (const SheetInfo& info : (*book)->sheets()) names.push_back(info.name);
  return names;
}

}  // namespace agencykpi
