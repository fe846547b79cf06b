// The columnar snapshot beside the database: exact round trip, and never
// used when it is stale, damaged or torn.
#include "store/dataset_snapshot.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdint>
#include <cstring>
#include <fstream>
#include <string>

#include "store/import_id.h"
#include "store/sqlite_store.h"
#include "test_datasets.h"

namespace agencykpi {
namespace {

using testing::ExpectSameDataset;
using testing::MakeSmallDataset;
using testing::MakeSyntheticDataset;

class SnapshotTest : public testing::TempDirTest {
 protected:

  static void FlipByte(const std::filesystem::path& file, std::streamoff at) {
    std::fstream io(file, std::ios::in | std::ios::out | std::ios::binary);
    io.seekg(at);
    char byte = 0;
    io.get(byte);
    io.seekp(at);
    io.put(static_cast<char>(byte ^ 0x5A));
  }

  // A tag of `version` with a fixed import id made of `digit`.
  static SnapshotTag Tag(int64_t version, char digit = 'a') {
    return SnapshotTag{version, std::string(kImportIdHexChars, digit)};
  }
};

TEST_F(SnapshotTest, RoundTripKeepsEveryFieldOfEveryTable) {
  const Dataset small = MakeSmallDataset();
  ASSERT_TRUE(WriteDatasetSnapshot(dir_ / "s", small, Tag(7)).ok());
  const auto read = ReadDatasetSnapshot(dir_ / "s", Tag(7));
  ASSERT_TRUE(read);
  ExpectSameDataset(small, *read);

  const Dataset big = MakeSyntheticDataset(20000, 3000);
  ASSERT_TRUE(WriteDatasetSnapshot(dir_ / "b", big, Tag(1)).ok());
  const auto big_read = ReadDatasetSnapshot(dir_ / "b", Tag(1));
  ASSERT_TRUE(big_read);
  ExpectSameDataset(big, *big_read);
}

TEST_F(SnapshotTest, AnotherDatasetVersionIsNotUsed) {
  ASSERT_TRUE(WriteDatasetSnapshot(dir_ / "s", MakeSmallDataset(), Tag(3)).ok());
  EXPECT_FALSE(ReadDatasetSnapshot(dir_ / "s", Tag(4)));
  EXPECT_FALSE(ReadDatasetSnapshot(dir_ / "missing", Tag(3)));
}

// Two databases of the same version (one copied over the other) differ by
// their import id: the snapshot of one is never used for the other.
TEST_F(SnapshotTest, AnotherImportIdOfTheSameVersionIsNotUsed) {
  ASSERT_TRUE(WriteDatasetSnapshot(dir_ / "s", MakeSmallDataset(), Tag(3, 'a')).ok());
  EXPECT_FALSE(ReadDatasetSnapshot(dir_ / "s", Tag(3, 'b')));
  EXPECT_FALSE(ReadDatasetSnapshot(dir_ / "s", SnapshotTag{3, ""}));
  EXPECT_TRUE(ReadDatasetSnapshot(dir_ / "s", Tag(3, 'a')));
}

// The layout over any byte stream (the PostgreSQL store keeps it in rows):
// written front to back in pieces of any size, read back whole; a stream
// longer or shorter than the snapshot, or a sink that fails, is seen.
class MemorySink final : public SnapshotSink {
 public:
  explicit MemorySink(size_t fail_after = SIZE_MAX) : fail_after_(fail_after) {}
  Status Write(const void* data, size_t size) override {
    if (bytes.size() + size > fail_after_) return Status::Io("the sink is full");
    bytes.append(static_cast<const char*>(data), size);
    return Status::Ok();
  }
  std::string bytes;

 private:
  size_t fail_after_;
};

class MemorySource final : public SnapshotSource {
 public:
  explicit MemorySource(std::string bytes) : bytes_(std::move(bytes)) {}
  [[nodiscard]] size_t size() const override { return bytes_.size(); }
  bool Read(void* out, size_t size) override {
    if (size > bytes_.size() - at_) return false;
    std::memcpy(out, bytes_.data() + at_, size);
    at_ += size;
    return true;
  }

 private:
  std::string bytes_;
  size_t at_ = 0;
};

TEST_F(SnapshotTest, AStreamHoldsTheSameLayoutAndItsLengthIsChecked) {
  const Dataset big = MakeSyntheticDataset(5000, 500);
  MemorySink sink;
  ASSERT_TRUE(WriteDatasetSnapshot(sink, big, Tag(0)).ok());
  MemorySource whole(sink.bytes);
  const auto read = ReadDatasetSnapshot(whole, Tag(0));
  ASSERT_TRUE(read);
  ExpectSameDataset(big, *read);
  MemorySource longer(sink.bytes + std::string(8, '\0'));
  EXPECT_FALSE(ReadDatasetSnapshot(longer, Tag(0)));
  MemorySource shorter(sink.bytes.substr(0, sink.bytes.size() - 1));
  EXPECT_FALSE(ReadDatasetSnapshot(shorter, Tag(0)));
  MemorySource empty("");
  EXPECT_FALSE(ReadDatasetSnapshot(empty, Tag(0)));

  MemorySink full(sink.bytes.size() / 2);
  const Status status = WriteDatasetSnapshot(full, big, Tag(0));
  EXPECT_EQ(status.code(), ErrorCode::kIo);
  EXPECT_EQ(status.message(), "the sink is full");
}

TEST_F(SnapshotTest, AFullDiskIsReportedWithTheSystemReasonAndLeavesNoFile) {
  // The temporary file is the full device: the flush fails with ENOSPC.
  const auto file = dir_ / "s";
  std::filesystem::create_symlink("/dev/full", SnapshotTemporaryFile(file));
  const Status status = WriteDatasetSnapshot(file, MakeSyntheticDataset(5000, 500), Tag(1));
  ASSERT_FALSE(status.ok());
  EXPECT_EQ(status.code(), ErrorCode::kIo);
  EXPECT_NE(status.message().find("No space left on device"), std::string::npos) << status.message();
  EXPECT_NE(status.message().find(file.string()), std::string::npos) << status.message();
  EXPECT_FALSE(std::filesystem::exists(file));
  EXPECT_FALSE(std::filesystem::exists(std::filesystem::symlink_status(SnapshotTemporaryFile(file))));
}

TEST_F(SnapshotTest, AnUnwritablePlaceIsReportedWithTheSystemReason) {
  const auto file = dir_ / "s";
  std::filesystem::create_directory(SnapshotTemporaryFile(file));  // in the way of the temporary file
  const Status status = WriteDatasetSnapshot(file, MakeSmallDataset(), Tag(1));
  ASSERT_FALSE(status.ok());
  EXPECT_NE(status.message().find("Is a directory"), std::string::npos) << status.message();
  EXPECT_FALSE(std::filesystem::exists(file));
}

TEST_F(SnapshotTest, ACancelledWriteLeavesNoFile) {
  CancelToken cancel;
  cancel.Cancel();
  const auto file = dir_ / "s";
  const Status status = WriteDatasetSnapshot(file, MakeSmallDataset(), Tag(1), &cancel);
  EXPECT_EQ(status.code(), ErrorCode::kCancelled) << status.message();
  EXPECT_FALSE(std::filesystem::exists(file));
  EXPECT_FALSE(std::filesystem::exists(SnapshotTemporaryFile(file)));
}

TEST_F(SnapshotTest, DamagedOrTruncatedFilesAreNotUsed) {
  const Dataset big = MakeSyntheticDataset(5000, 500);
  ASSERT_TRUE(WriteDatasetSnapshot(dir_ / "s", big, Tag(1)).ok());
  const auto size = static_cast<std::streamoff>(std::filesystem::file_size(dir_ / "s"));
  for (const std::streamoff at : {std::streamoff{40}, size / 2, size - 20}) {
    SCOPED_TRACE(at);
    std::filesystem::copy_file(dir_ / "s", dir_ / "d", std::filesystem::copy_options::overwrite_existing);
    FlipByte(dir_ / "d", at);
    EXPECT_FALSE(ReadDatasetSnapshot(dir_ / "d", Tag(1)));
  }
  std::filesystem::copy_file(dir_ / "s", dir_ / "t");
  std::filesystem::resize_file(dir_ / "t", static_cast<uintmax_t>(size - 100));
  EXPECT_FALSE(ReadDatasetSnapshot(dir_ / "t", Tag(1)));
}

TEST_F(SnapshotTest, StoreLoadsTheSnapshotOfItsVersionAndRebuildsAMissingOne) {
  const auto db = dir_ / "agency.db";
  const auto snapshot = std::filesystem::path(db.string() + kSnapshotSuffix);
  auto store = OpenSqliteStore(db);
  ASSERT_TRUE(store.ok());
  const Dataset small = MakeSmallDataset();
  ASSERT_TRUE((*store)->ReplaceDataset(small, "first").ok());
  EXPECT_TRUE(std::filesystem::exists(snapshot));
  ExpectSameDataset(small, (*store)->LoadDataset().value());

  std::filesystem::remove(snapshot);
  ExpectSameDataset(small, (*store)->LoadDataset().value());  // from SQLite
  EXPECT_TRUE(std::filesystem::exists(snapshot));             // and written again
}

TEST_F(SnapshotTest, AStaleSnapshotIsIgnoredAfterAnotherImport) {
  const auto db = dir_ / "agency.db";
  const auto snapshot = std::filesystem::path(db.string() + kSnapshotSuffix);
  auto store = OpenSqliteStore(db);
  ASSERT_TRUE(store.ok());
  ASSERT_TRUE((*store)->ReplaceDataset(MakeSmallDataset(), "first").ok());
  std::filesystem::copy_file(snapshot, dir_ / "old");
  const Dataset big = MakeSyntheticDataset(2000, 300);
  ASSERT_TRUE((*store)->ReplaceDataset(big, "second").ok());
  // Put the first import's snapshot back, as a crash before the rename would leave it.
  std::filesystem::copy_file(dir_ / "old", snapshot, std::filesystem::copy_options::overwrite_existing);
  ExpectSameDataset(big, (*store)->LoadDataset().value());
}

}  // namespace
}  // namespace agencykpi
