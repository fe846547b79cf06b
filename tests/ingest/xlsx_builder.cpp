#include "xlsx_builder.h"

#include <zip.h>

#include <stdexcept>

#include "ingest/xlsx/cell_values.h"

namespace agencykpi::testing {

std::string ZipOf(const std::map<std::string, std::string>& parts, bool deflate) {
  zip_error_t error;
  zip_error_init(&error);
  zip_source_t* buffer = zip_source_buffer_create(nullptr, 0, 0, &error);
  zip_source_keep(buffer);
  zip_t* archive = zip_open_from_source(buffer, ZIP_TRUNCATE, &error);
  if (archive == nullptr) throw std::runtime_error("zip_open_from_source");
  for (const auto& [name, bytes] : parts) {
    zip_source_t* part = zip_source_buffer(archive, bytes.data(), bytes.size(), 0);
    const zip_int64_t index = zip_file_add(archive, name.c_str(), part, ZIP_FL_ENC_UTF_8);
    if (index < 0) throw std::runtime_error("zip_file_add");
    zip_set_file_compression(archive, static_cast<zip_uint64_t>(index), deflate ? ZIP_CM_DEFLATE : ZIP_CM_STORE, 0);
  }
  if (zip_close(archive) != 0) throw std::runtime_error("zip_close");
  zip_source_open(buffer);
  zip_source_seek(buffer, 0, SEEK_END);
  const zip_int64_t size = zip_source_tell(buffer);
  zip_source_seek(buffer, 0, SEEK_SET);
  std::string out(static_cast<size_t>(size), '\0');
  zip_source_read(buffer, out.data(), out.size());
  zip_source_close(buffer);
  zip_source_free(buffer);
  zip_error_fini(&error);
  return out;
}

namespace {

constexpr const char* kMain = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
constexpr const char* kRelations = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

std::string Escape(const std::string& text) {
  std::string out;
  for (const char c : text) {
    if (c == '&') out += "&amp;";
    else if (c == '<') out += "&lt;";
    else if (c == '"') out += "&quot;";
    else out += c;
  }
  return out;
}

}  // namespace

std::map<std::string, std::string> WorkbookParts(const std::vector<SheetSpec>& sheets,
                                                 const std::vector<std::string>& shared_strings,
                                                 const std::map<int, std::string>& formats,
                                                 const std::vector<int>& styles, bool date1904) {
  std::map<std::string, std::string> parts;
  parts["[Content_Types].xml"] =
      "<?xml version=\"1.0\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"/>";
  parts["_rels/.rels"] = std::string("<?xml version=\"1.0\"?><Relationships xmlns=\"") +
                         "http://schemas.openxmlformats.org/package/2006/relationships\">" +
                         "<Relationship Id=\"rId1\" Type=\"" + kRelations +
                         "/officeDocument\" Target=\"xl/workbook.xml\"/></Relationships>";
  std::string workbook = std::string("<?xml version=\"1.0\"?><workbook xmlns=\"") + kMain + "\" xmlns:r=\"" +
                         kRelations + "\"><workbookPr date1904=\"" + (date1904 ? "1" : "0") + "\"/><sheets>";
  std::string relations = "<?xml version=\"1.0\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">";
  for (size_t i = 0; i < sheets.size(); ++i) {
    const std::string id = "rId" + std::to_string(i + 10);
    const std::string part = "worksheets/sheet" + std::to_string(i + 1) + ".xml";
    workbook += "<sheet name=\"" + Escape(sheets[i].name) + "\" sheetId=\"" + std::to_string(i + 1) + "\" r:id=\"" +
                id + "\"/>";
    relations += "<Relationship Id=\"" + id + "\" Type=\"" + kRelations + "/worksheet\" Target=\"" + part + "\"/>";
    parts["xl/" + part] = std::string("<?xml version=\"1.0\"?><worksheet xmlns=\"") + kMain + "\"><sheetData>" +
                          sheets[i].rows_xml + "</sheetData></worksheet>";
  }
  workbook += "</sheets></workbook>";
  relations += std::string("<Relationship Id=\"rId1\" Type=\"") + kRelations +
               "/sharedStrings\" Target=\"sharedStrings.xml\"/>" + "<Relationship Id=\"rId2\" Type=\"" + kRelations +
               "/styles\" Target=\"/xl/styles.xml\"/></Relationships>";
  parts["xl/workbook.xml"] = workbook;
  parts["xl/_rels/workbook.xml.rels"] = relations;
  std::string strings = std::string("<?xml version=\"1.0\"?><sst xmlns=\"") + kMain + "\">";
  for (const std::string& item : shared_strings) strings += "<si>" + item + "</si>";
  parts["xl/sharedStrings.xml"] = strings + "</sst>";
  std::string style_part = std::string("<?xml version=\"1.0\"?><styleSheet xmlns=\"") + kMain + "\"><numFmts>";
  for (const auto& [id, code] : formats) {
    style_part += "<numFmt numFmtId=\"" + std::to_string(id) + "\" formatCode=\"" + Escape(code) + "\"/>";
  }
  style_part += "</numFmts><cellStyleXfs><xf numFmtId=\"14\"/></cellStyleXfs><cellXfs>";
  for (const int format : styles) style_part += "<xf numFmtId=\"" + std::to_string(format) + "\"/>";
  parts["xl/styles.xml"] = style_part + "</cellXfs></styleSheet>";
  return parts;
}

std::string Row(int64_t number, const std::vector<std::string>& values) {
  std::string row = "<row r=\"" + std::to_string(number) + "\">";
  for (size_t i = 0; i < values.size(); ++i) {
    const std::string ref = ColumnLetters(i) + std::to_string(number);
    const std::string& value = values[i];
    if (value.empty()) continue;
    if (value[0] == '#') {
      row += "<c r=\"" + ref + "\"><v>" + value.substr(1) + "</v></c>";
    } else {
      row += "<c r=\"" + ref + "\" t=\"inlineStr\"><is><t>" + Escape(value) + "</t></is></c>";
    }
  }
  return row + "</row>";
}

}  // namespace agencykpi::testing
