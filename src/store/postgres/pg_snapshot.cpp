#include "store/postgres/pg_snapshot.h"

#include <algorithm>
#include <cstring>
#include <utility>

#include "store/dataset_snapshot.h"
#include "store/postgres/pg_schema.h"
#include "store/postgres/pg_session.h"

namespace agencykpi {
namespace {

// In the tag, a PostgreSQL snapshot carries no dataset version: it is
// written beside the import's parts, before the swap numbers the version,
// and the import id alone (fresh at every import) names the state.
constexpr int64_t kUntaggedVersion = 0;

// Sends the bytes as rows of kPgSnapshotChunkBytes, numbered from 0.
class ChunkSink final : public SnapshotSink {
 public:
  ChunkSink(PgConnection& db, const std::string& agency, const std::string& import_id)
      : db_(db), agency_(agency), import_id_(import_id) {
    buffer_.reserve(kPgSnapshotChunkBytes);
  }

  Status Write(const void* data, size_t size) override {
    const auto* bytes = static_cast<const char*>(data);
    while (size > 0) {
      const size_t taken = std::min(size, kPgSnapshotChunkBytes - buffer_.size());
      buffer_.append(bytes, taken);
      bytes += taken;
      size -= taken;
      if (buffer_.size() == kPgSnapshotChunkBytes) {
        Status sent = Flush();
        if (!sent.ok()) return sent;
      }
    }
    return Status::Ok();
  }

  // Sends what is buffered as the next chunk.
  Status Flush() {
    if (buffer_.empty()) return Status::Ok();
    auto inserted = db_.QueryWithBytes("INSERT INTO " + std::string(kPgSnapshotsTable) +
                                           " (agency_id, import_id, chunk, bytes) VALUES ($1, $2, $3, $4)",
                                       {agency_, import_id_, std::to_string(next_chunk_)}, buffer_);
    if (!inserted.ok()) return inserted.status();
    ++next_chunk_;
    buffer_.clear();
    return Status::Ok();
  }

 private:
  PgConnection& db_;
  const std::string& agency_;
  const std::string& import_id_;
  std::string buffer_;
  int64_t next_chunk_ = 0;
};

// Reads the chunks in turn, one in memory at a time.
class ChunkSource final : public SnapshotSource {
 public:
  ChunkSource(PgConnection& db, const std::string& agency, const std::string& import_id, int64_t chunks, size_t size)
      : db_(db), agency_(agency), import_id_(import_id), chunks_(chunks), size_(size) {}

  [[nodiscard]] size_t size() const override { return size_; }

  bool Read(void* out, size_t size) override {
    auto* at = static_cast<char*>(out);
    while (size > 0) {
      if (offset_ == chunk_.size() && !Next()) return false;
      const size_t taken = std::min(size, chunk_.size() - offset_);
      std::memcpy(at, chunk_.data() + offset_, taken);
      at += taken;
      offset_ += taken;
      size -= taken;
    }
    return true;
  }

  // The server's failure, if reading a chunk failed on one.
  [[nodiscard]] const Status& status() const { return status_; }

 private:
  bool Next() {
    if (next_chunk_ >= chunks_) return false;
    auto row = db_.QueryBinary("SELECT bytes FROM " + std::string(kPgSnapshotsTable) +
                                   " WHERE agency_id = $1 AND import_id = $2 AND chunk = $3",
                               {agency_, import_id_, std::to_string(next_chunk_)});
    if (!row.ok()) {
      status_ = row.status();
      return false;
    }
    if (row->rows() != 1 || row->IsNull(0, 0)) return false;  // a chunk missing: not whole
    result_ = std::move(*row);
    chunk_ = result_.Text(0, 0);
    offset_ = 0;
    ++next_chunk_;
    return !chunk_.empty();
  }

  PgConnection& db_;
  const std::string& agency_;
  const std::string& import_id_;
  int64_t chunks_;
  size_t size_;
  int64_t next_chunk_ = 0;
  PgResult result_;
  std::string_view chunk_;
  size_t offset_ = 0;
  Status status_ = Status::Ok();
};

}  // namespace

Status WritePgSnapshot(PgConnection& db, const std::string& agency, const std::string& import_id, const Dataset& data,
                       const CancelToken* cancel) {
  ChunkSink sink(db, agency, import_id);
  Status status = WriteDatasetSnapshot(sink, data, SnapshotTag{kUntaggedVersion, import_id}, cancel);
  return status.ok() ? sink.Flush() : status;
}

Result<std::optional<Dataset>> ReadPgSnapshot(PgConnection& db, const std::string& agency,
                                              const std::string& import_id) {
  // The sizes only: octet_length of a value stored apart reads its header.
  auto sizes = db.Query("SELECT count(*), coalesce(sum(octet_length(bytes)), 0), coalesce(max(chunk), -1) FROM " +
                            std::string(kPgSnapshotsTable) + " WHERE agency_id = $1 AND import_id = $2",
                        {agency, import_id});
  if (!sizes.ok()) return sizes.status();
  const int64_t chunks = sizes->Int64(0, 0);
  if (chunks == 0 || sizes->Int64(0, 2) != chunks - 1) return std::optional<Dataset>();
  ChunkSource source(db, agency, import_id, chunks, static_cast<size_t>(sizes->Int64(0, 1)));
  std::optional<Dataset> data = ReadDatasetSnapshot(source, SnapshotTag{kUntaggedVersion, import_id});
  if (!source.status().ok()) return source.status();
  return data;
}

PendingPgSnapshot::PendingPgSnapshot(const std::string& uri, const std::string& agency, const std::string& import_id,
                                     const Dataset& data)
    : writer_([this, &uri, &agency, &import_id, &data] {
        written_ = Write(uri, agency, import_id, data);
        if (!counted_down_) locked_.count_down();
      }) {}

PendingPgSnapshot::~PendingPgSnapshot() {
  abandon_.Cancel();  // a no-op once it is written
  if (writer_.joinable()) writer_.join();
}

Status PendingPgSnapshot::Finish() {
  if (writer_.joinable()) writer_.join();
  return written_;
}

Status PendingPgSnapshot::Write(const std::string& uri, const std::string& agency, const std::string& import_id,
                                const Dataset& data) {
  auto connected = PgConnection::Connect(uri);
  if (!connected.ok()) return connected.status();
  PgSession session(std::move(*connected));
  return session.Run(/*read_only=*/false, [&](PgConnection& db) -> Status {
    auto transaction = PgTransaction::Begin(db, agency, "ISOLATION LEVEL READ COMMITTED");
    if (!transaction.ok()) return transaction.status();
    Status status = db.Exec("LOCK TABLE " + std::string(kPgSnapshotsTable) + " IN ROW EXCLUSIVE MODE");
    if (!status.ok()) return status;
    counted_down_ = true;
    locked_.count_down();
    status = WritePgSnapshot(db, agency, import_id, data, &abandon_);
    return status.ok() ? transaction->Commit() : status;
  });
}

}  // namespace agencykpi
