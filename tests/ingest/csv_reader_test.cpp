#include "ingest/csv_reader.h"

#include <gtest/gtest.h>

#include "ingest/limits.h"

#include <algorithm>
#include <string>
#include <string_view>
#include <vector>

namespace agencykpi {
namespace {

struct Record {
  int64_t line;
  std::vector<std::string> fields;
  std::string error;
  bool operator==(const Record&) const = default;
};

void PrintTo(const Record& record, std::ostream* out) {
  *out << record.line << " " << testing::PrintToString(record.fields) << " '" << record.error << "'";
}

Record Current(const CsvReader& reader) {
  Record record{reader.line(), {}, reader.error()};
  for (const std::string_view field : reader.fields()) record.fields.emplace_back(field);
  return record;
}

// Every record of `text`, blank ones included, with the detected separator.
std::vector<Record> ReadAll(std::string_view text) {
  CsvReader reader(text, DetectSeparator(text));
  std::vector<Record> records;
  while (reader.Next()) records.push_back(Current(reader));
  return records;
}

using Fields = std::vector<std::string>;

TEST(DecodeCsvTextTest, RemovesUtf8Bom) {
  std::string storage;
  EXPECT_EQ(DecodeCsvText("\xEF\xBB\xBF" "a;b\n", storage), "a;b\n");
}

TEST(DecodeCsvTextTest, KeepsValidUtf8AsIs) {
  std::string storage;
  const std::string text = "name\nCaf\xC3\xA9\n";
  EXPECT_EQ(DecodeCsvText(text, storage), text);
  EXPECT_TRUE(storage.empty());
}

TEST(DecodeCsvTextTest, ConvertsWindows1252) {
  std::string storage;
  // é, €, ’, “, ”, –, œ, U+00A0 in cp1252.
  const std::string_view text = DecodeCsvText("\xE9\x80\x92\x93\x94\x96\x9C\xA0", storage);
  EXPECT_EQ(text, "\xC3\xA9\xE2\x82\xAC\xE2\x80\x99\xE2\x80\x9C\xE2\x80\x9D\xE2\x80\x93\xC5\x93\xC2\xA0");
}

TEST(DecodeCsvTextTest, MapsUndefinedCp1252BytesToC1Controls) {
  EXPECT_EQ(Cp1252ToUtf8("\x81\x8D"), "\xC2\x81\xC2\x8D");
}

TEST(IsValidUtf8Test, RejectsMalformedSequences) {
  EXPECT_TRUE(IsValidUtf8("plain ascii text that is long enough"));
  EXPECT_TRUE(IsValidUtf8("\xE2\x80\xAF\xF0\x9F\x98\x80"));
  EXPECT_FALSE(IsValidUtf8("\xC0\xAF"));          // overlong
  EXPECT_FALSE(IsValidUtf8("\xED\xA0\x80"));      // surrogate
  EXPECT_FALSE(IsValidUtf8("\xF4\x90\x80\x80"));  // above U+10FFFF
  EXPECT_FALSE(IsValidUtf8("abc\xC3"));           // truncated
  EXPECT_FALSE(IsValidUtf8("\xE9t\xE9"));         // cp1252 é
}

TEST(DetectSeparatorTest, PicksTheOneOutsideQuotesOnTheHeaderLine) {
  EXPECT_EQ(DetectSeparator("a;b;c\n1,5;2;3\n"), ';');
  EXPECT_EQ(DetectSeparator("a,b,c\n1;2;3\n"), ',');
  EXPECT_EQ(DetectSeparator("\"a;b\",c\n"), ',');
  EXPECT_EQ(DetectSeparator("\"a,b\";c\n"), ';');
  EXPECT_EQ(DetectSeparator("a;b,c\n"), ';');   // both: ';' wins
  EXPECT_EQ(DetectSeparator("single\n1;2\n"), ',');  // neither: ','
  EXPECT_EQ(DetectSeparator(""), ',');
}

TEST(TrimValueTest, TrimsSpacesTabsAndNoBreakSpaces) {
  EXPECT_EQ(TrimValue("  a b\t"), "a b");
  EXPECT_EQ(TrimValue("\xC2\xA0L5\xC2\xA0"), "L5");
  EXPECT_EQ(TrimValue("\xE2\x80\xAF" "12\xE2\x80\xAF"), "12");
  EXPECT_EQ(TrimValue(" \t\xC2\xA0 "), "");
  EXPECT_EQ(TrimValue("\xC3\xA9"), "\xC3\xA9");  // é is not trimmed
}

TEST(CsvReaderTest, ReadsSemicolonFileWithDecimalComma) {
  const auto records = ReadAll("id;amount\nF1;1 200,50\n");
  ASSERT_EQ(records.size(), 2u);
  EXPECT_EQ(records[1].fields, (Fields{"F1", "1 200,50"}));
}

TEST(CsvReaderTest, HandlesCrlfLineEnds) {
  const auto records = ReadAll("a,b\r\n1,2\r\n3,4");
  ASSERT_EQ(records.size(), 3u);
  EXPECT_EQ(records[1].fields, (Fields{"1", "2"}));
  EXPECT_EQ(records[2].fields, (Fields{"3", "4"}));
  EXPECT_EQ(records[2].line, 3);
}

TEST(CsvReaderTest, KeepsSeparatorsInsideQuotes) {
  const auto records = ReadAll("a,b\n\"x, y\",z\n");
  EXPECT_EQ(records[1].fields, (Fields{"x, y", "z"}));
}

TEST(CsvReaderTest, UndoesDoubledQuotes) {
  const auto records = ReadAll("a,b\n\"Merch \"\"GMS\"\" Sud\",\"\"\"\"\n");
  EXPECT_EQ(records[1].fields, (Fields{"Merch \"GMS\" Sud", "\""}));
}

TEST(CsvReaderTest, LineBreaksInQuotesKeepPhysicalLineNumbers) {
  const auto records = ReadAll("a,b\n\"two\nlines\",1\r\n\"three\r\n\r\nlines\",2\n3,4\n");
  ASSERT_EQ(records.size(), 4u);
  EXPECT_EQ(records[1].line, 2);
  EXPECT_EQ(records[1].fields, (Fields{"two\nlines", "1"}));
  EXPECT_EQ(records[2].line, 4);
  EXPECT_EQ(records[2].fields, (Fields{"three\r\n\r\nlines", "2"}));
  EXPECT_EQ(records[3].line, 7);
}

TEST(CsvReaderTest, EmptyFieldsAndTrailingSeparator) {
  const auto records = ReadAll("a,b,c\n,,\n\"\",x,\n");
  EXPECT_EQ(records[1].fields, (Fields{"", "", ""}));
  EXPECT_EQ(records[2].fields, (Fields{"", "x", ""}));
}

TEST(CsvReaderTest, QuoteInsideUnquotedFieldIsOrdinary) {
  const auto records = ReadAll("a,b\n5\" screen,x\n");
  EXPECT_EQ(records[1].fields, (Fields{"5\" screen", "x"}));
  EXPECT_TRUE(records[1].error.empty());
}

TEST(CsvReaderTest, SpacesAfterClosingQuoteAreAccepted) {
  const auto records = ReadAll("a;b\n\"x\"  ;y\n");
  EXPECT_EQ(records[1].fields, (Fields{"x", "y"}));
  EXPECT_TRUE(records[1].error.empty());
}

TEST(CsvReaderTest, TextAfterClosingQuoteIsAnErrorAndReadingGoesOn) {
  CsvReader reader("a,b\n1,\"x\"y,2\n3,4\n", ',');
  ASSERT_TRUE(reader.Next());
  ASSERT_TRUE(reader.Next());
  EXPECT_TRUE(reader.has_error());
  EXPECT_EQ(reader.error(), "text after the closing quote of a quoted field");
  EXPECT_EQ(reader.error_field(), 1u);
  EXPECT_EQ(reader.line(), 2);
  ASSERT_TRUE(reader.Next());
  EXPECT_FALSE(reader.has_error());
  EXPECT_EQ(reader.line(), 3);
  EXPECT_EQ(reader.fields()[0], "3");
}

TEST(CsvReaderTest, UnterminatedQuoteIsAnErrorAtTheRecordStart) {
  CsvReader reader("a,b\n1,2\n3,\"open\nstill open\n", ',');
  ASSERT_TRUE(reader.Next());
  ASSERT_TRUE(reader.Next());
  ASSERT_TRUE(reader.Next());
  EXPECT_TRUE(reader.has_error());
  EXPECT_EQ(reader.line(), 3);
  EXPECT_EQ(reader.error_field(), 1u);
  EXPECT_EQ(reader.error(), "quoted field is not closed (the file ends inside quotes)");
  EXPECT_FALSE(reader.Next());
}

TEST(CsvReaderTest, BlankLinesAreRecognised) {
  CsvReader reader("a;b\n\n ; \n\"\";\n", ';');
  ASSERT_TRUE(reader.Next());
  EXPECT_FALSE(reader.blank());
  ASSERT_TRUE(reader.Next());
  EXPECT_TRUE(reader.blank());
  EXPECT_EQ(reader.line(), 2);
  ASSERT_TRUE(reader.Next());
  EXPECT_TRUE(reader.blank());
  ASSERT_TRUE(reader.Next());
  EXPECT_FALSE(reader.blank());  // a quote makes the line a record
  EXPECT_FALSE(reader.Next());
}

TEST(CsvReaderTest, LoneCarriageReturnIsOrdinary) {
  const auto records = ReadAll("a,b\nx\ry,z\n");
  ASSERT_EQ(records.size(), 2u);
  EXPECT_EQ(records[1].fields, (Fields{"x\ry", "z"}));
}

TEST(CsvReaderTest, FieldsPointIntoTheTextUnlessUnescaped) {
  const std::string text = "a,b\nplain,\"quoted\"\n";
  CsvReader reader(text, ',');
  ASSERT_TRUE(reader.Next());
  ASSERT_TRUE(reader.Next());
  for (const std::string_view field : reader.fields()) {
    EXPECT_GE(field.data(), text.data());
    EXPECT_LE(field.data() + field.size(), text.data() + text.size());
  }
}

TEST(CsvReaderTest, OffsetReachesTheEnd) {
  const std::string text = "a,b\n1,2\n";
  CsvReader reader(text, ',');
  while (reader.Next()) {
  }
  EXPECT_EQ(reader.offset(), text.size());
}

// A quote left open in a big file: refused once, within one record's budget
// of bytes looked at, with the line where it opened.
TEST(CsvReaderTest, QuoteOpenPastTheRecordLimitEndsTheText) {
  std::string text = "a,b\n1,\"open\n";
  while (text.size() < 3 * kMaxRecordBytes) text += "x,y\n";
  CsvReader reader(text, ',');
  ASSERT_TRUE(reader.Next());
  ASSERT_TRUE(reader.Next());
  EXPECT_EQ(reader.line(), 2);
  EXPECT_EQ(reader.error_field(), 1u);
  EXPECT_EQ(reader.error(), "quoted field runs over 1 MiB (a quote left open?): the rest of the file is not read");
  EXPECT_LE(reader.fields()[1].size(), kMaxRecordBytes);
  EXPECT_FALSE(reader.Next());
}

TEST(CsvReaderTest, RecordOfTooManyFieldsIsCutAndTheNextOneRead) {
  const std::string text = "a,b\n" + std::string(5000, ',') + "\nc,d\n";
  const std::vector<Record> records = ReadAll(text);
  ASSERT_EQ(records.size(), 3u);
  EXPECT_EQ(records[1].error, "too many columns (at most 1024)");
  EXPECT_EQ(records[1].fields.size(), kMaxColumns + 1);
  EXPECT_EQ(records[2].line, 3);
  EXPECT_EQ(records[2].fields, (Fields{"c", "d"}));
}

TEST(CsvReaderTest, OverlongFieldIsAnErrorOnItsRecord) {
  const std::string text = "a,b\n1," + std::string(kMaxFieldBytes + 1, 'x') + "\n2,3\n";
  const std::vector<Record> records = ReadAll(text);
  ASSERT_EQ(records.size(), 3u);
  EXPECT_EQ(records[1].error, "the value is longer than 64 KiB");
  EXPECT_EQ(records[2].fields, (Fields{"2", "3"}));
  EXPECT_TRUE(records[2].error.empty());
}

// ---------------------------------------------------------------------------
// Reading in pieces (ChunkedText's): the same records as the whole text

// As ReadAll, handing the reader `piece` new bytes at a time, as
// ChunkedText does (what is kept of the last piece, then the next bytes).
std::vector<Record> ReadInPieces(std::string_view text, size_t piece) {
  size_t next = std::min(piece, text.size());
  std::string held(text.substr(0, next));
  CsvReader reader(held, DetectSeparator(text), next < text.size());
  std::vector<Record> records;
  int refills = 0;
  for (;;) {
    if (reader.Next()) {
      records.push_back(Current(reader));
      continue;
    }
    if (!reader.needs_more()) break;
    held = held.substr(reader.offset()) + std::string(text.substr(next, piece));
    next = std::min(next + piece, text.size());
    reader.Continue(held, next < text.size());
    EXPECT_LT(++refills, 100000) << "no progress";
  }
  return records;
}

// Every way of cutting `text` into pieces of 1 to 8 bytes reads as the whole.
void ExpectSameInPieces(std::string_view text) {
  const std::vector<Record> whole = ReadAll(text);
  ASSERT_FALSE(whole.empty());
  for (size_t piece = 1; piece <= 8; ++piece) {
    EXPECT_EQ(ReadInPieces(text, piece), whole) << "pieces of " << piece << " bytes";
  }
}

TEST(CsvReaderPiecesTest, QuotedFieldsWithLineBreaksAndDoubledQuotes) {
  ExpectSameInPieces("id,note\nA,\"one\ntwo, \"\"three\"\"\"\nB,\"\"\"\"\nC,end\n");
}

TEST(CsvReaderPiecesTest, CrlfLineEndsAndLoneCarriageReturns) {
  ExpectSameInPieces("id,note\r\nA,x\ry\r\n\r\nB,\"q\r\nr\"\r\nC,z\r");
}

TEST(CsvReaderPiecesTest, MalformedQuotingAndALastRecordWithoutLineBreak) {
  ExpectSameInPieces("id,note\nA,\"x\" y,z\nB,\"open\nC,never");
  ExpectSameInPieces("a,b,\nc , \"d\"  ,e\n,,\n  \nlast");
}

TEST(CsvReaderPiecesTest, APieceEndingRightAfterALineBreakNeedsNoRereading) {
  const std::string text = "ab\ncd\n";
  EXPECT_EQ(ReadInPieces(text, 3), ReadAll(text));
  CsvReader reader(std::string_view(text).substr(0, 3), ',', /*more_follows=*/true);
  ASSERT_TRUE(reader.Next());
  EXPECT_EQ(reader.fields(), std::vector<std::string_view>{"ab"});
  EXPECT_FALSE(reader.Next());
  EXPECT_TRUE(reader.needs_more());
  EXPECT_EQ(reader.offset(), 3u);
}

// With pieces longer than kMaxRecordBytes (ChunkedText's), the record limit
// reads as in the whole text: a quote open past it ends the file there.
TEST(CsvReaderPiecesTest, QuoteOpenPastTheRecordLimitEndsTheFileInPiecesToo) {
  const std::string text = "id,note\nA,\"" + std::string(kMaxRecordBytes + 10, 'x') + "\nB,after\n";
  const std::vector<Record> whole = ReadAll(text);
  ASSERT_EQ(whole.size(), 2u);
  EXPECT_NE(whole[1].error.find("the rest of the file is not read"), std::string::npos);
  EXPECT_EQ(ReadInPieces(text, kMaxRecordBytes + 100), whole);
  const std::string long_row = "id,note\nA," + std::string(kMaxRecordBytes + 10, 'y') + "\nB,after\n";
  const std::vector<Record> long_whole = ReadAll(long_row);
  ASSERT_EQ(long_whole.size(), 3u);
  EXPECT_EQ(long_whole[2], (Record{3, {"B", "after"}, ""}));
  EXPECT_EQ(ReadInPieces(long_row, kMaxRecordBytes + 100), long_whole);
}

TEST(LooksLikeUtf16Test, ByteOrderMarksAndNulPatterns) {
  EXPECT_TRUE(LooksLikeUtf16("\xFF\xFE"));
  EXPECT_TRUE(LooksLikeUtf16("\xFE\xFF\x00\x61"));
  EXPECT_TRUE(LooksLikeUtf16(std::string("a\0,\0b\0\n\0", 8)));
  EXPECT_TRUE(LooksLikeUtf16(std::string("\0a\0,\0b\0\n", 8)));
  EXPECT_FALSE(LooksLikeUtf16("client_id,name\nC1,A\n"));
  EXPECT_FALSE(LooksLikeUtf16(std::string("client_id,name\nC1,A\0\n", 21)));  // one NUL: an error of its row
  EXPECT_FALSE(LooksLikeUtf16(""));
  EXPECT_FALSE(LooksLikeUtf16("\xEF\xBB\xBF" "a,b\n"));
}

}  // namespace
}  // namespace agencykpi
