#include "ingest/mapped_records.h"

#include <string>
#include <utility>

#include "ingest/csv_reader.h"
#include "ingest/source_values.h"
#include "ingest/value_parser.h"

namespace agencykpi {
namespace {

// Header names a message lists at most; an export may have hundreds.
constexpr size_t kMaxListedHeaderNames = 30;

std::string HeaderNames(const std::vector<std::string_view>& header) {
  std::string out;
  size_t listed = 0;
  for (const std::string_view name : header) {
    if (TrimValue(name).empty()) continue;
    if (listed++ == kMaxListedHeaderNames) return out + ", …";
    out += (out.empty() ? "" : ", ") + QuoteValue(TrimValue(name));
  }
  return out;
}

std::optional<size_t> FindField(const std::vector<std::string_view>& header, std::string_view name) {
  const std::string wanted = FoldValue(name);
  for (size_t i = 0; i < header.size(); ++i) {
    if (FoldValue(header[i]) == wanted) return i;
  }
  return std::nullopt;
}

class MappedRecords final : public RecordSource {
 public:
  MappedRecords(std::unique_ptr<RecordSource> source, const TableProfile& profile,
                std::span<const ColumnDesc> columns)
      : source_(std::move(source)), profile_(profile), columns_(columns) {
    fields_.resize(profile_.columns.size());
    buffers_.resize(profile_.columns.size());
  }

  bool Next() override {
    error_ = Message();
    if (!header_read_) return ReadHeader();
    if (!header_bound_) return false;  // the header could not be read: nothing to map
    while (source_->Next()) {
      if (source_->has_error()) {
        MapRow();
        error_ = source_->error_message();
        error_field_ = fields_.size();
        for (size_t i = 0; i < binding_.fields.size(); ++i) {
          if (binding_.fields[i] == source_->error_field()) error_field_ = i;
        }
        return true;
      }
      if (source_->blank()) {
        SetBlank();
        return true;
      }
      if (Skipped()) continue;
      MapRow();
      return true;
    }
    return false;
  }

  [[nodiscard]] const std::vector<std::string_view>& fields() const override { return fields_; }
  [[nodiscard]] int64_t line() const override { return source_->line(); }
  [[nodiscard]] bool blank() const override { return blank_; }
  [[nodiscard]] const Message& error_message() const override { return error_; }
  [[nodiscard]] size_t error_field() const override { return error_field_; }
  [[nodiscard]] const Message& failure() const override {
    return failure_.empty() ? source_->failure() : failure_;
  }
  [[nodiscard]] bool decimal_comma() const override {
    switch (profile_.decimal_mark) {
      case DecimalMark::kComma: return true;
      case DecimalMark::kPoint: return false;
      case DecimalMark::kAsRead: break;
    }
    return source_->decimal_comma();
  }
  [[nodiscard]] bool may_hold_nul() const override { return source_->may_hold_nul(); }
  [[nodiscard]] uint64_t bytes_done() const override { return source_->bytes_done(); }
  [[nodiscard]] uint64_t max_records() const override { return source_->max_records(); }
  [[nodiscard]] std::string Place(size_t field) const override {
    if (field < binding_.fields.size() && binding_.fields[field] != SourceBinding::kConstant) {
      return source_->Place(binding_.fields[field]);
    }
    return source_->Place(kNoField);
  }

 private:
  // Skips the rows above the header, binds the source's header and gives ours.
  bool ReadHeader() {
    header_read_ = true;
    bool skipped_any = false;
    while (source_->Next()) {
      if (source_->line() <= profile_.skip_rows) {
        skipped_any = true;
        continue;
      }
      if (source_->blank() && !source_->has_error()) continue;
      if (source_->has_error()) {
        error_ = source_->error_message();
        error_field_ = fields_.size();
      } else {
        Message error;
        auto binding = BindSource(profile_, columns_, source_->fields(), error);
        if (!binding) {
          failure_ = std::move(error);
          return false;
        }
        binding_ = std::move(*binding);
        header_bound_ = true;
      }
      for (size_t i = 0; i < profile_.columns.size(); ++i) fields_[i] = columns_[profile_.columns[i].column].name;
      blank_ = false;
      return true;
    }
    if (skipped_any && source_->failure().empty()) {
      failure_ = Message(MessageId::kProfileNoHeader, {std::to_string(profile_.skip_rows), profile_.profile_file,
                                                       profile_.path + ".skip_rows"});
    }
    return false;
  }

  void SetBlank() {
    for (auto& field : fields_) field = {};
    blank_ = true;
  }

  [[nodiscard]] std::string_view SourceField(size_t field) const {
    const auto& fields = source_->fields();
    return field < fields.size() ? fields[field] : std::string_view();
  }

  // The row matches a skip_when rule.
  bool Skipped() {
    for (size_t r = 0; r < profile_.skip_when.size(); ++r) {
      if (profile_.skip_when[r].Matches(FoldValue(SourceField(binding_.skip_fields[r])))) return true;
    }
    return false;
  }

  void MapRow() {
    bool any = false;
    for (size_t i = 0; i < profile_.columns.size(); ++i) {
      const ColumnSource& source = profile_.columns[i];
      if (source.is_constant()) {
        fields_[i] = source.constant;
        continue;
      }
      const std::string_view text = SourceField(binding_.fields[i]);
      fields_[i] = text;
      if (TrimValue(text).empty() && (source.values.empty() || !source.values.contains(""))) continue;
      any = true;
      if (!source.values.empty()) {
        const auto mapped = source.values.find(FoldValue(text));
        if (mapped != source.values.end()) {
          fields_[i] = mapped->second;
          continue;
        }
      }
      const ColumnKind kind = columns_[source.column].kind;
      const bool rewritten =
          kind == ColumnKind::kDate ? RewriteDate(text, profile_.date_order, buffers_[i])
          : (kind == ColumnKind::kMoney || kind == ColumnKind::kHours || kind == ColumnKind::kQuantity ||
             kind == ColumnKind::kInteger)
              ? RewriteNumber(text, profile_.decimal_mark, buffers_[i])
              : false;
      if (rewritten) fields_[i] = buffers_[i];
    }
    blank_ = !any;
    if (blank_) SetBlank();
  }

  std::unique_ptr<RecordSource> source_;
  TableProfile profile_;  // a copy: the decorator may outlive the Profile it came from
  std::span<const ColumnDesc> columns_;
  SourceBinding binding_;
  bool header_read_ = false;
  bool header_bound_ = false;
  bool blank_ = false;
  std::vector<std::string_view> fields_;
  std::vector<std::string> buffers_;  // per column: a rewritten date or number
  Message error_;
  size_t error_field_ = 0;
  Message failure_;
};

}  // namespace

std::optional<SourceBinding> BindSource(const TableProfile& profile, std::span<const ColumnDesc> columns,
                                        const std::vector<std::string_view>& header, Message& error) {
  SourceBinding binding;
  const auto missing = [&](std::string_view name, const std::string& place) {
    error = Message(MessageId::kProfileSourceColumnMissing,
                    {QuoteValue(name), profile.profile_file, place, HeaderNames(header)});
  };
  for (const ColumnSource& source : profile.columns) {
    if (source.is_constant()) {
      binding.fields.push_back(SourceBinding::kConstant);
      continue;
    }
    const auto field = FindField(header, source.from);
    if (!field) {
      missing(source.from, profile.path + ".columns." + std::string(columns[source.column].name));
      return std::nullopt;
    }
    binding.fields.push_back(*field);
  }
  for (const SkipRule& rule : profile.skip_when) {
    const auto field = FindField(header, rule.column);
    if (!field) {
      missing(rule.column, profile.path + ".skip_when");
      return std::nullopt;
    }
    binding.skip_fields.push_back(*field);
  }
  return binding;
}

std::unique_ptr<RecordSource> MapRecords(std::unique_ptr<RecordSource> source, const TableProfile& profile,
                                         std::span<const ColumnDesc> columns) {
  return std::make_unique<MappedRecords>(std::move(source), profile, columns);
}

}  // namespace agencykpi
