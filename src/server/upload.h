// Uploaded agency folders: a zip archive or multipart/form-data CSV files,
// turned into file name → bytes for ingest's MemorySource. Only the base name
// of each file is kept ("export/clients.csv" → "clients.csv"), so an upload
// can never name a path. Limits come from server/limits.h.
#pragma once

#include <map>
#include <string>
#include <string_view>

#include "common/status.h"

namespace agencykpi {

using UploadedFiles = std::map<std::string, std::string>;

// The .csv files of a zip archive (folders inside it are flattened).
// InvalidInput for a damaged archive or two files of the same name;
// TooLarge when the unpacked size exceeds the limit.
Result<UploadedFiles> ReadZipUpload(std::string_view archive);

// The file parts of a multipart/form-data body; `content_type` is the
// request's header (it carries the boundary).
Result<UploadedFiles> ReadMultipartUpload(std::string_view content_type, std::string_view body);

// "a/b\\c.csv" → "c.csv".
std::string BaseName(std::string_view path);

}  // namespace agencykpi
