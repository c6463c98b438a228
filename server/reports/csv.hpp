// CSV for spreadsheets people actually use in a puskesmas: Excel (often
// with Indonesian regional settings) and LibreOffice.
//
// - UTF-8 with a byte order mark, so Excel does not read the text as
//   Windows-1252 (a "sep=" line would make Excel drop the BOM, so none).
// - The separator is ";" by default: with Indonesian settings Excel splits
//   on ";" (the comma is the decimal mark there), and LibreOffice asks or
//   detects it. Decimals are then written with a comma. "," is available for
//   English settings, with a decimal point.
// - Every field that holds the separator, a quote or a line break is quoted,
//   quotes doubled; lines end in CRLF (RFC 4180).
// - Formula injection: a text field that begins with = + - @ tab or CR
//   would run as a formula in a spreadsheet, so it gets a leading
//   apostrophe (OWASP's advice). Numbers are written as numbers.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace kotak::server::reports {

class CsvWriter {
 public:
  explicit CsvWriter(char separator = ';');
  CsvWriter& text(std::string_view value);
  CsvWriter& number(std::int64_t value);
  CsvWriter& decimal(double value, int places);
  CsvWriter& empty();
  void end_row();
  const std::string& str() const { return out_; }

 private:
  void separate();
  char separator_;
  bool row_started_ = false;
  std::string out_;
};

// The cell text of a field, quoted and defused as above.
std::string csv_field(std::string_view value, char separator);

}  // namespace kotak::server::reports
