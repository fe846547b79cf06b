#include "common/memory.h"

#include <malloc.h>

namespace agencykpi {

void KeepFreedMemoryForReuse() {
  constexpr int kLargeBlockBytes = 1 << 30;  // served from the heap, not a fresh mapping
  mallopt(M_MMAP_THRESHOLD, kLargeBlockBytes);
  mallopt(M_TRIM_THRESHOLD, kLargeBlockBytes);
  // One arena: what a worker thread frees (a report's rows) is reused by the
  // next report whichever thread computes it, instead of each thread's arena
  // keeping its own copy resident.
  mallopt(M_ARENA_MAX, 1);
}

void ReturnFreedMemory() { malloc_trim(0); }

}  // namespace agencykpi
