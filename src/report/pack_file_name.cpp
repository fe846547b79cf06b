#include "report/pack_file_name.h"

#include <cstdint>

namespace agencykpi {
namespace {

constexpr std::string_view kHexDigits = "0123456789ABCDEF";
constexpr uint64_t kFnvOffset = 14695981039346656037ULL;
constexpr uint64_t kFnvPrime = 1099511628211ULL;
constexpr size_t kHashDigits = 16;

bool Kept(unsigned char byte) {
  return (byte >= 'A' && byte <= 'Z') || (byte >= 'a' && byte <= 'z') || (byte >= '0' && byte <= '9') ||
         byte == '-' || byte == '_';
}

uint64_t Fnv1a(std::string_view text) {
  uint64_t hash = kFnvOffset;
  for (const char c : text) {
    hash ^= static_cast<unsigned char>(c);
    hash *= kFnvPrime;
  }
  return hash;
}

}  // namespace

std::string PackFileName(std::string_view client_id, std::string_view extension) {
  std::string stem;
  // Where each byte's encoding ends, to cut a long name between escapes.
  std::string::size_type last_whole = 0;
  const size_t room = kMaxPackStemBytes - 1 - kHashDigits;
  for (const char c : client_id) {
    const auto byte = static_cast<unsigned char>(c);
    if (Kept(byte)) {
      stem += c;
    } else {
      stem += '%';
      stem += kHexDigits[byte >> 4];
      stem += kHexDigits[byte & 0xF];
    }
    if (stem.size() <= room) last_whole = stem.size();
  }
  if (stem.size() > kMaxPackStemBytes) {
    stem.resize(last_whole);
    stem += '~';
    const uint64_t hash = Fnv1a(client_id);
    for (size_t i = kHashDigits; i-- > 0;) stem += kHexDigits[(hash >> (4 * i)) & 0xF];
  }
  // An empty id (never valid input, but any id is safe): a lone '%', which no
  // other id gives, rather than a hidden ".pdf".
  if (stem.empty()) stem = "%";
  return extension.empty() ? stem : stem + "." + std::string(extension);
}

}  // namespace agencykpi
