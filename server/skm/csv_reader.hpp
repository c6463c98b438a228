// Reading CSV as spreadsheets write it (RFC 4180 and what Excel and
// LibreOffice actually save): UTF-8 with or without a byte order mark; ","
// or ";" between fields (Excel with Indonesian settings writes ";"), told
// apart on the header line; quoted fields with "" for a quote and line
// breaks inside; CRLF, LF or CR line ends. Each record keeps the line it
// begins on, so that a problem is reported where a person finds it.
#pragma once

#include <cstdint>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace kotak::server::skm {

struct CsvRecord {
  std::int64_t line = 0;  // 1 for the first line of the file
  std::vector<std::string> fields;
};

struct CsvTable {
  char separator = ';';
  std::vector<CsvRecord> records;  // the header first; blank lines left out
};

// What makes a file unreadable as a whole: not UTF-8, or a quote left open.
class CsvError : public std::runtime_error {
 public:
  CsvError(std::string code, std::int64_t line)
      : std::runtime_error(code), code_(std::move(code)), line_(line) {}
  const std::string& code() const { return code_; }  // "encoding" or "quote"
  std::int64_t line() const { return line_; }

 private:
  std::string code_;
  std::int64_t line_;
};

CsvTable read_csv(std::string_view bytes);

}  // namespace kotak::server::skm
