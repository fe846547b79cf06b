#include "server/review_documents.h"

#include <fmt/format.h>

#include <string>

#include "report/pack_file_name.h"
#include "report/review_pdf.h"
#include "report/review_xlsx.h"
#include "server/limits.h"

namespace agencykpi {
namespace {

constexpr std::string_view kPdfType = "application/pdf";
constexpr std::string_view kXlsxType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

// Documents being drawn now, all requests together.
ConcurrencyCap documents{server_limits::kMaxConcurrentDocuments};

Status Busy() {
  return Status::Busy(fmt::format("{} documents are being drawn; try again in a few seconds",
                                  server_limits::kMaxConcurrentDocuments));
}

ApiResponse Attachment(std::string bytes, std::string_view type, const std::string& name) {
  ApiResponse response;
  response.body = std::move(bytes);
  response.content_type = std::string(type);
  response.headers.emplace_back("Content-Disposition", fmt::format("attachment; filename=\"{}\"", name));
  return response;
}

}  // namespace

std::string ReviewDocumentName(std::string_view client_id, const Period& period, ReviewDocumentFormat format,
                               Language language) {
  const std::string_view word = language == Language::kFrench ? "bilan" : "review";
  const std::string_view extension = format == ReviewDocumentFormat::kPdf ? ".pdf" : ".xlsx";
  return fmt::format("{}-{}-{}{}", word, PackFileName(client_id, ""), FormatPeriod(period), extension);
}

Result<ApiResponse> ReviewDocument(const Review& review, const ReviewPackOptions& options,
                                   ReviewDocumentFormat format) {
  const ConcurrencyCap::Slot slot(documents);
  if (!slot.taken()) return Busy();
  Result<std::string> bytes = format == ReviewDocumentFormat::kPdf ? RenderReviewPdf(review, options)
                                                                    : RenderReviewXlsx(review, options);
  if (!bytes.ok()) return Status::Internal("the document could not be drawn");
  return Attachment(std::move(*bytes), format == ReviewDocumentFormat::kPdf ? kPdfType : kXlsxType,
                    ReviewDocumentName(review.client.client_id, review.period.period, format, options.language));
}

std::string ReportWorkbookName(const Period& period, Language language) {
  return fmt::format("{}-{}.xlsx", language == Language::kFrench ? "rapport" : "report", FormatPeriod(period));
}

Result<ApiResponse> ReportWorkbookDocument(const Report& report, const ReportXlsxOptions& options) {
  const ConcurrencyCap::Slot slot(documents);
  if (!slot.taken()) return Busy();
  Result<std::string> bytes = RenderReportXlsx(report, options);
  if (!bytes.ok()) {
    return bytes.status().code() == ErrorCode::kInvalidInput ? bytes.status()
                                                             : Status::Internal("the workbook could not be drawn");
  }
  return Attachment(std::move(*bytes), kXlsxType, ReportWorkbookName(report.period.period, options.language));
}

}  // namespace agencykpi
