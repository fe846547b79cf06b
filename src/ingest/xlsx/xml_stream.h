// A part of a workbook parsed as XML by expat, a piece at a time, with the
// guards a file from anywhere needs: no DOCTYPE (so no entity, internal or
// external, is ever expanded), a bounded depth. Elements and attributes are
// seen by their local names (without prefix): producers write the same
// parts with and without prefixes, under the transitional or the strict
// namespace.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "ingest/messages.h"
#include "ingest/xlsx/zip_archive.h"

namespace agencykpi {

// Names are matched without their prefix ("x:row" is "row"): namespaces
// are not resolved, which would cost a third of a sheet's parse, and every
// name a workbook part uses is unique within it whatever its namespace.
inline std::string_view LocalName(std::string_view name) {
  if (const size_t colon = name.rfind(':'); colon != std::string_view::npos) name.remove_prefix(colon + 1);
  return name;
}

// Attributes of an element as expat gives them (name, value, …, nullptr).
class XmlAttributes {
 public:
  explicit XmlAttributes(const char** attributes) : attributes_(attributes) {}
  // The value of the attribute of that local name; empty when absent.
  [[nodiscard]] std::string_view Get(std::string_view local_name) const;
  // Every attribute, by local name, in one pass.
  template <typename Visitor>
  void Visit(Visitor&& visit) const {
    for (const char** attribute = attributes_; *attribute != nullptr; attribute += 2) {
      visit(LocalName(attribute[0]), std::string_view(attribute[1]));
    }
  }

 private:
  const char** attributes_;
};

class XmlHandler {
 public:
  virtual ~XmlHandler() = default;
  virtual void Start(std::string_view name, const XmlAttributes& attributes) = 0;
  virtual void End(std::string_view name) = 0;
  virtual void Text(std::string_view text) = 0;
};

class XmlStream {
 public:
  // Parses `part` into `handler`; both outlive the stream.
  XmlStream(ZipPart& part, XmlHandler& handler);
  // Parses the whole of `text` (a piece of part `name` whose first line is
  // line_offset + 1) into `handler`; the error, empty when none.
  static Message ParseText(std::string_view text, const std::string& name, int64_t line_offset, XmlHandler& handler);
  ~XmlStream();
  XmlStream(const XmlStream&) = delete;
  XmlStream& operator=(const XmlStream&) = delete;

  // Parses the next piece of the part; false at the end or on an error
  // (error() then holds it).
  bool Step();
  // Parses the whole part; the error, empty when none.
  Message ParseAll();
  [[nodiscard]] const Message& error() const { return error_; }
  [[nodiscard]] bool at_end() const { return done_; }
  // A handler's refusal (a limit, damaged content): stops the parse.
  void Fail(Message error);

 private:
  struct Callbacks;
  XmlStream(std::string name, XmlHandler& handler);
  [[nodiscard]] Message MalformedError() const;

  std::string name_;
  ZipPart* part_ = nullptr;  // null for ParseText
  int64_t line_offset_ = 0;
  XmlHandler& handler_;
  void* parser_;  // XML_Parser
  size_t depth_ = 0;
  bool done_ = false;
  Message error_;
};

}  // namespace agencykpi
