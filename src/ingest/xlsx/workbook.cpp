#include "ingest/xlsx/workbook.h"

#include <algorithm>
#include <array>
#include <charconv>
#include <cstring>
#include <map>

#include "ingest/limits.h"
#include "ingest/xlsx/sheet_records.h"
#include "ingest/xlsx/text_escapes.h"
#include "ingest/xlsx/xml_stream.h"
#include "ingest/xlsx/zip_archive.h"

namespace agencykpi {
namespace {

constexpr std::array<unsigned char, 8> kCompoundFileMagic = {0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1};
constexpr std::string_view kZipMagic = "PK";
// The stream an encrypted workbook's compound file holds, in UTF-16LE, and
// how far into the file it is looked for.
constexpr std::u16string_view kEncryptedStream = u"EncryptedPackage";
constexpr uint64_t kCompoundScanBytes = 64ULL * 1024 * 1024;
constexpr size_t kScanPieceBytes = 1024 * 1024;
// The first custom number format id: below it they are built in.
constexpr int kFirstCustomFormat = 164;

bool EndsWith(std::string_view text, std::string_view suffix) {
  return text.size() >= suffix.size() && text.substr(text.size() - suffix.size()) == suffix;
}

// The part a relationship's target names, from the folder of the part the
// relations belong to ("xl/") : "worksheets/sheet1.xml" → "xl/worksheets/sheet1.xml",
// "/xl/styles.xml" → "xl/styles.xml", "../x.xml" → "x.xml".
std::string ResolveTarget(std::string_view folder, std::string_view target) {
  std::string joined = target.starts_with('/') ? std::string(target.substr(1)) : std::string(folder) + std::string(target);
  std::vector<std::string> segments;
  size_t start = 0;
  while (start <= joined.size()) {
    const size_t slash = std::min(joined.find('/', start), joined.size());
    const std::string segment = joined.substr(start, slash - start);
    if (segment == "..") {
      if (!segments.empty()) segments.pop_back();
    } else if (!segment.empty() && segment != ".") {
      segments.push_back(segment);
    }
    start = slash + 1;
  }
  std::string out;
  for (const std::string& segment : segments) out += (out.empty() ? "" : "/") + segment;
  return out;
}

std::string FolderOf(std::string_view part) {
  const size_t slash = part.rfind('/');
  return slash == std::string_view::npos ? std::string() : std::string(part.substr(0, slash + 1));
}

std::string RelationsOf(std::string_view part) {
  const size_t slash = part.rfind('/');
  const std::string_view name = slash == std::string_view::npos ? part : part.substr(slash + 1);
  return FolderOf(part) + "_rels/" + std::string(name) + ".rels";
}

int ParseInt(std::string_view text, int fallback) {
  int value = fallback;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  return error == std::errc() && end == text.data() + text.size() ? value : fallback;
}

// Parses a whole part with `handler`; the error, empty when none.
Message ParsePart(ZipArchive& zip, const std::string& name, XmlHandler& handler) {
  Message error;
  std::unique_ptr<ZipPart> part = zip.OpenPart(name, kMaxWorkbookPartBytes, error);
  if (part == nullptr) return error;
  XmlStream stream(*part, handler);
  return stream.ParseAll();
}

struct Relation {
  std::string type;
  std::string target;  // resolved
};

class RelationsHandler final : public XmlHandler {
 public:
  explicit RelationsHandler(std::string folder) : folder_(std::move(folder)) {}
  void Start(std::string_view name, const XmlAttributes& attributes) override {
    if (name != "Relationship" || attributes.Get("TargetMode") == "External") return;
    relations[std::string(attributes.Get("Id"))] =
        Relation{std::string(attributes.Get("Type")), ResolveTarget(folder_, attributes.Get("Target"))};
  }
  void End(std::string_view) override {}
  void Text(std::string_view) override {}
  std::map<std::string, Relation> relations;

 private:
  std::string folder_;
};

// The relations of `part`, by id; empty when it has none.
Message ReadRelations(ZipArchive& zip, const std::string& part, std::map<std::string, Relation>& out) {
  const std::string name = RelationsOf(part);
  if (!zip.Has(name)) return {};
  RelationsHandler handler(FolderOf(part));
  Message error = ParsePart(zip, name, handler);
  out = std::move(handler.relations);
  return error;
}

struct SheetEntry {
  std::string name;
  std::string relation;
};

class WorkbookHandler final : public XmlHandler {
 public:
  void Start(std::string_view name, const XmlAttributes& attributes) override {
    if (name == "workbookPr") {
      const std::string_view value = attributes.Get("date1904");
      date1904 = value == "1" || value == "true";
    } else if (name == "sheet") {
      sheets.push_back(SheetEntry{std::string(attributes.Get("name")), std::string(attributes.Get("id"))});
    }
  }
  void End(std::string_view) override {}
  void Text(std::string_view) override {}
  bool date1904 = false;
  std::vector<SheetEntry> sheets;
};

class StylesHandler final : public XmlHandler {
 public:
  void Start(std::string_view name, const XmlAttributes& attributes) override {
    if (name == "numFmt") {
      custom[ParseInt(attributes.Get("numFmtId"), -1)] = std::string(attributes.Get("formatCode"));
    } else if (name == "cellXfs") {
      in_cell_formats_ = true;
    } else if (name == "xf" && in_cell_formats_ && formats.size() < kMaxCellStyles) {
      formats.push_back(ParseInt(attributes.Get("numFmtId"), 0));
    }
  }
  void End(std::string_view name) override {
    if (name == "cellXfs") in_cell_formats_ = false;
  }
  void Text(std::string_view) override {}
  std::map<int, std::string> custom;
  std::vector<int> formats;  // per cell style, its number format id

 private:
  bool in_cell_formats_ = false;
};

// <sst><si><t>…</t></si><si><r><t>…</t></r><r><t>…</t></r><rPh>…</rPh></si>…:
// a string is its <t> texts, runs of rich text joined, phonetic guides left out.
class SharedStringsHandler final : public XmlHandler {
 public:
  explicit SharedStringsHandler(SharedStrings& out) : out_(out) {}
  void Start(std::string_view name, const XmlAttributes&) override {
    if (name == "si") {
      in_item_ = true;
      item_.clear();
    } else if (name == "rPh") {
      ++in_phonetic_;
    } else if (name == "t") {
      in_text_ = true;
    }
  }
  void End(std::string_view name) override {
    if (name == "si" && in_item_) {
      AppendDecoded(item_, out_.text);
      out_.ends.push_back(out_.text.size());
      in_item_ = false;
    } else if (name == "rPh") {
      --in_phonetic_;
    } else if (name == "t") {
      in_text_ = false;
    }
  }
  void Text(std::string_view text) override {
    if (in_item_ && in_text_ && in_phonetic_ == 0) item_ += text;
  }

 private:
  SharedStrings& out_;
  std::string item_;
  bool in_item_ = false;
  bool in_text_ = false;
  int in_phonetic_ = 0;
};

// Whether `bytes` holds kEncryptedStream's name within its first bytes.
bool HoldsEncryptedPackage(FileBytes& bytes) {
  const std::string_view needle(reinterpret_cast<const char*>(kEncryptedStream.data()),
                                kEncryptedStream.size() * sizeof(char16_t));
  std::string piece(kScanPieceBytes + needle.size(), '\0');
  const uint64_t end = std::min(bytes.size(), kCompoundScanBytes);
  for (uint64_t at = 0; at < end; at += kScanPieceBytes) {
    auto read = bytes.ReadAt(at, piece);
    if (!read.ok()) return false;
    if (std::string_view(piece.data(), *read).find(needle) != std::string_view::npos) return true;
  }
  return false;
}

}  // namespace

Message SniffWorkbook(FileBytes& bytes) {
  std::array<char, kCompoundFileMagic.size()> head{};
  auto read = bytes.ReadAt(0, head);
  if (!read.ok()) return MessageOfText(read.status().message());
  if (*read == head.size() && std::memcmp(head.data(), kCompoundFileMagic.data(), head.size()) == 0) {
    return HoldsEncryptedPackage(bytes) ? Message(MessageId::kXlsxEncrypted) : Message(MessageId::kXlsxIsXls);
  }
  if (*read < kZipMagic.size() || std::string_view(head.data(), kZipMagic.size()) != kZipMagic) {
    return Message(MessageId::kXlsxNotZip);
  }
  return {};
}

std::shared_ptr<const Workbook> Workbook::Open(std::shared_ptr<FileBytes> bytes, Message& error) {
  error = SniffWorkbook(*bytes);
  if (!error.empty()) return nullptr;
  std::unique_ptr<ZipArchive> zip = ZipArchive::Open(bytes, error);
  if (zip == nullptr) return nullptr;
  if (zip->Has("mimetype") && zip->Has("content.xml")) {
    error = Message(MessageId::kXlsxIsOds);
    return nullptr;
  }
  // The package's relations name the workbook part.
  std::map<std::string, Relation> package;
  if (error = ReadRelations(*zip, "", package); !error.empty()) return nullptr;
  std::string workbook_part = "xl/workbook.xml";
  for (const auto& [id, relation] : package) {
    if (EndsWith(relation.type, "/officeDocument")) workbook_part = relation.target;
  }
  if (!zip->Has(workbook_part)) {
    error = zip->Has("EncryptedPackage") ? Message(MessageId::kXlsxEncrypted)
                                         : Message(MessageId::kXlsxDamaged, {workbook_part + " is missing"});
    return nullptr;
  }
  WorkbookHandler parsed;
  if (error = ParsePart(*zip, workbook_part, parsed); !error.empty()) return nullptr;
  std::map<std::string, Relation> relations;
  if (error = ReadRelations(*zip, workbook_part, relations); !error.empty()) return nullptr;

  std::shared_ptr<Workbook> book(new Workbook());
  book->bytes_ = bytes;
  book->date1904_ = parsed.date1904;
  for (const SheetEntry& sheet : parsed.sheets) {
    const auto relation = relations.find(sheet.relation);
    // Chart and dialog sheets hold no cells.
    if (relation == relations.end() || !EndsWith(relation->second.type, "/worksheet")) continue;
    if (book->sheets_.size() == kMaxWorkbookSheets) {
      error = Message(MessageId::kXlsxLimit, {"more than " + std::to_string(kMaxWorkbookSheets) + " sheets"});
      return nullptr;
    }
    book->sheets_.push_back(SheetInfo{sheet.name, relation->second.target});
  }
  if (book->sheets_.empty()) {
    error = Message(MessageId::kXlsxNoSheet);
    return nullptr;
  }
  for (const auto& [id, relation] : relations) {
    if (EndsWith(relation.type, "/sharedStrings")) {
      SharedStringsHandler handler(book->strings_);
      if (error = ParsePart(*zip, relation.target, handler); !error.empty()) return nullptr;
    } else if (EndsWith(relation.type, "/styles")) {
      StylesHandler handler;
      if (error = ParsePart(*zip, relation.target, handler); !error.empty()) return nullptr;
      book->style_formats_.reserve(handler.formats.size());
      for (const int id_of_format : handler.formats) {
        const auto custom = handler.custom.find(id_of_format);
        book->style_formats_.push_back(id_of_format >= kFirstCustomFormat && custom != handler.custom.end()
                                           ? KindOfFormatCode(custom->second)
                                           : KindOfBuiltinFormat(id_of_format));
      }
    }
  }
  return book;
}

std::unique_ptr<RecordSource> Workbook::OpenSheet(size_t index, Message& error) const {
  std::unique_ptr<ZipArchive> zip = ZipArchive::Open(bytes_, error);
  if (zip == nullptr) return nullptr;
  std::unique_ptr<ZipPart> part = zip->OpenPart(sheets_.at(index).part, kMaxSheetPartBytes, error);
  if (part == nullptr) return nullptr;
  return std::make_unique<SheetRecords>(shared_from_this(), std::move(zip), std::move(part));
}

}  // namespace agencykpi
