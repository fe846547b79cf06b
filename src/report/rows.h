// One description per report row: the client line of the revenue section,
// the mission line of the margin section, the objective item and the
// recurrence client, the report itself and its sections, the brand review and
// its parts, the renewal price and the dashboard's pages — all described in
// rows.cpp. Each is the list of the row's SPEC §4 keys, in SPEC
// order, with their kind, how to read them from the row and, for the fields
// the table shows, their column label.
//
// Every face asks the description: the JSON writers (WriteRowJson), the CSV
// sections (header and values), the table's lists, the API's `sort=` keys
// and the dashboard's TypeScript types (`agencykpi schema --format ts`).
// Adding a report key is one line in rows.cpp (and the member in kpi/report.h).
//
// Reading a field is a plain function pointer returning a FieldValue (views
// and integers, no allocation), so the JSON writer walks the description row
// after row at the speed of hand-written code.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>

#include "kpi/report.h"
#include "kpi/review.h"
#include "report/json_writer.h"
#include "report/labels.h"
#include "report/locale_format.h"

namespace agencykpi {

enum class FieldKind {
  kId,        // an identifier from the agency's files: JSON string
  kText,      // a name or a metric from the agency's files: JSON string
  kEnum,      // one of `names` (FieldValue::integer is its ordinal)
  kMoney,     // integer cents, written as euros with two decimals
  kHours,     // integer hundredths of an hour, two decimals
  kCount,     // an integer
  kRatio,     // a double, unrounded; null when undefined (unless never_null)
  kQuantity,  // millionths, exact; null when undefined (unless never_null)
  kFlags,     // a list of `names` (FieldValue::flags, ordinals); sorts by its count
  kIdList,    // a list of identifiers (FieldValue::texts)
  kObject,    // money amounts, one per member of `names` (FieldValue::amounts)
  kCounts,    // integer counts, one per member of `names` (FieldValue::amounts)
  kHoursObject,  // hours (hundredths), one per member of `names` (FieldValue::amounts)
  kBool,      // true or false (FieldValue::integer 1 or 0)
  kDate,      // a calendar day (FieldValue::integer), JSON "YYYY-MM-DD"
  kNested,    // a described row or a list of them (RowField::nested writes it): JSON only
};

// A closed list of names: an enum's SPEC names by ordinal, or an object's
// member keys. `ts_type` names its TypeScript union; `ts_list`, when set,
// names the constant array the union is derived from (object members).
// `word` and `tone`, when set, give the table's words and colors.
struct NameSet {
  std::string_view ts_type;
  std::span<const std::string_view> names;
  std::string_view ts_list = {};
  std::string_view (*word)(size_t ordinal, Language language) = nullptr;
  Tone (*tone)(size_t ordinal) = nullptr;
};

// A field as read from one row. Which members hold the value depends on the
// field's kind; the others stay empty.
struct FieldValue {
  bool is_null = false;
  int64_t integer = 0;                          // money, hours, count, quantity, enum ordinal
  double ratio = 0;                             // ratio
  std::string_view text;                        // id, text
  std::span<const std::string_view> texts;      // id list
  std::span<const uint8_t> flags;               // flags: ordinals of `names`
  std::span<const Cents> amounts;               // object
};

// FieldValues of the plain kinds, for the descriptions (rows.cpp).
namespace field {
inline FieldValue Text(std::string_view text) {
  FieldValue value;
  value.text = text;
  return value;
}
inline FieldValue Integer(int64_t integer) {
  FieldValue value;
  value.integer = integer;
  return value;
}
inline FieldValue NullableInteger(const std::optional<int64_t>& integer) {
  FieldValue value = Integer(integer.value_or(0));
  value.is_null = !integer;
  return value;
}
inline FieldValue RatioOf(const std::optional<double>& ratio) {
  FieldValue value;
  value.is_null = !ratio;
  value.ratio = ratio.value_or(0);
  return value;
}
// Text that is null when empty (an absent optional id or name).
inline FieldValue NullableText(std::string_view text) {
  FieldValue value = Text(text);
  value.is_null = text.empty();
  return value;
}
inline FieldValue AmountsOf(std::span<const Cents> amounts) {
  FieldValue value;
  value.amounts = amounts;
  return value;
}
// A renewal type as the ordinal of its name in kRenewalTypeNames; null for kNone.
inline FieldValue RenewalTypeOf(RenewalType type) {
  FieldValue value = Integer(type == RenewalType::kNone ? 0 : static_cast<int64_t>(type) - 1);
  value.is_null = type == RenewalType::kNone;
  return value;
}
}  // namespace field

// A column label of the table, in both languages.
struct Label {
  std::string_view french;
  std::string_view english;
  [[nodiscard]] bool empty() const { return french.empty(); }
  [[nodiscard]] std::string_view In(Language language) const {
    return language == Language::kFrench ? french : english;
  }
};

template <typename Row>
struct RowField {
  std::string_view key;  // the SPEC §4 JSON key
  FieldKind kind;
  FieldValue (*read)(const Row& row);
  const NameSet* names = nullptr;  // kEnum, kFlags, kObject, kCounts, kHoursObject
  Label label = {};                // the table's column or figure; empty: not in the table
  bool never_null = false;         // a kRatio or kQuantity that is always defined
  bool as_points = false;          // a kRatio difference, shown in points by the table
  std::string_view csv_prefix = {};  // kObject: CSV column of member m is prefix + m
  bool nullable = false;           // a text, id, enum, count or date that may be null (TypeScript `| null`)
  // kNested: writes the value from the row, and names its TypeScript type.
  void (*nested)(JsonWriter& w, const Row& row) = nullptr;
  std::string (*ts_nested)() = nullptr;
  int decimals = -1;  // a kRatio the table and the CSV show as a number with these places, not as a percent
  Label words = {};   // the CSV column's title when the field is not in the table (no label)
};

template <typename Row>
struct RowDescription {
  std::string_view ts_type;  // the TypeScript interface: "RevenueClient"
  std::span<const RowField<Row>> fields;
};

// The descriptions, one per row type. A report section or the report itself
// is a row too: its headline figures, then its lists as kNested fields.
template <typename Row>
const RowDescription<Row>& RowDescriptionOf();
template <>
const RowDescription<RecurrenceClient>& RowDescriptionOf<RecurrenceClient>();
template <>
const RowDescription<RevenueClient>& RowDescriptionOf<RevenueClient>();
template <>
const RowDescription<MissionMargin>& RowDescriptionOf<MissionMargin>();
template <>
const RowDescription<ObjectiveItem>& RowDescriptionOf<ObjectiveItem>();
// A point of /trend: one period's headline figures (KpiEngine::Trend).
template <>
const RowDescription<TrendPoint>& RowDescriptionOf<TrendPoint>();
// The report (SPEC §4): its period, its four sections and itself.
template <>
const RowDescription<ReportPeriod>& RowDescriptionOf<ReportPeriod>();
template <>
const RowDescription<RecurrenceSection>& RowDescriptionOf<RecurrenceSection>();
template <>
const RowDescription<RevenueSection>& RowDescriptionOf<RevenueSection>();
template <>
const RowDescription<MarginSection>& RowDescriptionOf<MarginSection>();
template <>
const RowDescription<ObjectivesSection>& RowDescriptionOf<ObjectivesSection>();
// The sections of SPEC §6 and their rows.
template <>
const RowDescription<WorkloadEmployee>& RowDescriptionOf<WorkloadEmployee>();
template <>
const RowDescription<RenewalContract>& RowDescriptionOf<RenewalContract>();
template <>
const RowDescription<WorkloadSection>& RowDescriptionOf<WorkloadSection>();
template <>
const RowDescription<RenewalRiskSection>& RowDescriptionOf<RenewalRiskSection>();
template <>
const RowDescription<Report>& RowDescriptionOf<Report>();
// The lists and parts of the brand review (SPEC §5), and the review itself.
template <>
const RowDescription<ReviewDnMonth>& RowDescriptionOf<ReviewDnMonth>();
template <>
const RowDescription<ReviewSalesMonth>& RowDescriptionOf<ReviewSalesMonth>();
template <>
const RowDescription<ReviewChain>& RowDescriptionOf<ReviewChain>();
template <>
const RowDescription<ReviewStore>& RowDescriptionOf<ReviewStore>();
template <>
const RowDescription<ReviewContract>& RowDescriptionOf<ReviewContract>();
template <>
const RowDescription<ReviewClient>& RowDescriptionOf<ReviewClient>();
template <>
const RowDescription<ShelfState>& RowDescriptionOf<ShelfState>();
template <>
const RowDescription<PanelDn>& RowDescriptionOf<PanelDn>();
template <>
const RowDescription<ReviewShelf>& RowDescriptionOf<ReviewShelf>();
template <>
const RowDescription<ReviewActions>& RowDescriptionOf<ReviewActions>();
template <>
const RowDescription<ReviewImpact>& RowDescriptionOf<ReviewImpact>();
template <>
const RowDescription<SalesGroup>& RowDescriptionOf<SalesGroup>();
template <>
const RowDescription<ReviewSales>& RowDescriptionOf<ReviewSales>();
template <>
const RowDescription<Review>& RowDescriptionOf<Review>();

// The field of `Row` keyed `key`; nullptr when there is none.
template <typename Row>
const RowField<Row>* FindField(std::string_view key) {
  for (const RowField<Row>& field : RowDescriptionOf<Row>().fields) {
    if (field.key == key) return &field;
  }
  return nullptr;
}

// Whether a field of this kind is an object of one value per member of its
// names (a CSV column per member).
constexpr bool IsObject(FieldKind kind) {
  return kind == FieldKind::kObject || kind == FieldKind::kCounts || kind == FieldKind::kHoursObject;
}

// A column's title for people, in `language`: the field's label, else its
// words, else its SPEC key; an object's member column is "words (member)",
// or prefix + member without words. The CSV export's and the workbook's headers.
template <typename Row>
std::string ColumnTitle(const RowField<Row>& field, Language language, std::string_view member = {}) {
  const Label& words = field.label.empty() ? field.words : field.label;
  if (words.empty()) {
    return member.empty() ? std::string(field.key) : std::string(field.csv_prefix) + std::string(member);
  }
  const std::string_view text = words.In(language);
  return member.empty() ? std::string(text) : std::string(text) + " (" + std::string(member) + ")";
}

// Whether rows can be ordered by a field of this kind: every kind but the
// lists of ids and the objects.
constexpr bool IsSortable(FieldKind kind) {
  return kind != FieldKind::kIdList && kind != FieldKind::kNested && !IsObject(kind);
}

// A sortable value: null sorts last whatever the direction; text compares
// bytewise, the rest as numbers (enums by ordinal, flags by their count).
struct SortValue {
  bool is_null = true;
  double number = 0;
  std::string_view text;
  bool is_text = false;
};
SortValue SortValueOf(FieldKind kind, const FieldValue& value);

// Writes one value of a field (the key already written).
void WriteFieldJson(JsonWriter& w, FieldKind kind, const NameSet* names, const FieldValue& value);

// The row as the JSON object of SPEC §4.
template <typename Row>
void WriteRowJson(JsonWriter& w, const Row& row) {
  w.BeginObject();
  for (const RowField<Row>& field : RowDescriptionOf<Row>().fields) {
    w.Key(field.key);
    if (field.kind == FieldKind::kNested) {
      field.nested(w, row);
    } else {
      WriteFieldJson(w, field.kind, field.names, field.read(row));
    }
  }
  w.EndObject();
}

// A described row as a whole JSON document (the report, the review), with
// its final newline: returned, or streamed to `sink` in pieces.
template <typename Row>
std::string RenderRowJson(const Row& row, bool pretty) {
  JsonWriter w(pretty);
  WriteRowJson(w, row);
  w.Raw("\n");
  return w.Take();
}
template <typename Row>
void RenderRowJson(const Row& row, bool pretty, const JsonWriter::Sink& sink) {
  JsonWriter w(pretty, sink);
  WriteRowJson(w, row);
  w.Raw("\n");
  w.Flush();
}

// A described row, or a pointer to one (null: JSON null), as JSON.
template <typename T>
void WriteDescribedJson(JsonWriter& w, const T& value) {
  if constexpr (std::is_pointer_v<T>) {
    if (value == nullptr) return w.Null();
    WriteRowJson(w, *value);
  } else {
    WriteRowJson(w, value);
  }
}

template <typename T>
std::string_view DescribedTsType() {
  return RowDescriptionOf<std::remove_cvref_t<std::remove_pointer_t<T>>>().ts_type;
}

// A described row's member, or a list of them, as a kNested field of
// `Parent` keyed `key`: `Member` is a pointer to the member. A member that
// points to a row is null when the pointer is; list items may be pointers.
template <typename Parent, auto Member>
RowField<Parent> NestedField(std::string_view key) {
  using Value = std::remove_cvref_t<decltype(std::declval<const Parent&>().*Member)>;
  RowField<Parent> field{key, FieldKind::kNested, nullptr};
  if constexpr (requires(const Value& v) { v.begin(); v.size(); }) {
    using Item = typename Value::value_type;
    field.nested = [](JsonWriter& w, const Parent& parent) {
      w.BeginArray();
      for (const Item& item : parent.*Member) WriteDescribedJson(w, item);
      w.EndArray();
    };
    field.ts_nested = [] { return std::string(DescribedTsType<Item>()) + "[]"; };
  } else {
    field.nested = [](JsonWriter& w, const Parent& parent) { WriteDescribedJson(w, parent.*Member); };
    field.ts_nested = [] {
      return std::string(DescribedTsType<Value>()) + (std::is_pointer_v<Value> ? " | null" : "");
    };
  }
  return field;
}

// The TypeScript declarations of the described rows and of their name sets,
// the text of web/src/report-rows.ts.
std::string RowsTypeScript();

}  // namespace agencykpi
