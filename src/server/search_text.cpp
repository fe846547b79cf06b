#include "server/search_text.h"

#include <array>

namespace agencykpi {
namespace {

// The base letters of U+00C0..U+00FF (Latin-1 Supplement letters), lower
// case; "" for the two signs in that range (× and ÷) and the letters whose
// fold is two letters, handled apart.
constexpr std::array<std::string_view, 64> kLatin1Folds = {
    "a", "a", "a", "a", "a", "a", "ae", "c", "e", "e", "e", "e", "i", "i", "i", "i",   // À..Ï
    "d", "n", "o", "o", "o", "o", "o", "",  "o", "u", "u", "u", "u", "y", "th", "ss",  // Ð..ß
    "a", "a", "a", "a", "a", "a", "ae", "c", "e", "e", "e", "e", "i", "i", "i", "i",   // à..ï
    "d", "n", "o", "o", "o", "o", "o", "",  "o", "u", "u", "u", "u", "y", "th", "y",   // ð..ÿ
};

}  // namespace

std::string FoldForSearch(std::string_view text) {
  std::string folded;
  folded.reserve(text.size());
  for (size_t i = 0; i < text.size(); ++i) {
    const auto byte = static_cast<unsigned char>(text[i]);
    if (byte >= 'A' && byte <= 'Z') {
      folded += static_cast<char>(byte - 'A' + 'a');
      continue;
    }
    if (i + 1 < text.size()) {
      const auto next = static_cast<unsigned char>(text[i + 1]);
      // U+00C0..U+00FF is C3 80..C3 BF in UTF-8.
      if (byte == 0xC3 && next >= 0x80 && next <= 0xBF) {
        const std::string_view base = kLatin1Folds[next - 0x80];
        if (!base.empty()) {
          folded += base;
          ++i;
          continue;
        }
      }
      // Œ œ (U+0152, U+0153) are C5 92, C5 93.
      if (byte == 0xC5 && (next == 0x92 || next == 0x93)) {
        folded += "oe";
        ++i;
        continue;
      }
    }
    folded += static_cast<char>(byte);
  }
  return folded;
}

bool ContainsFolded(std::string_view haystack, std::string_view folded_needle) {
  if (folded_needle.empty()) return true;
  return FoldForSearch(haystack).find(folded_needle) != std::string::npos;
}

}  // namespace agencykpi
