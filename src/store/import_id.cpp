#include "store/import_id.h"

#include <sys/random.h>

#include <array>
#include <cerrno>
#include <cstring>

namespace agencykpi {

Result<std::string> NewImportId() {
  std::array<unsigned char, kImportIdBytes> bytes{};
  for (size_t done = 0; done < bytes.size();) {
    const ssize_t got = ::getrandom(bytes.data() + done, bytes.size() - done, 0);
    if (got < 0) {
      if (errno == EINTR) continue;
      return Status::Io(std::string("cannot read the system's random source: ") + std::strerror(errno));
    }
    done += static_cast<size_t>(got);
  }
  constexpr std::string_view kHexDigits = "0123456789abcdef";
  std::string id;
  id.reserve(kImportIdHexChars);
  for (const unsigned char byte : bytes) {
    id += kHexDigits[byte >> 4];
    id += kHexDigits[byte & 0xF];
  }
  return id;
}

}  // namespace agencykpi
