// Every limit of the HTTP server, in one place, with safe defaults. Each
// line says why the value is what it is (docs/security.md lists them).
#pragma once

#include <chrono>
#include <cstddef>

namespace agencykpi::server_limits {

// --- one request -----------------------------------------------------------
// Header and trailer fields of one request together: far above any browser's.
constexpr size_t kMaxHeaderBytes = 16 * 1024;
// Bytes a connection buffers before the parser consumes them. Trailers are
// buffered whole before they are parsed, so this bounds them (and keeps every
// field far below Beast's 64 KiB per-field maximum, which throws).
constexpr size_t kConnectionBufferBytes = 2 * kMaxHeaderBytes;
constexpr size_t kMaxRequestBodyBytes = 1024 * 1024;        // everything but imports
constexpr size_t kMaxImportBodyBytes = 256 * 1024 * 1024;   // a zip or multipart agency folder

// --- every connection together -----------------------------------------------
// Open connections; beyond it a new one gets 503 and is closed at once. Each
// costs two descriptors at most and its buffers; 256 leaves room under the
// usual 1024-descriptor limit for the store and the dashboard's files.
constexpr int kMaxConnections = 256;
// Request bodies being received, all connections together, charged as their
// bytes arrive: one whole import plus 64 MiB of other requests; beyond it 503.
// (The default of ServerOptions::max_body_bytes_in_flight, as the body
// timeouts below are of its body_idle_timeout, min_rate_grace and
// min_body_bytes_per_second: tests shrink them, the product never does.)
constexpr size_t kMaxBodyBytesInFlight = kMaxImportBodyBytes + 64 * 1024 * 1024;
// Accept failing for want of descriptors (EMFILE/ENFILE): retry after a pause
// that doubles from the first to the last value instead of spinning.
constexpr std::chrono::milliseconds kAcceptBackoffFirst{50};
constexpr std::chrono::milliseconds kAcceptBackoffMax{1000};

// --- timeouts ----------------------------------------------------------------
constexpr std::chrono::seconds kReadTimeout{30};         // a header, or a small body
constexpr std::chrono::seconds kImportReadTimeout{300};  // the whole body of an import
// Between two pieces of a body being received: a stalled upload is dropped.
constexpr std::chrono::seconds kBodyIdleTimeout{10};
// After the first kMinRateGrace of a body, it must have arrived at this mean
// rate at least (a modem-class 32 KiB/s), so a trickled upload cannot hold its
// memory and the import slot for kImportReadTimeout.
constexpr std::chrono::seconds kMinRateGrace{10};
constexpr size_t kMinBodyBytesPerSecond = 32 * 1024;
constexpr std::chrono::seconds kWriteTimeout{60};
constexpr std::chrono::seconds kShutdownGrace{5};
// How often a request waiting for its import checks that its client is still there.
constexpr std::chrono::milliseconds kImportPollInterval{20};
// Retry-After of a 503 (an import already running, the body budget spent,
// the connection cap reached).
constexpr int kRetryAfterSeconds = 5;
// Following imports by other servers on the same database: the longest wait
// for news between two questions to the database, and the pause before
// reconnecting to a database that went away.
constexpr std::chrono::milliseconds kFollowPoll{1000};
constexpr std::chrono::milliseconds kReconnectPause{500};
// Attempts at loading a consistent new dataset (its version unchanged across
// the load) before waiting for the next news.
constexpr int kReloadAttempts = 3;

// --- uploads -----------------------------------------------------------------
constexpr size_t kMaxUploadFiles = 32;  // agency files kept from one upload
constexpr size_t kMaxZipEntries = 1024;  // entries of an archive, folders and other files included
// Total of the files unpacked from a zip. Sized so that the largest refused
// zip bomb keeps the server under kZipBombPeakRssBudget (the unpacked bytes
// are counted first, then allocated to the counted size only).
constexpr size_t kMaxUnzippedBytes = 256 * 1024 * 1024;
// Unpacked / packed size, per entry and over the archive: a real CSV packs
// 5–15×; beyond 200× it is a zip bomb.
constexpr size_t kMaxCompressionRatio = 200;
// Below this many unpacked bytes an entry is never judged by its ratio (a
// small file of one repeated value can pack very well).
constexpr size_t kRatioCheckFloorBytes = 1024 * 1024;
constexpr size_t kZipReadChunkBytes = 256 * 1024;  // one zip_fread
// Peak resident memory of the server (tests included) while it refuses a zip bomb.
constexpr size_t kZipBombPeakRssBudget = 512 * 1024 * 1024;

// --- the service and the API -------------------------------------------------
constexpr int kDefaultWorkerThreads = 4;
constexpr size_t kReportCacheEntries = 16;
constexpr size_t kDefaultPageLimit = 100;
constexpr size_t kMaxPageLimit = 1000;
// A list page's search and filters (GET /report?section=…): keys in one
// sort, values of one filter, bytes of the searched text.
constexpr size_t kMaxSortKeys = 4;
constexpr size_t kMaxFilterValues = 100;
constexpr size_t kMaxSearchBytes = 200;
constexpr int kMaxTrendPoints = 120;
constexpr int kMaxGraceDays = 3650;
constexpr int kMaxHorizonDays = 3650;  // renewal risk's horizon_days (SPEC §6.3)
// Review documents (PDF, XLSX) drawn at once: each takes up to a second of a
// core; the rest of the API stays answered while they are drawn.
constexpr int kMaxConcurrentDocuments = 2;

}  // namespace agencykpi::server_limits
