// The strict JSON reader behind the wire format (wire.hpp): size and depth
// limits, members read by name with their types and ranges checked, unknown
// members refused. Internal to core.
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <set>
#include <stdexcept>
#include <string>
#include <string_view>

#include "core/text.hpp"
#include "core/wire.hpp"

namespace kotak::core::wire::reader {

using nlohmann::json;

// An error in one part of a message; the text names the member.
struct FieldError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

// Parses a message of at most max_bytes and kMaxDepth levels; WireError if not.
json parse(std::string_view body, std::size_t max_bytes);

// Walks a batch without building a tree (wire_scan.cpp): WireError when it
// is not JSON, nested too deep, has an unknown top-level member, more than
// max_items submissions or more values than they can hold; else the number
// of submissions. Memory: a few bytes beyond the longest string in it.
std::size_t scan_batch(std::string_view body, std::size_t max_items);

// "a whole number", "string", …: for error messages.
const char* type_name(const json& value);

// Reads the members of one JSON object, refusing unknown ones at finish().
class Fields {
 public:
  Fields(const json& object, std::string path) : object_(object), path_(std::move(path)) {
    if (!object_.is_object())
      throw FieldError(path_ + " must be an object, not " + type_name(object_));
  }

  const json* get(const std::string& name) {
    seen_.insert(name);
    auto it = object_.find(name);
    return it == object_.end() ? nullptr : &*it;
  }

  std::string string(const std::string& name, std::size_t max_chars, bool required = false) {
    const json* value = get(name);
    if (!value) {
      if (required) throw FieldError(where(name) + " is missing");
      return {};
    }
    if (!value->is_string())
      throw FieldError(where(name) + " must be a string, not " + type_name(*value));
    const auto& text = value->get_ref<const std::string&>();
    auto length = utf8_length(text);
    if (!length) throw FieldError(where(name) + " is not valid UTF-8");
    if (*length > max_chars)
      throw FieldError(where(name) + " has " + std::to_string(*length) + " characters; at most " +
                       std::to_string(max_chars) + " are allowed");
    return text;
  }

  std::optional<std::int64_t> integer(const std::string& name, std::int64_t min, std::int64_t max) {
    const json* value = get(name);
    if (!value) return std::nullopt;
    if (!value->is_number_integer())
      throw FieldError(where(name) + " must be a whole number, not " + type_name(*value));
    bool in_range = !(value->is_number_unsigned() &&
                      value->get<std::uint64_t>() > static_cast<std::uint64_t>(max));
    std::int64_t number = in_range ? value->get<std::int64_t>() : 0;
    if (!in_range || number < min || number > max)
      throw FieldError(where(name) + " must be from " + std::to_string(min) + " to " +
                       std::to_string(max));
    return number;
  }

  bool boolean(const std::string& name) {
    const json* value = get(name);
    if (!value) return false;
    if (!value->is_boolean())
      throw FieldError(where(name) + " must be true or false, not " + type_name(*value));
    return value->get<bool>();
  }

  void finish() const {
    for (const auto& [key, value] : object_.items())
      if (!seen_.count(key)) throw FieldError("unknown member " + where(quote_prefix(key)));
  }

  std::string where(const std::string& name) const { return path_ + "." + name; }

 private:
  const json& object_;
  std::string path_;
  std::set<std::string> seen_;
};

template <typename T>
T parse_enum_field(Fields& fields, const std::string& name,
                   std::optional<T> (*parse)(std::string_view), std::string_view allowed) {
  auto text = fields.string(name, 32, true);
  auto value = parse(text);
  if (!value)
    throw FieldError(fields.where(name) + " must be one of " + std::string(allowed) + ", not '" +
                     quote_prefix(text) + "'");
  return *value;
}

// The message is a JSON object of this protocol version; WireError if not.
void check_protocol(const json& message);

// A required member of a message; WireError if missing.
const json& member(const json& message, const char* name);

// Reads a message of at most max_bytes in this protocol: `read` takes its
// members from a Fields called `what` (protocol already taken) and returns
// the result; any FieldError becomes the WireError a caller expects.
template <typename Read>
auto read_message(std::string_view body, std::size_t max_bytes, const std::string& what, Read read) {
  json message = parse(body, max_bytes);
  check_protocol(message);
  try {
    Fields fields(message, what);
    fields.get("protocol");
    return read(fields);
  } catch (const FieldError& error) {
    throw WireError(error.what());
  }
}

}  // namespace kotak::core::wire::reader
