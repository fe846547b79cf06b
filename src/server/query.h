// The query string of a request target, and text made safe to echo back.
// Pure functions over bytes: any input is accepted (fuzzed by
// tests/fuzz/query_fuzzer).
#pragma once

#include <functional>
#include <map>
#include <string>
#include <string_view>

namespace agencykpi {

using Query = std::map<std::string, std::string, std::less<>>;

// "%41+b" → "A b"; a '%' not followed by two hex digits is kept as is. The
// result may hold any byte, invalid UTF-8 included.
std::string UrlDecode(std::string_view text);

// "a=1&b=&c" → {a: "1", b: "", c: ""}; names and values URL-decoded; the last
// of two equal names wins; empty pairs are skipped.
Query ParseQuery(std::string_view query);

// `text` with every byte that is not part of a well-formed UTF-8 sequence
// (overlong forms, surrogates and code points above U+10FFFF included)
// replaced by U+FFFD: always valid UTF-8, so it can be put in JSON.
std::string ValidUtf8(std::string_view text);

// The value of cookie `name` in a Cookie header ("a=1; b=2"): a view into
// `header`; empty when the cookie is absent.
std::string_view CookieValue(std::string_view header, std::string_view name);

}  // namespace agencykpi
