// See skm_analysis.hpp.
#include "server/reports/skm_analysis.hpp"

#include <algorithm>
#include <string_view>

#include "core/text.hpp"

namespace kotak::server::reports {

namespace {

// Words (lower case, matched at the start of a word: "antri" finds
// "antrian") by which a complaint names an unsur. Bahasa Indonesia as
// complaints are written, with common informal spellings.
const std::vector<std::string_view> kSkmUnsurWords[core::kSkmElements] = {
    {"syarat", "ktp", "kartu", "bpjs", "rujukan", "surat", "berkas", "fotokopi", "dokumen"},
    {"prosedur", "alur", "daftar", "pendaftaran", "loket", "berbelit", "bingung", "rumit"},
    {"lama", "antri", "antre", "menunggu", "tunggu", "lambat", "telat", "terlambat", "cepat"},
    {"biaya", "bayar", "mahal", "tarif", "pungut", "pungli", "uang", "gratis"},
    {"obat", "resep", "hasil", "lab", "laborat"},
    {"kompeten", "salah", "diagnos", "paham", "ahli", "terampil", "teliti", "asal-asalan"},
    {"judes", "ketus", "kasar", "ramah", "sopan", "marah", "bentak", "cemberut", "senyum",
     "sinis", "galak", "cuek"},
    {"pengaduan", "aduan", "kotak saran", "ditanggapi", "tanggapan", "tidak direspon"},
    {"toilet", "wc", "kamar mandi", "parkir", "kursi", "kotor", "bersih", "panas", "ac",
     "kipas", "ruang tunggu", "bau", "air", "lampu", "sampah", "sempit"}};

std::string lower(std::string_view text) {
  std::string out(text);
  for (auto& c : out)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return out;
}

bool is_letter(char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'); }

bool is_digit(char c) { return c >= '0' && c <= '9'; }

bool is_email_char(char c) {
  return is_letter(c) || (c >= 'A' && c <= 'Z') || c == '.' || c == '_' || c == '-' || c == '+';
}

}  // namespace

bool mentions_unsur(std::string_view text, int element) {
  auto haystack = lower(text);
  for (auto word : kSkmUnsurWords[element])
    for (auto at = haystack.find(word); at != std::string::npos; at = haystack.find(word, at + 1))
      if (at == 0 || !is_letter(haystack[at - 1])) return true;
  return false;
}

std::string quotable(std::string_view text) {
  std::string out;
  for (std::size_t i = 0; i < text.size();) {
    char c = text[i];
    // A run of digits with spaces, dots, dashes or a leading + between them.
    if (is_digit(c) || (c == '+' && i + 1 < text.size() && is_digit(text[i + 1]))) {
      std::size_t end = i, digits = 0;
      while (end < text.size() && (is_digit(text[end]) || text[end] == ' ' || text[end] == '-' ||
                                   text[end] == '.' || text[end] == '+')) {
        digits += is_digit(text[end]) ? 1 : 0;
        ++end;
      }
      if (digits >= 7) {
        out += "[…]";
        if (text[end - 1] == ' ') out += ' ';
      } else {
        out.append(text.substr(i, end - i));
      }
      i = end;
      continue;
    }
    if (c == '@') {
      // Take back the name before the @ and skip the domain after it.
      while (!out.empty() && is_email_char(out.back())) out.pop_back();
      ++i;
      while (i < text.size() && is_email_char(text[i])) ++i;
      out += "[…]";
      continue;
    }
    out += (c == '\n' || c == '\r' || c == '\t') ? ' ' : c;
    ++i;
  }
  return core::quote_prefix(core::trim(out), 160);
}

SkmAnalysis analyse_skm(const core::IkmResult& ikm, const std::vector<SkmComplaint>& complaints) {
  SkmAnalysis a;
  for (int i = 0; i < core::kSkmElements; ++i)
    if (ikm.elements[i].nrr) a.ranking.push_back(i);
  std::stable_sort(a.ranking.begin(), a.ranking.end(),
                   [&](int x, int y) { return *ikm.elements[x].nrr < *ikm.elements[y].nrr; });
  a.cases = static_cast<std::int64_t>(complaints.size());
  a.cut = complaints.size() >= kMaxAnalysedCases;
  const int weakest = a.ranking.empty() ? -1 : a.ranking.front();
  for (auto it = complaints.rbegin(); it != complaints.rend(); ++it) {
    const auto& c = *it;
    a.by_type[c.type] += 1;
    if (c.rahasia) a.rahasia += 1;
    if (c.rahasia || c.text.empty() || (c.type != "keluhan" && c.type != "saran")) continue;
    for (int i = 0; i < core::kSkmElements; ++i)
      if (mentions_unsur(c.text, i)) a.mentions[i] += 1;
    if (weakest >= 0 && a.examples.size() < 3 && c.type == "keluhan" && mentions_unsur(c.text, weakest))
      a.examples.push_back(quotable(c.text));
  }
  return a;
}

}  // namespace kotak::server::reports
