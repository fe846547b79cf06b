// OOXML writes a character XML cannot hold (a control character, a CR) as
// `_xHHHH_` in cell text: "a_x000D_b". Undone on the way in.
#pragma once

#include <string>
#include <string_view>

namespace agencykpi {

// Appends `text` to `out` with every `_xHHHH_` replaced by its character.
void AppendDecoded(std::string_view text, std::string& out);

}  // namespace agencykpi
