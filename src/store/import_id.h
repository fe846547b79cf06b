// Import ids: a random tag given to every committed state of the store's
// data, so the columnar snapshot can prove it was written from exactly that
// state (the dataset version alone repeats across databases).
//
// Thread-safe: no shared state.
#pragma once

#include <cstddef>
#include <string>

#include "common/status.h"

namespace agencykpi {

constexpr size_t kImportIdBytes = 16;                     // 128 random bits
constexpr size_t kImportIdHexChars = 2 * kImportIdBytes;  // as stored: lowercase hex

// kImportIdBytes from the kernel's random source (getrandom, read fully), as
// kImportIdHexChars lowercase hex digits. Errors: kIo when the random source
// cannot be read.
Result<std::string> NewImportId();

}  // namespace agencykpi
