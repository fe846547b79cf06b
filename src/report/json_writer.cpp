#include "report/json_writer.h"

#include <fmt/format.h>

#include <cmath>

namespace agencykpi {

void JsonWriter::NewLine() {
  if (!pretty_) return;
  out_.push_back('\n');
  out_.append(static_cast<size_t>(depth_) * 2, ' ');
}

void JsonWriter::BeforeValue() {
  if (after_key_) {
    after_key_ = false;
    return;
  }
  if (depth_ > 0) {
    if (!first_in_container_) out_.push_back(',');
    NewLine();
  }
  first_in_container_ = false;
}

void JsonWriter::Open(char bracket) {
  BeforeValue();
  out_.push_back(bracket);
  ++depth_;
  first_in_container_ = true;
}

void JsonWriter::Close(char bracket) {
  --depth_;
  if (!first_in_container_) NewLine();
  out_.push_back(bracket);
  first_in_container_ = false;
}

void JsonWriter::BeginObject() { Open('{'); }

void JsonWriter::Flush() {
  if (!sink_ || out_.empty()) return;
  sink_(out_);
  out_.clear();
}

// An object ends each row of a long list: the place to hand a full buffer
// to the sink.
void JsonWriter::EndObject() {
  MaybeFlush();
  Close('}');
}

void JsonWriter::BeginArray() { Open('['); }

void JsonWriter::EndArray() { Close(']'); }

JsonWriter& JsonWriter::Key(std::string_view key) {
  BeforeValue();
  WriteQuoted(key);
  out_.append(pretty_ ? ": " : ":");
  after_key_ = true;
  return *this;
}

void JsonWriter::String(std::string_view text) {
  BeforeValue();
  WriteQuoted(text);
}

void JsonWriter::WriteQuoted(std::string_view text) {
  out_.push_back('"');
  // Copies runs of plain characters at once; only quotes, backslashes and
  // control characters are escaped.
  size_t run = 0;
  for (size_t i = 0; i < text.size(); ++i) {
    const auto byte = static_cast<unsigned char>(text[i]);
    if (byte >= 0x20 && byte != '"' && byte != '\\') continue;
    out_.append(text.data() + run, i - run);
    run = i + 1;
    switch (byte) {
      case '"': out_.append("\\\""); break;
      case '\\': out_.append("\\\\"); break;
      case '\n': out_.append("\\n"); break;
      case '\r': out_.append("\\r"); break;
      case '\t': out_.append("\\t"); break;
      default: out_.append(fmt::format("\\u{:04x}", byte));
    }
  }
  out_.append(text.data() + run, text.size() - run);
  out_.push_back('"');
}

void JsonWriter::Int(int64_t value) {
  BeforeValue();
  const fmt::format_int text(value);
  out_.append(text.data(), text.size());
}

// value / scale with `digits` decimals; trailing zeros dropped when `trim`.
// Written digit by digit: reports hold hundreds of thousands of amounts.
void JsonWriter::FixedPoint(int64_t value, int64_t scale, int digits, bool trim) {
  BeforeValue();
  const bool negative = value < 0;
  const uint64_t magnitude = negative ? 0ULL - static_cast<uint64_t>(value) : static_cast<uint64_t>(value);
  const auto unsigned_scale = static_cast<uint64_t>(scale);
  if (negative) out_.push_back('-');
  const fmt::format_int whole(magnitude / unsigned_scale);
  out_.append(whole.data(), whole.size());
  char fraction[24];
  uint64_t rest = magnitude % unsigned_scale;
  for (int i = digits - 1; i >= 0; --i) {
    fraction[i] = static_cast<char>('0' + rest % 10);
    rest /= 10;
  }
  int length = digits;
  if (trim) {
    while (length > 1 && fraction[length - 1] == '0') --length;
  }
  out_.push_back('.');
  out_.append(fraction, static_cast<size_t>(length));
}

void JsonWriter::Money(Cents cents) { FixedPoint(cents, 100, 2, false); }
void JsonWriter::Hours(int64_t hundredths) { FixedPoint(hundredths, 100, 2, false); }
void JsonWriter::Micros(agencykpi::Micros micros) { FixedPoint(micros, kMicrosPerUnit, 6, true); }

void JsonWriter::Double(double value) {
  if (!std::isfinite(value)) {
    Null();
    return;
  }
  if (value == 0) value = 0;  // never -0
  BeforeValue();
  fmt::format_to(std::back_inserter(out_), "{}", value);
}

void JsonWriter::Raw(std::string_view json) {
  BeforeValue();
  out_.append(json);
}

void JsonWriter::Null() {
  BeforeValue();
  out_.append("null");
}

void JsonWriter::Bool(bool value) {
  BeforeValue();
  out_.append(value ? "true" : "false");
}

}  // namespace agencykpi
