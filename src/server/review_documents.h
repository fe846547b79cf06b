// The downloads over HTTP — the PDF and XLSX packs of one brand's review,
// the report's workbook — as a file answer (content type, a file name for
// the browser), drawn
// at most server_limits::kMaxConcurrentDocuments at a time — a document costs
// far more than a JSON answer, so a burst of downloads cannot take every
// worker and core; past the cap the answer is Busy (503, Retry-After).
#pragma once

#include <atomic>
#include <string_view>

#include "common/status.h"
#include "kpi/review.h"
#include "report/report_xlsx.h"
#include "report/review_pack.h"
#include "server/api.h"

namespace agencykpi {

enum class ReviewDocumentFormat { kPdf, kXlsx };

// At most `limit` holders at once. Thread-safe.
class ConcurrencyCap {
 public:
  explicit ConcurrencyCap(int limit) : limit_(limit) {}

  // One place under the cap, given back when destroyed; taken() is false
  // when the cap was full.
  class Slot {
   public:
    explicit Slot(ConcurrencyCap& cap) : cap_(cap), taken_(cap.in_use_.fetch_add(1) < cap.limit_) {
      if (!taken_) cap_.in_use_.fetch_sub(1);
    }
    ~Slot() {
      if (taken_) cap_.in_use_.fetch_sub(1);
    }
    Slot(const Slot&) = delete;
    Slot& operator=(const Slot&) = delete;
    [[nodiscard]] bool taken() const { return taken_; }

   private:
    ConcurrencyCap& cap_;
    bool taken_;
  };

 private:
  const int limit_;
  std::atomic<int> in_use_{0};
};

// The download's file name: "bilan-C01-2026-H1.pdf" in French,
// "review-C01-2026-H1.xlsx" in English; the client id encoded as in
// PackFileName (safe in a Content-Disposition header and on any disk), the
// period as FormatPeriod writes it.
std::string ReviewDocumentName(std::string_view client_id, const Period& period, ReviewDocumentFormat format,
                               Language language);

// The document of `review` as an attachment answer, or Busy past the cap,
// or Internal when the renderer fails.
Result<ApiResponse> ReviewDocument(const Review& review, const ReviewPackOptions& options,
                                   ReviewDocumentFormat format);

// The report's workbook download: "rapport-2026-H1.xlsx" in French,
// "report-2026-H1.xlsx" in English, the period as FormatPeriod writes it.
std::string ReportWorkbookName(const Period& period, Language language);

// The workbook of `report` as an attachment answer, under the same cap as
// the review's documents; Busy past it, the renderer's refusal (too many
// rows for a sheet) as is, Internal when it cannot be drawn.
Result<ApiResponse> ReportWorkbookDocument(const Report& report, const ReportXlsxOptions& options);

}  // namespace agencykpi
