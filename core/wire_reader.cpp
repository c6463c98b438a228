// See wire_reader.hpp.
#include "core/wire_reader.hpp"

namespace kotak::core::wire::reader {

json parse(std::string_view body, std::size_t max_bytes) {
  if (body.size() > max_bytes)
    throw WireError("the message is " + std::to_string(body.size()) + " bytes; at most " +
                    std::to_string(max_bytes) + " are allowed");
  try {
    return json::parse(body.begin(), body.end(), [](int depth, json::parse_event_t, json&) {
      if (depth > kMaxDepth)
        throw WireError("JSON is nested deeper than " + std::to_string(kMaxDepth) + " levels");
      return true;
    });
  } catch (const json::exception& error) {
    // The library quotes the last token read, which may be most of the body.
    throw WireError("the message is not valid JSON: " + quote_prefix(error.what(), 160));
  }
}

const char* type_name(const json& value) {
  if (value.is_number_integer()) return "a whole number";
  if (value.is_number()) return "a number with a fraction or out of range";
  return value.type_name();
}

void check_protocol(const json& message) {
  if (!message.is_object()) throw WireError("the message must be a JSON object");
  auto it = message.find("protocol");
  if (it == message.end() || !it->is_number_integer() || it->get<std::int64_t>() != kProtocol)
    throw WireError("the message is not Kotak protocol " + std::to_string(kProtocol));
}

const json& member(const json& message, const char* name) {
  auto it = message.find(name);
  if (it == message.end()) throw WireError(std::string("the message has no '") + name + "'");
  return *it;
}

}  // namespace kotak::core::wire::reader
