#include "store/dataset_snapshot.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <string>
#include <type_traits>
#include <vector>

#include "domain/dataset_binding.h"
#include "store/import_id.h"

namespace agencykpi {
namespace {

constexpr char kMagic[8] = {'A', 'K', 'P', 'I', 'S', 'N', 'A', 'P'};
// 2: the import id in the header; 3: store sales; 4: catalogue order; 5: fee,
// weekly_hours; 6: the payload's size in a trailer (written front to back).
constexpr uint64_t kFormat = 6;
constexpr uint64_t kHashPrime = 0x100000001b3ULL;
constexpr uint64_t kHashSeed = 0xcbf29ce484222325ULL;

// A checksum of a byte block, a word at a time (it guards against torn or
// damaged files, not against an adversary).
uint64_t BlockHash(const void* data, size_t size) {
  const auto* bytes = static_cast<const unsigned char*>(data);
  uint64_t h = kHashSeed ^ size;
  size_t i = 0;
  for (; i + 8 <= size; i += 8) {
    uint64_t word;
    std::memcpy(&word, bytes + i, 8);
    h = (h ^ word) * kHashPrime;
  }
  for (; i < size; ++i) h = (h ^ bytes[i]) * kHashPrime;
  return h;
}

class SnapshotWriter {
 public:
  SnapshotWriter(SnapshotSink& sink, const CancelToken* cancel) : sink_(sink), cancel_(cancel) {}

  void Bytes(const void* data, size_t size) {
    if (size == 0 || !status_.ok()) return;
    if (IsCancelled(cancel_)) {
      status_ = Status::Cancelled("the snapshot was abandoned");
      return;
    }
    status_ = sink_.Write(data, size);
    hash_ = ((hash_ << 1) | (hash_ >> 63)) ^ BlockHash(data, size);
    size_ += size;
  }
  void U64(uint64_t value) { Bytes(&value, sizeof value); }
  void BeginTable(size_t) {}  // the layout marks no table boundary

  template <typename T>
  void Column(const std::vector<T>& column) {
    static_assert(std::is_trivially_copyable_v<T>);
    U64(column.size());
    Bytes(column.data(), column.size() * sizeof(T));
  }

  // Strings as their lengths, then all their bytes.
  void Texts(const std::vector<std::string>& texts) { TextsOf(texts, [](const std::string& t) -> const std::string& { return t; }); }
  template <typename Row>
  void Text(const std::vector<Row>& rows, std::string Row::*field) {
    TextsOf(rows, [field](const Row& row) -> const std::string& { return row.*field; });
  }

  // One plain field of every row of a reference table, as a column.
  template <typename Row, typename T>
  void Pod(const std::vector<Row>& rows, T Row::*field) {
    std::vector<T> column;
    column.reserve(rows.size());
    for (const Row& row : rows) column.push_back(row.*field);
    Column(column);
  }

  [[nodiscard]] const Status& status() const { return status_; }
  [[nodiscard]] uint64_t hash() const { return hash_; }
  [[nodiscard]] uint64_t size() const { return size_; }

 private:
  template <typename Rows, typename Get>
  void TextsOf(const Rows& rows, Get get) {
    std::vector<uint32_t> lengths;
    lengths.reserve(rows.size());
    size_t total = 0;
    for (const auto& row : rows) {
      lengths.push_back(static_cast<uint32_t>(get(row).size()));
      total += get(row).size();
    }
    Column(lengths);
    U64(total);
    std::string block;
    block.reserve(total);
    for (const auto& row : rows) block += get(row);
    Bytes(block.data(), block.size());
  }

  SnapshotSink& sink_;
  const CancelToken* cancel_;
  Status status_ = Status::Ok();
  uint64_t hash_ = kHashSeed;
  uint64_t size_ = 0;
};

// Reads a payload of `size` bytes from the source straight into the
// dataset's columns; every count is held to what is left of the payload
// before anything is allocated for it.
class SnapshotReader {
 public:
  SnapshotReader(SnapshotSource& source, size_t size) : source_(source), size_(size) {}

  bool Bytes(void* out, size_t size) {
    if (size > size_ - offset_) return Fail();
    if (size == 0) return true;
    if (!source_.Read(out, size)) return Fail();
    hash_ = ((hash_ << 1) | (hash_ >> 63)) ^ BlockHash(out, size);
    offset_ += size;
    return true;
  }
  bool U64(uint64_t& value) { return Bytes(&value, sizeof value); }
  void BeginTable(size_t) {}

  template <typename T>
  bool Column(std::vector<T>& column) {
    uint64_t count = 0;
    if (!U64(count) || count > (size_ - offset_) / sizeof(T)) return Fail();
    column.resize(count);
    return Bytes(column.data(), count * sizeof(T));
  }

  bool Texts(std::vector<std::string>& texts) {
    return TextsOf(texts, [](std::string& t) -> std::string& { return t; });
  }
  template <typename Row>
  bool Text(std::vector<Row>& rows, std::string Row::*field) {
    return TextsOf(rows, [field](Row& row) -> std::string& { return row.*field; });
  }

  template <typename Row, typename T>
  bool Pod(std::vector<Row>& rows, T Row::*field) {
    std::vector<T> column;
    if (!Column(column)) return false;
    if (rows.size() != column.size()) rows.resize(column.size());
    for (size_t i = 0; i < column.size(); ++i) rows[i].*field = column[i];
    return true;
  }

  [[nodiscard]] uint64_t hash() const { return hash_; }
  [[nodiscard]] size_t offset() const { return offset_; }
  [[nodiscard]] bool failed() const { return failed_; }

 private:
  template <typename Rows, typename Get>
  bool TextsOf(Rows& rows, Get get) {
    std::vector<uint32_t> lengths;
    uint64_t block_size = 0;
    if (!Column(lengths) || !U64(block_size) || block_size > size_ - offset_) return Fail();
    std::string block(block_size, '\0');
    if (!Bytes(block.data(), block.size())) return false;
    if (rows.size() != lengths.size()) rows.resize(lengths.size());
    uint64_t at = 0;
    for (size_t i = 0; i < lengths.size(); ++i) {
      if (lengths[i] > block_size - at) return Fail();
      get(rows[i]).assign(block.data() + at, lengths[i]);
      at += lengths[i];
    }
    return at == block_size || Fail();
  }

  bool Fail() {
    failed_ = true;
    return false;
  }
  SnapshotSource& source_;
  size_t size_;
  size_t offset_ = 0;
  uint64_t hash_ = kHashSeed;
  bool failed_ = false;
};

// The one description of the layout, for writing and reading alike: `io` is
// a SnapshotWriter over a const Dataset or a SnapshotReader over a Dataset.
// The metric keys, then every catalogue table in catalogue order, each
// column of its binding (domain/dataset_binding.h) in catalogue order.
// Changing the layout means bumping kFormat.
template <typename Io, typename Data>
void Transfer(Io& io, Data& d) {
  io.Texts(d.metrics);
  ForEachBinding([&](auto table_index, auto binding) {
    using B = decltype(binding);
    io.BeginTable(table_index);
    auto& table = BoundTable<B>(d);
    ForEachBoundColumn<B>([&](auto, auto member) {
      if constexpr (kIsRowTable<B>) {
        if constexpr (std::is_same_v<std::remove_cvref_t<decltype(table.front().*member)>, std::string>) {
          io.Text(table, member);
        } else {
          io.Pod(table, member);
        }
      } else if constexpr (std::is_same_v<std::remove_cvref_t<decltype(table.*member)>, std::vector<std::string>>) {
        io.Texts(table.*member);
      } else {
        io.Column(table.*member);
      }
    });
  });
}

struct Header {
  char magic[8];
  uint64_t format;
  uint64_t dataset_version;
  char import_id[kImportIdHexChars];
};
struct Trailer {
  uint64_t payload_size;
  uint64_t hash;
};

// The first failing step's errno text, or why else nothing was written.
std::string Reason(int error_number) {
  return error_number != 0 ? std::strerror(error_number) : "write failed";
}

// A file being written: the first failure keeps its errno text.
class FileSink final : public SnapshotSink {
 public:
  explicit FileSink(std::FILE* file) : file_(file) {}
  Status Write(const void* data, size_t size) override {
    if (std::fwrite(data, 1, size, file_) == size) return Status::Ok();
    return Status::Io(Reason(errno));
  }

 private:
  std::FILE* file_;
};

// An open file, read from its start.
class FileSource final : public SnapshotSource {
 public:
  FileSource(int fd, size_t size) : fd_(fd), size_(size) {}
  [[nodiscard]] size_t size() const override { return size_; }
  bool Read(void* out, size_t size) override {
    auto* at = static_cast<unsigned char*>(out);
    for (size_t done = 0; done < size;) {
      const ssize_t got = ::read(fd_, at + done, size - done);
      if (got <= 0) return false;
      done += static_cast<size_t>(got);
    }
    return true;
  }

 private:
  int fd_;
  size_t size_;
};

// An `io` for Transfer that only counts the columns it is given, per
// catalogue table.
class ColumnCounter {
 public:
  void BeginTable(size_t table) { table_ = table; }
  template <typename T>
  void Column(const std::vector<T>&) { Count(); }
  void Texts(const std::vector<std::string>&) { Count(); }
  template <typename Row>
  void Text(const std::vector<Row>&, std::string Row::*) { Count(); }
  template <typename Row, typename T>
  void Pod(const std::vector<Row>&, T Row::*) { Count(); }

  [[nodiscard]] const std::array<size_t, kTableCount>& counts() const { return counts_; }

 private:
  void Count() {
    if (table_ < kTableCount) ++counts_[table_];  // the metric keys come before any table
  }

  size_t table_ = kTableCount;
  std::array<size_t, kTableCount> counts_{};
};

}  // namespace

std::filesystem::path SnapshotTemporaryFile(const std::filesystem::path& file) {
  return file.string() + ".tmp";
}

Status WriteDatasetSnapshot(SnapshotSink& sink, const Dataset& data, const SnapshotTag& tag,
                            const CancelToken* cancel) {
  if (tag.import_id.size() != kImportIdHexChars) {
    return Status::Internal("snapshot import id of " + std::to_string(tag.import_id.size()) + " characters");
  }
  Header header{};
  std::memcpy(header.magic, kMagic, sizeof kMagic);
  header.format = kFormat;
  header.dataset_version = static_cast<uint64_t>(tag.dataset_version);
  std::memcpy(header.import_id, tag.import_id.data(), kImportIdHexChars);
  Status status = sink.Write(&header, sizeof header);
  if (!status.ok()) return status;
  SnapshotWriter writer(sink, cancel);
  Transfer(writer, data);
  if (!writer.status().ok()) return writer.status();
  const Trailer trailer{writer.size(), writer.hash()};
  return sink.Write(&trailer, sizeof trailer);
}

std::optional<Dataset> ReadDatasetSnapshot(SnapshotSource& source, const SnapshotTag& tag) {
  if (tag.import_id.size() != kImportIdHexChars || source.size() < sizeof(Header) + sizeof(Trailer)) {
    return std::nullopt;
  }
  Header header{};
  if (!source.Read(&header, sizeof header)) return std::nullopt;
  if (std::memcmp(header.magic, kMagic, sizeof kMagic) != 0 || header.format != kFormat ||
      header.dataset_version != static_cast<uint64_t>(tag.dataset_version) ||
      std::memcmp(header.import_id, tag.import_id.data(), kImportIdHexChars) != 0) {
    return std::nullopt;
  }
  const size_t payload_size = source.size() - sizeof(Header) - sizeof(Trailer);
  SnapshotReader reader(source, payload_size);
  Dataset data;
  Transfer(reader, data);
  Trailer trailer{};
  if (reader.failed() || reader.offset() != payload_size || !source.Read(&trailer, sizeof trailer) ||
      trailer.payload_size != payload_size || trailer.hash != reader.hash()) {
    return std::nullopt;
  }
  return data;
}

Status WriteDatasetSnapshot(const std::filesystem::path& file, const Dataset& data, const SnapshotTag& tag,
                            const CancelToken* cancel) {
  if (tag.import_id.size() != kImportIdHexChars) {
    return Status::Internal("snapshot import id of " + std::to_string(tag.import_id.size()) + " characters");
  }
  const std::filesystem::path temporary = SnapshotTemporaryFile(file);
  std::FILE* out = std::fopen(temporary.c_str(), "wb");
  if (out == nullptr) {
    return Status::Io("cannot write the snapshot " + temporary.string() + ": " + Reason(errno));
  }
  FileSink sink(out);
  Status status = WriteDatasetSnapshot(sink, data, tag, cancel);
  // Remembers the errno of the first failing step after the payload.
  const auto step = [&status](bool done) {
    if (!done && status.ok()) status = Status::Io(Reason(errno != 0 ? errno : EIO));
  };
  if (status.ok()) step(std::fflush(out) == 0);
  if (status.ok()) step(::fsync(fileno(out)) == 0);
  step(std::fclose(out) == 0);
  std::error_code ec;
  if (status.ok()) std::filesystem::rename(temporary, file, ec);
  if (status.ok() && !ec) return Status::Ok();
  std::error_code ignored;
  std::filesystem::remove(temporary, ignored);
  std::filesystem::remove(file, ignored);  // never leave a snapshot that may be stale
  if (IsCancelled(cancel) || status.code() == ErrorCode::kCancelled) {
    return Status::Cancelled("the snapshot " + file.string() + " was abandoned");
  }
  const std::string reason = ec ? ec.message() : status.message();
  return Status::Io("cannot write the snapshot " + file.string() + ": " + reason);
}

std::optional<Dataset> ReadDatasetSnapshot(const std::filesystem::path& file, const SnapshotTag& tag) {
  const int fd = ::open(file.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return std::nullopt;
  struct Closer {
    int fd;
    ~Closer() { ::close(fd); }
  } closer{fd};
  struct stat info {};
  if (::fstat(fd, &info) != 0) return std::nullopt;
  ::posix_fadvise(fd, 0, 0, POSIX_FADV_SEQUENTIAL);
  FileSource source(fd, static_cast<size_t>(info.st_size));
  return ReadDatasetSnapshot(source, tag);
}

std::array<size_t, kTableCount> SnapshotColumnsPerTable() {
  const Dataset empty;
  ColumnCounter counter;
  Transfer(counter, empty);
  return counter.counts();
}

}  // namespace agencykpi
