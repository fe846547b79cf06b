// A RecordSource over records held in memory, as a sheet reader or the CSV
// reader would give them: for the tests of what wraps one.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "ingest/csv_reader.h"
#include "ingest/record_source.h"

namespace agencykpi {

struct FakeRecord {
  int64_t line = 0;
  std::vector<std::string> fields;
  Message error;       // a record that cannot be read as a whole
  size_t error_field = 0;
};

class FakeRecords final : public RecordSource {
 public:
  explicit FakeRecords(std::vector<FakeRecord> records, bool decimal_comma = false)
      : records_(std::move(records)), decimal_comma_(decimal_comma) {}
  // Lines numbered from 1, one record a line.
  static std::vector<FakeRecord> Lines(const std::vector<std::vector<std::string>>& rows) {
    std::vector<FakeRecord> out;
    for (const auto& row : rows) out.push_back({static_cast<int64_t>(out.size() + 1), row, {}, 0});
    return out;
  }

  bool Next() override {
    if (next_ >= records_.size()) return false;
    current_ = &records_[next_++];
    views_.assign(current_->fields.begin(), current_->fields.end());
    return true;
  }
  [[nodiscard]] const std::vector<std::string_view>& fields() const override { return views_; }
  [[nodiscard]] int64_t line() const override { return current_->line; }
  [[nodiscard]] bool blank() const override {
    for (const auto& field : current_->fields) {
      if (!TrimValue(field).empty()) return false;
    }
    return true;
  }
  [[nodiscard]] const Message& error_message() const override { return current_->error; }
  [[nodiscard]] size_t error_field() const override { return current_->error_field; }
  [[nodiscard]] const Message& failure() const override { return failure_; }
  [[nodiscard]] bool decimal_comma() const override { return decimal_comma_; }
  [[nodiscard]] uint64_t bytes_done() const override { return next_; }
  // A sheet's cells: "B7" for field 1 of row 7.
  [[nodiscard]] std::string Place(size_t field) const override {
    if (field == kNoField) return std::to_string(current_->line) + ":" + std::to_string(current_->line);
    return std::string(1, static_cast<char>('A' + field)) + std::to_string(current_->line);
  }

 private:
  std::vector<FakeRecord> records_;
  bool decimal_comma_;
  size_t next_ = 0;
  const FakeRecord* current_ = nullptr;
  std::vector<std::string_view> views_;
  Message failure_;
};

}  // namespace agencykpi
