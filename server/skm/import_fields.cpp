// See import_fields.hpp.
#include "server/skm/import_fields.hpp"

#include <algorithm>
#include <array>
#include <charconv>
#include <span>

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

namespace {

// A profile answer as puskesmas write it, reduced to lower-case letters and
// digits ("SD/MI" → "sdmi", "Pelajar / Mahasiswa" → "pelajarmahasiswa").
std::string squeezed(std::string_view text) {
  std::string out;
  for (char c : lower(text))
    if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) out += c;
  return out;
}

struct Synonym {
  std::string_view written;  // squeezed
  std::string_view category;
};

std::optional<std::string> category_of(std::string_view text, std::span<const Synonym> synonyms) {
  if (core::trim(text).empty()) return std::string();
  auto wanted = squeezed(text);
  for (const auto& s : synonyms)
    if (s.written == wanted) return std::string(s.category);
  return std::nullopt;
}

// The report's education rows are the questionnaire's (SD, SMP, SMA, D3,
// S1, S2, S3); what forms and other SKM tools write maps to them as
// docs/skm.md lists: below primary school counts in the SD row ("SD ke
// bawah"), D1/D2/D3 in the D3 row, D4 (sarjana terapan) with S1.
constexpr Synonym kEducation[] = {
    {"sd", "SD"},          {"sdmi", "SD"},        {"mi", "SD"},          {"sdsederajat", "SD"},
    {"sdkebawah", "SD"},   {"tidaksekolah", "SD"}, {"belumsekolah", "SD"}, {"tidaktamatsd", "SD"},
    {"tidakbelumsekolah", "SD"}, {"tk", "SD"},    {"paketa", "SD"},
    {"smp", "SMP"},        {"smpmts", "SMP"},     {"mts", "SMP"},        {"sltp", "SMP"},
    {"smpsederajat", "SMP"}, {"paketb", "SMP"},
    {"sma", "SMA"},        {"smasmk", "SMA"},     {"smk", "SMA"},        {"ma", "SMA"},
    {"smasmkma", "SMA"},   {"slta", "SMA"},       {"smasederajat", "SMA"}, {"stm", "SMA"},
    {"smea", "SMA"},       {"paketc", "SMA"},
    {"d1", "D3"},          {"d2", "D3"},          {"d3", "D3"},          {"diii", "D3"},
    {"di", "D3"},          {"dii", "D3"},         {"diploma", "D3"},     {"d1d2d3", "D3"},
    {"akademi", "D3"},
    {"d4", "S1"},          {"div", "S1"},         {"s1", "S1"},          {"d4s1", "S1"},
    {"sarjana", "S1"},     {"s1d4", "S1"},
    {"s2", "S2"},          {"magister", "S2"},    {"pascasarjana", "S2"},
    {"s3", "S3"},          {"doktor", "S3"}};

// The occupation rows (PNS, TNI, POLRI, Swasta, Wirausaha, Lainnya): the
// self-employed (farmers, fishers, traders) are Wirausaha, employees and
// labourers Swasta, everyone without an employer or business - pupils,
// students, housewives, the retired, the unemployed - Lainnya.
constexpr Synonym kOccupation[] = {
    {"pns", "PNS"},             {"asn", "PNS"},           {"pegawainegeri", "PNS"},
    {"pegawainegerisipil", "PNS"}, {"pppk", "PNS"},       {"pnsasn", "PNS"},
    {"tni", "TNI"},             {"tentara", "TNI"},
    {"polri", "POLRI"},         {"polisi", "POLRI"},
    {"swasta", "Swasta"},       {"pegawaiswasta", "Swasta"}, {"karyawan", "Swasta"},
    {"karyawanswasta", "Swasta"}, {"buruh", "Swasta"},    {"buruhharian", "Swasta"},
    {"pegawaibumn", "Swasta"},  {"bumn", "Swasta"},       {"honorer", "Swasta"},
    {"wirausaha", "Wirausaha"}, {"wiraswasta", "Wirausaha"}, {"pedagang", "Wirausaha"},
    {"petani", "Wirausaha"},    {"nelayan", "Wirausaha"}, {"peternak", "Wirausaha"},
    {"usahasendiri", "Wirausaha"}, {"pengusaha", "Wirausaha"},
    {"lainnya", "Lainnya"},     {"lainlain", "Lainnya"},  {"pelajar", "Lainnya"},
    {"mahasiswa", "Lainnya"},   {"pelajarmahasiswa", "Lainnya"}, {"iburumahtangga", "Lainnya"},
    {"irt", "Lainnya"},         {"mengurusrumahtangga", "Lainnya"}, {"pensiunan", "Lainnya"},
    {"tidakbekerja", "Lainnya"}, {"belumbekerja", "Lainnya"}, {"belumtidakbekerja", "Lainnya"}};

}  // namespace

std::optional<std::string> parse_education(std::string_view text) { return category_of(text, kEducation); }

std::optional<std::string> parse_occupation(std::string_view text) { return category_of(text, kOccupation); }

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
