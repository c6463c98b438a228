// What the dashboard's register endpoints share in reading a request
// (cases.cpp and register_list.cpp define them): a field staff filled in
// wrongly, a text field within its bounds, the case a path names, a JSON
// answer, and the register's filters of a list's address (the list, the
// bulk actions and the exports read the same ones).
#pragma once

#include <cstddef>
#include <cstdint>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <stdexcept>
#include <string>

#include "server/dashboard/web.hpp"
#include "server/storage/case_types.hpp"

namespace kotak::server {

// Thrown for a field staff filled in wrongly; becomes 400 with the reason,
// in the reader's language (key and params of assets/i18n/web).
struct BadInput : std::runtime_error {
  BadInput(const std::string& what, std::string key, std::map<std::string, std::string> params = {})
      : std::runtime_error(what), key(std::move(key)), params(std::move(params)) {}
  std::string key;
  std::map<std::string, std::string> params;
};

// The trimmed text of body[key], valid UTF-8 of at most max_chars; "" when
// absent and not required. Throws BadInput.
std::string text_field(const nlohmann::json& body, const char* key, std::size_t max_chars, bool required);

// The case id captured in the request's path, or nullopt when it is not a
// number (cases.cpp).
std::optional<std::int64_t> case_id(const WebRequest& request);

// 200 with body as JSON (cases.cpp).
WebResponse json_ok(const nlohmann::json& body);

// The register's filters in a list's address (month, status, unit,
// channel, type, overdue, q, sort, page), one page of kRegisterPage
// (register_list.cpp).
CaseQuery read_filters(const WebRequest& request);
inline constexpr std::size_t kRegisterPage = 50;

}  // namespace kotak::server
