// docs/data-format.md describes every table of the catalogue: the files at a
// glance, and one section per file whose column table lists the catalogue's
// columns, in order, required ones in bold.
#include <gtest/gtest.h>

#include <algorithm>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "domain/catalogue.h"

namespace agencykpi {
namespace {

constexpr std::string_view kGlanceHeading = "## The files at a glance";
constexpr std::string_view kFilesHeading = "## The files one by one";
constexpr std::string_view kFileHeadingPrefix = "### ";
constexpr std::string_view kColumnHeader = "| column |";

struct DocColumn {
  std::string name;
  bool required = false;
};

// What the doc says: the files at a glance, and each file's columns.
struct DocTables {
  std::vector<std::string> glance_files;
  std::map<std::string, std::vector<DocColumn>> columns;  // by file name
  std::vector<std::string> section_files;                 // in doc order
};

std::string Trim(std::string_view text) {
  const auto begin = text.find_first_not_of(" \t\r");
  if (begin == std::string_view::npos) return "";
  const auto end = text.find_last_not_of(" \t\r");
  return std::string(text.substr(begin, end - begin + 1));
}

// The first cell of a markdown table row ("| **a**, **b** | …" → "**a**, **b**").
std::string FirstCell(std::string_view line) {
  const auto open = line.find('|');
  const auto close = line.find('|', open + 1);
  if (open == std::string_view::npos || close == std::string_view::npos) return "";
  return Trim(line.substr(open + 1, close - open - 1));
}

// "`x`" → "x", "**x**" → "x" (bold noted in `required`).
std::string Unwrap(std::string text, bool* required) {
  if (text.size() >= 4 && text.starts_with("**") && text.ends_with("**")) {
    if (required != nullptr) *required = true;
    text = text.substr(2, text.size() - 4);
  }
  if (text.size() >= 2 && text.front() == '`' && text.back() == '`') text = text.substr(1, text.size() - 2);
  return text;
}

DocTables ParseDoc(const std::string& doc) {
  DocTables out;
  std::istringstream in(doc);
  std::string line;
  enum class Where { kOther, kGlance, kFiles } where = Where::kOther;
  std::string file;        // the current "### file" section
  bool in_columns = false;  // inside its column table
  while (std::getline(in, line)) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.starts_with("## ")) {
      where = line.starts_with(kGlanceHeading) ? Where::kGlance
              : line.starts_with(kFilesHeading) ? Where::kFiles
                                                 : Where::kOther;
      file.clear();
      in_columns = false;
      continue;
    }
    if (where == Where::kGlance && line.starts_with("|")) {
      const std::string cell = Unwrap(FirstCell(line), nullptr);
      if (cell.ends_with(".csv")) out.glance_files.push_back(cell);
      continue;
    }
    if (where != Where::kFiles) continue;
    if (line.starts_with(kFileHeadingPrefix)) {
      const std::string heading = line.substr(kFileHeadingPrefix.size());
      file = heading.substr(0, heading.find(' '));
      out.section_files.push_back(file);
      out.columns[file];
      in_columns = false;
      continue;
    }
    if (file.empty()) continue;
    if (line.starts_with(kColumnHeader)) {
      in_columns = out.columns[file].empty();  // the first column table of the section
      continue;
    }
    if (!in_columns) continue;
    if (!line.starts_with("|")) {
      in_columns = false;
      continue;
    }
    const std::string cell = FirstCell(line);
    if (cell.starts_with("---")) continue;
    std::istringstream names(cell);  // "**start_date**, **end_date**": two columns
    std::string name;
    while (std::getline(names, name, ',')) {
      DocColumn column;
      column.name = Unwrap(Trim(name), &column.required);
      out.columns[file].push_back(std::move(column));
    }
  }
  return out;
}

// Every difference between the doc and the catalogue, naming its table and
// column; empty when they agree.
std::vector<std::string> Mismatches(const DocTables& doc) {
  std::vector<std::string> out;
  std::map<std::string, int> glance;
  for (const std::string& file : doc.glance_files) ++glance[file];
  for (const TableDesc& table : Catalogue()) {
    const std::string file(table.file);
    if (glance[file] != 1) out.push_back(file + ": listed " + std::to_string(glance[file]) + " times at a glance");
    const auto section = doc.columns.find(file);
    if (section == doc.columns.end()) {
      out.push_back(file + ": no section");
      continue;
    }
    const std::vector<DocColumn>& columns = section->second;
    for (size_t i = 0; i < std::max(columns.size(), table.columns.size()); ++i) {
      if (i >= columns.size()) {
        out.push_back(file + ": " + std::string(table.columns[i].name) + ": not documented");
        continue;
      }
      if (i >= table.columns.size()) {
        out.push_back(file + ": " + columns[i].name + ": documented but not in the catalogue");
        continue;
      }
      const ColumnDesc& expected = table.columns[i];
      if (columns[i].name != expected.name) {
        out.push_back(file + ": column " + std::to_string(i + 1) + " is " + columns[i].name + " in the doc, " +
                      std::string(expected.name) + " in the catalogue");
      } else if (columns[i].required != expected.required) {
        out.push_back(file + ": " + columns[i].name + ": " + (expected.required ? "required" : "optional") +
                      " in the catalogue, not in the doc (required columns are bold)");
      }
    }
  }
  for (const std::string& file : doc.section_files) {
    if (FindTable(file) == nullptr) out.push_back(file + ": a section for a table the catalogue does not have");
  }
  for (const auto& [file, count] : glance) {
    if (FindTable(file) == nullptr) out.push_back(file + ": at a glance but not in the catalogue");
  }
  return out;
}

std::string ReadDoc() {
  std::ifstream in(std::string(AGENCYKPI_DOCS_DIR) + "/data-format.md", std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

std::string Joined(const std::vector<std::string>& lines) {
  std::string out;
  for (const std::string& line : lines) out += line + "\n";
  return out;
}

TEST(DataFormatDoc, ListsEveryTableAndColumnOfTheCatalogue) {
  const std::string doc = ReadDoc();
  ASSERT_FALSE(doc.empty()) << "docs/data-format.md not found";
  const DocTables tables = ParseDoc(doc);
  EXPECT_EQ(tables.glance_files.size(), Catalogue().size());
  EXPECT_EQ(tables.section_files.size(), Catalogue().size());
  size_t columns = 0;
  for (const auto& [file, list] : tables.columns) columns += list.size();
  size_t expected_columns = 0;
  for (const TableDesc& table : Catalogue()) expected_columns += table.columns.size();
  EXPECT_EQ(columns, expected_columns);
  const std::vector<std::string> mismatches = Mismatches(tables);
  EXPECT_EQ(mismatches.size(), 0u) << Joined(mismatches);
}

// The check itself: a doc that drifted is reported by table and column.
TEST(DataFormatDoc, NamesTheTableAndColumnThatDiffer) {
  std::string doc = ReadDoc();
  ASSERT_FALSE(doc.empty());
  const auto replace = [&](std::string_view from, std::string_view to) {
    const auto at = doc.find(from);
    ASSERT_NE(at, std::string::npos) << from;
    doc.replace(at, from.size(), to);
  };
  replace("| facings |", "| **facings** |");             // optional shown as required
  replace("| **hourly_cost** |", "| **hourly_rate** |");  // renamed
  replace("| region |", "| region |\n| country |");      // a column the catalogue lacks
  replace("### results.csv", "### result.csv");            // a misspelt section
  const std::vector<std::string> mismatches = Mismatches(ParseDoc(doc));
  ASSERT_EQ(mismatches.size(), 5u) << Joined(mismatches);
  EXPECT_EQ(mismatches[0], "cost_rates.csv: column 3 is hourly_rate in the doc, hourly_cost in the catalogue");
  EXPECT_EQ(mismatches[1], "stores.csv: country: documented but not in the catalogue");
  EXPECT_EQ(mismatches[2], "results.csv: no section");
  EXPECT_EQ(mismatches[3],
            "store_audits.csv: facings: optional in the catalogue, not in the doc (required columns are bold)");
  EXPECT_EQ(mismatches[4], "result.csv: a section for a table the catalogue does not have");
}

}  // namespace
}  // namespace agencykpi
