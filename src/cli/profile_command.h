// `agencykpi profile init DIR [--out FILE]`: a starting profile from the
// headers of a folder's files; `agencykpi profile check FILE --dir DIR`:
// what each source column becomes, and the values not mapped yet. And the
// profile as import and check read it (--profile FILE).
#pragma once

#include <optional>
#include <string>

#include "ingest/profile.h"

namespace agencykpi {

struct ProfileArgs {
  std::string action;  // init | check
  std::string folder;  // init: the folder; check: --dir
  std::string file;    // check: the profile
  std::string out;     // init: --out (default: standard output)
  std::string lang;    // fr | en; empty: from LANG
};

int RunProfile(const ProfileArgs& args);

// Reads and checks the profile `path`; nullopt once its errors are printed
// to stderr in `language`, their count in `error_count` when given.
std::optional<Profile> LoadProfile(const std::string& path, Language language, size_t* error_count = nullptr);

}  // namespace agencykpi
