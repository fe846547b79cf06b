// The file name of one brand's pack in the folder of `review --all`, made
// from its client id so that any id is safe: the name never leaves the
// folder, never starts with a dot, and two ids never share a name.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace agencykpi {

// A name's length limit, well under NAME_MAX (255 bytes) so that the
// extension and the temporary file's suffix fit beside it.
inline constexpr size_t kMaxPackStemBytes = 200;

// `client_id` with every byte other than A–Z, a–z, 0–9, '-' and '_'
// written %XX (upper-case hex; '%' itself is %25), then `extension`:
// "C01" → "C01.pdf", "a/b" → "a%2Fb.pdf", "../x" → "%2E%2E%2Fx.pdf".
// The empty id gives "%.pdf"; an empty extension gives the name without a
// dot ("a%2Fb"), for callers that build a longer name around it. The mapping is one to one. An encoded id
// longer than kMaxPackStemBytes keeps its beginning (whole escapes) and ends with '~' and the 64-bit FNV-1a
// hash of the whole id in hex: '~' never appears in a short name, so a long name never equals a short one,
// and long ones differ unless their hashes collide (the caller checks that the names of one run are
// distinct).
std::string PackFileName(std::string_view client_id, std::string_view extension);

}  // namespace agencykpi
