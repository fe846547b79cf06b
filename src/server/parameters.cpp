#include "server/parameters.h"

#include <fmt/format.h>

#include <charconv>

#include "report/json_writer.h"

namespace agencykpi {

Status BadParameter(std::string_view parameter, std::string message) {
  JsonWriter details(false);
  details.BeginObject();
  details.Key("parameter").String(parameter);
  details.EndObject();
  return Status::Error(ErrorCode::kBadParameter, std::move(message), details.Take());
}

std::optional<std::string> Param(const Query& query, std::string_view name) {
  const auto it = query.find(name);
  if (it == query.end() || it->second.empty()) return std::nullopt;
  return it->second;
}

Result<int64_t> IntParam(const Query& query, std::string_view name, int64_t fallback, int64_t min,
                         int64_t max) {
  const auto text = Param(query, name);
  if (!text) return fallback;
  int64_t value = 0;
  const auto [end, ec] = std::from_chars(text->data(), text->data() + text->size(), value);
  if (ec != std::errc() || end != text->data() + text->size()) {
    return BadParameter(name, fmt::format("{} must be an integer, got '{}'", name, *text));
  }
  if (value < min || value > max) {
    return BadParameter(name, fmt::format("{} must be between {} and {}, got {}", name, min, max, value));
  }
  return value;
}

}  // namespace agencykpi
