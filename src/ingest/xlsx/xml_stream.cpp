#include "ingest/xlsx/xml_stream.h"

#include <expat.h>

#include <cstring>

#include "ingest/limits.h"

namespace agencykpi {
namespace {

// Bytes parsed per Step: a few thousand rows of a sheet.
constexpr int kPieceBytes = 64 * 1024;


}  // namespace

std::string_view XmlAttributes::Get(std::string_view local_name) const {
  for (const char** attribute = attributes_; *attribute != nullptr; attribute += 2) {
    if (LocalName(attribute[0]) == local_name) return attribute[1];
  }
  return {};
}

struct XmlStream::Callbacks {
  static XmlStream& Of(void* data) { return *static_cast<XmlStream*>(data); }
  static void Start(void* data, const char* name, const char** attributes) {
    XmlStream& stream = Of(data);
    if (++stream.depth_ > kMaxXmlDepth) {
      stream.Fail(Message(MessageId::kXlsxLimit, {stream.name_ + " nests elements deeper than " +
                                                  std::to_string(kMaxXmlDepth) + " levels"}));
      return;
    }
    stream.handler_.Start(LocalName(name), XmlAttributes(attributes));
  }
  static void End(void* data, const char* name) {
    XmlStream& stream = Of(data);
    --stream.depth_;
    stream.handler_.End(LocalName(name));
  }
  static void Text(void* data, const char* text, int length) {
    Of(data).handler_.Text(std::string_view(text, static_cast<size_t>(length)));
  }
  static void Doctype(void* data, const char*, const char*, const char*, int) {
    XmlStream& stream = Of(data);
    stream.Fail(Message(MessageId::kXlsxDoctype, {stream.name_}));
  }
  static void Entity(void* data, const char*, int, const char*, int, const char*, const char*, const char*,
                     const char*) {
    XmlStream& stream = Of(data);
    stream.Fail(Message(MessageId::kXlsxDoctype, {stream.name_}));
  }
};

XmlStream::XmlStream(ZipPart& part, XmlHandler& handler) : XmlStream(part.name(), handler) { part_ = &part; }

XmlStream::XmlStream(std::string name, XmlHandler& handler) : name_(std::move(name)), handler_(handler) {
  XML_Parser parser = XML_ParserCreate(nullptr);
  parser_ = parser;
  if (parser == nullptr) {
    error_ = Message(MessageId::kXlsxDamaged, {"out of memory"});
    done_ = true;
    return;
  }
  XML_SetUserData(parser, this);
  XML_SetElementHandler(parser, &Callbacks::Start, &Callbacks::End);
  XML_SetCharacterDataHandler(parser, &Callbacks::Text);
  XML_SetStartDoctypeDeclHandler(parser, &Callbacks::Doctype);
  XML_SetEntityDeclHandler(parser, &Callbacks::Entity);
  XML_SetParamEntityParsing(parser, XML_PARAM_ENTITY_PARSING_NEVER);
}

XmlStream::~XmlStream() {
  if (parser_ != nullptr) XML_ParserFree(static_cast<XML_Parser>(parser_));
}

void XmlStream::Fail(Message error) {
  if (error_.empty()) error_ = std::move(error);
  XML_StopParser(static_cast<XML_Parser>(parser_), XML_FALSE);
}

bool XmlStream::Step() {
  if (done_) return false;
  auto parser = static_cast<XML_Parser>(parser_);
  void* buffer = XML_GetBuffer(parser, kPieceBytes);
  if (buffer == nullptr) {
    error_ = Message(MessageId::kXlsxDamaged, {"out of memory"});
    done_ = true;
    return false;
  }
  Message read_error;
  const std::optional<size_t> read = part_->Read(std::span<char>(static_cast<char*>(buffer), kPieceBytes), read_error);
  if (!read) {
    error_ = std::move(read_error);
    done_ = true;
    return false;
  }
  const bool last = *read == 0;
  if (XML_ParseBuffer(parser, static_cast<int>(*read), last ? XML_TRUE : XML_FALSE) != XML_STATUS_OK) {
    if (error_.empty()) {
      error_ = MalformedError();
    }
    done_ = true;
    return false;
  }
  if (!error_.empty()) {  // a handler failed on the last piece
    done_ = true;
    return false;
  }
  done_ = last;
  return !last;
}

Message XmlStream::MalformedError() const {
  auto parser = static_cast<XML_Parser>(parser_);
  return Message(MessageId::kXlsxMalformedXml,
                 {name_, std::to_string(line_offset_ + static_cast<int64_t>(XML_GetCurrentLineNumber(parser))),
                  std::string(XML_ErrorString(XML_GetErrorCode(parser)))});
}

Message XmlStream::ParseText(std::string_view text, const std::string& name, int64_t line_offset,
                             XmlHandler& handler) {
  XmlStream stream(name, handler);
  stream.line_offset_ = line_offset;
  if (!stream.error_.empty()) return stream.error_;
  auto parser = static_cast<XML_Parser>(stream.parser_);
  // Fed in pieces: expat takes an int length.
  for (size_t at = 0;; at += kPieceBytes) {
    const size_t length = std::min(text.size() - std::min(at, text.size()), static_cast<size_t>(kPieceBytes));
    const bool last = at + length >= text.size();
    if (XML_Parse(parser, text.data() + std::min(at, text.size()), static_cast<int>(length), last ? XML_TRUE : XML_FALSE) !=
        XML_STATUS_OK) {
      return stream.error_.empty() ? stream.MalformedError() : stream.error_;
    }
    if (!stream.error_.empty()) return stream.error_;
    if (last) return {};
  }
}

Message XmlStream::ParseAll() {
  while (Step()) {
  }
  return error_;
}

}  // namespace agencykpi
