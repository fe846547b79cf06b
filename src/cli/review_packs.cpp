#include "cli/review_packs.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <iterator>
#include <set>
#include <vector>

#include "kpi/brand_activity.h"
#include "report/pack_file_name.h"
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

Status WriteAll(int fd, std::string_view bytes, const std::string& path) {
  while (!bytes.empty()) {
    const ssize_t written = ::write(fd, bytes.data(), bytes.size());
    if (written < 0 && errno == EINTR) continue;
    if (written <= 0) return Status::Io("cannot write " + path + ": " + std::strerror(errno));
    bytes.remove_prefix(static_cast<size_t>(written));
  }
  return Status::Ok();
}

Status WriteBytes(const std::string& path, std::string_view bytes) {
  const int fd = ::open(path.c_str(), O_WRONLY | O_TRUNC | O_CLOEXEC);
  if (fd < 0) return Status::Io("cannot open " + path + ": " + std::strerror(errno));
  Status status = WriteAll(fd, bytes, path);
  if (status.ok() && ::fsync(fd) != 0)
    status = Status::Io("cannot write " + path + ": " + std::strerror(errno));
  if (::close(fd) != 0 && status.ok())
    status = Status::Io("cannot write " + path + ": " + std::strerror(errno));
  return status;
}

// The options of a review's pack: its language, and the previous period's
// DN by month for the chart (the review of P0, seen from the same date).
ReviewPackOptions PackOptions(const KpiEngine& engine, const Review& review, const ReportRequest& request,
                              Language language) {
  ReviewPackOptions options;
  options.language = language;
  const ReportRequest previous{review.period.previous, request.as_of, request.grace_days};
  auto before = engine.BrandReview(review.client.client_id, previous);
  if (before.ok()) options.previous_dn_by_month = std::move(before->dn_by_month);
  return options;
}

// Writes the pack to `temp_path`, which exists and may be overwritten.
Status RenderPack(const Review& review, const ReviewPackOptions& options, ReviewFormat format,
                  const std::string& temp_path) {
  if (format == ReviewFormat::kXlsx) return WriteReviewXlsx(review, options, temp_path);
  auto pdf = RenderReviewPdf(review, options);
  if (!pdf.ok()) return pdf.status();
  return WriteBytes(temp_path, *pdf);
}

Status CopyToStdout(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  const std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  if (!in.good() && !in.eof()) return Status::Io("cannot read back " + path);
  if (std::fwrite(bytes.data(), 1, bytes.size(), stdout) != bytes.size() || std::fflush(stdout) != 0) {
    return Status::Io("cannot write the pack to standard output");
  }
  return Status::Ok();
}

}  // namespace

Status WriteFileAtomically(const std::filesystem::path& path,
                           const std::function<Status(const std::string& temp_path)>& write) {
  const std::filesystem::path folder =
      path.has_parent_path() ? path.parent_path() : std::filesystem::path(".");
  // Hidden, and unique: mkstemp creates it, so no other file is overwritten.
  std::string temp = (folder / ("." + path.filename().string() + ".XXXXXX")).string();
  const int fd = ::mkstemp(temp.data());
  if (fd < 0) return Status::Io("cannot create a file in " + folder.string() + ": " + std::strerror(errno));
  // mkstemp makes it private (0600); a pack is an ordinary file, as the umask says.
  const mode_t mask = ::umask(0);
  ::umask(mask);
  ::fchmod(fd, static_cast<mode_t>(0666 & ~mask));
  ::close(fd);
  Status status = write(temp);
  if (status.ok() && std::rename(temp.c_str(), path.c_str()) != 0) {
    status = Status::Io("cannot write " + path.string() + ": " + std::strerror(errno));
  }
  if (!status.ok()) std::remove(temp.c_str());
  return status;
}

int WriteReviewPack(const KpiEngine& engine, const Review& review, const ReportRequest& request,
                    ReviewFormat format, Language language, const std::string& out) {
  const ReviewPackOptions options = PackOptions(engine, review, request, language);
  const auto render = [&](const std::string& temp_path) {
    return RenderPack(review, options, format, temp_path);
  };
  if (!out.empty()) {
    const Status written = WriteFileAtomically(out, render);
    return written.ok() ? ExitCodeFor(ErrorCode::kOk) : Fail(written);
  }
  if (isatty(STDOUT_FILENO) == 1) {
    return Fail(Status::InvalidInput(std::string("--format ") + std::string(Extension(format)) +
                                     " writes a binary file: give --out FILE, or redirect standard output"));
  }
  // Through a temporary file: libxlsxwriter writes files, not streams.
  const std::filesystem::path temp_dir = std::filesystem::temp_directory_path();
  std::string temp = (temp_dir / "agencykpi-review.XXXXXX").string();
  const int fd = ::mkstemp(temp.data());
  if (fd < 0) return Fail(Status::Io("cannot create a file in " + temp_dir.string()));
  ::close(fd);
  Status status = render(temp);
  if (status.ok()) status = CopyToStdout(temp);
  std::remove(temp.c_str());
  return status.ok() ? ExitCodeFor(ErrorCode::kOk) : Fail(status);
}

int WriteAllReviewPacks(const KpiEngine& engine, const ReportRequest& request, ReviewFormat format,
                        Language language, const std::string& out_dir) {
  std::error_code error;
  std::filesystem::create_directories(out_dir, error);
  if (error) return Fail(Status::Io("cannot create " + out_dir + ": " + error.message()));
  const Dataset& dataset = engine.dataset();
  // "In P": from its start to its effective end, min(end, as-of).
  const Day last = std::min(request.period.end, request.as_of);
  const std::vector<BrandActivity> brands = BrandsActiveIn(dataset, request.period.start, last);
  std::set<std::string> names;
  for (const BrandActivity& brand : brands) {
    const std::string& client_id = dataset.clients[brand.client].id;
    const std::string name = PackFileName(client_id, Extension(format));
    if (!names.insert(name).second) {
      return Fail(Status::Internal("two clients map to the pack name " + name + " (hash collision)"));
    }
    auto review = engine.BrandReview(client_id, request);
    if (!review.ok()) return Fail(review.status());
    const ReviewPackOptions options = PackOptions(engine, *review, request, language);
    const Status written = WriteFileAtomically(
        std::filesystem::path(out_dir) / name,
        [&](const std::string& temp) { return RenderPack(*review, options, format, temp); });
    if (!written.ok()) return Fail(written);
  }
  std::fprintf(stderr, "wrote %zu %s pack%s to %s\n", brands.size(), std::string(Extension(format)).c_str(),
               brands.size() == 1 ? "" : "s", out_dir.c_str());
  return ExitCodeFor(ErrorCode::kOk);
}

}  // namespace agencykpi
