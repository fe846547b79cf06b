#include "ingest/xlsx/text_escapes.h"

namespace agencykpi {
namespace {

constexpr size_t kEscapeLength = 7;  // _xHHHH_

int HexDigit(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  return -1;
}

void AppendUtf8(unsigned code, std::string& out) {
  if (code < 0x80) {
    out += static_cast<char>(code);
  } else if (code < 0x800) {
    out += static_cast<char>(0xC0 | (code >> 6));
    out += static_cast<char>(0x80 | (code & 0x3F));
  } else {
    out += static_cast<char>(0xE0 | (code >> 12));
    out += static_cast<char>(0x80 | ((code >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (code & 0x3F));
  }
}

}  // namespace

void AppendDecoded(std::string_view text, std::string& out) {
  size_t done = 0;
  for (size_t at = text.find("_x"); at != std::string_view::npos; at = text.find("_x", at + 1)) {
    if (at < done || at + kEscapeLength > text.size() || text[at + kEscapeLength - 1] != '_') continue;
    unsigned code = 0;
    bool hex = true;
    for (size_t i = at + 2; i < at + kEscapeLength - 1; ++i) {
      const int digit = HexDigit(text[i]);
      hex = hex && digit >= 0;
      code = code * 16 + static_cast<unsigned>(digit < 0 ? 0 : digit);
    }
    // Surrogates are no characters on their own: left as written.
    if (!hex || (code >= 0xD800 && code <= 0xDFFF)) continue;
    out.append(text.substr(done, at - done));
    AppendUtf8(code, out);
    done = at + kEscapeLength;
  }
  out.append(text.substr(done));
}

}  // namespace agencykpi
