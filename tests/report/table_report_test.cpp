#include "report/table_report.h"

#include <initializer_list>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "report/rows.h"
#include "sample_report.h"

namespace agencykpi {
namespace {

using agencykpi::testing::SampleReport;

std::vector<std::string> Lines(const std::string& text) {
  std::vector<std::string> lines;
  size_t start = 0;
  while (start < text.size()) {
    size_t end = text.find('\n', start);
    if (end == std::string::npos) end = text.size();
    lines.push_back(text.substr(start, end - start));
    start = end + 1;
  }
  return lines;
}

// One string per UTF-8 code point.
std::vector<std::string> CodePoints(const std::string& text) {
  std::vector<std::string> points;
  for (char c : text) {
    if ((static_cast<unsigned char>(c) & 0xC0) == 0x80 && !points.empty()) {
      points.back() += c;
    } else {
      points.emplace_back(1, c);
    }
  }
  return points;
}

std::string StripAnsi(const std::string& text) {
  std::string out;
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '\x1b') {
      while (i < text.size() && text[i] != 'm') ++i;
      continue;
    }
    out += text[i];
  }
  return out;
}

struct Span {
  size_t begin;  // code point index, inclusive
  size_t end;    // exclusive
};

// The table whose header line holds `header_word`: its column spans, read
// from the rule line under the header, and its data lines.
struct ParsedTable {
  std::vector<Span> columns;
  std::vector<std::string> rows;
};

ParsedTable FindTable(const std::string& text, const std::string& header_word) {
  ParsedTable table;
  const auto lines = Lines(text);
  for (size_t i = 0; i + 1 < lines.size(); ++i) {
    if (lines[i].find(header_word) == std::string::npos) continue;
    if (lines[i + 1].find("─") == std::string::npos) continue;
    const auto rule = CodePoints(lines[i + 1]);
    for (size_t p = 0; p < rule.size(); ++p) {
      if (rule[p] != "─") continue;
      if (p == 0 || rule[p - 1] != "─") table.columns.push_back({p, p + 1});
      table.columns.back().end = p + 1;
    }
    for (size_t j = i + 2; j < lines.size() && !lines[j].empty(); ++j) table.rows.push_back(lines[j]);
    break;
  }
  return table;
}

// Every row: the gaps between columns are blank, and a right-aligned
// column's last code point is not.
void ExpectAligned(const ParsedTable& table, const std::vector<size_t>& right_columns) {
  ASSERT_FALSE(table.columns.empty());
  ASSERT_FALSE(table.rows.empty());
  const size_t width = table.columns.back().end;
  for (const auto& row : table.rows) {
    const auto points = CodePoints(row);
    EXPECT_LE(points.size(), width) << row;
    for (size_t c = 0; c + 1 < table.columns.size(); ++c) {
      for (size_t p = table.columns[c].end; p < table.columns[c + 1].begin; ++p) {
        ASSERT_LT(p, points.size()) << row;
        EXPECT_EQ(points[p], " ") << "column gap " << c << " in: " << row;
      }
    }
    for (size_t c : right_columns) {
      const size_t last = table.columns[c].end - 1;
      ASSERT_LT(last, points.size()) << row;
      EXPECT_NE(points[last], " ") << "column " << c << " in: " << row;
    }
  }
}

TEST(DisplayWidthTest, CountsCodePointsNotBytes) {
  EXPECT_EQ(DisplayWidth(""), 0U);
  EXPECT_EQ(DisplayWidth("abc"), 3U);
  EXPECT_EQ(DisplayWidth("Bières Ébène"), 12U);
  EXPECT_EQ(DisplayWidth("12\u202F345,67\u00A0€"), 11U);
  EXPECT_EQ(DisplayWidth("—"), 1U);
}

TEST(RenderTableTest, RevenueColumnsLineUpWithAccentedNames) {
  for (Language language : {Language::kEnglish, Language::kFrench}) {
    const std::string text = RenderTable(SampleReport(), {language, false, Section::kRevenue});
    const ParsedTable table = FindTable(text, language == Language::kFrench ? "Part cumulée" : "Cumulative");
    ASSERT_EQ(table.columns.size(), 11U) << text;
    ASSERT_EQ(table.rows.size(), 3U) << text;
    // Revenue, share, cumulative, hours, visits, full cost, margin, ROI.
    ExpectAligned(table, {2, 3, 4, 6, 7, 8, 9, 10});
    EXPECT_NE(table.rows[0].find("Bières Ébène"), std::string::npos);
  }
}

TEST(RenderTableTest, EveryListLinesUp) {
  const std::string text = RenderTable(SampleReport(), {Language::kFrench, false, std::nullopt});
  ExpectAligned(FindTable(text, "Contrats échus"), {});
  ExpectAligned(FindTable(text, "Marge complète"), {3, 4, 5, 6, 7, 8, 9});
  ExpectAligned(FindTable(text, "Réalisé"), {4, 5, 6, 7, 8});
}

TEST(RenderTableTest, HeaderShowsThePeriods) {
  const std::string french = RenderTable(SampleReport(), {Language::kFrench, false, std::nullopt});
  EXPECT_NE(french.find("du 01/01/2026 au 30/06/2026"), std::string::npos) << french;
  EXPECT_NE(french.find("Arrêté au 30/06/2026"), std::string::npos);
  EXPECT_NE(french.find("du 01/07/2025 au 31/12/2025"), std::string::npos);
  const std::string english = RenderTable(SampleReport(), {Language::kEnglish, false, std::nullopt});
  EXPECT_NE(english.find("from 2026-01-01 to 2026-06-30"), std::string::npos) << english;
  EXPECT_NE(english.find("As of 2026-06-30"), std::string::npos);
  EXPECT_NE(english.find("from 2025-07-01 to 2025-12-31"), std::string::npos);
}

// The whole table in LANGUAGE holds every one of WORDS and not FOREIGN, the
// other language's title.
void ExpectWords(Language language, std::initializer_list<const char*> words, const char* foreign) {
  const std::string text = RenderTable(SampleReport(), {language, false, std::nullopt});
  for (const char* expected : words) {
    EXPECT_NE(text.find(expected), std::string::npos) << expected << "\n" << text;
  }
  EXPECT_EQ(text.find(foreign), std::string::npos);
}

TEST(RenderTableTest, FrenchTitlesAndWords) {
  ExpectWords(Language::kFrench,
              {"Taux de récurrence", "CA par client", "Marge par prestation", "Atteinte des objectifs",
               "spontané", "en attente", "perdu", "perte", "en érosion", "non facturé", "marge faible",
               "atteint", "en retard", "pas commencé", "Œufs & Cie", "12\u202F345,67\u00A0€",
               "-530,87\u00A0€", "50,0\u00A0%", "-25,0\u00A0pts"},
              "Revenue per client");
}

TEST(RenderTableTest, EnglishTitlesAndWords) {
  ExpectWords(Language::kEnglish,
              {"Client recurrence", "Revenue per client", "Margin per mission", "Objective attainment",
               "spontaneous", "pending", "lost", "loss, eroding", "loss, unbilled", "low margin", "met",
               "behind", "not started", "€12,345.67", "-€530.87", "-25.0 pp", "37.5 h"},
              "CA par client");
}

TEST(RenderTableTest, NullFiguresAreDashes) {
  const std::string text = RenderTable(SampleReport(), {Language::kEnglish, false, Section::kRevenue});
  const ParsedTable table = FindTable(text, "Cumulative");
  ASSERT_EQ(table.rows.size(), 3U);
  EXPECT_NE(table.rows[2].find("—"), std::string::npos) << table.rows[2];
}

TEST(RenderTableTest, NoAnsiCodesWithoutColor) {
  const std::string text = RenderTable(SampleReport(), {Language::kEnglish, false, std::nullopt});
  EXPECT_EQ(text.find('\x1b'), std::string::npos);
}

TEST(RenderTableTest, ColorsStatusesAndFlags) {
  const std::string text = RenderTable(SampleReport(), {Language::kEnglish, true, std::nullopt});
  for (const char* expected :
       {"\x1b[31mlost\x1b[0m", "\x1b[31mloss\x1b[0m", "\x1b[31mbehind\x1b[0m",
        "\x1b[33mpending\x1b[0m", "\x1b[33meroding\x1b[0m", "\x1b[33mlow margin\x1b[0m",
        "\x1b[32mspontaneous\x1b[0m", "\x1b[32mmet\x1b[0m"}) {
    EXPECT_NE(text.find(expected), std::string::npos) << expected;
  }
}

TEST(RenderTableTest, ColorTakesNoRoom) {
  for (Language language : {Language::kEnglish, Language::kFrench}) {
    const std::string plain = RenderTable(SampleReport(), {language, false, std::nullopt});
    const std::string colored = RenderTable(SampleReport(), {language, true, std::nullopt});
    EXPECT_NE(plain, colored);
    EXPECT_EQ(StripAnsi(colored), plain);
  }
}

TEST(RenderTableTest, SectionFilterKeepsOneSection) {
  const std::string text = RenderTable(SampleReport(), {Language::kFrench, false, Section::kMargin});
  EXPECT_NE(text.find("Marge par prestation"), std::string::npos);
  EXPECT_EQ(text.find("CA par client"), std::string::npos);
  EXPECT_EQ(text.find("Atteinte des objectifs"), std::string::npos);
  EXPECT_EQ(text.find("Contrats échus"), std::string::npos);
}

TEST(RenderTableTest, LongListsArePrintedWhole) {
  Report report = SampleReport();
  const MissionMargin model = report.margin.missions[0];
  report.margin.missions.clear();
  constexpr int kMissions = 1500;
  std::vector<std::string> ids;  // the report's ids are views: keep their text alive
  ids.reserve(kMissions);
  for (int i = 0; i < kMissions; ++i) {
    MissionMargin mission = model;
    ids.push_back(std::to_string(10000 + i).insert(0, "M"));
    mission.mission_id = ids.back();
    mission.revenue = i * 1001;
    report.margin.missions.push_back(mission);
  }
  const std::string text = RenderTable(report, {Language::kEnglish, false, Section::kMargin});
  const ParsedTable table = FindTable(text, "Full margin");
  EXPECT_EQ(table.rows.size(), static_cast<size_t>(kMissions));
  EXPECT_NE(text.find("M11499"), std::string::npos);
  ExpectAligned(table, {3, 4, 5, 6, 7, 8, 9});
}

// The header line of a section's list (the line above its rule), and how
// many columns the rule has.
struct ListHeader {
  std::string line;
  size_t columns = 0;
};

ListHeader HeaderOf(const std::string& text) {
  ListHeader header;
  const auto lines = Lines(text);
  for (size_t i = 1; i < lines.size(); ++i) {
    if (lines[i].find("─") == std::string::npos) continue;
    header.line = lines[i - 1];
    const auto rule = CodePoints(lines[i]);
    for (size_t p = 0; p < rule.size(); ++p) {
      if (rule[p] == "─" && (p == 0 || rule[p - 1] != "─")) ++header.columns;
    }
    break;
  }
  return header;
}

// Checks that the section's list has one column per labelled field of
// `Row`, headed by the labels in description order; returns how many.
template <typename Row>
size_t ExpectColumnsFromDescription(Section section, Language language) {
  const std::string text = RenderTable(SampleReport(), {language, false, section});
  const ListHeader header = HeaderOf(text);
  size_t labelled = 0;
  size_t from = 0;
  for (const RowField<Row>& field : RowDescriptionOf<Row>().fields) {
    if (field.label.empty()) continue;
    ++labelled;
    const size_t at = header.line.find(field.label.In(language), from);
    EXPECT_NE(at, std::string::npos) << field.key << " in: " << header.line;
    if (at != std::string::npos) from = at + field.label.In(language).size();
  }
  EXPECT_EQ(header.columns, labelled) << text;
  return labelled;
}

TEST(RenderTableTest, EveryLabelledFieldOfARowIsAColumnInDescriptionOrder) {
  for (Language language : {Language::kFrench, Language::kEnglish}) {
    EXPECT_EQ(ExpectColumnsFromDescription<RecurrenceClient>(Section::kRecurrence, language), 5U);
    EXPECT_EQ(ExpectColumnsFromDescription<RevenueClient>(Section::kRevenue, language), 11U);
    EXPECT_EQ(ExpectColumnsFromDescription<MissionMargin>(Section::kMargin, language), 11U);
    EXPECT_EQ(ExpectColumnsFromDescription<ObjectiveItem>(Section::kObjectives, language), 10U);
  }
}

TEST(RenderTableTest, AFieldShownAsPointsIsSignedInPoints) {
  const Report report = SampleReport();
  const MissionMargin& mission = report.margin.missions[0];
  const RowField<MissionMargin>* change = FindField<MissionMargin>("margin_rate_change");
  ASSERT_NE(change, nullptr);
  EXPECT_TRUE(change->as_points);
  const std::string text = RenderTable(report, {Language::kFrench, false, Section::kMargin});
  const ParsedTable table = FindTable(text, "Évolution");
  ASSERT_EQ(table.columns.size(), 11U);
  ASSERT_EQ(table.rows.size(), report.margin.missions.size());
  EXPECT_NE(table.rows[0].find(FormatPoints(mission.margin_rate_change, Language::kFrench)),
            std::string::npos)
      << table.rows[0];
}

TEST(RenderTableTest, EmptyListsSaySo) {
  Report report = SampleReport();
  report.objectives = {};
  const std::string text = RenderTable(report, {Language::kEnglish, false, Section::kObjectives});
  EXPECT_NE(text.find("No objective in this period."), std::string::npos) << text;
}

TEST(RenderTableTest, ControlCharactersInNamesCannotReachTheTerminal) {
  Report report = SampleReport();
  report.revenue.clients[0].name = "Evil\x1b[2J\n\x7f\xc2\x9b";
  const std::string text = RenderTable(report, {Language::kEnglish, false, Section::kRevenue});
  EXPECT_EQ(text.find('\x1b'), std::string::npos);
  EXPECT_EQ(text.find('\x7f'), std::string::npos);
  EXPECT_EQ(text.find("\xc2\x9b"), std::string::npos);
  EXPECT_NE(text.find("Evil?[2J???"), std::string::npos) << text;
  ExpectAligned(FindTable(text, "Cumulative"), {2, 3, 4});
}

}  // namespace
}  // namespace agencykpi
