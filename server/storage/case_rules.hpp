// The engine-neutral half of the register's storage: how a case is made
// from a kiosk submission or from a case entered by hand, and what a change
// by staff does to a case. The rules are those of register/case.hpp,
// decided here once; each engine only writes the outcome inside its own
// transaction, against the case as it read it there.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "server/storage/storage.hpp"

namespace kotak::server {

// The year of a time in its own UTC offset: the register's numbering year.
int local_year(std::int64_t unix_ms, int utc_offset_min);

// The case a written kiosk submission becomes (all but id and number).
reg::Case written_case(const core::Submission& submission, std::int64_t due_hours,
                       reg::Channel channel = reg::Channel::kiosk);
// The case staff enter by hand (all but id and number), with a new public
// id and ticket code.
reg::Case entered_case(const NewCase& entered, std::int64_t due_hours);

// What one change does to a case.
struct CaseEdit {
  reg::Case after;                    // every field of the case after the change
  std::optional<reg::Answer> answer;  // an answer to record (answered_ms set)
  enum class Board { keep, put, remove } board = Board::keep;  // the case's item on the board
  std::string action;                 // its history line: action ...
  std::string detail;                 // ... and detail (JSON)
};

// Decides a change against the case as stored. Throws StorageError invalid
// (with the catalog key of the reason) when the rules refuse it.
CaseEdit plan_edit(const reg::Case& before, const CaseChange& change, std::int64_t now_ms);

// The case a request id was done for before, checked against this call's:
// the same user, and the same case for a change (case_id set). Throws
// StorageError invalid when a request id is sent for something else.
std::int64_t request_case(std::optional<std::int64_t> earlier_case, std::int64_t earlier_user,
                          const Actor& actor, std::optional<std::int64_t> case_id);

// The history detail of a look at contact details: its reason, if any.
std::string identity_view_detail(const std::string& reason);

// A case's id on the public board ("c12").
std::string board_item_id(std::int64_t case_id);

// A LIKE pattern that matches text anywhere, with % _ and \ escaped (\ is
// the ESCAPE character).
std::string like_pattern(const std::string& text);

}  // namespace kotak::server
