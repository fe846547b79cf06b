// The messages of the import (SPEC §1.3), in English and in French.
//
// A finding of the reading carries a message id and its arguments, not a
// sentence: the sentence is rendered at the edge (the command line, the
// API's answer) in the language the user reads. The templates of every id
// are in messages.cpp, one table per language; a compile-time check holds
// both tables to the id list below, so a message cannot exist in one
// language only. Templates take their arguments as {0}, {1}…
//
// Arguments are mostly text already written the same way in both languages
// (a quoted value, a date in ISO form, a line number); a table's noun
// ("client", "time entry") and a list of file names ("a.csv and A.csv") are
// rendered in the message's language.
//
// Nothing here is on the path of a valid row: messages and hints are only
// built for refused cells, rows, headers and files.
#pragma once

#include <cstdint>
#include <initializer_list>
#include <string>
#include <string_view>
#include <vector>

#include "common/language.h"

namespace agencykpi {

// X(id, code): every message of the import. The code is the id as the API
// gives it ("invalid_number"), stable across wordings.
#define AGENCYKPI_INGEST_MESSAGES(X)                          \
  X(kVerbatim, "text")                                        \
  /* csv_reader */                                            \
  X(kValueTooLong, "value_too_long")                          \
  X(kTooManyColumns, "too_many_columns")                      \
  X(kRowTooLong, "row_too_long")                              \
  X(kQuoteNotClosed, "quote_not_closed")                      \
  X(kQuoteRunsOver, "quote_runs_over")                        \
  X(kTextAfterQuote, "text_after_quote")                      \
  /* value_parser */                                          \
  X(kInvalidNumber, "invalid_number")                         \
  X(kInvalidWholeNumber, "invalid_whole_number")              \
  X(kTooManyDecimals, "too_many_decimals")                    \
  X(kNumberTooLarge, "number_too_large")                      \
  /* files */                                                 \
  X(kUtf16, "utf16")                                          \
  X(kFileEmpty, "file_empty")                                 \
  X(kFirstLineBlank, "first_line_blank")                      \
  X(kFileMissing, "file_missing")                             \
  X(kNotATable, "not_a_table")                                \
  X(kTwoFiles, "two_files")                                   \
  X(kFormatUnreadable, "format_unreadable")                   \
  X(kCannotReadFile, "cannot_read_file")                      \
  X(kNotRegularFile, "not_a_regular_file")                    \
  X(kFileChanged, "file_changed")                             \
  X(kNoSuchFolder, "no_such_folder")                          \
  X(kCannotListFolder, "cannot_list_folder")                  \
  /* workbooks */                                             \
  X(kXlsxNotZip, "xlsx_not_zip")             \
  X(kXlsxIsXls, "xlsx_is_xls")               \
  X(kXlsxEncrypted, "xlsx_encrypted")        \
  X(kXlsxIsOds, "xlsx_is_ods")               \
  X(kXlsxDamaged, "xlsx_damaged")            \
  X(kXlsxLimit, "xlsx_limit")                \
  X(kXlsxMalformedXml, "xlsx_malformed_xml") \
  X(kXlsxDoctype, "xlsx_doctype")            \
  X(kXlsxNoSheet, "xlsx_no_sheet")           \
  X(kXlsxErrorCell, "xlsx_error_cell")       \
  X(kXlsxDateFeb29, "xlsx_date_1900_02_29")  \
  X(kXlsxBadDate, "xlsx_bad_date")           \
  X(kXlsxBadNumber, "xlsx_bad_number")       \
  X(kXlsxBadSharedString, "xlsx_bad_shared_string") \
  X(kXlsxRowOrder, "xlsx_row_order")         \
  X(kXlsxRowNumber, "xlsx_row_number")       \
  X(kXlsxCellTwice, "xlsx_cell_twice")       \
  X(kXlsxNotATable, "xlsx_sheet_not_a_table") \
  X(kXlsxTwoSheets, "xlsx_two_sheets")       \
  X(kXlsxAgencyFile, "xlsx_agency_file")                      \
  X(kXlsxSheetMissing, "xlsx_sheet_missing")     \
  X(kImportCancelled, "import_cancelled")                     \
  X(kErrorsFirstShown, "errors_first_shown")                  \
  X(kWarningsFirstShown, "warnings_first_shown")              \
  /* header and rows */                                       \
  X(kColumnNameNul, "column_name_nul")                        \
  X(kColumnTwice, "column_twice")                             \
  X(kUnknownColumn, "unknown_column")                         \
  X(kMissingColumn, "missing_column")                         \
  X(kRowFieldCount, "too_many_fields")                        \
  X(kTooManyRows, "too_many_rows")                            \
  X(kValueNul, "value_nul")                                   \
  /* values */                                                \
  X(kMissingValue, "missing_value")                           \
  X(kInvalidIdentifier, "invalid_identifier")                 \
  X(kInvalidDate, "invalid_date")                             \
  X(kInvalidEnum, "invalid_enum")                             \
  X(kUnknownRow, "unknown_reference")                         \
  X(kUnknownRowNoFile, "unknown_reference_no_file")           \
  X(kDuplicateId, "duplicate_id")                             \
  X(kMetricTooLong, "metric_too_long")                        \
  /* the tables' rules */                                     \
  X(kEndBeforeStart, "end_before_start")                      \
  X(kOtherClient, "other_client")                             \
  X(kRenewalTypeMissing, "renewal_type_missing")              \
  X(kRenewalTypeForbidden, "renewal_type_forbidden")          \
  X(kRenewsItself, "renews_itself")                           \
  X(kAlreadyRenewed, "already_renewed")                       \
  X(kRenewalCycle, "renewal_cycle")                           \
  X(kComplexityRange, "complexity_range")                     \
  X(kNegativeFee, "negative_fee")                             \
  X(kWeeklyHoursRange, "weekly_hours_range")                  \
  X(kNegativeCostRate, "negative_cost_rate")                  \
  X(kDuplicateCostRate, "duplicate_cost_rate")                \
  X(kHoursRange, "hours_range")                               \
  X(kNoCostRate, "no_cost_rate")                              \
  X(kBeforeFirstRate, "before_first_cost_rate")               \
  X(kDayOver24Hours, "day_over_24_hours")                     \
  X(kNegativeExpense, "negative_expense")                     \
  X(kTargetNotPositive, "target_not_positive")                \
  X(kPresentNotBool, "present_not_0_or_1")                    \
  X(kNegativeFacings, "negative_facings")                     \
  X(kFacingsTooLarge, "facings_too_large")                    \
  /* column-mapping profiles (profile.h, mapped_records.h) */ \
  X(kProfileTooLarge, "profile_too_large")                    \
  X(kProfileInvalidJson, "profile_invalid_json")              \
  X(kProfileTooDeep, "profile_too_deep")                      \
  X(kProfileKeyTwice, "profile_key_twice")                    \
  X(kProfileUnknownKey, "profile_unknown_key")                \
  X(kProfileMissingKey, "profile_missing_key")                \
  X(kProfileNotObject, "profile_not_object")                  \
  X(kProfileNotText, "profile_not_text")                      \
  X(kProfileNotTexts, "profile_not_texts")                    \
  X(kProfileNotCount, "profile_not_count")                    \
  X(kProfileColumnSpec, "profile_column_spec")                \
  X(kProfileFromAndConst, "profile_from_and_const")           \
  X(kProfileVersion, "profile_version")                       \
  X(kProfileNoTables, "profile_no_tables")                    \
  X(kProfileUnknownTable, "profile_unknown_table")            \
  X(kProfileUnknownColumn, "profile_unknown_column")          \
  X(kProfileTodo, "profile_todo")                             \
  X(kProfileUnmapped, "profile_required_unmapped")            \
  X(kProfileDateOrder, "profile_date_order")                  \
  X(kProfileDecimalMark, "profile_decimal_mark")              \
  X(kProfileEmptyText, "profile_empty_text")                  \
  X(kProfileTextTooLong, "profile_text_too_long")             \
  X(kProfileValueTwice, "profile_value_twice")                \
  X(kProfileTooManyEntries, "profile_too_many_entries")       \
  X(kProfileSourceColumnMissing, "profile_source_column_missing") \
  X(kProfileNoHeader, "profile_no_header")                    \
  X(kProfileCannotRead, "profile_cannot_read")                \
  X(kProfileWithWorkbook, "profile_with_workbook")            \
  /* profile init and profile check (profile_draft.h, profile_explain.h) */ \
  X(kDraftNotRecognised, "draft_not_recognised")              \
  X(kDraftAlreadyOurs, "draft_already_in_format")             \
  X(kDraftTableTwice, "draft_table_twice")                    \
  X(kDraftTodo, "draft_todo")                                 \
  X(kDraftCannotRead, "draft_cannot_read")                    \
  X(kExplainTable, "explain_table")                           \
  X(kExplainFeeds, "explain_feeds")                           \
  X(kExplainIgnored, "explain_ignored")                       \
  X(kExplainConstant, "explain_constant")                     \
  X(kExplainDropped, "explain_dropped")                       \
  X(kExplainUnmapped, "explain_unmapped")                     \
  X(kExplainRows, "explain_rows")                             \
  X(kKindId, "kind_id")                                       \
  X(kKindReference, "kind_reference")                         \
  X(kKindDate, "kind_date")                                   \
  X(kKindMoney, "kind_money")                                 \
  X(kKindHours, "kind_hours")                                 \
  X(kKindQuantity, "kind_quantity")                           \
  X(kKindInteger, "kind_integer")                             \
  X(kKindEnum, "kind_enum")                                   \
  X(kKindText, "kind_text")                                   \
  X(kKindMetric, "kind_metric")                               \
  X(kKindMapped, "kind_mapped")                               \
  X(kKindDayOrder, "kind_day_order")                          \
  X(kKindDecimalComma, "kind_decimal_comma")                  \
  /* the command line's and the API's summaries */            \
  X(kFolderRefused, "folder_refused")                         \
  X(kFolderRefusedOne, "folder_refused_one")                  \
  X(kFolderValid, "folder_valid")                             \
  X(kEmptyTables, "empty_tables")                             \
  X(kImported, "imported")                                    \
  X(kErrorCount, "error_count")                               \
  X(kOneError, "one_error")                                   \
  /* hints, after a message */                                \
  X(kHintCurrency, "hint_currency")                           \
  X(kHintPercent, "hint_percent")                             \
  X(kHintThousands, "hint_thousands")                         \
  X(kHintWrite, "hint_write")                                 \
  X(kHintCommaFile, "hint_decimal_comma")                     \
  X(kHintWholeNumber, "hint_whole_number")                    \
  X(kHintDateUs, "hint_date_month_day")                       \
  X(kHintDateYearDayMonth, "hint_date_year_day_month")        \
  X(kHintDateSeparator, "hint_date_separator")                \
  X(kHintDateTime, "hint_date_time")                          \
  X(kHintDateNoSuchDay, "hint_date_no_such_day")              \
  X(kHintColumn, "hint_column")                               \
  X(kHintMissingColumn, "hint_missing_column")                \
  X(kHintEnum, "hint_enum")

enum class MessageId : uint16_t {
  kNone,
#define AGENCYKPI_MESSAGE_ID(id, code) id,
  AGENCYKPI_INGEST_MESSAGES(AGENCYKPI_MESSAGE_ID)
#undef AGENCYKPI_MESSAGE_ID
};

// One argument of a message.
struct MessageArg {
  enum class Kind : uint8_t {
    kText,   // shown as it is
    kNoun,   // a table's noun in the catalogue ("time entry"), translated
    kNames,  // names separated by '\n', joined by "and" / "et"
  };
  Kind kind = Kind::kText;
  std::string text;

  MessageArg(std::string value) : text(std::move(value)) {}  // NOLINT: a text is an argument
  MessageArg(const char* value) : text(value) {}             // NOLINT
  MessageArg(Kind k, std::string value) : kind(k), text(std::move(value)) {}
};

struct Message {
  MessageId id = MessageId::kNone;
  std::vector<MessageArg> args;

  Message() = default;
  Message(MessageId message_id, std::initializer_list<MessageArg> message_args) : id(message_id), args(message_args) {}
  explicit Message(MessageId message_id) : id(message_id) {}
  // A text shown as it is, in every language (a message from elsewhere).
  Message(std::string text) : id(MessageId::kVerbatim), args{MessageArg(std::move(text))} {}  // NOLINT
  Message(const char* text) : Message(std::string(text)) {}                                   // NOLINT

  [[nodiscard]] bool empty() const { return id == MessageId::kNone; }
  // The sentence in `language`; "" for an empty message.
  [[nodiscard]] std::string Render(Language language = Language::kEnglish) const;
};

// A table's noun as a message argument: NounArg("client").
MessageArg NounArg(std::string_view catalogue_noun);
// A list of names as one argument, joined "a and b" / "a et b".
MessageArg NamesArg(const std::vector<std::string>& names);

// The API's code of a message ("invalid_number").
std::string_view MessageCode(MessageId id);

// The message whose English template renders as `text` (a Status message
// built from the table, e.g. "the file changed while it was read"), with its
// arguments; else `text` verbatim. Only for error paths: it tries every
// template.
Message MessageOfText(std::string_view text);

// A message followed by its hint: "message; hint: …" / "message ; indice : …".
std::string WithHint(const Message& message, const Message& hint, Language language);

// The label of a table's row count in a summary, plural: "time entries",
// "saisies de temps" (by the catalogue's table name).
std::string_view TableCountLabel(std::string_view table_name, Language language);

}  // namespace agencykpi
