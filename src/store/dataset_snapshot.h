// A columnar snapshot of a Dataset in one file beside the database: the fast
// path from the store to memory. The database stays the source of truth; the
// snapshot is a cache of its latest import, tagged with the dataset version,
// and is only used when that version matches the database's.
//
// Layout: a header (magic, format, dataset version, payload size), then
// every column of every table as a count and its raw little-endian bytes
// (strings as lengths and one byte block), then a checksum of the payload.
// Reading copies each column straight from the file into its vector with one
// read, so a 10-million-entry agency loads at disk-cache speed instead of row
// by row, and no copy of the file stays resident beside the dataset.
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>

#include "common/status.h"
#include "domain/dataset.h"

namespace agencykpi {

// Writes the snapshot atomically: a temporary file, flushed to disk, then
// renamed over `file`. On failure `file` is left as it was or removed, never
// half-written.
Status WriteDatasetSnapshot(const std::filesystem::path& file, const Dataset& data, int64_t dataset_version);

// The dataset of `file` if it exists, is intact and holds `dataset_version`;
// nullopt otherwise (the caller then reads the database).
std::optional<Dataset> ReadDatasetSnapshot(const std::filesystem::path& file, int64_t dataset_version);

}  // namespace agencykpi
