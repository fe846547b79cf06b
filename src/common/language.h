// The languages people read the product in: the report's tables, the
// brand review's packs and the import's messages.
#pragma once

namespace agencykpi {

enum class Language { kFrench, kEnglish };

}  // namespace agencykpi
