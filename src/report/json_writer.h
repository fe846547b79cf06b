// A small streaming JSON writer. Written by hand rather than built on a DOM
// library because money must be written as exact decimals from integer cents
// (a DOM would hold it as a binary double) and large reports (100,000
// missions) are written straight into one buffer.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

#include "common/exact.h"

namespace agencykpi {

class JsonWriter {
 public:
  // Receives the text in pieces of about kFlushBytes when streaming.
  using Sink = std::function<void(std::string_view)>;
  static constexpr size_t kFlushBytes = 1 << 20;

  // Writes into a string, taken with Take().
  explicit JsonWriter(bool pretty) : pretty_(pretty) {}
  // Streams to `sink` (a file, a socket): memory stays bounded however large
  // the report. Call Flush() once the top value is closed.
  JsonWriter(bool pretty, Sink sink) : pretty_(pretty), sink_(std::move(sink)) {}

  void BeginObject();
  void EndObject();
  void BeginArray();
  void EndArray();
  JsonWriter& Key(std::string_view key);

  void String(std::string_view text);
  void Int(int64_t value);
  void Money(Cents cents);                 // 12.30
  void Hours(int64_t hundredths);          // 7.50
  void Micros(agencykpi::Micros micros);   // 999.999999, unrounded
  void Double(double value);               // shortest round-trip; null if not finite
  void Null();
  void Raw(std::string_view json);          // an already written JSON value
  void Bool(bool value);
  void OptionalDouble(const std::optional<double>& value) { value ? Double(*value) : Null(); }

  // The text written so far; take it once the top value is closed.
  std::string Take() { return std::move(out_); }
  // Hands what is buffered to the sink.
  void Flush();

 private:
  void Open(char bracket);   // a container starts: `{` or `[`
  void Close(char bracket);  // and ends
  void BeforeValue();
  void MaybeFlush() {
    if (sink_ && out_.size() >= kFlushBytes) Flush();
  }
  void WriteQuoted(std::string_view text);
  void NewLine();
  void FixedPoint(int64_t value, int64_t scale, int digits, bool trim);

  bool pretty_;
  Sink sink_;
  std::string out_;
  int depth_ = 0;
  bool first_in_container_ = true;
  bool after_key_ = false;
};

}  // namespace agencykpi
