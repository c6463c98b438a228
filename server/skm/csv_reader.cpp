// See csv_reader.hpp.
#include "server/skm/csv_reader.hpp"

#include "core/text.hpp"

namespace kotak::server::skm {

namespace {

// The separator of the header line: whichever of ";" and "," occurs more
// often outside quotes (";" on a tie, as Indonesian Excel writes).
char detect_separator(std::string_view text) {
  std::size_t semicolons = 0, commas = 0;
  bool quoted = false;
  for (char c : text) {
    if (c == '"') quoted = !quoted;
    if (!quoted && (c == '\n' || c == '\r')) break;
    if (quoted) continue;
    semicolons += c == ';';
    commas += c == ',';
  }
  return commas > semicolons ? ',' : ';';
}

bool blank(const CsvRecord& record) {
  for (const auto& field : record.fields)
    if (!core::trim(field).empty()) return false;
  return true;
}

class Parser {
 public:
  Parser(std::string_view text, char separator) : text_(text), separator_(separator) {}

  std::vector<CsvRecord> records() {
    std::vector<CsvRecord> out;
    while (at_ < text_.size()) {
      CsvRecord record{line_, {}};
      read_record(record);
      if (!blank(record)) out.push_back(std::move(record));
    }
    return out;
  }

 private:
  // Reads fields up to the end of the record and past its line end.
  void read_record(CsvRecord& record) {
    while (true) {
      record.fields.push_back(read_field(record.line));
      if (at_ >= text_.size()) return;
      char c = text_[at_++];
      if (c == separator_) continue;
      end_line(c);
      return;
    }
  }

  std::string read_field(std::int64_t record_line) {
    std::string field;
    if (at_ < text_.size() && text_[at_] == '"') {
      ++at_;
      while (true) {
        if (at_ >= text_.size()) throw CsvError("quote", record_line);
        char c = text_[at_++];
        if (c == '"') {
          if (at_ < text_.size() && text_[at_] == '"') {
            field += '"';
            ++at_;
            continue;
          }
          break;
        }
        if (c == '\n' || (c == '\r' && (at_ >= text_.size() || text_[at_] != '\n'))) ++line_;
        field += c;
      }
    }
    // Unquoted text, or what follows a closing quote up to the separator.
    while (at_ < text_.size() && text_[at_] != separator_ && text_[at_] != '\n' &&
           text_[at_] != '\r')
      field += text_[at_++];
    return field;
  }

  void end_line(char c) {
    if (c == '\r' && at_ < text_.size() && text_[at_] == '\n') ++at_;
    ++line_;
  }

  std::string_view text_;
  char separator_;
  std::size_t at_ = 0;
  std::int64_t line_ = 1;
};

}  // namespace

CsvTable read_csv(std::string_view bytes) {
  if (bytes.substr(0, 3) == "\xEF\xBB\xBF") bytes.remove_prefix(3);
  if (!core::utf8_length(bytes)) throw CsvError("encoding", 0);
  CsvTable table;
  table.separator = detect_separator(bytes);
  table.records = Parser(bytes, table.separator).records();
  return table;
}

}  // namespace kotak::server::skm
