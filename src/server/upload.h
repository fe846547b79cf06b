// Uploaded agency folders: a zip archive or multipart/form-data files, turned
// into file name → bytes for ingest's MemorySource. Only the base name of each
// file is kept ("export/clients.csv" → "clients.csv"), so an upload can never
// name a path. Every file named *.csv, *.xlsx, *.xlsm, *.xls or *.ods (any case) is
// kept, so ingest can say what it makes of each; names differing only in case
// are two files. Limits come from server/limits.h. Pure functions over bytes
// (fuzzed by tests/fuzz/upload_fuzzer).
#pragma once

#include <map>
#include <string>
#include <string_view>

#include "common/status.h"

namespace agencykpi {

using UploadedFiles = std::map<std::string, std::string>;

// The agency files of a zip archive (folders inside it are flattened).
// InvalidInput for a damaged archive or two files of the same name; TooLarge
// for too many entries or files, an archive that declares or unpacks to more
// than kMaxUnzippedBytes, or an entry or archive that unpacks to more than
// kMaxCompressionRatio times its packed size (a zip bomb). Sizes declared in
// the archive are never trusted: each entry is unpacked once in chunks to
// count its bytes (stopping at the first limit crossed), then once more into
// a buffer of the counted size.
Result<UploadedFiles> ReadZipUpload(std::string_view archive);

// The file parts of a multipart/form-data body; `content_type` is the
// request's header (it carries the boundary).
Result<UploadedFiles> ReadMultipartUpload(std::string_view content_type, std::string_view body);

// "a/b\\c.csv" → "c.csv".
std::string BaseName(std::string_view path);

// True for the file names an upload keeps: *.csv, *.xlsx, *.xlsm, *.xls, *.ods, any case.
bool IsAgencyFileName(std::string_view name);

}  // namespace agencykpi
