// Decoding a file read a piece at a time gives what decoding it whole gives.
#include "ingest/chunked_text.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "ingest/csv_reader.h"

namespace agencykpi {
namespace {

// The whole decoded text, read through ChunkedText as the reader does,
// keeping nothing of each piece.
std::string ReadAllPieces(FileBytes& file, size_t* pieces) {
  const auto encoding = DetectEncoding(file);
  EXPECT_TRUE(encoding.ok());
  ChunkedText chunks(file, *encoding);
  EXPECT_TRUE(chunks.Start().ok());
  std::string out;
  *pieces = 0;
  for (;;) {
    ++*pieces;
    EXPECT_EQ(chunks.offset(), out.size());
    out += chunks.text();
    if (chunks.at_end()) return out;
    EXPECT_TRUE(chunks.Advance(chunks.text().size()).ok());
  }
}

// As DecodeCsvText decodes the whole file.
std::string DecodedWhole(const std::string& raw) {
  std::string storage;
  return std::string(DecodeCsvText(raw, storage));
}

TEST(ChunkedTextTest, AFileSmallerThanOnePieceIsOnePiece) {
  auto file = BytesInMemory("a,b\n1,2\n");
  size_t pieces = 0;
  EXPECT_EQ(ReadAllPieces(*file, &pieces), "a,b\n1,2\n");
  EXPECT_EQ(pieces, 1u);
}

// The line feeds before the last byte bound the records after the header,
// in either encoding and across pieces.
TEST(ChunkedTextTest, LineStartsAreCountedOverTheWholeFile) {
  const std::string rows = "1,2\n" + std::string(kReadPieceBytes, 'x') + "\n3,4\n";
  for (const auto& [raw, starts] : std::vector<std::pair<std::string, uint64_t>>{
           {"a,b\n" + rows, 3},
           {"a,b\n" + rows.substr(0, rows.size() - 1), 3},  // no line feed at the end
           {"a,b\r\n1,2\r\n", 1},
           {"\xEF\xBB\xBF" "a,b\n1,2", 1},
           {"a,b\n\xE9t\xE9\n" + rows, 4},  // Windows-1252: counted to the end
           {"a,b", 0},
       }) {
    auto file = BytesInMemory(raw);
    const auto encoding = DetectEncoding(*file);
    ASSERT_TRUE(encoding.ok());
    EXPECT_EQ(encoding->line_starts, starts) << raw.substr(0, 12);
  }
}

TEST(ChunkedTextTest, AUtf8BomIsDropped) {
  const std::string raw = "\xEF\xBB\xBF" "a;b\n" + std::string(kReadPieceBytes, 'x');
  auto file = BytesInMemory(raw);
  const auto encoding = DetectEncoding(*file);
  ASSERT_TRUE(encoding.ok());
  EXPECT_EQ(encoding->bom_bytes, 3u);
  EXPECT_FALSE(encoding->cp1252);
  size_t pieces = 0;
  EXPECT_EQ(ReadAllPieces(*file, &pieces), DecodedWhole(raw));
  EXPECT_EQ(pieces, 2u);
}

// One byte that is not UTF-8, past the first piece, makes the whole file
// Windows-1252, the first piece included — as when the file is read whole.
TEST(ChunkedTextTest, Windows1252IsDecidedOnTheWholeFile) {
  const std::string raw = "name\nL\xC3\xA9" "a\n" + std::string(kReadPieceBytes + 5, 'x') + "\nCr\xE8me\n";
  auto file = BytesInMemory(raw);
  const auto encoding = DetectEncoding(*file);
  ASSERT_TRUE(encoding.ok());
  EXPECT_TRUE(encoding->cp1252);
  size_t pieces = 0;
  const std::string text = ReadAllPieces(*file, &pieces);
  EXPECT_EQ(pieces, 2u);
  EXPECT_EQ(text, DecodedWhole(raw));
  EXPECT_EQ(text.substr(0, 10), "name\nL\xC3\x83\xC2\xA9");  // é's two bytes, each a cp1252 letter
}

TEST(ChunkedTextTest, ACharacterSplitBetweenTwoPiecesIsStillUtf8) {
  for (size_t before = 1; before <= 3; ++before) {  // 1 to 3 bytes of "€" in the first piece
    const std::string raw = std::string(kReadPieceBytes - before, 'x') + "\xE2\x82\xAC" "\n";
    auto file = BytesInMemory(raw);
    const auto encoding = DetectEncoding(*file);
    ASSERT_TRUE(encoding.ok());
    EXPECT_FALSE(encoding->cp1252) << before;
    size_t pieces = 0;
    EXPECT_EQ(ReadAllPieces(*file, &pieces), raw);
  }
}

TEST(ChunkedTextTest, ACharacterCutByTheEndOfTheFileIsNotUtf8) {
  const std::string raw = std::string(kReadPieceBytes, 'x') + "\xE2\x82";
  auto file = BytesInMemory(raw);
  const auto encoding = DetectEncoding(*file);
  ASSERT_TRUE(encoding.ok());
  EXPECT_TRUE(encoding->cp1252);
  size_t pieces = 0;
  EXPECT_EQ(ReadAllPieces(*file, &pieces), DecodedWhole(raw));
}

TEST(ChunkedTextTest, AdvanceKeepsTheUnreadTailAndReadsAtLeastAsMuchAgain) {
  const std::string raw(3 * kReadPieceBytes, 'z');
  auto file = BytesInMemory(raw);
  ChunkedText chunks(*file, TextEncoding{});
  ASSERT_TRUE(chunks.Start().ok());
  EXPECT_EQ(chunks.text().size(), kReadPieceBytes);
  ASSERT_TRUE(chunks.Advance(10).ok());  // a record from byte 10 goes on
  EXPECT_EQ(chunks.offset(), 10u);
  EXPECT_EQ(chunks.text().size(), 2 * kReadPieceBytes - 10);
  ASSERT_TRUE(chunks.Advance(0).ok());  // still not finished: twice as much
  EXPECT_TRUE(chunks.at_end());
  EXPECT_EQ(chunks.text().size(), raw.size() - 10);
}

// A file that is shorter than it said (cut while being read) is an error,
// never a silently shorter table.
class ShrunkFile : public FileBytes {
 public:
  [[nodiscard]] uint64_t size() const override { return 2 * kReadPieceBytes; }
  Result<size_t> ReadAt(uint64_t offset, std::span<char> out) override {
    const uint64_t real = kReadPieceBytes + 3;
    if (offset >= real) return size_t{0};
    const size_t count = std::min<size_t>(out.size(), real - offset);
    std::fill_n(out.data(), count, 'a');
    return count;
  }
};

TEST(ChunkedTextTest, AFileCutWhileReadIsAnError) {
  ShrunkFile file;
  const auto encoding = DetectEncoding(file);
  ASSERT_FALSE(encoding.ok());
  EXPECT_EQ(encoding.status().message(), "the file changed while it was read");
  ChunkedText chunks(file, TextEncoding{});
  ASSERT_TRUE(chunks.Start().ok());
  const Status next = chunks.Advance(chunks.text().size());
  EXPECT_EQ(next.message(), "the file changed while it was read");
}

}  // namespace
}  // namespace agencykpi
