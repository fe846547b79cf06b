#include "cli/profile_sources.h"

#include "ingest/value_parser.h"

namespace agencykpi {

bool IsWorkbookName(const std::string& file) {
  const auto ends_with = [&file](std::string_view suffix) {
    return file.size() >= suffix.size() &&
           EqualsIgnoreCase(std::string_view(file).substr(file.size() - suffix.size()), suffix);
  };
  return ends_with(".xlsx") || ends_with(".xlsm");
}

}  // namespace agencykpi
