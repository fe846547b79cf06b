// The columnar snapshot of an agency's dataset kept in the database
// (kPgSnapshotsTable, store/dataset_snapshot.h's layout): the fast path of
// a load, as the SQLite store's snapshot file is. The tables stay the source
// of truth; a snapshot is tagged with the import id of the import that wrote
// it and is used only while the agency's row names that import. Changes
// made to the data outside an import clear every snapshot (pg_schema.h's
// guard triggers), so a load never trusts one that the tables have left
// behind.
//
// Thread safety: free functions over a caller-owned connection.
#pragma once

#include <latch>
#include <optional>
#include <string>
#include <thread>

#include "common/cancel.h"
#include "common/status.h"
#include "domain/dataset.h"
#include "store/postgres/pg_connection.h"

namespace agencykpi {

// The bytes of a snapshot per row: large enough that a load makes few round
// trips, small enough that a chunk in flight costs little memory.
inline constexpr size_t kPgSnapshotChunkBytes = size_t{8} << 20;

// Writes the snapshot of `data` for `agency`, tagged `import_id`, in the
// caller's transaction (its agency set): rows of kPgSnapshotChunkBytes.
// Errors: the server's; kCancelled when `cancel` was raised.
Status WritePgSnapshot(PgConnection& db, const std::string& agency, const std::string& import_id, const Dataset& data,
                       const CancelToken* cancel);

// The dataset of the agency's snapshot tagged `import_id`, read in the
// caller's transaction; nullopt when there is none or it is not whole.
// Errors: the server's.
Result<std::optional<Dataset>> ReadPgSnapshot(PgConnection& db, const std::string& agency,
                                              const std::string& import_id);

// An import's snapshot, written on a connection of its own while the import
// makes its parts, in a transaction of its own that locks the snapshots'
// table first: a change made outside the import (whose guard clears the
// snapshots) then either comes before that lock, and is overwritten by the
// swap, or waits for the snapshot to be committed and clears it. Destroyed
// unfinished (the import failed), it stops the writer at its next column
// and its transaction is rolled back.
class PendingPgSnapshot {
 public:
  // Starts writing at once. `data` and the strings must outlive it.
  PendingPgSnapshot(const std::string& uri, const std::string& agency, const std::string& import_id,
                    const Dataset& data);
  PendingPgSnapshot(const PendingPgSnapshot&) = delete;
  PendingPgSnapshot& operator=(const PendingPgSnapshot&) = delete;
  ~PendingPgSnapshot();

  // Waits until the writer holds the table's lock, or has failed: the swap
  // begins after it.
  void WaitUntilLocked() { locked_.wait(); }
  // Waits for the snapshot to be committed; why it could not be. Best
  // effort: without it the next load reads the tables.
  Status Finish();

 private:
  Status Write(const std::string& uri, const std::string& agency, const std::string& import_id, const Dataset& data);

  CancelToken abandon_;
  std::latch locked_{1};
  bool counted_down_ = false;  // touched by the writer only
  Status written_ = Status::Ok();
  std::jthread writer_;
};

}  // namespace agencykpi
