// Helpers for the demo agency tests: a scratch folder per test and a small
// CSV table reader (BOM, `;` or `,`, quotes, CRLF) that is independent of
// the ingest component, so the demo's own checks do not depend on it.
#pragma once

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

namespace agencykpi::demo_test {

// A fresh folder under the system temp dir, removed when the test ends.
class ScratchFolder {
 public:
  explicit ScratchFolder(std::string_view name) {
    const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
    path_ = std::filesystem::temp_directory_path() / ("agencykpi-demo-" + std::string(info->name()) + "-" +
                                                      std::string(name) + "-" + std::to_string(::getpid()));
    std::filesystem::remove_all(path_);
  }
  ~ScratchFolder() {
    std::error_code ignored;
    std::filesystem::remove_all(path_, ignored);
  }
  ScratchFolder(const ScratchFolder&) = delete;
  ScratchFolder& operator=(const ScratchFolder&) = delete;
  [[nodiscard]] const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
};

inline std::string ReadBytes(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

constexpr std::string_view kUtf8Bom = "\xEF\xBB\xBF";

struct Table {
  char separator = ',';
  bool bom = false;
  std::vector<std::string> header;
  std::vector<std::vector<std::string>> rows;

  [[nodiscard]] int Column(std::string_view name) const {
    for (size_t i = 0; i < header.size(); ++i) {
      if (header[i] == name) return static_cast<int>(i);
    }
    ADD_FAILURE() << "no column " << name;
    return 0;
  }
  [[nodiscard]] const std::string& Cell(size_t row, std::string_view name) const {
    static const std::string kEmpty;
    const auto column = static_cast<size_t>(Column(name));
    return column < rows[row].size() ? rows[row][column] : kEmpty;
  }
  // The distinct values of column NAME.
  [[nodiscard]] std::set<std::string> Values(std::string_view name) const {
    std::set<std::string> values;
    for (size_t r = 0; r < rows.size(); ++r) values.insert(Cell(r, name));
    return values;
  }
};

// Reads a whole CSV file: RFC 4180 quotes, LF or CRLF, separator from the header.
inline Table ReadTable(const std::filesystem::path& path) {
  std::string text = ReadBytes(path);
  Table table;
  if (text.starts_with(kUtf8Bom)) {
    table.bom = true;
    text.erase(0, kUtf8Bom.size());
  }
  const std::string_view first_line = std::string_view(text).substr(0, text.find('\n'));
  table.separator = first_line.find(';') != std::string_view::npos ? ';' : ',';

  std::vector<std::string> record;
  std::string field;
  bool quoted = false;
  bool any = false;
  const auto end_record = [&] {
    record.push_back(field);
    field.clear();
    if (table.header.empty()) {
      table.header = record;
    } else {
      table.rows.push_back(record);
    }
    record.clear();
    any = false;
  };
  for (size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (quoted) {
      if (c == '"' && i + 1 < text.size() && text[i + 1] == '"') {
        field.push_back('"');
        ++i;
      } else if (c == '"') {
        quoted = false;
      } else {
        field.push_back(c);
      }
    } else if (c == '"') {
      quoted = true;
      any = true;
    } else if (c == table.separator) {
      record.push_back(field);
      field.clear();
      any = true;
    } else if (c == '\r') {
      continue;
    } else if (c == '\n') {
      end_record();
    } else {
      field.push_back(c);
      any = true;
    }
  }
  if (any || !field.empty()) end_record();
  return table;
}

}  // namespace agencykpi::demo_test
