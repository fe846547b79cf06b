#include "ingest/profile_draft.h"

#include <algorithm>
#include <array>
#include <map>
#include <optional>

#include <nlohmann/json.hpp>

#include "domain/catalogue.h"
#include "ingest/csv_reader.h"
#include "ingest/hints.h"
#include "ingest/profile.h"
#include "ingest/sheet_names.h"
#include "ingest/value_parser.h"

namespace agencykpi {
namespace {

using Json = nlohmann::ordered_json;

// More names a file or sheet of a table is often called, normalised (the
// sheets' own names are sheet_names.h's).
struct FrenchName {
  std::string_view name;
  std::string_view table;
};
constexpr std::array<FrenchName, 16> kFrenchNames = {{
    {"clients", "clients"},          {"contrats", "contracts"},        {"missions", "missions"},
    {"employes", "employees"},       {"collaborateurs", "employees"},  {"taux_horaires", "cost_rates"},
    {"temps", "time_entries"},       {"frais", "expenses"},            {"factures", "invoices"},
    {"magasins", "stores"},          {"visites", "visits"},            {"objectifs", "objectives"},
    {"resultats", "results"},        {"releves", "store_audits"},      {"ventes_magasins", "store_sales"},
    {"ventes", "store_sales"},
}};

// Fewest columns a header must match to be taken for a table.
constexpr size_t kMinMatchedColumns = 2;

std::optional<size_t> TableByName(std::string_view name) {
  if (auto table = TableOfSheet(name)) return table;  // "Temps", "Taux horaires", "invoices"
  const std::string normal = NormalizeName(name);
  for (size_t t = 0; t < Catalogue().size(); ++t) {
    if (Catalogue()[t].name == normal) return t;
  }
  for (const FrenchName& french : kFrenchNames) {
    if (french.name == normal) return TableIndex(french.table);
  }
  return std::nullopt;
}

// Our column each header field is (nullopt: none), the first field claiming a column keeping it.
std::vector<std::optional<size_t>> MatchHeader(const std::vector<std::string>& header, const TableDesc& table) {
  std::vector<std::optional<size_t>> matched(header.size());
  std::vector<bool> claimed(table.columns.size(), false);
  for (int pass = 0; pass < 2; ++pass) {  // exact names first, then likely ones
    for (size_t f = 0; f < header.size(); ++f) {
      if (matched[f] || TrimValue(header[f]).empty()) continue;
      const std::optional<size_t> column =
          pass == 0 ? FindColumn(table, TrimValue(header[f])) : LikelyColumn(TrimValue(header[f]), table.columns);
      if (column && !claimed[*column]) {
        matched[f] = column;
        claimed[*column] = true;
      }
    }
  }
  return matched;
}

// Required columns matched (counted twice) and the others.
size_t Score(const std::vector<std::optional<size_t>>& matched, const TableDesc& table, size_t* count = nullptr) {
  size_t score = 0;
  size_t n = 0;
  for (const auto& column : matched) {
    if (!column) continue;
    score += table.columns[*column].required ? 2 : 1;
    ++n;
  }
  if (count != nullptr) *count = n;
  return score;
}

bool IsFlag(const ColumnDesc& column) {
  return column.kind == ColumnKind::kInteger && column.range.min == 0 && column.range.max == 1;
}

bool AllDigits(std::string_view text) {
  return !text.empty() && std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// Evidence of a date's notation.
struct DateEvidence {
  bool day_first = false;    // a first part above 12
  bool month_first = false;  // a second part above 12
  bool year_first = false;   // 2026/03/15
  bool not_iso = false;      // any date written otherwise than YYYY-MM-DD
};

void LookAtDate(std::string_view text, DateEvidence& evidence) {
  const size_t first = text.find_first_of("/-.");
  if (first == std::string_view::npos) return;
  const char separator = text[first];
  const size_t second = text.find(separator, first + 1);
  if (second == std::string_view::npos) return;
  const std::string_view a = text.substr(0, first);
  const std::string_view b = text.substr(first + 1, second - first - 1);
  std::string_view c = text.substr(second + 1);
  c = c.substr(0, c.find_first_of(" T"));
  if (!AllDigits(a) || !AllDigits(b) || !AllDigits(c) || a.size() > 4 || b.size() > 2) return;
  if (a.size() == 4) {
    if (separator != '-') evidence.year_first = evidence.not_iso = true;
    return;
  }
  evidence.not_iso = true;
  if (std::stoi(std::string(a)) > 12) evidence.day_first = true;
  if (std::stoi(std::string(b)) > 12) evidence.month_first = true;
}

// A decimal comma ("7,5", "1 234,50") or a decimal point with comma grouping ("1,234.50").
struct NumberEvidence {
  bool comma = false;
  bool point = false;
};

void LookAtNumber(std::string_view text, NumberEvidence& evidence) {
  const size_t comma = text.rfind(',');
  const size_t point = text.rfind('.');
  if (comma != std::string_view::npos && (point == std::string_view::npos || point < comma) &&
      AllDigits(text.substr(comma + 1)) && text.size() - comma - 1 != 3) {
    evidence.comma = true;
  }
  if (comma != std::string_view::npos && point != std::string_view::npos && comma < point) evidence.point = true;
}

// The value of a yes/no column a common word stands for.
std::optional<std::string> FlagValue(std::string_view text) {
  const std::string folded = FoldValue(text);
  for (const std::string_view yes : {"oui", "o", "yes", "y", "x", "vrai", "true", "présent", "present"}) {
    if (folded == yes) return "1";
  }
  for (const std::string_view no : {"non", "n", "no", "faux", "false", "absent"}) {
    if (folded == no) return "0";
  }
  return std::nullopt;
}

bool StartsLikeTotal(std::string_view folded) {
  return folded.starts_with("total") || folded.starts_with("sous-total") || folded.starts_with("sous total");
}

}  // namespace

void ProfileDrafter::Note(const std::string& place, Message message) {
  notes_.push_back(Diagnostic{place, 0, "", std::move(message), {}, {}});
}

void ProfileDrafter::Add(const std::string& file, const std::string& sheet, const std::string& place,
                         RecordSource& records) {
  // The header: among the first records, the first with the most values.
  struct Row {
    int64_t line = 0;
    std::vector<std::string> fields;
  };
  std::vector<Row> head;
  while (head.size() < kDraftHeaderSearchRows && records.Next()) {
    if (records.blank() || records.has_error()) continue;
    head.push_back({records.line(), {records.fields().begin(), records.fields().end()}});
  }
  if (head.empty()) {
    Note(place, records.failure().empty() ? Message(MessageId::kFileEmpty) : records.failure());
    return;
  }
  const auto values = [](const Row& row) {
    return std::count_if(row.fields.begin(), row.fields.end(), [](const std::string& f) { return !TrimValue(f).empty(); });
  };
  size_t header_at = 0;
  for (size_t i = 1; i < head.size(); ++i) {
    if (values(head[i]) > values(head[header_at])) header_at = i;
  }
  const std::vector<std::string>& header = head[header_at].fields;
  const int64_t skip_rows = head[header_at].line - 1;

  // The table: by the file's or sheet's name, else by the header.
  std::string stem = sheet.empty() ? file.substr(0, file.rfind('.')) : sheet;
  std::optional<size_t> table = TableByName(stem);
  if (!table) {
    size_t best = 0;
    for (size_t t = 0; t < Catalogue().size(); ++t) {
      size_t count = 0;
      const size_t score = Score(MatchHeader(header, Catalogue()[t]), Catalogue()[t], &count);
      if (count >= kMinMatchedColumns && score > best) {
        best = score;
        table = t;
      }
    }
  }
  if (!table) {
    Note(place, Message(MessageId::kDraftNotRecognised));
    return;
  }
  const TableDesc& desc = Catalogue()[*table];
  for (const Drafted& drafted : tables_) {
    if (drafted.table == *table) {
      Note(place, Message(MessageId::kDraftTableTwice, {std::string(desc.name), drafted.place}));
      return;
    }
  }
  const std::vector<std::optional<size_t>> matched = MatchHeader(header, desc);

  // Already ours: our file name and our exact column names.
  bool ours = sheet.empty() && EqualsIgnoringCase(file, desc.file) && skip_rows == 0;
  for (size_t f = 0; f < header.size() && ours; ++f) {
    const std::string_view name = TrimValue(header[f]);
    ours = name.empty() || (matched[f] && EqualsIgnoringCase(desc.columns[*matched[f]].name, name));
  }
  if (ours) {
    Note(place, Message(MessageId::kDraftAlreadyOurs));
    return;
  }

  // The rows: distinct values of the matched columns, a total line.
  std::vector<std::map<std::string, bool>> seen(header.size());
  std::optional<size_t> total_field;
  const auto look = [&](const std::vector<std::string_view>& fields) {
    for (size_t f = 0; f < fields.size() && f < header.size(); ++f) {
      const std::string_view value = TrimValue(fields[f]);
      if (value.empty()) continue;
      if (StartsLikeTotal(FoldValue(value)) && (!total_field || f < *total_field)) total_field = f;
      if (matched[f] && seen[f].size() < kDraftMaxValues) seen[f].emplace(value, true);
    }
  };
  for (size_t i = header_at + 1; i < head.size(); ++i) look({head[i].fields.begin(), head[i].fields.end()});
  while (records.Next()) {
    if (!records.blank() && !records.has_error()) look(records.fields());
  }

  DateEvidence dates;
  NumberEvidence numbers;
  Json columns = Json::object();
  for (size_t c = 0; c < desc.columns.size(); ++c) {
    const ColumnDesc& column = desc.columns[c];
    const auto field = std::find(matched.begin(), matched.end(), std::optional<size_t>(c));
    if (field == matched.end()) {
      if (column.required) {
        columns[std::string(column.name)] = kProfileTodo;
        Note(place, Message(MessageId::kDraftTodo, {std::string(desc.name) + "." + std::string(column.name)}));
      }
      continue;
    }
    const size_t f = static_cast<size_t>(field - matched.begin());
    const std::string from(TrimValue(header[f]));
    Json value_map = Json::object();
    for (const auto& [value, unused] : seen[f]) {
      if (column.kind == ColumnKind::kDate) LookAtDate(value, dates);
      if (DecimalPlaces(column.kind) > 0) LookAtNumber(value, numbers);
      if (column.kind == ColumnKind::kEnum && !MatchName(value, column.values)) {
        const Message hint = EnumHint(value, column.values);
        if (hint.id == MessageId::kHintEnum && !hint.args.empty()) value_map[value] = hint.args[0].text;
      }
      if (IsFlag(column) && value != "0" && value != "1") {
        if (auto flag = FlagValue(value)) value_map[value] = *flag;
      }
    }
    if (value_map.empty()) {
      columns[std::string(column.name)] = from;
    } else {
      columns[std::string(column.name)] = Json{{"from", from}, {"values", value_map}};
    }
  }

  Json drafted = Json::object();
  drafted["file"] = file;
  if (!sheet.empty()) drafted["sheet"] = sheet;
  if (skip_rows > 0) drafted["skip_rows"] = skip_rows;
  if (total_field) {
    drafted["skip_when"] = Json{{std::string(TrimValue(header[*total_field])), Json::array({"Total*", "Sous-total*"})}};
  }
  if (dates.not_iso) {
    drafted["date_order"] = dates.year_first ? "YMD" : (dates.month_first && !dates.day_first ? "MDY" : "DMY");
  }
  if (numbers.comma) {
    drafted["decimal_mark"] = ",";
  } else if (numbers.point) {
    drafted["decimal_mark"] = ".";
  }
  drafted["columns"] = std::move(columns);
  tables_.push_back({*table, place, drafted.dump()});
  std::sort(tables_.begin(), tables_.end(), [](const Drafted& a, const Drafted& b) { return a.table < b.table; });
}

std::string ProfileDrafter::Text() const {
  Json tables = Json::object();
  for (const Drafted& drafted : tables_) tables[std::string(Catalogue()[drafted.table].name)] = Json::parse(drafted.json);
  Json profile = Json::object();
  profile["version"] = kProfileVersion;
  profile["tables"] = std::move(tables);
  return profile.dump(2) + "\n";
}

}  // namespace agencykpi
