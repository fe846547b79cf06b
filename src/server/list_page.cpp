#include "server/list_page.h"

namespace agencykpi {
namespace {

constexpr std::string_view kFilterPrefix = "filter.";

// "a,b,,c" → {a, b, c}.
std::vector<std::string> CommaList(std::string_view text) {
  std::vector<std::string> parts;
  while (!text.empty()) {
    const size_t comma = text.find(',');
    const std::string_view part = text.substr(0, comma);
    if (!part.empty()) parts.emplace_back(part);
    if (comma == std::string_view::npos) break;
    text.remove_prefix(comma + 1);
  }
  return parts;
}

}  // namespace

Result<ListQuery> ParseListQuery(const Query& query) {
  ListQuery list;
  auto limit = IntParam(query, "limit", server_limits::kDefaultPageLimit, 1, server_limits::kMaxPageLimit);
  if (!limit.ok()) return limit.status();
  list.limit = *limit;
  auto offset = IntParam(query, "offset", 0, 0, INT32_MAX);
  if (!offset.ok()) return offset.status();
  list.offset = *offset;

  list.sort = Param(query, "sort").value_or("");
  list.sort_keys = CommaList(list.sort);
  if (list.sort_keys.size() > server_limits::kMaxSortKeys) {
    return BadParameter("sort", fmt::format("sort takes at most {} keys", server_limits::kMaxSortKeys));
  }
  for (const std::string& key : list.sort_keys) {
    if (key == "-") return BadParameter("sort", "sort has a '-' without a key");
  }

  const std::string search = Param(query, "q").value_or("");
  if (search.size() > server_limits::kMaxSearchBytes) {
    return BadParameter("q", fmt::format("q is at most {} bytes", server_limits::kMaxSearchBytes));
  }
  list.search = FoldForSearch(search);

  for (auto it = query.lower_bound(kFilterPrefix); it != query.end() && it->first.starts_with(kFilterPrefix); ++it) {
    const std::string key = it->first.substr(kFilterPrefix.size());
    std::vector<std::string> values = CommaList(it->second);
    if (values.empty()) continue;  // an empty filter is no filter, as a cleared select sends it
    if (values.size() > server_limits::kMaxFilterValues) {
      return BadParameter(it->first, fmt::format("{} takes at most {} values", it->first,
                                                 server_limits::kMaxFilterValues));
    }
    list.filters.emplace_back(key, std::move(values));
  }
  return list;
}

}  // namespace agencykpi
