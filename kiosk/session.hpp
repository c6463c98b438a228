// What the patient in front of the kiosk has chosen so far, and how it
// becomes Submissions. One Session lives from the first tap to "terima
// kasih" (or the idle timeout); clear() wipes it before the next patient.
//
// What is stored, and when:
// - A face is one rating row (kind rating, with the unit if one was
//   picked), saved when the patient leaves the unit step (picks a unit or
//   skips it) or walks away there (flag idle_timeout). "Kembali" from the
//   unit step takes the face back. The burst rule may flag it (burst_rule.hpp).
// - A written complaint is its own row (kind written) with the unit chosen
//   after the face, but not the face itself: a face is counted once, in its
//   rating row, however the patient goes on.
// - An SKM survey is one row (kind skm) with the answers by unsur code.
#pragma once

#include <array>
#include <optional>
#include <string>

#include "core/submission.hpp"
#include "kiosk/keyboard.hpp"
#include "kiosk/text_editor.hpp"

namespace kotak::kiosk {

struct SkmDraft {
  std::array<int, core::kSkmElements> scores{};  // 0: not answered (skipped)
  core::SkmProfile profile;
  int question = 0;  // 0..8, the element on screen
  int answered() const;
};

struct Session {
  std::string language = "id";

  // The face answer.
  std::optional<int> face;  // 1..4
  double face_tapped_at = 0;
  bool face_saved = false;
  std::string unit;  // unit id, empty when skipped

  // The written complaint.
  std::optional<core::FeedbackType> type;
  TextEditor text{1000};
  bool wants_contact = false;
  TextEditor name{core::kMaxNameChars, false};
  TextEditor phone{core::kMaxPhoneChars, false};
  TextEditor address{core::kMaxAddressChars, false};
  bool confidential = false;
  bool urgent = false;
  Keyboard keyboard;

  SkmDraft skm;

  // What the thanks screen shows about the saved answer.
  core::Kind saved_kind = core::Kind::rating;
  std::string saved_id;
  std::string saved_ticket;

  // Wipes everything; the next patient starts in default_language.
  void clear(const std::string& default_language, std::size_t max_text_chars);
};

// Where and when a submission is made.
struct Origin {
  std::string device_id;
  std::string facility_id;
  core::Timestamp created_at;
};

core::IdentityMode identity_mode(const Session& session);
core::Submission rating_submission(const Session& session, const Origin& origin, bool burst,
                                   bool idle_timeout);
core::Submission written_submission(const Session& session, const Origin& origin,
                                    const std::string& ticket);
core::Submission skm_submission(const Session& session, const Origin& origin, bool idle_timeout);

}  // namespace kotak::kiosk
