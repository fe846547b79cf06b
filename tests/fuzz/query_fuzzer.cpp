// libFuzzer target: the query string parser, the UTF-8 cleaning of echoed
// text and the Cookie header parser (server/query.h) on any bytes. Traps
// when a decoded name or value is longer than its source, when ValidUtf8 is
// not idempotent (its output must already be valid UTF-8), or when a cookie's
// value is not a part of the header it was read from. Then the list page's
// parameters (server/list_page.h) and the search folding: a parsed query
// keeps its limits, and folding is idempotent and at most doubles the text.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "server/list_page.h"
#include "server/query.h"
#include "server/search_text.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  const agencykpi::Query query = agencykpi::ParseQuery(input);
  for (const auto& [name, value] : query) {
    if (name.size() + value.size() > input.size()) __builtin_trap();
    const std::string clean = agencykpi::ValidUtf8(value);
    if (agencykpi::ValidUtf8(clean) != clean) __builtin_trap();
  }
  if (agencykpi::UrlDecode(input).size() > input.size()) __builtin_trap();
  const std::string clean = agencykpi::ValidUtf8(input);
  if (agencykpi::ValidUtf8(clean) != clean) __builtin_trap();
  for (const std::string_view name : {"agencykpi_session", "__Host-agencykpi_session", "a"}) {
    const std::string_view value = agencykpi::CookieValue(input, name);
    if (!value.empty() && (value.data() < input.data() || value.data() + value.size() > input.data() + input.size())) {
      __builtin_trap();
    }
  }
  const auto list = agencykpi::ParseListQuery(query);
  if (list.ok()) {
    namespace limits = agencykpi::server_limits;
    if (list->limit < 1 || static_cast<size_t>(list->limit) > limits::kMaxPageLimit || list->offset < 0) __builtin_trap();
    if (list->sort_keys.size() > limits::kMaxSortKeys) __builtin_trap();
    for (const auto& [key, values] : list->filters) {
      if (values.empty() || values.size() > limits::kMaxFilterValues) __builtin_trap();
    }
  }
  const std::string folded = agencykpi::FoldForSearch(input);
  if (folded.size() > 2 * input.size() || agencykpi::FoldForSearch(folded) != folded) __builtin_trap();
  return 0;
}
