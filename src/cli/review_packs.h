// `agencykpi review --format pdf|xlsx`: the brand review's packs written to
// a file, to standard output, or, with --all, one per brand into a folder.
//
// Files are written atomically: to a temporary file beside the target, then
// renamed over it, so a failure never leaves a half-written pack. A pack is
// binary: without --out it goes to standard output only when that is not a
// terminal (a pipe or a redirection), and is refused on a terminal.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>

#include "cli/commands.h"
#include "common/status.h"
#include "kpi/engine.h"
#include "report/locale_format.h"

namespace agencykpi {

// Writes `bytes` to a temporary file in `path`'s folder (mode as the umask
// says), flushed to disk, then renames it to `path`. On any failure the
// temporary file is removed and `path` is left as it was.
Status WriteFileAtomically(const std::filesystem::path& path, std::string_view bytes);

// The pack of one review: to `out`, or to stdout when `out` is empty.
// Returns the exit status, diagnostics printed.
int WriteReviewPack(const KpiEngine& engine, const Review& review, ReviewFormat format, Language language,
                    const std::string& out);

// `--all --out-dir DIR`: a pack for every brand with audits, visits or sales
// in the period (up to the as-of date), named PackFileName(client_id) in
// `out_dir` (created if needed). Returns the exit status.
int WriteAllReviewPacks(const KpiEngine& engine, const ReportRequest& request, ReviewFormat format,
                        Language language, const std::string& out_dir);

}  // namespace agencykpi
