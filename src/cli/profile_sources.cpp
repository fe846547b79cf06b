#include "cli/profile_sources.h"

#include "ingest/csv_reader.h"
#include "ingest/value_parser.h"

namespace agencykpi {
namespace {

bool EndsWithIgnoringCase(const std::string& text, std::string_view suffix) {
  return text.size() >= suffix.size() && EqualsIgnoreCase(std::string_view(text).substr(text.size() - suffix.size()), suffix);
}

// A CSV file's records, the file held whole (a profile's sources are read
// here only to be explained or drafted).
class CsvTextRecords final : public RecordSource {
 public:
  explicit CsvTextRecords(std::string raw)
      : raw_(std::move(raw)), text_(DecodeCsvText(raw_, storage_)), reader_(text_, DetectSeparator(text_)) {}
  bool Next() override { return reader_.Next(); }
  [[nodiscard]] const std::vector<std::string_view>& fields() const override { return reader_.fields(); }
  [[nodiscard]] int64_t line() const override { return reader_.line(); }
  [[nodiscard]] bool blank() const override { return reader_.blank(); }
  [[nodiscard]] const Message& error_message() const override { return reader_.error_message(); }
  [[nodiscard]] size_t error_field() const override { return reader_.error_field(); }
  [[nodiscard]] const Message& failure() const override { return failure_; }
  [[nodiscard]] bool decimal_comma() const override { return reader_.separator() == ';'; }
  [[nodiscard]] uint64_t bytes_done() const override { return reader_.offset(); }

 private:
  std::string raw_;
  std::string storage_;
  std::string_view text_;
  CsvReader reader_;
  Message failure_;
};

}  // namespace

bool IsWorkbookName(const std::string& file) { return EndsWithIgnoringCase(file, ".xlsx"); }

Result<ProfileSource> OpenProfileSource(FileSource& source, const std::string& file, const std::string& sheet) {
  if (IsWorkbookName(file)) {
    return Status::InvalidInput(Message(MessageId::kXlsxNotYet, {file}).Render());
  }
  auto text = source.Read(file);
  if (!text.ok()) return text.status();
  if (!text->has_value()) return Status::NotFound(Message(MessageId::kFileMissing).Render());
  (void)sheet;
  return ProfileSource{std::make_unique<CsvTextRecords>(std::move(**text)), file};
}

Result<std::vector<std::string>> ProfileSourceSheets(FileSource& source, const std::string& file) {
  (void)source;
  return Status::InvalidInput(Message(MessageId::kXlsxNotYet, {file}).Render());
}

}  // namespace agencykpi
