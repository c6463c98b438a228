// See personal_data.hpp.
#include "server/register/personal_data.hpp"

#include <algorithm>
#include <array>

#include "core/phone.hpp"

namespace kotak::server::reg {

namespace {

constexpr std::size_t kNikDigits = 16;
constexpr std::size_t kMinNameWordChars = 3;

// Words before a name that name nobody (Bahasa Indonesia and Javanese).
constexpr std::array<std::string_view, 22> kHonorifics = {
    "ibu", "bapak", "bu", "pak", "bpk", "sdr", "sdri", "saudara", "saudari", "nyonya", "ny",
    "tuan", "tn", "mbak", "mas", "adik", "dik", "kakak", "kak", "mbah", "nenek", "kakek"};

bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_ascii_letter(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
// A byte of a word: letters, digits and every byte of a multi-byte UTF-8
// character (names in other scripts stay whole words).
bool is_word_byte(char c) {
  return is_ascii_letter(c) || is_digit(c) || static_cast<unsigned char>(c) >= 0x80;
}
// The digits of a number with an international +62 / 62 prefix turned into
// the national 0, for comparing the case's own number however it is written.
std::string phone_digits(std::string_view text) {
  std::string digits;
  for (char c : text)
    if (is_digit(c)) digits += c;
  // Erase and overwrite rather than replace(0, 2, "0"): GCC 12 at -O2 with
  // sanitizers sees a false overlap there (-Wrestrict).
  if (digits.rfind("62", 0) == 0) {
    digits.erase(0, 1);
    digits[0] = '0';
  }
  return digits;
}

// The kiosk's rule (core/phone.hpp) for a run of prose, where people also
// group digits with dots ("0812.5555.1234").
bool is_mobile_number(std::string_view run) {
  std::string candidate(run);
  std::replace(candidate.begin(), candidate.end(), '.', '-');
  return core::check_phone(candidate) == core::PhoneCheck::ok;
}

char lower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }

std::string lowered(std::string_view text) {
  std::string out(text);
  std::transform(out.begin(), out.end(), out.begin(), lower);
  return out;
}

// Runs of white space become one space, so "Jl.  Melati" finds "Jl. Melati".
std::string squeezed(std::string_view text, std::vector<std::size_t>* offsets = nullptr) {
  std::string out;
  bool space = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    bool blank = c == ' ' || c == '\t' || c == '\n' || c == '\r';
    if (blank && (space || out.empty())) continue;
    space = blank;
    out += blank ? ' ' : lower(c);
    if (offsets) offsets->push_back(i);
  }
  while (!out.empty() && out.back() == ' ') {
    out.pop_back();
    if (offsets) offsets->pop_back();
  }
  return out;
}

struct Scanner {
  std::string_view text;
  std::vector<Finding> found;

  void add(PersonalKind kind, std::size_t offset, std::size_t length) {
    found.push_back({kind, offset, length, std::string(text.substr(offset, length))});
  }

  // Numbers: digit groups with one separator between digits, perhaps after
  // a '+'. Each is a NIK, an Indonesian mobile number, or the case's own
  // phone number written any way.
  void numbers(const std::string& own_phone) {
    std::size_t i = 0;
    while (i < text.size()) {
      bool plus = text[i] == '+' && i + 1 < text.size() && is_digit(text[i + 1]);
      if (!(is_digit(text[i]) || plus) || (i > 0 && is_word_byte(text[i - 1]))) {
        ++i;
        continue;
      }
      std::size_t end = i + (plus ? 1 : 0);
      while (end < text.size()) {
        if (is_digit(text[end])) {
          ++end;
        } else if ((text[end] == ' ' || text[end] == '-' || text[end] == '.') && end + 1 < text.size() &&
                   is_digit(text[end + 1]) && is_digit(text[end - 1])) {
          ++end;
        } else {
          break;
        }
      }
      if (end < text.size() && is_word_byte(text[end])) {  // part of a word such as "B1234XY"
        i = end;
        continue;
      }
      classify(i, end, plus, own_phone);
      i = end;
    }
  }

  void classify(std::size_t start, std::size_t end, bool plus, const std::string& own_phone) {
    auto run = text.substr(start, end - start);
    if (!own_phone.empty() && phone_digits(run) == own_phone)
      return add(PersonalKind::phone, start, end - start);
    // The run may hold a number between other figures ("2026 0812 5555
    // 1234", two numbers one after the other): try every stretch of whole
    // digit groups, the longest first.
    std::vector<std::pair<std::size_t, std::size_t>> groups;  // [begin, end)
    for (std::size_t i = start; i < end;) {
      std::size_t stop = i + 1;
      while (stop < end && is_digit(text[stop])) ++stop;
      groups.emplace_back(i, stop);
      i = stop + 1;
    }
    auto is_phone = [&](std::string_view candidate) {
      return is_mobile_number(candidate) ||
             (!own_phone.empty() && phone_digits(candidate) == own_phone);
    };
    for (std::size_t first = 0; first < groups.size();) {
      std::size_t last = groups.size();
      while (last-- > first) {
        auto from = groups[first].first, to = groups[last].second;
        if (is_phone(text.substr(from, to - from))) {
          add(PersonalKind::phone, from, to - from);
          break;
        }
      }
      first = last + 1 > first ? last + 1 : first + 1;
    }
    std::size_t digits = std::count_if(run.begin(), run.end(), is_digit);
    if (!plus && digits == kNikDigits && (found.empty() || found.back().offset < start))
      add(PersonalKind::nik, start, end - start);
  }

  void emails() {
    auto local_byte = [](char c) {
      return is_ascii_letter(c) || is_digit(c) || c == '.' || c == '_' || c == '%' || c == '+' || c == '-';
    };
    auto domain_byte = [](char c) { return is_ascii_letter(c) || is_digit(c) || c == '.' || c == '-'; };
    for (std::size_t at = text.find('@'); at != std::string_view::npos; at = text.find('@', at + 1)) {
      std::size_t start = at;
      while (start > 0 && local_byte(text[start - 1])) --start;
      std::size_t end = at + 1;
      while (end < text.size() && domain_byte(text[end])) ++end;
      while (end > at + 1 && (text[end - 1] == '.' || text[end - 1] == '-')) --end;
      auto domain = text.substr(at + 1, end - at - 1);
      auto dot = domain.rfind('.');
      if (start == at || dot == std::string_view::npos || dot == 0 || domain.size() - dot < 3) continue;
      add(PersonalKind::email, start, end - start);
    }
  }

  // Whole-word, case-insensitive occurrences of a word of the name.
  void word(std::string_view needle) {
    auto haystack = lowered(text);
    auto wanted = lowered(needle);
    for (std::size_t at = haystack.find(wanted); at != std::string::npos;
         at = haystack.find(wanted, at + 1)) {
      bool starts = at == 0 || !is_word_byte(text[at - 1]);
      bool ends = at + wanted.size() >= text.size() || !is_word_byte(text[at + wanted.size()]);
      if (starts && ends) add(PersonalKind::name, at, wanted.size());
    }
  }

  void name(std::string_view full) {
    std::size_t i = 0;
    while (i < full.size()) {
      while (i < full.size() && !is_word_byte(full[i])) ++i;
      std::size_t end = i;
      while (end < full.size() && is_word_byte(full[end])) ++end;
      auto part = full.substr(i, end - i);
      i = end;
      std::size_t chars = std::count_if(part.begin(), part.end(), [](char c) {
        return (static_cast<unsigned char>(c) & 0xC0) != 0x80;
      });
      if (chars < kMinNameWordChars) continue;
      if (std::find(kHonorifics.begin(), kHonorifics.end(), lowered(part)) != kHonorifics.end()) continue;
      word(part);
    }
  }

  void phrase(std::string_view wanted_text) {
    std::vector<std::size_t> offsets;
    auto haystack = squeezed(text, &offsets);
    auto wanted = squeezed(wanted_text);
    if (wanted.empty()) return;
    for (std::size_t at = haystack.find(wanted); at != std::string::npos;
         at = haystack.find(wanted, at + 1)) {
      std::size_t start = offsets[at], last = offsets[at + wanted.size() - 1];
      add(PersonalKind::address, start, last + 1 - start);
    }
  }

  void address(std::string_view full) {
    phrase(full);
    auto street = full.substr(0, full.find(','));
    auto words = squeezed(street);
    if (street.size() < full.size() && std::count(words.begin(), words.end(), ' ') >= 1) phrase(street);
  }

  void own_email(std::string_view email) {
    if (email.empty()) return;
    auto haystack = lowered(text);
    auto wanted = lowered(email);
    for (std::size_t at = haystack.find(wanted); at != std::string::npos; at = haystack.find(wanted, at + 1))
      add(PersonalKind::email, at, wanted.size());
  }

  // In order of offset; a finding inside or overlapping an earlier one is
  // part of it (the own phone number is also "a phone number").
  std::vector<Finding> merged() {
    std::stable_sort(found.begin(), found.end(), [](const Finding& a, const Finding& b) {
      return a.offset < b.offset || (a.offset == b.offset && a.length > b.length);
    });
    std::vector<Finding> out;
    for (auto& f : found) {
      if (!out.empty() && f.offset < out.back().offset + out.back().length) {
        auto& last = out.back();
        auto end = std::max(last.offset + last.length, f.offset + f.length);
        last.length = end - last.offset;
        last.text = std::string(text.substr(last.offset, last.length));
        continue;
      }
      out.push_back(std::move(f));
    }
    return out;
  }
};

}  // namespace

std::string_view to_string(PersonalKind kind) {
  switch (kind) {
    case PersonalKind::name:
      return "name";
    case PersonalKind::address:
      return "address";
    case PersonalKind::phone:
      return "phone";
    case PersonalKind::email:
      return "email";
    case PersonalKind::nik:
      return "nik";
  }
  return "name";
}

std::vector<Finding> find_personal_data(std::string_view text, const Contact& own) {
  Scanner scanner{text, {}};
  auto own_phone = phone_digits(own.phone);
  scanner.numbers(own_phone.size() >= 5 ? own_phone : std::string());
  scanner.emails();
  scanner.own_email(own.email);
  scanner.name(own.name);
  if (!own.address.empty()) scanner.address(own.address);
  return scanner.merged();
}

std::string redact(std::string_view text, const Contact& own, std::string_view mark) {
  std::string out;
  std::size_t at = 0;
  for (const auto& f : find_personal_data(text, own)) {
    out.append(text.substr(at, f.offset - at));
    out.append(mark);
    at = f.offset + f.length;
  }
  out.append(text.substr(at));
  return out;
}

}  // namespace kotak::server::reg
