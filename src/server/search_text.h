// Text as a person searches it: "Lumière" is found by "lumiere", "LUMI" or
// "umi". Folding lowers ASCII letters and maps the accented Latin letters
// French names use to their base letter (œ → oe, æ → ae, ß → ss); every other
// byte is kept, so ids and non-Latin names still match themselves.
#pragma once

#include <string>
#include <string_view>

namespace agencykpi {

std::string FoldForSearch(std::string_view text);

// Whether `haystack`, folded, holds `folded_needle` (already folded).
bool ContainsFolded(std::string_view haystack, std::string_view folded_needle);

}  // namespace agencykpi
