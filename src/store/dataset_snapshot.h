// A columnar snapshot of a Dataset in one file beside the database: the fast
// path from the store to memory. The database stays the source of truth; the
// snapshot is a cache of its latest import, tagged with the dataset version
// and the import id of the state it was written from, and is only used when
// both match the database's.
//
// Layout: a header (magic, format, dataset version, import id), every
// column of every table as a count and its raw little-endian bytes (strings
// as lengths and one byte block), then a trailer (the payload's size and
// checksum). It is written front to back, so any byte stream can hold it: a
// file (the SQLite store) or rows of a table (the PostgreSQL store). Reading
// copies each column straight from the stream into its vector, so a
// 10-million-entry agency loads at memory speed instead of row by row, and
// no copy of the whole snapshot stays resident beside the dataset.
#pragma once

#include <array>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>

#include "common/cancel.h"
#include "common/status.h"
#include "domain/catalogue.h"
#include "domain/dataset.h"

namespace agencykpi {

// Which committed state of the database a snapshot was written from.
struct SnapshotTag {
  int64_t dataset_version = 0;
  std::string import_id;  // kImportIdHexChars hex digits (store/import_id.h)
};

// Where a snapshot's bytes go, in order.
class SnapshotSink {
 public:
  virtual ~SnapshotSink() = default;
  // Appends `size` bytes; the first failure stops the writing and is returned.
  virtual Status Write(const void* data, size_t size) = 0;
};

// Where a snapshot's bytes come from, in order.
class SnapshotSource {
 public:
  virtual ~SnapshotSource() = default;
  // The snapshot's whole size in bytes, known before reading.
  [[nodiscard]] virtual size_t size() const = 0;
  // Reads exactly `size` bytes into `out`; false when they are not there.
  virtual bool Read(void* out, size_t size) = 0;
};

// Writes the snapshot of `data` to `sink`. Errors: the sink's first; kCancelled
// when `cancel` was raised (polled between columns); kInternal for a
// malformed tag.
Status WriteDatasetSnapshot(SnapshotSink& sink, const Dataset& data, const SnapshotTag& tag,
                            const CancelToken* cancel = nullptr);

// The dataset in `source` if it is intact and carries exactly `tag`; nullopt
// otherwise.
std::optional<Dataset> ReadDatasetSnapshot(SnapshotSource& source, const SnapshotTag& tag);

// The temporary file WriteDatasetSnapshot writes before renaming it to `file`.
std::filesystem::path SnapshotTemporaryFile(const std::filesystem::path& file);

// Writes the snapshot atomically: a temporary file, flushed to disk, then
// renamed over `file`. On failure `file` is left as it was or removed, never
// half-written. Errors: kIo naming the file and the system's reason (errno
// text: "No space left on device", …); kCancelled when `cancel` was raised
// (polled between columns); kInternal for a malformed tag.
Status WriteDatasetSnapshot(const std::filesystem::path& file, const Dataset& data, const SnapshotTag& tag,
                            const CancelToken* cancel = nullptr);

// The dataset of `file` if it exists, is intact and carries exactly `tag`;
// nullopt otherwise (the caller then reads the database).
std::optional<Dataset> ReadDatasetSnapshot(const std::filesystem::path& file, const SnapshotTag& tag);

// The columns the snapshot holds of each catalogue table, in catalogue order
// (metrics, which is no input table, apart): tests hold them to the
// catalogue, so a column added there and not here is seen.
std::array<size_t, kTableCount> SnapshotColumnsPerTable();

}  // namespace agencykpi
