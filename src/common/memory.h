// Process-wide allocator settings for the faces (cli, server, benchmarks).
#pragma once

namespace agencykpi {

// A report of a large agency allocates tens of megabytes and frees them when
// it is written; by default glibc returns such blocks to the kernel at once,
// so the next report pays a page fault for every 4 KiB again. This keeps
// freed memory in the process for reuse. A process that computes many
// reports (the server, a benchmark) calls it once its data is loaded and
// prepared — before, it would keep the loading's temporary memory resident.
void KeepFreedMemoryForReuse();

// Gives memory freed so far back to the system (after an import has replaced
// a dataset, say).
void ReturnFreedMemory();

}  // namespace agencykpi
