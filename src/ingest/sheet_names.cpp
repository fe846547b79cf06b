#include "ingest/sheet_names.h"

#include "ingest/csv_reader.h"

namespace agencykpi {
namespace {

// Two-byte UTF-8 letters of Latin-1 (after 0xC3) folded to their ASCII base,
// from U+00C0: ÀÁÂÃÄÅÆÇÈÉÊËÌÍÎÏÐÑÒÓÔÕÖ×ØÙÚÛÜÝÞß then the lowercase ones.
constexpr std::string_view kLatin1Base = "aaaaaaaceeeeiiiidnooooo_ouuuuyts" "aaaaaaaceeeeiiiidnooooo_ouuuuyty";

}  // namespace

std::string FoldSheetName(std::string_view name) {
  std::string out;
  const std::string_view trimmed = TrimValue(name);
  for (size_t i = 0; i < trimmed.size(); ++i) {
    const auto c = static_cast<unsigned char>(trimmed[i]);
    if (c == 0xC3 && i + 1 < trimmed.size()) {
      const auto next = static_cast<unsigned char>(trimmed[i + 1]);
      if (next >= 0x80 && next <= 0xBF) {
        out += kLatin1Base[next - 0x80];
        ++i;
        continue;
      }
    }
    if (c == '_') {
      out += ' ';
    } else if (c >= 'A' && c <= 'Z') {
      out += static_cast<char>(c - 'A' + 'a');
    } else {
      out += static_cast<char>(c);
    }
  }
  return out;
}

std::optional<size_t> TableOfSheet(std::string_view sheet_name) {
  const std::string folded = FoldSheetName(sheet_name);
  for (size_t t = 0; t < kTableCount; ++t) {
    if (folded == FoldSheetName(kCatalogue[t].name) || folded == FoldSheetName(kFrenchSheetNames[t])) return t;
  }
  return std::nullopt;
}

}  // namespace agencykpi
