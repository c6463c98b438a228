// See csv.hpp.
#include "server/reports/csv.hpp"

#include <cmath>
#include <cstdio>

namespace kotak::server::reports {

std::string csv_field(std::string_view value, char separator) {
  std::string cell;
  if (!value.empty() && std::string_view("=+-@\t\r").find(value.front()) != std::string_view::npos)
    cell += '\'';
  cell += value;
  bool quote = cell.find_first_of(std::string("\"\r\n") + separator) != std::string::npos;
  if (!quote) return cell;
  std::string out = "\"";
  for (char c : cell) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

CsvWriter::CsvWriter(char separator) : separator_(separator) { out_ = "\xEF\xBB\xBF"; }

void CsvWriter::separate() {
  if (row_started_) out_ += separator_;
  row_started_ = true;
}

CsvWriter& CsvWriter::text(std::string_view value) {
  separate();
  out_ += csv_field(value, separator_);
  return *this;
}

CsvWriter& CsvWriter::number(std::int64_t value) {
  separate();
  out_ += std::to_string(value);
  return *this;
}

CsvWriter& CsvWriter::decimal(double value, int places) {
  separate();
  char text[64];
  std::snprintf(text, sizeof text, "%.*f", places, value);
  std::string s = text;
  if (separator_ == ';')
    for (auto& c : s)
      if (c == '.') c = ',';
  out_ += s;
  return *this;
}

CsvWriter& CsvWriter::empty() {
  separate();
  return *this;
}

void CsvWriter::end_row() {
  out_ += "\r\n";
  row_started_ = false;
}

}  // namespace kotak::server::reports
