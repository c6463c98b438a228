// A table written as a file for a spreadsheet (issue 15 item 10: the
// register's export), one row after the other: CSV (csv.hpp's rules) or
// XLSX (libxlsxwriter, Debian's libxlsxwriter-dev).
//
// Formula injection: a patient's text that starts with = + - @ must never
// run as a formula. In CSV such a cell gets a leading apostrophe
// (csv.hpp). In XLSX every text is written as a string cell (never a
// formula cell), which Excel and LibreOffice show as the text it is: the
// text is kept exactly, with no apostrophe to confuse a reader.
//
// Memory: the XLSX writer runs in libxlsxwriter's constant_memory mode
// (each row goes to a temporary file as the next one starts) and the
// finished file is read back whole; the CSV grows in memory. The caller
// bounds the rows (and checks bytes() as it goes).
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace kotak::server::reports {

// One cell: text, a whole number, or a local time (unix ms and the UTC
// offset it was recorded in), shown as 2026-11-23 09:30.
struct TableCell {
  enum class Kind { text, number, time, empty } kind = Kind::empty;
  std::string text = {};
  std::int64_t value = 0;  // number, or unix ms for time
  int utc_offset_min = 0;

  static TableCell of(std::string text) { return {Kind::text, std::move(text)}; }
  static TableCell count(std::int64_t n) { return {Kind::number, {}, n}; }
  static TableCell at(std::int64_t ms, int offset_min) { return {Kind::time, {}, ms, offset_min}; }
  static TableCell none() { return {}; }
};

class TableFile {
 public:
  virtual ~TableFile() = default;
  // The header row (bold in XLSX, which also keeps it in view).
  virtual void header(const std::vector<std::string>& names) = 0;
  virtual void row(const std::vector<TableCell>& cells) = 0;
  // Bytes held in memory so far (CSV); 0 when rows go to disk (XLSX).
  virtual std::size_t bytes() const = 0;
  // The whole file. Throws std::runtime_error when it cannot be written.
  virtual std::string finish() = 0;
  virtual const char* content_type() const = 0;
  virtual const char* extension() const = 0;
};

// separator ';' (Indonesian Excel, the default) or ','.
std::unique_ptr<TableFile> csv_table(char separator);
// One worksheet named sheet (at most 31 characters); nullptr in a build
// without libxlsxwriter (KOTAK_XLSX=0). Throws std::runtime_error when no
// temporary file can be made.
std::unique_ptr<TableFile> xlsx_table(const std::string& sheet);

// "2026-11-23 09:30": the local time of ms at a UTC offset.
std::string local_minute(std::int64_t ms, int utc_offset_min);

}  // namespace kotak::server::reports
