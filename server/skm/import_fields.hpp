// The fields of an SKM import row, each read from what people type in a
// spreadsheet into the values DOMAIN.md defines, or refused with the code
// of a problem (import.hpp turns codes into words from the catalog).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/config.hpp"

namespace kotak::server::skm {

// The columns of the file, by what their header names (docs/skm.md).
enum class Column { date, unit, source, score, sex, age, education, occupation, ignored };
struct ColumnName {
  Column column = Column::ignored;
  int element = 0;  // 0..8 for U1..U9
};
ColumnName column_of(std::string_view header);

// Each returns nullopt when the text is not a value of its field; an empty
// text is "not given" ("" or 0) wherever the field is optional.
std::optional<std::int64_t> parse_day(std::string_view text);  // YYYY-MM-DD, DD/MM/YYYY
std::optional<int> parse_score(std::string_view text);          // 1..4, 0 for empty
std::optional<std::string> parse_sex(std::string_view text);    // L, P
std::optional<std::string> parse_age(std::string_view text);    // a group or whole years
std::optional<std::string> parse_education(std::string_view text);
std::optional<std::string> parse_occupation(std::string_view text);
// A unit by id or by label in any language, ignoring case; any identifier
// when the facility has no list of units.
std::optional<std::string> parse_unit(std::string_view text, const std::vector<core::Unit>& units);

}  // namespace kotak::server::skm
