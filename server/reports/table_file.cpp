// See table_file.hpp.
#include "server/reports/table_file.hpp"

#include <unistd.h>
#if KOTAK_XLSX
#include <xlsxwriter.h>
#endif

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <stdexcept>

#include "core/timestamp.hpp"
#include "server/reports/csv.hpp"

namespace kotak::server::reports {

namespace {

struct LocalTime {
  int year = 1970;
  unsigned month = 1, day = 1;
  int hour = 0, minute = 0;
};

LocalTime local_time(std::int64_t ms, int utc_offset_min) {
  const std::int64_t minutes = (ms / 60000) + utc_offset_min - (ms % 60000 < 0 ? 1 : 0);
  std::int64_t days = minutes / 1440, rest = minutes % 1440;
  if (rest < 0) {
    rest += 1440;
    --days;
  }
  LocalTime t;
  core::civil_from_days(days, t.year, t.month, t.day);
  t.hour = static_cast<int>(rest / 60);
  t.minute = static_cast<int>(rest % 60);
  return t;
}

class CsvTable final : public TableFile {
 public:
  explicit CsvTable(char separator) : csv_(separator) {}
  void header(const std::vector<std::string>& names) override {
    for (const auto& name : names) csv_.text(name);
    csv_.end_row();
  }
  void row(const std::vector<TableCell>& cells) override {
    for (const auto& cell : cells) {
      switch (cell.kind) {
        case TableCell::Kind::text: csv_.text(cell.text); break;
        case TableCell::Kind::number: csv_.number(cell.value); break;
        case TableCell::Kind::time: csv_.text(local_minute(cell.value, cell.utc_offset_min)); break;
        case TableCell::Kind::empty: csv_.empty(); break;
      }
    }
    csv_.end_row();
  }
  std::size_t bytes() const override { return csv_.str().size(); }
  std::string finish() override { return csv_.str(); }
  const char* content_type() const override { return "text/csv; charset=utf-8"; }
  const char* extension() const override { return "csv"; }

 private:
  CsvWriter csv_;
};

#if KOTAK_XLSX
class XlsxTable final : public TableFile {
 public:
  explicit XlsxTable(const std::string& sheet) {
    auto pattern = (std::filesystem::temp_directory_path() / "kotak-export-XXXXXX").string();
    int fd = ::mkstemp(pattern.data());
    if (fd < 0) throw std::runtime_error("cannot make a temporary file for an XLSX export in " + pattern);
    ::close(fd);
    path_ = pattern;
    lxw_workbook_options options{};
    options.constant_memory = LXW_TRUE;
    book_ = workbook_new_opt(path_.c_str(), &options);
    if (!book_) {
      std::filesystem::remove(path_);
      throw std::runtime_error("cannot start an XLSX file");
    }
    sheet_ = workbook_add_worksheet(book_, sheet.substr(0, 31).c_str());
    bold_ = workbook_add_format(book_);
    format_set_bold(bold_);
    time_ = workbook_add_format(book_);
    format_set_num_format(time_, "yyyy-mm-dd hh:mm");
  }
  ~XlsxTable() override {
    if (book_) workbook_close(book_);
    std::error_code ignored;
    std::filesystem::remove(path_, ignored);
  }
  void header(const std::vector<std::string>& names) override {
    for (std::size_t c = 0; c < names.size(); ++c)
      worksheet_write_string(sheet_, row_, static_cast<lxw_col_t>(c), names[c].c_str(), bold_);
    worksheet_freeze_panes(sheet_, 1, 0);
    ++row_;
  }
  void row(const std::vector<TableCell>& cells) override {
    for (std::size_t c = 0; c < cells.size(); ++c) {
      const auto col = static_cast<lxw_col_t>(c);
      const auto& cell = cells[c];
      switch (cell.kind) {
        case TableCell::Kind::text:
          // A string cell, never a formula (table_file.hpp).
          if (!cell.text.empty()) worksheet_write_string(sheet_, row_, col, cell.text.c_str(), nullptr);
          break;
        case TableCell::Kind::number:
          worksheet_write_number(sheet_, row_, col, static_cast<double>(cell.value), nullptr);
          break;
        case TableCell::Kind::time: {
          auto t = local_time(cell.value, cell.utc_offset_min);
          lxw_datetime when{t.year, static_cast<int>(t.month), static_cast<int>(t.day), t.hour, t.minute, 0.0};
          worksheet_write_datetime(sheet_, row_, col, &when, time_);
          break;
        }
        case TableCell::Kind::empty:
          break;
      }
    }
    ++row_;
  }
  std::size_t bytes() const override { return 0; }
  std::string finish() override {
    auto status = workbook_close(book_);
    book_ = nullptr;
    if (status != LXW_NO_ERROR)
      throw std::runtime_error(std::string("cannot write the XLSX file: ") + lxw_strerror(status));
    std::ifstream in(path_, std::ios::binary);
    return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  }
  const char* content_type() const override {
    return "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
  }
  const char* extension() const override { return "xlsx"; }

 private:
  std::string path_;
  lxw_workbook* book_ = nullptr;
  lxw_worksheet* sheet_ = nullptr;
  lxw_format* bold_ = nullptr;
  lxw_format* time_ = nullptr;
  lxw_row_t row_ = 0;
};
#endif

}  // namespace

std::string local_minute(std::int64_t ms, int utc_offset_min) {
  auto t = local_time(ms, utc_offset_min);
  char text[32];
  std::snprintf(text, sizeof text, "%04d-%02u-%02u %02d:%02d", t.year, t.month, t.day, t.hour, t.minute);
  return text;
}

std::unique_ptr<TableFile> csv_table(char separator) { return std::make_unique<CsvTable>(separator); }
std::unique_ptr<TableFile> xlsx_table([[maybe_unused]] const std::string& sheet) {
#if KOTAK_XLSX
  return std::make_unique<XlsxTable>(sheet);
#else
  return nullptr;
#endif
}

}  // namespace kotak::server::reports
