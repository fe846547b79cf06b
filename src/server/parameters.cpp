#include "server/parameters.h"

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

}  // namespace agencykpi
