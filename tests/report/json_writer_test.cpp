#include "report/json_writer.h"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>

namespace agencykpi {
namespace {

std::string One(void (*write)(JsonWriter&)) {
  JsonWriter w(false);
  w.BeginArray();
  write(w);
  w.EndArray();
  return w.Take();
}

TEST(JsonWriterTest, EscapesQuotesBackslashesAndControlCharacters) {
  EXPECT_EQ(One([](JsonWriter& w) { w.String("Merchandising \"GMS\" Sud\\1\n\t\x01é"); }),
            "[\"Merchandising \\\"GMS\\\" Sud\\\\1\\n\\t\\u0001é\"]");
  EXPECT_EQ(One([](JsonWriter& w) { w.String(""); }), "[\"\"]");
}

TEST(JsonWriterTest, WritesMoneyHoursAndMicrosExactly) {
  EXPECT_EQ(One([](JsonWriter& w) { w.Money(3442050); }), "[34420.50]");
  EXPECT_EQ(One([](JsonWriter& w) { w.Money(-5); }), "[-0.05]");
  EXPECT_EQ(One([](JsonWriter& w) { w.Money(0); }), "[0.00]");
  EXPECT_EQ(One([](JsonWriter& w) { w.Money(std::numeric_limits<int64_t>::min()); }),
            "[-92233720368547758.08]");
  EXPECT_EQ(One([](JsonWriter& w) { w.Hours(2875); }), "[28.75]");
  EXPECT_EQ(One([](JsonWriter& w) { w.Micros(999999999); }), "[999.999999]");
  EXPECT_EQ(One([](JsonWriter& w) { w.Micros(12500000); }), "[12.5]");
  EXPECT_EQ(One([](JsonWriter& w) { w.Micros(100000000); }), "[100.0]");
}

TEST(JsonWriterTest, RatiosNeverNaNInfinityOrNegativeZero) {
  EXPECT_EQ(One([](JsonWriter& w) { w.Double(std::nan("")); }), "[null]");
  EXPECT_EQ(One([](JsonWriter& w) { w.Double(std::numeric_limits<double>::infinity()); }), "[null]");
  EXPECT_EQ(One([](JsonWriter& w) { w.Double(-0.0); }), "[0]");
  EXPECT_EQ(One([](JsonWriter& w) { w.Double(0.7771676762394504); }), "[0.7771676762394504]");
  EXPECT_EQ(One([](JsonWriter& w) { w.OptionalDouble(std::nullopt); }), "[null]");
}

TEST(JsonWriterTest, NestsObjectsAndArraysCompactAndPretty) {
  for (const bool pretty : {false, true}) {
    JsonWriter w(pretty);
    w.BeginObject();
    w.Key("a").Int(1);
    w.Key("b").BeginArray();
    w.Int(2);
    w.Null();
    w.EndArray();
    w.Key("c").BeginObject();
    w.EndObject();
    w.EndObject();
    const std::string text = w.Take();
    if (pretty) {
      EXPECT_EQ(text, "{\n  \"a\": 1,\n  \"b\": [\n    2,\n    null\n  ],\n  \"c\": {}\n}");
    } else {
      EXPECT_EQ(text, "{\"a\":1,\"b\":[2,null],\"c\":{}}");
    }
  }
}

}  // namespace
}  // namespace agencykpi

namespace agencykpi {
namespace {

// Streaming hands the same text over in bounded pieces.
TEST(JsonWriterTest, StreamedTextEqualsTheWholeString) {
  const auto write = [](JsonWriter& w) {
    w.BeginArray();
    for (int i = 0; i < 60000; ++i) {
      w.BeginObject();
      w.Key("mission_id").String(std::to_string(i).insert(0, "M"));
      w.Key("revenue").Money(i * 101);
      w.EndObject();
    }
    w.EndArray();
  };
  JsonWriter whole(true);
  write(whole);
  const std::string expected = whole.Take();
  ASSERT_GT(expected.size(), 2 * JsonWriter::kFlushBytes);

  std::string streamed;
  size_t pieces = 0;
  size_t largest = 0;
  JsonWriter w(true, [&](std::string_view piece) {
    streamed.append(piece);
    ++pieces;
    largest = std::max(largest, piece.size());
  });
  write(w);
  w.Flush();
  EXPECT_EQ(streamed, expected);
  EXPECT_GE(pieces, 3U);
  EXPECT_LT(largest, JsonWriter::kFlushBytes + 4096);
}

}  // namespace
}  // namespace agencykpi
