// One page of a report list (GET /api/v1/report?section=…): the items that
// match the search `q` and the filters `filter.KEY=a,b`, ordered by `sort`
// (one or more keys, `-` for descending), from `offset`, at most `limit`,
// with the count and the money and hours totals of every matching item.
// Everything is read through the row's description (report/rows.h), so a
// new key of a row is searchable, filterable and sortable without code here.
#pragma once

#include <fmt/format.h>

#include <algorithm>
#include <string>
#include <string_view>
#include <vector>

#include "common/status.h"
#include "report/json_writer.h"
#include "report/rows.h"
#include "server/limits.h"
#include "server/parameters.h"
#include "server/query.h"
#include "server/search_text.h"

namespace agencykpi {

// The page's plain parameters, before they meet a row description.
struct ListQuery {
  int64_t limit = 0;
  int64_t offset = 0;
  std::string sort;                      // as given, echoed back
  std::vector<std::string> sort_keys;    // "-key" or "key"
  std::string search;                    // folded; empty: no search
  std::vector<std::pair<std::string, std::vector<std::string>>> filters;  // key, values
};
Result<ListQuery> ParseListQuery(const Query& query);

// Whether rows can be filtered by a field of this kind, and how: ids and
// texts by value, enums and flags by name, booleans by true/false, numbers
// and dates by "present" or "null".
constexpr bool IsFilterable(FieldKind kind) {
  return kind != FieldKind::kNested && !IsObject(kind);
}

// Whether a field of this kind is summed over the matching items.
constexpr bool IsSummed(FieldKind kind) { return kind == FieldKind::kMoney || kind == FieldKind::kHours; }

// Whether the field is searched by `q`.
constexpr bool IsSearched(FieldKind kind) {
  return kind == FieldKind::kId || kind == FieldKind::kText || kind == FieldKind::kIdList;
}

namespace list_page {

// One filter, checked against a field's values.
template <typename Item>
struct Filter {
  const RowField<Item>* field = nullptr;
  std::vector<std::string> texts;  // kId, kText, kIdList
  std::vector<int64_t> ordinals;   // kEnum, kFlags (name ordinals), kBool (1, 0)
  bool want_present = false;       // numbers and dates
  bool want_null = false;

  [[nodiscard]] bool Matches(const Item& item) const {
    const FieldValue value = field->read(item);
    const auto has_ordinal = [&](int64_t ordinal) {
      return std::find(ordinals.begin(), ordinals.end(), ordinal) != ordinals.end();
    };
    const auto has_text = [&](std::string_view text) {
      return std::find(texts.begin(), texts.end(), text) != texts.end();
    };
    switch (field->kind) {
      case FieldKind::kId:
      case FieldKind::kText: return !value.is_null && has_text(value.text);
      case FieldKind::kIdList: return std::any_of(value.texts.begin(), value.texts.end(), has_text);
      case FieldKind::kEnum:
      case FieldKind::kBool: return !value.is_null && has_ordinal(value.integer);
      case FieldKind::kFlags: return std::any_of(value.flags.begin(), value.flags.end(), has_ordinal);
      default: return value.is_null ? want_null : want_present;
    }
  }
};

template <typename Item>
Result<Filter<Item>> MakeFilter(std::string_view section, const std::string& key,
                                const std::vector<std::string>& values) {
  const std::string parameter = "filter." + key;
  Filter<Item> filter;
  filter.field = FindField<Item>(key);
  if (filter.field == nullptr || !IsFilterable(filter.field->kind)) {
    return BadParameter(parameter, fmt::format("cannot filter the {} list by '{}'", section, key));
  }
  const FieldKind kind = filter.field->kind;
  for (const std::string& value : values) {
    if (kind == FieldKind::kId || kind == FieldKind::kText || kind == FieldKind::kIdList) {
      filter.texts.push_back(value);
    } else if (kind == FieldKind::kEnum || kind == FieldKind::kFlags) {
      const auto names = filter.field->names->names;
      const auto it = std::find(names.begin(), names.end(), value);
      if (it == names.end()) {
        return BadParameter(parameter, fmt::format("{} is one of {}, got '{}'", key, fmt::join(names, ", "), value));
      }
      filter.ordinals.push_back(it - names.begin());
    } else if (kind == FieldKind::kBool && (value == "true" || value == "false")) {
      filter.ordinals.push_back(value == "true" ? 1 : 0);
    } else if (kind != FieldKind::kBool && (value == "present" || value == "null")) {
      (value == "present" ? filter.want_present : filter.want_null) = true;
    } else {
      return BadParameter(parameter, fmt::format("{} is filtered by {}, got '{}'", key,
                                                 kind == FieldKind::kBool ? "true or false" : "present or null",
                                                 value));
    }
  }
  return filter;
}

// One key of the order.
template <typename Item>
struct SortKey {
  const RowField<Item>* field = nullptr;
  bool descending = false;
};

// -1, 0, 1 as `x` sorts before, with or after `y`; nulls last whatever the direction.
template <typename Item>
int Compare(const SortKey<Item>& key, const Item& x, const Item& y) {
  const SortValue a = SortValueOf(key.field->kind, key.field->read(x));
  const SortValue b = SortValueOf(key.field->kind, key.field->read(y));
  if (a.is_null || b.is_null) return a.is_null == b.is_null ? 0 : (a.is_null ? 1 : -1);
  const int cmp = a.is_text ? a.text.compare(b.text) : (a.number < b.number ? -1 : a.number > b.number ? 1 : 0);
  const int sign = cmp < 0 ? -1 : cmp > 0 ? 1 : 0;
  return key.descending ? -sign : sign;
}

template <typename Item>
bool MatchesSearch(const Item& item, std::string_view folded) {
  for (const RowField<Item>& field : RowDescriptionOf<Item>().fields) {
    if (!IsSearched(field.kind)) continue;
    const FieldValue value = field.read(item);
    if (field.kind == FieldKind::kIdList) {
      for (std::string_view text : value.texts) {
        if (ContainsFolded(text, folded)) return true;
      }
    } else if (!value.is_null && ContainsFolded(value.text, folded)) {
      return true;
    }
  }
  return false;
}

}  // namespace list_page

// The page object of `items`, each written by `write_item`.
template <typename Item, typename WriteItem>
Result<std::string> ListPage(std::string_view section, const std::vector<Item>& items, const Query& query,
                             WriteItem write_item) {
  auto parsed = ParseListQuery(query);
  if (!parsed.ok()) return parsed.status();
  const ListQuery& list = *parsed;

  std::vector<list_page::SortKey<Item>> order_by;
  for (const std::string& text : list.sort_keys) {
    const bool descending = text[0] == '-';
    const std::string_view key = std::string_view(text).substr(descending ? 1 : 0);
    const RowField<Item>* field = FindField<Item>(key);
    if (field == nullptr || !IsSortable(field->kind)) {
      return BadParameter("sort", fmt::format("cannot sort the {} list by '{}'", section, key));
    }
    order_by.push_back({field, descending});
  }
  std::vector<list_page::Filter<Item>> filters;
  for (const auto& [key, values] : list.filters) {
    auto filter = list_page::MakeFilter<Item>(section, key, values);
    if (!filter.ok()) return filter.status();
    filters.push_back(std::move(*filter));
  }

  std::vector<const Item*> matching;
  matching.reserve(items.size());
  for (const Item& item : items) {
    const bool kept = std::all_of(filters.begin(), filters.end(), [&](const auto& f) { return f.Matches(item); }) &&
                      (list.search.empty() || list_page::MatchesSearch(item, list.search));
    if (kept) matching.push_back(&item);
  }
  if (!order_by.empty()) {
    std::stable_sort(matching.begin(), matching.end(), [&](const Item* x, const Item* y) {
      for (const auto& key : order_by) {
        if (const int cmp = list_page::Compare(key, *x, *y); cmp != 0) return cmp < 0;
      }
      return false;  // ties keep the list's SPEC order
    });
  }

  const size_t first = std::min(matching.size(), static_cast<size_t>(list.offset));
  const size_t last = std::min(matching.size(), first + static_cast<size_t>(list.limit));
  JsonWriter w(false);
  w.BeginObject();
  w.Key("section").String(section);
  w.Key("total").Int(static_cast<int64_t>(matching.size()));
  w.Key("unfiltered").Int(static_cast<int64_t>(items.size()));
  w.Key("offset").Int(static_cast<int64_t>(first));
  w.Key("limit").Int(list.limit);
  w.Key("sort");
  list.sort.empty() ? w.Null() : w.String(list.sort);
  w.Key("sums").BeginObject();
  for (const RowField<Item>& field : RowDescriptionOf<Item>().fields) {
    if (!IsSummed(field.kind)) continue;
    int64_t sum = 0;
    for (const Item* item : matching) sum += field.read(*item).integer;
    w.Key(field.key);
    WriteFieldJson(w, field.kind, nullptr, field::Integer(sum));
  }
  w.EndObject();
  w.Key("items").BeginArray();
  for (size_t i = first; i < last; ++i) write_item(w, *matching[i]);
  w.EndArray();
  w.EndObject();
  return w.Take();
}

}  // namespace agencykpi
