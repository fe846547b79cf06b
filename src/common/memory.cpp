#include "common/memory.h"

#include <malloc.h>

namespace agencykpi {

void KeepFreedMemoryForReuse() {
  constexpr int kLargeBlockBytes = 1 << 30;  // served from the heap, not a fresh mapping
  mallopt(M_MMAP_THRESHOLD, kLargeBlockBytes);
  mallopt(M_TRIM_THRESHOLD, kLargeBlockBytes);
}

}  // namespace agencykpi
