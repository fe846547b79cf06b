#include "ingest/profile_explain.h"

#include <map>

#include "domain/catalogue.h"
#include "ingest/agency_reader.h"
#include "ingest/csv_reader.h"
#include "ingest/mapped_records.h"
#include "ingest/value_parser.h"

namespace agencykpi {
namespace {

std::string DateOrderName(DateOrder order) {
  switch (order) {
    case DateOrder::kDmy: return "DMY";
    case DateOrder::kMdy: return "MDY";
    case DateOrder::kYmd: return "YMD";
    case DateOrder::kAsRead: break;
  }
  return {};
}

// A yes/no column: a whole number that is 0 or 1 (store_audits.present).
bool IsFlag(const ColumnDesc& column) {
  return column.kind == ColumnKind::kInteger && column.range.min == 0 && column.range.max == 1;
}

// What our column is, and how the profile reads it.
std::string KindText(const ColumnDesc& column, const ColumnSource& source, const TableProfile& profile,
                     Language language) {
  const auto render = [language](const Message& message) { return message.Render(language); };
  std::string text;
  switch (column.kind) {
    case ColumnKind::kId: text = render(Message(MessageId::kKindId)); break;
    case ColumnKind::kReference:
      text = render(Message(MessageId::kKindReference, {std::string(column.references)}));
      break;
    case ColumnKind::kDate: text = render(Message(MessageId::kKindDate)); break;
    case ColumnKind::kMoney: text = render(Message(MessageId::kKindMoney)); break;
    case ColumnKind::kHours: text = render(Message(MessageId::kKindHours)); break;
    case ColumnKind::kQuantity: text = render(Message(MessageId::kKindQuantity)); break;
    case ColumnKind::kInteger: text = render(Message(MessageId::kKindInteger)); break;
    case ColumnKind::kEnum: {
      std::string values;
      for (const std::string_view value : column.values) values += (values.empty() ? "" : ", ") + std::string(value);
      text = render(Message(MessageId::kKindEnum, {values}));
      break;
    }
    case ColumnKind::kText: text = render(Message(MessageId::kKindText)); break;
    case ColumnKind::kMetric: text = render(Message(MessageId::kKindMetric)); break;
  }
  if (source.is_constant()) return text;
  if (column.kind == ColumnKind::kDate && profile.date_order != DateOrder::kAsRead) {
    text += ", " + render(Message(MessageId::kKindDayOrder, {DateOrderName(profile.date_order)}));
  }
  if (DecimalPlaces(column.kind) > 0 && profile.decimal_mark == DecimalMark::kComma) text += ", " + render(Message(MessageId::kKindDecimalComma));
  if (!source.values.empty()) text += ", " + render(Message(MessageId::kKindMapped, {std::to_string(source.values.size())}));
  return text;
}

// The source value is one our column takes as it is.
bool Accepted(const ColumnDesc& column, std::string_view value) {
  if (value.empty()) return true;
  if (column.kind == ColumnKind::kEnum) return MatchName(value, column.values).has_value();
  return value == "0" || value == "1";
}

}  // namespace

TableExplanation ExplainTable(const TableProfile& profile, RecordSource& records, const std::string& place,
                              Language language) {
  TableExplanation out;
  const TableDesc& table = Catalogue()[profile.table];
  std::vector<std::string> header;
  int64_t header_line = 0;
  while (records.Next()) {
    if (records.line() <= profile.skip_rows || (records.blank() && !records.has_error())) continue;
    if (records.has_error()) {
      out.failure = records.error_message().Render(language);
      return out;
    }
    header.assign(records.fields().begin(), records.fields().end());
    header_line = records.line();
    break;
  }
  if (header_line == 0) {
    out.failure = (records.failure().empty() ? Message(MessageId::kFileEmpty) : records.failure()).Render(language);
    return out;
  }
  const std::vector<std::string_view> names(header.begin(), header.end());
  Message error;
  const std::optional<SourceBinding> binding = BindSource(profile, table.columns, names, error);
  if (!binding) {
    out.failure = error.Render(language);
    return out;
  }
  out.title = Message(MessageId::kExplainTable, {std::string(table.name), place, std::to_string(header_line)})
                  .Render(language);
  for (size_t field = 0; field < header.size(); ++field) {
    const std::string name = QuoteValue(TrimValue(header[field]));
    if (TrimValue(header[field]).empty()) continue;
    bool used = false;
    for (size_t c = 0; c < profile.columns.size(); ++c) {
      if (binding->fields[c] != field) continue;
      const ColumnSource& source = profile.columns[c];
      const ColumnDesc& column = table.columns[source.column];
      out.columns.push_back(Message(MessageId::kExplainFeeds,
                                    {name, std::string(table.name) + "." + std::string(column.name),
                                     KindText(column, source, profile, language)})
                                .Render(language));
      used = true;
    }
    if (!used) out.columns.push_back(Message(MessageId::kExplainIgnored, {name}).Render(language));
  }
  for (const ColumnSource& source : profile.columns) {
    if (!source.is_constant()) continue;
    const ColumnDesc& column = table.columns[source.column];
    out.columns.push_back(Message(MessageId::kExplainConstant,
                                  {QuoteValue(source.constant), std::string(table.name) + "." + std::string(column.name),
                                   KindText(column, source, profile, language)})
                              .Render(language));
  }

  // The rows: dropped ones, and the values no map covers.
  struct Unmapped {
    std::map<std::string, size_t> counts;  // the value as written (trimmed) → rows
  };
  std::vector<Unmapped> unmapped(profile.columns.size());
  size_t rows = 0;
  size_t dropped = 0;
  while (records.Next()) {
    if (records.blank() || records.has_error()) continue;
    const auto& fields = records.fields();
    const auto field = [&](size_t index) { return index < fields.size() ? TrimValue(fields[index]) : std::string_view(); };
    bool drop = false;
    for (size_t r = 0; r < profile.skip_when.size() && !drop; ++r) {
      drop = profile.skip_when[r].Matches(FoldValue(field(binding->skip_fields[r])));
    }
    if (drop) {
      ++dropped;
      continue;
    }
    ++rows;
    for (size_t c = 0; c < profile.columns.size(); ++c) {
      const ColumnSource& source = profile.columns[c];
      const ColumnDesc& column = table.columns[source.column];
      if (source.is_constant() || (column.kind != ColumnKind::kEnum && !IsFlag(column))) continue;
      const std::string_view value = field(binding->fields[c]);
      if (source.values.contains(FoldValue(value)) || Accepted(column, value)) continue;
      auto& counts = unmapped[c].counts;
      if (counts.size() < kMaxExplainedValues || counts.contains(std::string(value))) ++counts[std::string(value)];
    }
  }
  out.notes.push_back(Message(MessageId::kExplainRows, {GroupThousands(rows)}).Render(language));
  if (!profile.skip_when.empty()) {
    std::string rules;
    for (const SkipRule& rule : profile.skip_when) rules += (rules.empty() ? "" : ", ") + QuoteValue(rule.column);
    out.notes.push_back(Message(MessageId::kExplainDropped, {rules, GroupThousands(dropped)}).Render(language));
  }
  for (size_t c = 0; c < profile.columns.size(); ++c) {
    if (unmapped[c].counts.empty()) continue;
    std::string values;
    for (const auto& [value, count] : unmapped[c].counts) {
      values += (values.empty() ? "" : ", ") + QuoteValue(value) + " (" + GroupThousands(count) + ")";
    }
    const std::string& from = profile.columns[c].from;
    out.notes.push_back(Message(MessageId::kExplainUnmapped, {QuoteValue(from), values}).Render(language));
  }
  return out;
}

}  // namespace agencykpi
