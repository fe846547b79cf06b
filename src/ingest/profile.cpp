#include "ingest/profile.h"

#include <array>
#include <optional>
#include <set>

#include <nlohmann/json.hpp>

#include "domain/catalogue.h"
#include "ingest/csv_reader.h"
#include "ingest/value_parser.h"

namespace agencykpi {
namespace {

// Objects as std::map: lookups stay logarithmic whatever a hostile profile
// holds (ordered_json's are linear); errors then come in key order.
using Json = nlohmann::json;

constexpr std::array<std::string_view, 5> kTopKeys = {"version", "description", "date_order", "decimal_mark",
                                                      "tables"};
constexpr std::array<std::string_view, 8> kTableKeys = {"description", "file",         "sheet",
                                                        "skip_rows",   "skip_when",    "date_order",
                                                        "decimal_mark", "columns"};
constexpr std::array<std::string_view, 3> kColumnKeys = {"from", "values", "const"};

template <size_t N>
std::string JoinNames(const std::array<std::string_view, N>& names) {
  std::string out;
  for (const std::string_view name : names) out += (out.empty() ? "" : ", ") + std::string(name);
  return out;
}

std::string TableNames() {
  std::string out;
  for (const TableDesc& table : Catalogue()) out += (out.empty() ? "" : ", ") + std::string(table.name);
  return out;
}

std::string ColumnNames(const TableDesc& table) {
  std::string out;
  for (const ColumnDesc& column : table.columns) out += (out.empty() ? "" : ", ") + std::string(column.name);
  return out;
}

std::string EnumNames(const ColumnDesc& column) {
  std::string out;
  for (const std::string_view value : column.values) out += (out.empty() ? "" : ", ") + std::string(value);
  return out;
}

std::string Bytes(size_t bytes) {
  return bytes % 1024 == 0 ? std::to_string(bytes / 1024) + " KiB" : std::to_string(bytes) + " bytes";
}

// The deepest nesting of objects and arrays in `text`, outside strings;
// looked at before parsing so a hostile file costs nothing.
size_t NestingDepth(std::string_view text) {
  size_t depth = 0;
  size_t deepest = 0;
  bool in_string = false;
  bool escaped = false;
  for (const char c : text) {
    if (in_string) {
      if (escaped) {
        escaped = false;
      } else if (c == '\\') {
        escaped = true;
      } else if (c == '"') {
        in_string = false;
      }
      continue;
    }
    if (c == '"') {
      in_string = true;
    } else if (c == '{' || c == '[') {
      deepest = std::max(deepest, ++depth);
    } else if ((c == '}' || c == ']') && depth > 0) {
      --depth;
    }
  }
  return deepest;
}

// nlohmann's message without its "[json.exception.parse_error.101] " prefix.
std::string ParseErrorText(const std::string& what) {
  const size_t end = what.find("] ");
  return end == std::string::npos ? what : what.substr(end + 2);
}

class ProfileChecker {
 public:
  explicit ProfileChecker(std::string file_name) { reading_.profile.file_name = std::move(file_name); }

  ProfileReading Check(std::string_view text) {
    if (text.size() > kMaxProfileBytes) {
      Error("", Message(MessageId::kProfileTooLarge, {Bytes(kMaxProfileBytes)}));
      return std::move(reading_);
    }
    if (NestingDepth(text) > kMaxProfileDepth) {
      Error("", Message(MessageId::kProfileTooDeep, {std::to_string(kMaxProfileDepth)}));
      return std::move(reading_);
    }
    std::optional<Json> root = Parse(text);
    if (root) CheckTop(*root);
    return std::move(reading_);
  }

 private:
  void Error(const std::string& place, Message message) {
    reading_.errors.push_back(Diagnostic{reading_.profile.file_name, 0, place, std::move(message), {}, {}});
  }

  // The document, or nullopt after an error; a key given twice in one
  // object is an error (JSON parsers keep one of the two silently).
  std::optional<Json> Parse(std::string_view text) {
    struct Object {
      std::set<std::string> keys;
      std::string current;
    };
    std::vector<Object> objects;
    std::vector<std::pair<std::string, std::string>> twice;  // place, key
    const Json::parser_callback_t callback = [&](int, Json::parse_event_t event, Json& parsed) {
      switch (event) {
        case Json::parse_event_t::object_start: objects.emplace_back(); break;
        case Json::parse_event_t::object_end:
          if (!objects.empty()) objects.pop_back();
          break;
        case Json::parse_event_t::key: {
          const std::string key = parsed.get<std::string>();
          if (!objects.back().keys.insert(key).second) {
            std::string place;
            for (size_t i = 0; i + 1 < objects.size(); ++i) place += (place.empty() ? "" : ".") + objects[i].current;
            twice.emplace_back(place, key);
          }
          objects.back().current = key;
          break;
        }
        default: break;
      }
      return true;
    };
    Json root;
    try {
      root = Json::parse(text.begin(), text.end(), callback);
    } catch (const Json::exception& error) {  // a syntax error, or a number too large for a double
      Error("", Message(MessageId::kProfileInvalidJson, {ParseErrorText(error.what())}));
      return std::nullopt;
    }
    for (const auto& [place, key] : twice) Error(place, Message(MessageId::kProfileKeyTwice, {QuoteValue(key)}));
    if (!twice.empty()) return std::nullopt;
    return root;
  }

  // Every key of `object` is one of `keys`.
  template <size_t N>
  void CheckKeys(const Json& object, const std::string& place, const std::array<std::string_view, N>& keys) {
    for (const auto& [key, value] : object.items()) {
      bool known = false;
      for (const std::string_view name : keys) known = known || name == key;
      if (!known) Error(Join(place, key), Message(MessageId::kProfileUnknownKey, {QuoteValue(key), JoinNames(keys)}));
    }
  }

  static std::string Join(const std::string& place, std::string_view key) {
    return place.empty() ? std::string(key) : place + "." + std::string(key);
  }

  bool IsObject(const Json& value, const std::string& place) {
    if (value.is_object()) return true;
    Error(place, Message(MessageId::kProfileNotObject));
    return false;
  }

  // A non-empty text of at most kMaxProfileTextBytes (`may_be_empty`: a
  // value-map key or target may be "").
  std::optional<std::string> Text(const Json& value, const std::string& place, bool may_be_empty = false) {
    if (!value.is_string()) {
      Error(place, Message(MessageId::kProfileNotText));
      return std::nullopt;
    }
    std::string text = value.get<std::string>();
    if (text.size() > kMaxProfileTextBytes) {
      Error(place, Message(MessageId::kProfileTextTooLong, {Bytes(kMaxProfileTextBytes)}));
      return std::nullopt;
    }
    if (!may_be_empty && TrimValue(text).empty()) {
      Error(place, Message(MessageId::kProfileEmptyText));
      return std::nullopt;
    }
    return text;
  }

  // One more value-map or skip_when entry; false past the limit (said once).
  bool CountEntry(const std::string& place) {
    if (++entries_ <= kMaxProfileMapEntries) return true;
    if (entries_ == kMaxProfileMapEntries + 1) {
      Error(place, Message(MessageId::kProfileTooManyEntries, {std::to_string(kMaxProfileMapEntries)}));
    }
    return false;
  }

  std::optional<DateOrder> ReadDateOrder(const Json& value, const std::string& place) {
    const auto text = Text(value, place);
    if (!text) return std::nullopt;
    constexpr std::array<std::pair<std::string_view, DateOrder>, 3> kOrders = {
        {{"DMY", DateOrder::kDmy}, {"MDY", DateOrder::kMdy}, {"YMD", DateOrder::kYmd}}};
    for (const auto& [name, order] : kOrders) {
      if (EqualsIgnoreCase(*text, name)) return order;
    }
    Error(place, Message(MessageId::kProfileDateOrder, {QuoteValue(*text)}));
    return std::nullopt;
  }

  std::optional<DecimalMark> ReadDecimalMark(const Json& value, const std::string& place) {
    const auto text = Text(value, place);
    if (!text) return std::nullopt;
    if (*text == ",") return DecimalMark::kComma;
    if (*text == ".") return DecimalMark::kPoint;
    Error(place, Message(MessageId::kProfileDecimalMark, {QuoteValue(*text)}));
    return std::nullopt;
  }

  void CheckTop(const Json& root) {
    if (!IsObject(root, "")) return;
    CheckKeys(root, "", kTopKeys);
    if (root.contains("version")) {
      const Json& version = root["version"];
      if (!version.is_number_integer() || version.get<int64_t>() != kProfileVersion) {
        Error("version", Message(MessageId::kProfileVersion, {version.dump(), std::to_string(kProfileVersion)}));
      }
    }
    if (root.contains("description")) Text(root["description"], "description", true);
    if (root.contains("date_order")) {
      if (auto order = ReadDateOrder(root["date_order"], "date_order")) date_order_ = *order;
    }
    if (root.contains("decimal_mark")) {
      if (auto mark = ReadDecimalMark(root["decimal_mark"], "decimal_mark")) decimal_mark_ = *mark;
    }
    if (!root.contains("tables")) {
      Error("", Message(MessageId::kProfileMissingKey, {"'tables'"}));
      return;
    }
    const Json& tables = root["tables"];
    if (!IsObject(tables, "tables")) return;
    if (tables.empty()) {
      Error("tables", Message(MessageId::kProfileNoTables));
      return;
    }
    std::vector<TableProfile> read;
    for (const auto& [name, table] : tables.items()) {
      const std::string place = Join("tables", name);
      const TableDesc* desc = nullptr;
      for (const TableDesc& candidate : Catalogue()) {
        if (candidate.name == name) desc = &candidate;
      }
      if (desc == nullptr) {
        Error(place, Message(MessageId::kProfileUnknownTable, {QuoteValue(name), TableNames()}));
        continue;
      }
      if (auto profile = CheckTable(table, place, *desc)) read.push_back(std::move(*profile));
    }
    std::sort(read.begin(), read.end(), [](const auto& a, const auto& b) { return a.table < b.table; });
    reading_.profile.tables = std::move(read);
  }

  std::optional<TableProfile> CheckTable(const Json& table, const std::string& place, const TableDesc& desc) {
    if (!IsObject(table, place)) return std::nullopt;
    const size_t errors_before = reading_.errors.size();
    CheckKeys(table, place, kTableKeys);
    TableProfile profile;
    profile.table = static_cast<size_t>(&desc - Catalogue().data());
    profile.path = place;
    profile.profile_file = reading_.profile.file_name;
    profile.date_order = date_order_;
    profile.decimal_mark = decimal_mark_;
    if (table.contains("description")) Text(table["description"], Join(place, "description"), true);
    if (!table.contains("file")) {
      Error(place, Message(MessageId::kProfileMissingKey, {"'file'"}));
    } else if (auto file = Text(table["file"], Join(place, "file"))) {
      profile.file = *file;
    }
    if (table.contains("sheet")) {
      if (auto sheet = Text(table["sheet"], Join(place, "sheet"))) profile.sheet = *sheet;
    }
    if (table.contains("skip_rows")) {
      const Json& skip = table["skip_rows"];
      if (!skip.is_number_integer() || skip.get<int64_t>() < 0 || skip.get<int64_t>() > kMaxProfileSkipRows) {
        Error(Join(place, "skip_rows"), Message(MessageId::kProfileNotCount, {std::to_string(kMaxProfileSkipRows)}));
      } else {
        profile.skip_rows = skip.get<int64_t>();
      }
    }
    if (table.contains("skip_when")) CheckSkipWhen(table["skip_when"], Join(place, "skip_when"), profile);
    if (table.contains("date_order")) {
      if (auto order = ReadDateOrder(table["date_order"], Join(place, "date_order"))) profile.date_order = *order;
    }
    if (table.contains("decimal_mark")) {
      if (auto mark = ReadDecimalMark(table["decimal_mark"], Join(place, "decimal_mark"))) profile.decimal_mark = *mark;
    }
    if (!table.contains("columns")) {
      Error(place, Message(MessageId::kProfileMissingKey, {"'columns'"}));
    } else {
      CheckColumns(table["columns"], Join(place, "columns"), desc, profile);
    }
    if (reading_.errors.size() != errors_before) return std::nullopt;
    return profile;
  }

  void CheckSkipWhen(const Json& skip, const std::string& place, TableProfile& profile) {
    if (!IsObject(skip, place)) return;
    for (const auto& [column, values] : skip.items()) {
      const std::string at = Join(place, column);
      if (TrimValue(column).empty()) {
        Error(at, Message(MessageId::kProfileEmptyText));
        continue;
      }
      SkipRule rule;
      rule.column = std::string(TrimValue(column));
      const auto add = [&](const Json& value) {
        if (!CountEntry(at)) return;
        if (auto text = Text(value, at)) rule.values.push_back(FoldValue(*text));
      };
      if (values.is_string()) {
        add(values);
      } else if (values.is_array() && !values.empty()) {
        for (const Json& value : values) add(value);
      } else {
        Error(at, Message(MessageId::kProfileNotTexts));
      }
      profile.skip_when.push_back(std::move(rule));
    }
  }

  void CheckColumns(const Json& columns, const std::string& place, const TableDesc& desc, TableProfile& profile) {
    if (!IsObject(columns, place)) return;
    std::vector<bool> mapped(desc.columns.size(), false);
    for (const auto& [name, spec] : columns.items()) {
      const std::string at = Join(place, name);
      const std::optional<size_t> index = FindColumn(desc, name);
      if (!index || desc.columns[*index].name != name) {
        Error(at, Message(MessageId::kProfileUnknownColumn, {QuoteValue(name), ColumnNames(desc)}));
        continue;
      }
      mapped[*index] = true;
      if (auto source = CheckColumn(spec, at, desc.columns[*index])) {
        source->column = *index;
        profile.columns.push_back(std::move(*source));
      }
    }
    for (size_t c = 0; c < desc.columns.size(); ++c) {
      if (desc.columns[c].required && !mapped[c]) {
        Error(place, Message(MessageId::kProfileUnmapped, {QuoteValue(desc.columns[c].name)}));
      }
    }
    std::sort(profile.columns.begin(), profile.columns.end(),
              [](const ColumnSource& a, const ColumnSource& b) { return a.column < b.column; });
  }

  // An enum column's value as the catalogue spells it; nullopt after an
  // error. Other columns' values are the reader's to check.
  std::optional<std::string> Target(const std::string& value, const std::string& place, const ColumnDesc& column) {
    if (column.kind != ColumnKind::kEnum || value.empty()) return value;
    if (const auto found = MatchName(TrimValue(value), column.values)) return std::string(column.values[*found]);
    Error(place,
          Message(MessageId::kInvalidEnum, {std::string(column.name), QuoteValue(value), EnumNames(column)}));
    return std::nullopt;
  }

  std::optional<ColumnSource> CheckColumn(const Json& spec, const std::string& place, const ColumnDesc& column) {
    ColumnSource source;
    if (spec.is_string()) {
      const auto from = Text(spec, place);
      if (!from) return std::nullopt;
      if (TrimValue(*from) == kProfileTodo) {
        Error(place, Message(MessageId::kProfileTodo, {QuoteValue(column.name)}));
        return std::nullopt;
      }
      source.from = std::string(TrimValue(*from));
      return source;
    }
    if (!spec.is_object()) {
      Error(place, Message(MessageId::kProfileColumnSpec));
      return std::nullopt;
    }
    CheckKeys(spec, place, kColumnKeys);
    const bool has_from = spec.contains("from");
    const bool has_const = spec.contains("const");
    if (has_from == has_const) {
      Error(place, Message(has_from ? MessageId::kProfileFromAndConst : MessageId::kProfileColumnSpec));
      return std::nullopt;
    }
    bool ok = true;
    if (has_const) {
      const auto value = Text(spec["const"], Join(place, "const"), true);
      const auto target = value ? Target(*value, Join(place, "const"), column) : std::nullopt;
      if (!target) return std::nullopt;
      source.constant = *target;
      if (spec.contains("values")) {
        Error(Join(place, "values"), Message(MessageId::kProfileUnknownKey, {"'values'", "const"}));
        ok = false;
      }
      return ok ? std::optional(std::move(source)) : std::nullopt;
    }
    const auto from = Text(spec["from"], Join(place, "from"));
    if (!from) return std::nullopt;
    if (TrimValue(*from) == kProfileTodo) {
      Error(Join(place, "from"), Message(MessageId::kProfileTodo, {QuoteValue(column.name)}));
      return std::nullopt;
    }
    source.from = std::string(TrimValue(*from));
    if (spec.contains("values")) {
      const std::string at = Join(place, "values");
      const Json& values = spec["values"];
      if (!IsObject(values, at)) return std::nullopt;
      for (const auto& [key, value] : values.items()) {
        const std::string entry = Join(at, key);
        if (!CountEntry(entry)) return std::nullopt;
        if (key.size() > kMaxProfileTextBytes) {
          Error(entry, Message(MessageId::kProfileTextTooLong, {Bytes(kMaxProfileTextBytes)}));
          ok = false;
          continue;
        }
        const auto text = Text(value, entry, true);
        const auto target = text ? Target(*text, entry, column) : std::nullopt;
        if (!target) {
          ok = false;
          continue;
        }
        if (!source.values.emplace(FoldValue(key), *target).second) {
          Error(entry, Message(MessageId::kProfileValueTwice, {QuoteValue(key)}));
          ok = false;
        }
      }
    }
    return ok ? std::optional(std::move(source)) : std::nullopt;
  }

  ProfileReading reading_;
  DateOrder date_order_ = DateOrder::kAsRead;
  DecimalMark decimal_mark_ = DecimalMark::kAsRead;
  size_t entries_ = 0;
};

}  // namespace

std::string FoldValue(std::string_view text) {
  const std::string_view trimmed = TrimValue(text);
  std::string out(trimmed);
  for (size_t i = 0; i < out.size(); ++i) {
    const auto c = static_cast<unsigned char>(out[i]);
    if (c >= 'A' && c <= 'Z') {
      out[i] = static_cast<char>(c - 'A' + 'a');
    } else if (c == 0xC3 && i + 1 < out.size()) {
      // À..Þ (C3 80..9E) but × (C3 97): their lowercase is 0x20 above.
      const auto next = static_cast<unsigned char>(out[i + 1]);
      if (next >= 0x80 && next <= 0x9E && next != 0x97) out[i + 1] = static_cast<char>(next + 0x20);
      ++i;
    }
  }
  return out;
}

bool SkipRule::Matches(std::string_view folded) const {
  for (const std::string& value : values) {
    if (!value.empty() && value.back() == '*') {
      if (folded.substr(0, value.size() - 1) == std::string_view(value).substr(0, value.size() - 1)) return true;
    } else if (folded == value) {
      return true;
    }
  }
  return false;
}

const TableProfile* Profile::Find(std::string_view table) const {
  for (const TableProfile& profile : tables) {
    if (Catalogue()[profile.table].name == table) return &profile;
  }
  return nullptr;
}

ProfileReading ReadProfile(std::string_view text, const std::string& file_name) {
  return ProfileChecker(file_name).Check(text);
}

}  // namespace agencykpi
