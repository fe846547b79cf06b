#include "cli/review_packs.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <set>
#include <vector>

#include "kpi/brand_activity.h"
#include "report/pack_file_name.h"
#include "report/review_pack.h"
#include "report/review_pdf.h"
#include "report/review_xlsx.h"

namespace agencykpi {
namespace {

int Fail(const Status& status) {
  std::fprintf(stderr, "agencykpi: %s\n", status.message().c_str());
  return ExitCodeFor(status.code());
}

std::string_view Extension(ReviewFormat format) {
  return format == ReviewFormat::kPdf ? "pdf" : "xlsx";
}

Status WriteFailed(const std::string& path) {
  return Status::Io("cannot write " + path + ": " + std::strerror(errno));
}

Status WriteAll(int fd, std::string_view bytes, const std::string& path) {
  while (!bytes.empty()) {
    const ssize_t written = ::write(fd, bytes.data(), bytes.size());
    if (written < 0 && errno == EINTR) continue;
    if (written <= 0) return WriteFailed(path);
    bytes.remove_prefix(static_cast<size_t>(written));
  }
  return Status::Ok();
}

Result<std::string> PackBytes(const Review& review, const ReviewPackOptions& options, ReviewFormat format) {
  return format == ReviewFormat::kPdf ? RenderReviewPdf(review, options) : RenderReviewXlsx(review, options);
}

}  // namespace

Status WriteFileAtomically(const std::filesystem::path& path, std::string_view bytes) {
  const std::filesystem::path folder =
      path.has_parent_path() ? path.parent_path() : std::filesystem::path(".");
  // Hidden, and unique: mkstemp creates it, so no other file is overwritten.
  std::string temp = (folder / ("." + path.filename().string() + ".XXXXXX")).string();
  const int fd = ::mkstemp(temp.data());
  if (fd < 0) return Status::Io("cannot create a file in " + folder.string() + ": " + std::strerror(errno));
  // mkstemp makes it private (0600); a pack is an ordinary file, as the umask says.
  const mode_t mask = ::umask(0);
  ::umask(mask);
  Status status =
      ::fchmod(fd, static_cast<mode_t>(0666 & ~mask)) == 0 ? WriteAll(fd, bytes, temp) : WriteFailed(temp);
  if (status.ok() && ::fsync(fd) != 0) status = WriteFailed(temp);
  if (::close(fd) != 0 && status.ok()) status = WriteFailed(temp);
  if (status.ok() && std::rename(temp.c_str(), path.c_str()) != 0) status = WriteFailed(path.string());
  if (!status.ok()) std::remove(temp.c_str());
  return status;
}

int WriteReviewPack(const KpiEngine& engine, const Review& review, ReviewFormat format, Language language,
                    const std::string& out) {
  if (out.empty() && isatty(STDOUT_FILENO) == 1) {
    return Fail(Status::InvalidInput(std::string("--format ") + std::string(Extension(format)) +
                                     " writes a binary file: give --out FILE, or redirect standard output"));
  }
  const auto bytes = PackBytes(review, PackOptionsFor(engine, review, language), format);
  if (!bytes.ok()) return Fail(bytes.status());
  if (!out.empty()) {
    const Status written = WriteFileAtomically(out, *bytes);
    return written.ok() ? ExitCodeFor(ErrorCode::kOk) : Fail(written);
  }
  if (std::fwrite(bytes->data(), 1, bytes->size(), stdout) != bytes->size() || std::fflush(stdout) != 0) {
    return Fail(Status::Io("cannot write the pack to standard output"));
  }
  return ExitCodeFor(ErrorCode::kOk);
}

int WriteAllReviewPacks(const KpiEngine& engine, const ReportRequest& request, ReviewFormat format,
                        Language language, const std::string& out_dir) {
  std::error_code error;
  std::filesystem::create_directories(out_dir, error);
  if (error) return Fail(Status::Io("cannot create " + out_dir + ": " + error.message()));
  const Dataset& dataset = engine.dataset();
  // "In P": from its start to its effective end, min(end, as-of).
  const Day last = std::min(request.period.end, request.as_of);
  const std::vector<BrandActivity> brands = engine.ActiveBrands(request.period.start, last);
  std::set<std::string> names;
  for (const BrandActivity& brand : brands) {
    const std::string& client_id = dataset.clients[brand.client].id;
    const std::string name = PackFileName(client_id, Extension(format));
    if (!names.insert(name).second) {
      return Fail(Status::Internal("two clients map to the pack name " + name + " (hash collision)"));
    }
    auto review = engine.BrandReview(client_id, request);
    if (!review.ok()) return Fail(review.status());
    const auto bytes = PackBytes(*review, PackOptionsFor(engine, *review, language), format);
    if (!bytes.ok()) return Fail(bytes.status());
    const Status written = WriteFileAtomically(std::filesystem::path(out_dir) / name, *bytes);
    if (!written.ok()) return Fail(written);
  }
  std::fprintf(stderr, "wrote %zu %s pack%s to %s\n", brands.size(), std::string(Extension(format)).c_str(),
               brands.size() == 1 ? "" : "s", out_dir.c_str());
  return ExitCodeFor(ErrorCode::kOk);
}

}  // namespace agencykpi
