// See import_fields.hpp.
#include "server/skm/import_fields.hpp"

#include <algorithm>
#include <array>
#include <charconv>

#include "core/submission.hpp"
#include "core/text.hpp"
#include "core/timestamp.hpp"

namespace kotak::server::skm {

namespace {

std::string lower(std::string_view text) {
  std::string out(core::trim(text));
  for (auto& c : out)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return out;
}

// The canonical spelling of a value from a closed list, matched without case.
template <std::size_t N>
std::optional<std::string> one_of(std::string_view text, const std::array<std::string_view, N>& values) {
  auto wanted = lower(text);
  if (wanted.empty()) return std::string();
  for (auto value : values)
    if (lower(value) == wanted) return std::string(value);
  return std::nullopt;
}

std::optional<int> number(std::string_view text) {
  int value = 0;
  auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc() || end != text.data() + text.size()) return std::nullopt;
  return value;
}

std::optional<std::int64_t> civil_day(int year, int month, int day) {
  if (year < 2000 || year > 2100 || month < 1 || month > 12 || day < 1 || day > 31)
    return std::nullopt;
  auto days = core::days_from_civil(year, static_cast<unsigned>(month), static_cast<unsigned>(day));
  int y = 0;
  unsigned m = 0, d = 0;
  core::civil_from_days(days, y, m, d);  // 31 February comes back as March
  if (y != year || static_cast<int>(m) != month || static_cast<int>(d) != day) return std::nullopt;
  return days;
}

std::vector<std::string_view> split(std::string_view text, char separator) {
  std::vector<std::string_view> parts;
  for (std::size_t at = 0;;) {
    auto next = text.find(separator, at);
    parts.push_back(text.substr(at, next == std::string_view::npos ? next : next - at));
    if (next == std::string_view::npos) return parts;
    at = next + 1;
  }
}

}  // namespace

ColumnName column_of(std::string_view header) {
  std::string name = lower(header);
  std::replace(name.begin(), name.end(), ' ', '_');
  if (name.size() == 2 && name[0] == 'u' && name[1] >= '1' && name[1] <= '9')
    return {Column::score, name[1] - '1'};
  struct Alias {
    std::string_view name;
    Column column;
  };
  static constexpr Alias kAliases[] = {
      {"tanggal", Column::date},         {"tgl", Column::date},
      {"date", Column::date},            {"unit", Column::unit},
      {"layanan", Column::unit},         {"jenis_layanan", Column::unit},
      {"service", Column::unit},         {"sumber", Column::source},
      {"source", Column::source},        {"jenis_kelamin", Column::sex},
      {"jk", Column::sex},               {"sex", Column::sex},
      {"umur", Column::age},             {"usia", Column::age},
      {"age", Column::age},              {"pendidikan", Column::education},
      {"education", Column::education},  {"pekerjaan", Column::occupation},
      {"occupation", Column::occupation}};
  for (const auto& alias : kAliases)
    if (alias.name == name) return {alias.column, 0};
  return {};
}

std::optional<std::int64_t> parse_day(std::string_view text) {
  std::string value = core::trim(text);
  // A time after the date (as a web export writes it) is not needed.
  value = value.substr(0, value.find_first_of(" T"));
  if (value.size() == 10 && value[4] == '-' && value[7] == '-') {
    auto y = number(std::string_view(value).substr(0, 4));
    auto m = number(std::string_view(value).substr(5, 2));
    auto d = number(std::string_view(value).substr(8, 2));
    if (y && m && d) return civil_day(*y, *m, *d);
    return std::nullopt;
  }
  char separator = value.find('/') != std::string::npos ? '/' : '-';
  auto parts = split(value, separator);
  if (parts.size() != 3 || parts[2].size() != 4) return std::nullopt;
  auto d = number(parts[0]), m = number(parts[1]), y = number(parts[2]);
  if (!d || !m || !y) return std::nullopt;
  return civil_day(*y, *m, *d);
}

std::optional<int> parse_score(std::string_view text) {
  auto value = core::trim(text);
  if (value.empty()) return 0;
  if (value.size() == 1 && value[0] >= '1' && value[0] <= '4') return value[0] - '0';
  return std::nullopt;
}

std::optional<std::string> parse_sex(std::string_view text) {
  auto value = lower(text);
  if (value == "laki-laki" || value == "laki laki" || value == "pria") return "L";
  if (value == "perempuan" || value == "wanita") return "P";
  return one_of(text, std::array<std::string_view, 2>{"L", "P"});
}

std::optional<std::string> parse_age(std::string_view text) {
  static constexpr std::array<std::string_view, 6> kGroups = {"<20",   "20-29", "30-39",
                                                             "40-49", "50-59", "60+"};
  if (auto group = one_of(text, kGroups)) return group;
  auto years = number(core::trim(text));
  if (!years || *years < 1 || *years > 120) return std::nullopt;
  if (*years < 20) return std::string(kGroups[0]);
  return std::string(kGroups[static_cast<std::size_t>(std::min(*years / 10 - 1, 5))]);
}

std::optional<std::string> parse_education(std::string_view text) {
  return one_of(text, std::array<std::string_view, 7>{"SD", "SMP", "SMA", "D3", "S1", "S2", "S3"});
}

std::optional<std::string> parse_occupation(std::string_view text) {
  return one_of(text, std::array<std::string_view, 6>{"PNS", "TNI", "POLRI", "Swasta", "Wirausaha",
                                                      "Lainnya"});
}

std::optional<std::string> parse_unit(std::string_view text, const std::vector<core::Unit>& units) {
  auto wanted = lower(text);
  if (wanted.empty()) return std::string();
  if (units.empty()) {
    auto id = core::trim(text);
    return core::is_identifier(id) ? std::optional(id) : std::nullopt;
  }
  for (const auto& unit : units) {
    if (lower(unit.id) == wanted) return unit.id;
    for (const auto& [language, label] : unit.label)
      if (lower(label) == wanted) return unit.id;
  }
  return std::nullopt;
}

}  // namespace kotak::server::skm
