// The XLSX reader (SPEC §1.4): cells as values, dates by their format,
// places of errors as BOOK.xlsx[Sheet]!C12, and the refusals of files that
// are no workbook or are hostile.
#include <gtest/gtest.h>


#include "ingest/agency_reader.h"
#include "ingest/open_records.h"
#include "ingest/xlsx/cell_values.h"
#include "ingest/xlsx/text_escapes.h"
#include "xlsx_builder.h"

namespace agencykpi {
namespace {

using testing::Row;
using testing::SheetSpec;
using testing::WorkbookParts;
using testing::ZipOf;

const std::string kClientsHeader = Row(1, {"client_id", "name", "sector"});

IngestOutcome ReadFiles(std::map<std::string, std::string> files) {
  auto source = MemorySource(std::move(files));
  return ReadAgency(*source);
}

IngestOutcome ReadBook(const std::map<std::string, std::string>& parts) {
  return ReadFiles({{"agency.xlsx", ZipOf(parts)}});
}

std::vector<std::string> Lines(const std::vector<Diagnostic>& diagnostics) {
  std::vector<std::string> lines;
  for (const Diagnostic& d : diagnostics) lines.push_back(d.ToString());
  return lines;
}

// ---------------------------------------------------------------------------
// Cell values

TEST(XlsxCellValues, NumbersAreDecimalTextToFifteenDigits) {
  EXPECT_EQ(NumberCellText("12.339999999999999"), "12.34");
  EXPECT_EQ(NumberCellText("4.5E-2"), "0.045");
  EXPECT_EQ(NumberCellText("1234567.5"), "1234567.5");
  EXPECT_EQ(NumberCellText("-0.1"), "-0.1");
  EXPECT_EQ(NumberCellText("1E+20"), "100000000000000000000");
  EXPECT_EQ(NumberCellText("0"), "0");
  EXPECT_EQ(NumberCellText("30000.000000000004"), "30000");
  EXPECT_EQ(NumberCellText("abc"), std::nullopt);
  EXPECT_EQ(NumberCellText("inf"), std::nullopt);
}

TEST(XlsxCellValues, DatesOfBothSystemsAndThePhantomLeapDay) {
  Message error;
  EXPECT_EQ(FormatDate(*DateOfSerial("1", false, error)), "1900-01-01");
  EXPECT_EQ(FormatDate(*DateOfSerial("59", false, error)), "1900-02-28");
  EXPECT_EQ(FormatDate(*DateOfSerial("61", false, error)), "1900-03-01");
  EXPECT_EQ(FormatDate(*DateOfSerial("46022", false, error)), "2025-12-31");
  EXPECT_EQ(FormatDate(*DateOfSerial("46022.75", false, error)), "2025-12-31");  // 18:00 dropped
  EXPECT_EQ(FormatDate(*DateOfSerial("0", true, error)), "1904-01-01");
  EXPECT_EQ(FormatDate(*DateOfSerial("44560", true, error)), "2025-12-31");
  EXPECT_FALSE(DateOfSerial("60", false, error));
  EXPECT_EQ(error.id, MessageId::kXlsxDateFeb29);
  EXPECT_FALSE(DateOfSerial("0", false, error));
  EXPECT_EQ(error.id, MessageId::kXlsxBadDate);
  EXPECT_FALSE(DateOfSerial("-3", false, error));
  EXPECT_FALSE(DateOfSerial("3000000", false, error));
  // Past any day (and past int64 as text): refused, never cast.
  EXPECT_FALSE(DateOfSerial("46023000000000000000000", false, error));
  EXPECT_EQ(error.id, MessageId::kXlsxBadDate);
  EXPECT_FALSE(DateOfSerial("1e300", true, error));
}

TEST(XlsxCellValues, FormatKinds) {
  EXPECT_EQ(KindOfBuiltinFormat(14), NumberFormatKind::kDate);
  EXPECT_EQ(KindOfBuiltinFormat(22), NumberFormatKind::kDate);
  EXPECT_EQ(KindOfBuiltinFormat(20), NumberFormatKind::kTime);
  EXPECT_EQ(KindOfBuiltinFormat(46), NumberFormatKind::kTime);
  EXPECT_EQ(KindOfBuiltinFormat(0), NumberFormatKind::kNumber);
  EXPECT_EQ(KindOfBuiltinFormat(4), NumberFormatKind::kNumber);
  EXPECT_EQ(KindOfFormatCode("dd/mm/yyyy"), NumberFormatKind::kDate);
  EXPECT_EQ(KindOfFormatCode("[$-40C]d\\ mmmm\\ yyyy"), NumberFormatKind::kDate);
  EXPECT_EQ(KindOfFormatCode("DD/MM/YY HH:MM"), NumberFormatKind::kDate);
  EXPECT_EQ(KindOfFormatCode("mmm-yy"), NumberFormatKind::kDate);
  EXPECT_EQ(KindOfFormatCode("[h]:mm"), NumberFormatKind::kTime);
  EXPECT_EQ(KindOfFormatCode("hh:mm:ss"), NumberFormatKind::kTime);
  EXPECT_EQ(KindOfFormatCode("General"), NumberFormatKind::kNumber);
  EXPECT_EQ(KindOfFormatCode("# ##0,00\\ \"€\""), NumberFormatKind::kNumber);
  EXPECT_EQ(KindOfFormatCode("#,##0.00 \"days\";[Red]-#,##0.00"), NumberFormatKind::kNumber);
  EXPECT_EQ(KindOfFormatCode("0.00E+00"), NumberFormatKind::kNumber);
  EXPECT_EQ(KindOfFormatCode("0%"), NumberFormatKind::kNumber);
}

TEST(XlsxCellValues, TimeCellsAreHours) {
  EXPECT_EQ(HoursOfTimeCell("0.3125"), "7.5");
  EXPECT_EQ(HoursOfTimeCell("1.5"), "36");
  EXPECT_EQ(HoursOfTimeCell("1e308"), std::nullopt);  // times 24 is past the largest double
}

TEST(XlsxCellValues, ColumnLettersBothWays) {
  EXPECT_EQ(ColumnLetters(0), "A");
  EXPECT_EQ(ColumnLetters(25), "Z");
  EXPECT_EQ(ColumnLetters(26), "AA");
  EXPECT_EQ(ColumnLetters(16383), "XFD");
  EXPECT_EQ(ColumnOfCell("C12"), 2u);
  EXPECT_EQ(ColumnOfCell("aa3"), 26u);
  EXPECT_EQ(ColumnOfCell("XFD1"), 16383u);
  EXPECT_EQ(ColumnOfCell("XFE1"), std::nullopt);
  EXPECT_EQ(ColumnOfCell("12"), std::nullopt);
}

TEST(XlsxCellValues, EscapedCharactersAreUndone) {
  std::string out;
  AppendDecoded("a_x000D_b_x005F_x0041_c_xZZZZ_", out);
  EXPECT_EQ(out, "a\rb_x0041_c_xZZZZ_");
}

// ---------------------------------------------------------------------------
// A workbook as the agency

TEST(XlsxAgencyWorkbook, EveryKindOfCellIsReadLikeItsCsvText) {
  // Shared (rich, with a phonetic guide), inline and formula strings;
  // a built-in and a custom date format; a number in French text.
  const std::vector<std::string> strings = {"<t>C01</t>", "<r><t>Biscuits </t></r><r><t>Lumière</t></r><rPh><t>x</t></rPh>"};
  const std::string clients = kClientsHeader + "<row r=\"2\"><c r=\"A2\" t=\"s\"><v>0</v></c><c r=\"B2\" t=\"s\"><v>1</v></c>"
                              "<c r=\"C2\" t=\"str\"><f>LOWER(\"X\")</f><v>épicerie</v></c></row>";
  const std::string missions =
      Row(1, {"mission_id", "client_id", "name", "start_date", "end_date", "fee", "complexity"}) +
      "<row r=\"2\"><c r=\"A2\" t=\"inlineStr\"><is><t>M01</t></is></c><c r=\"B2\" t=\"s\"><v>0</v></c>"
      "<c r=\"C2\" t=\"inlineStr\"><is><t xml:space=\"preserve\"> Merch </t></is></c>"
      "<c r=\"D2\" s=\"1\"><v>46023</v></c><c r=\"E2\" s=\"2\"><v>46387.5</v></c>"
      "<c r=\"F2\" t=\"inlineStr\"><is><t>1 234,50</t></is></c><c r=\"G2\"><v>3</v></c></row>";
  const IngestOutcome outcome = ReadBook(WorkbookParts(
      {{"Clients", clients}, {"Missions", missions}}, strings, {{165, "dd/mm/yyyy"}}, {0, 14, 165}));
  ASSERT_TRUE(outcome.ok()) << Lines(outcome.errors).front();
  ASSERT_EQ(outcome.dataset.clients.size(), 1u);
  EXPECT_EQ(outcome.dataset.clients[0].name, "Biscuits Lumière");
  EXPECT_EQ(outcome.dataset.clients[0].sector, "épicerie");
  ASSERT_EQ(outcome.dataset.missions.size(), 1u);
  EXPECT_EQ(outcome.dataset.missions[0].name, "Merch");
  EXPECT_EQ(FormatDate(outcome.dataset.missions[0].start), "2026-01-01");
  EXPECT_EQ(FormatDate(outcome.dataset.missions[0].end), "2026-12-31");
  EXPECT_EQ(outcome.dataset.missions[0].fee, 123450);
  EXPECT_EQ(outcome.dataset.missions[0].complexity, 3);
}

TEST(XlsxAgencyWorkbook, ErrorsNameBookSheetAndCell) {
  const std::string invoices =
      Row(1, {"invoice_id", "client_id", "date", "amount"}) +
      Row(2, {"F1", "C01", "#46023", "#12.345"}) +
      "<row r=\"3\"><c r=\"A3\" t=\"inlineStr\"><is><t>F2</t></is></c><c r=\"B3\" t=\"inlineStr\"><is><t>C01</t></is></c>"
      "<c r=\"C3\" s=\"1\"><v>46023</v></c><c r=\"D3\" t=\"e\"><v>#DIV/0!</v></c></row>" +
      "<row r=\"5\"><c r=\"A5\" t=\"inlineStr\"><is><t>F3</t></is></c><c r=\"B5\" t=\"inlineStr\"><is><t>C01</t></is></c>"
      "<c r=\"C5\" s=\"1\"><v>60</v></c><c r=\"D5\"><v>10</v></c></row>";
  const IngestOutcome outcome = ReadBook(WorkbookParts(
      {{"Clients", kClientsHeader + Row(2, {"C01", "Lumière"})}, {"Factures", invoices}}, {}, {}, {0, 14}));
  EXPECT_EQ(Lines(outcome.errors),
            (std::vector<std::string>{
                // A date as a plain number cell: its serial, which is no date.
                "agency.xlsx[Factures]!C2: date: invalid date '46023' (expected YYYY-MM-DD, DD/MM/YYYY or DD/MM/YY)",
                "agency.xlsx[Factures]!D2: amount: too many decimals in '12.345' (at most 2)",
                "agency.xlsx[Factures]!D3: amount: the cell holds the error #DIV/0!: correct the formula or enter the value",
                "agency.xlsx[Factures]!C5: date: the date cell holds 1900-02-29, a day that does not exist (Excel's 1900 leap-year bug): enter the date again",
            }));
}

TEST(XlsxAgencyWorkbook, SheetsAreMatchedByEnglishOrFrenchNameOthersWarned) {
  const IngestOutcome outcome = ReadBook(WorkbookParts({{"CLIENTS", kClientsHeader + Row(2, {"C01", "A"})},
                                                        {"employes", Row(1, {"employee_id", "name"}) + Row(2, {"E1", "Alice"})},
                                                        {"Taux_horaires", Row(1, {"employee_id", "valid_from", "hourly_cost"})},
                                                        {"Notes", Row(1, {"x"})}}));
  ASSERT_TRUE(outcome.ok()) << Lines(outcome.errors).front();
  EXPECT_EQ(outcome.dataset.employees.size(), 1u);
  ASSERT_EQ(outcome.warnings.size(), 1u);
  EXPECT_EQ(outcome.warnings[0].ToString().rfind("agency.xlsx[Notes]: not a table of the agency workbook", 0), 0u)
      << outcome.warnings[0].ToString();
}

TEST(XlsxAgencyWorkbook, MissingClientsSheetAndTwoSheetsOfOneTable) {
  const IngestOutcome missing = ReadBook(WorkbookParts({{"Stores", Row(1, {"store_id", "name"})}}));
  EXPECT_EQ(Lines(missing.errors), (std::vector<std::string>{
                                       "agency.xlsx: the sheet clients is missing (it is required): name it clients or Clients"}));
  const IngestOutcome twice = ReadBook(WorkbookParts({{"Clients", kClientsHeader}, {"clients ", kClientsHeader}}));
  ASSERT_FALSE(twice.ok());
  EXPECT_NE(twice.errors[0].ToString().find("two sheets for one table"), std::string::npos);
}

TEST(XlsxAgencyWorkbook, LeadingEmptyRowsAreSkippedCellsMustComeInOrder) {
  const std::string clients = "<row r=\"1\"><c r=\"A1\" s=\"0\"/></row>" + Row(3, {"client_id", "name"}) +
                              "<row r=\"7\"><c r=\"B7\" t=\"inlineStr\"><is><t>B</t></is></c><c r=\"A7\" t=\"inlineStr\"><is><t>C1</t></is></c></row>";
  const IngestOutcome outcome = ReadBook(WorkbookParts({{"clients", clients}}));
  // The header is row 3; A7 after B7 is out of order: a damaged sheet.
  EXPECT_EQ(Lines(outcome.errors),
            (std::vector<std::string>{"agency.xlsx[clients]!A7: client_id: the cell is given twice or out of order (damaged sheet)"}));
  const IngestOutcome sparse = ReadBook(WorkbookParts(
      {{"clients", "<row r=\"1\"><c r=\"A1\" s=\"0\"/></row>" + Row(3, {"client_id", "", "name"}) + Row(9, {"C1", "", "B"})}}));
  ASSERT_TRUE(sparse.ok()) << Lines(sparse.errors).front();
  ASSERT_EQ(sparse.dataset.clients.size(), 1u);
  EXPECT_EQ(sparse.dataset.clients[0].name, "B");
}

TEST(XlsxAgencyWorkbook, ARowNumberPastTheLastRowIsRefusedAndTheNextRowsNumberedOn) {
  // 9223372036854775807 is int64's largest: the row after it must not overflow.
  const std::string clients = Row(1, {"client_id", "name"}) + Row(9223372036854775807, {"C1", "A"}) +
                              "<row><c t=\"inlineStr\"><is><t>C2</t></is></c><c t=\"inlineStr\"><is><t>B</t></is></c></row>" +
                              Row(1048577, {"C3", "C"});
  const IngestOutcome outcome = ReadBook(WorkbookParts({{"clients", clients}}));
  EXPECT_EQ(Lines(outcome.errors),
            (std::vector<std::string>{
                "agency.xlsx[clients]!2:2: row number 9223372036854775807 is past a sheet's last row, 1048576 (damaged sheet)",
                "agency.xlsx[clients]!4:4: row number 1048577 is past a sheet's last row, 1048576 (damaged sheet)"}));
}

TEST(XlsxTableWorkbook, ATableMayComeAsItsOwnWorkbookBesideCsvFiles) {
  const std::string book = ZipOf(WorkbookParts(
      {{"Feuil1", Row(1, {"employee_id", "name"}) + Row(2, {"E1", "Alice"}) + Row(3, {"E1", "Bob"})}, {"Feuil2", ""}}));
  const IngestOutcome outcome = ReadFiles({{"clients.csv", "client_id,name\nC01,A\n"}, {"Employees.xlsx", book}});
  EXPECT_EQ(Lines(outcome.errors),
            (std::vector<std::string>{"Employees.xlsx[Feuil1]!A3: employee_id: duplicate employee 'E1' (first on line 2)"}));
}

TEST(XlsxTableWorkbook, MacrosOfAnXlsmAreIgnored) {
  auto parts = WorkbookParts({{"Sheet1", kClientsHeader + Row(2, {"C01", "A"})}});
  parts["xl/vbaProject.bin"] = std::string(1000, '\x01');
  const IngestOutcome outcome = ReadFiles({{"clients.xlsm", ZipOf(parts)}});
  ASSERT_TRUE(outcome.ok()) << Lines(outcome.errors).front();
  EXPECT_EQ(outcome.dataset.clients.size(), 1u);
}

TEST(XlsxAgencyWorkbook, ALargeSheetIsReadInPiecesInOrder) {
  // About 5 MiB of XML, prefixed names, rows without numbers after the
  // first: cut into pieces parsed on two threads, read back in order.
  constexpr int kRows = 100000;
  std::string rows = "<x:row r=\"1\"><x:c t=\"inlineStr\"><x:is><x:t>client_id</x:t></x:is></x:c>"
                     "<x:c t=\"inlineStr\"><x:is><x:t>name</x:t></x:is></x:c></x:row>";
  for (int i = 0; i < kRows; ++i) {
    rows += "<x:row><x:c t=\"inlineStr\"><x:is><x:t>C" + std::to_string(i) +
            "</x:t></x:is></x:c><x:c t=\"inlineStr\"><x:is><x:t>N</x:t></x:is></x:c></x:row>";
  }
  rows += "<x:row><x:c t=\"inlineStr\"><x:is><x:t>C0</x:t></x:is></x:c></x:row>";  // a duplicate, last
  auto parts = WorkbookParts({{"clients", ""}});
  parts["xl/worksheets/sheet1.xml"] =
      "<?xml version=\"1.0\"?>\n<x:worksheet xmlns:x=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">"
      "<x:dimension ref=\"A1\"/><x:sheetData>" + rows + "</x:sheetData><x:pageMargins left=\"0.7\"/></x:worksheet>";
  const IngestOutcome outcome = ReadBook(parts);
  ASSERT_EQ(outcome.dataset.clients.size(), static_cast<size_t>(kRows));
  EXPECT_EQ(outcome.dataset.clients[kRows - 1].id, "C" + std::to_string(kRows - 1));
  EXPECT_EQ(Lines(outcome.errors),
            (std::vector<std::string>{"agency.xlsx[clients]!B100002: name: missing value",
                                      "agency.xlsx[clients]!A100002: client_id: duplicate client 'C0' (first on line 2)"}));
}

TEST(XlsxAgencyWorkbook, DamageDeepInALargeSheetIsFoundWithItsLine) {
  std::string rows = Row(1, {"client_id", "name"});
  for (int i = 0; i < 50000; ++i) rows += "\n" + Row(i + 2, {"C" + std::to_string(i), "N"});
  rows += "\n<row r=\"60000\"><c r=\"A60000\"><v>1</c></row>";
  const IngestOutcome outcome = ReadBook(WorkbookParts({{"clients", rows}}));
  ASSERT_FALSE(outcome.ok());
  EXPECT_EQ(Lines(outcome.errors).front(),
            "agency.xlsx[clients]: the workbook is damaged: xl/worksheets/sheet1.xml, line 50002: mismatched tag");
}

// ---------------------------------------------------------------------------
// Files refused

std::string FirstError(const std::string& bytes) {
  const IngestOutcome outcome = ReadFiles({{"clients.xlsx", bytes}});
  return outcome.errors.empty() ? "" : outcome.errors.front().ToString();
}

TEST(XlsxRefused, NotAZipAnXlsAnEncryptedAndAnOdsFile) {
  EXPECT_EQ(FirstError("client_id,name\n"),
            "clients.xlsx: not an XLSX workbook (not a zip archive): save it as .xlsx (Excel workbook) or CSV UTF-8");
  std::string compound = "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1" + std::string(600, '\0');
  EXPECT_EQ(FirstError(compound), "clients.xlsx: an Excel 97-2003 workbook (.xls): save it as .xlsx (Excel workbook) or CSV UTF-8");
  const std::u16string stream = u"EncryptedPackage";
  compound += std::string(reinterpret_cast<const char*>(stream.data()), stream.size() * 2);
  EXPECT_EQ(FirstError(compound),
            "clients.xlsx: the workbook is protected by a password (encrypted): save a copy without a password");
  EXPECT_EQ(FirstError(ZipOf({{"mimetype", "application/vnd.oasis.opendocument.spreadsheet"}, {"content.xml", "<x/>"}})),
            "clients.xlsx: an OpenDocument spreadsheet (.ods): save it as .xlsx (Excel workbook) or CSV UTF-8");
}

TEST(XlsxRefused, DamagedZipAndParts) {
  const std::string book = ZipOf(WorkbookParts({{"Sheet1", kClientsHeader}}));
  EXPECT_NE(FirstError(book.substr(0, book.size() / 2)).find("clients.xlsx: "), std::string::npos);
  EXPECT_FALSE(FirstError(book.substr(0, book.size() / 2)).empty());
  auto parts = WorkbookParts({{"Sheet1", kClientsHeader}});
  parts.erase("xl/workbook.xml");
  EXPECT_EQ(FirstError(ZipOf(parts)), "clients.xlsx: the workbook is damaged: xl/workbook.xml is missing");
  parts = WorkbookParts({{"Sheet1", "<row r=\"1\"><c r=\"A1\"><v>1</c></row>"}});
  EXPECT_EQ(FirstError(ZipOf(parts)).rfind("clients.xlsx[Sheet1]: the workbook is damaged: xl/worksheets/sheet1.xml, line 1: mismatched tag", 0), 0u)
      << FirstError(ZipOf(parts));
}

TEST(XlsxRefused, DoctypeAndEntitiesAreNeverExpanded) {
  auto parts = WorkbookParts({{"Sheet1", kClientsHeader}});
  parts["xl/sharedStrings.xml"] =
      "<?xml version=\"1.0\"?><!DOCTYPE sst [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;\">]><sst><si><t>&b;</t></si></sst>";
  EXPECT_EQ(FirstError(ZipOf(parts)),
            "clients.xlsx: the workbook is refused: xl/sharedStrings.xml declares a DOCTYPE or entities, which a workbook never does");
  parts = WorkbookParts({{"Sheet1", kClientsHeader}});
  parts["xl/styles.xml"] = "<?xml version=\"1.0\"?><!DOCTYPE x SYSTEM \"file:///etc/passwd\"><styleSheet/>";
  EXPECT_NE(FirstError(ZipOf(parts)).find("declares a DOCTYPE"), std::string::npos);
}

TEST(XlsxRefused, DeepNesting) {
  auto parts = WorkbookParts({{"Sheet1", kClientsHeader}});
  std::string deep;
  for (int i = 0; i < 100; ++i) deep += "<a>";
  parts["xl/styles.xml"] = "<?xml version=\"1.0\"?><styleSheet>" + deep + "</styleSheet>";
  EXPECT_EQ(FirstError(ZipOf(parts)), "clients.xlsx: the workbook is refused: xl/styles.xml nests elements deeper than 64 levels");
}

TEST(XlsxRefused, ZipBombAndTooManyEntries) {
  // 40 MiB of one repeated empty row compress about 700 times.
  std::string rows;
  const std::string row = "<row/>";
  rows.reserve(40u << 20);
  while (rows.size() < (40u << 20)) rows += row;
  const std::string bomb = ZipOf(WorkbookParts({{"Sheet1", kClientsHeader + rows}}));
  const std::string error = FirstError(bomb);
  EXPECT_NE(error.find("unpacks to more than 500 times its size (a zip bomb?)"), std::string::npos) << error;
  std::map<std::string, std::string> many = WorkbookParts({{"Sheet1", kClientsHeader}});
  for (int i = 0; i < 10001; ++i) many["f" + std::to_string(i)] = "";
  EXPECT_EQ(FirstError(ZipOf(many, false)), "clients.xlsx: the workbook is refused: more than 10000 entries in the zip");
}

// ---------------------------------------------------------------------------
// Records for the commands that look at an export

TEST(XlsxOpenRecords, ASheetByNameAndItsPlaces) {
  auto source = MemorySource({{"export.xlsx", ZipOf(WorkbookParts({{"Résumé", Row(1, {"a"})},
                                                                   {"Temps", Row(4, {"Collaborateur", "#7.5"})}}))}});
  auto opened = OpenRecords(*source, "export.xlsx", "temps");
  ASSERT_TRUE(opened.ok()) << opened.status().message();
  EXPECT_EQ(opened->place, "export.xlsx[Temps]");
  RecordSource& records = *opened->records;
  ASSERT_TRUE(records.Next());
  EXPECT_EQ(records.line(), 4);
  ASSERT_EQ(records.fields().size(), 2u);
  EXPECT_EQ(records.fields()[1], "7.5");
  EXPECT_EQ(records.Place(1), "B4");
  EXPECT_EQ(records.Place(RecordSource::kNoField), "4:4");
  EXPECT_FALSE(records.Next());
  EXPECT_TRUE(records.failure().empty());
}

}  // namespace
}  // namespace agencykpi
