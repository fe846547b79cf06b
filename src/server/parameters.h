// The API's query parameters as every handler reads them: a parameter's
// text, and the error that refuses one by name (400, details.parameter),
// so the dashboard can point at the field.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "common/status.h"
#include "server/query.h"

namespace agencykpi {

// BadParameter: {"parameter": NAME} in the details.
Status BadParameter(std::string_view parameter, std::string message);

// The parameter's text; nullopt when it is absent or empty.
std::optional<std::string> Param(const Query& query, std::string_view name);

// The integer parameter `name` within [min, max]; `fallback` when absent.
Result<int64_t> IntParam(const Query& query, std::string_view name, int64_t fallback, int64_t min, int64_t max);

}  // namespace agencykpi
