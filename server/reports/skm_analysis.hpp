// The analysis section of the SKM report: all nine unsur ranked from the
// lowest NRR (the first to improve) to the highest, and the complaints of
// the same period and unit linked to them.
//
// A case of the register has no unsur, so the link is by words: a
// complaint or suggestion "mentions" an unsur when its text holds one of
// that unsur's words (kSkmUnsurWords in the .cpp, listed in docs/skm.md),
// e.g. "antri", "lama", "menunggu" for U3 Waktu penyelesaian. The section
// counts the cases by type, the mentions per unsur, and quotes up to three
// complaints that mention the weakest unsur, without identity: contact
// details are stored apart and never read here, the text of a rahasia case
// is never read at all (the storage gives it empty, and it is only
// counted), and what looks like a telephone number, NIK or e-mail address
// in a quoted text is blanked out.
#pragma once

#include <array>
#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "core/ikm.hpp"
#include "server/storage/skm_types.hpp"

namespace kotak::server::reports {

struct SkmAnalysis {
  // Indices of the answered unsur, lowest NRR first (the regulation's
  // order on ties); unanswered unsur are left out.
  std::vector<int> ranking;
  std::int64_t cases = 0;                      // cases received in the period and unit
  std::map<std::string, std::int64_t> by_type;  // saran, keluhan, pujian, pertanyaan
  std::int64_t rahasia = 0;                     // counted, never read
  std::array<std::int64_t, core::kSkmElements> mentions{};  // keluhan and saran per unsur
  std::vector<std::string> examples;  // of the weakest unsur, newest first, at most three
  bool cut = false;                   // more cases than the report reads
};

// The storage reads at most this many cases of a period for the analysis.
inline constexpr std::size_t kMaxAnalysedCases = 20000;

SkmAnalysis analyse_skm(const core::IkmResult& ikm, const std::vector<SkmComplaint>& complaints);

// Whether a text mentions an unsur (0..8) by its words.
bool mentions_unsur(std::string_view text, int element);

// A complaint as the report may quote it: numbers of seven digits or more
// (telephone, NIK) and e-mail addresses become "[…]", one line, at most
// 160 characters.
std::string quotable(std::string_view text);

}  // namespace kotak::server::reports
