// What the patient in front of the kiosk has chosen so far, and how it
// becomes Submissions. One Session lives from the first tap to "terima
// kasih" (or the idle timeout); clear() wipes it before the next patient.
//
// What is stored, and when:
// - A face is stored at the tap: one rating row, durable before the next
//   screen (DOMAIN.md, "Counting a face"). What the patient changes within
//   the follow-up (the unit picked after it; another face after "Kembali")
//   is a correction: a new rating row naming the tap (core/submission.hpp),
//   never a change to a row sync may have delivered. Only the last one is
//   counted. The burst rule may flag a tap (burst_rule.hpp); its
//   corrections carry the tap's flags.
// - A written complaint is its own row (kind written) with the unit chosen
//   after the face (or on its own unit step), but not the face itself: a
//   face is counted once, in its rating rows, however the patient goes on.
// - An SKM survey is one row (kind skm) with the answers by unsur code.
#pragma once

#include <array>
#include <optional>
#include <string>

#include "core/submission.hpp"
#include "kiosk/keyboard.hpp"
#include "kiosk/text_editor.hpp"
#include "kiosk/voice.hpp"

namespace kotak::kiosk {

struct SkmDraft {
  std::array<int, core::kSkmElements> scores{};  // 0: not answered (skipped)
  core::SkmProfile profile;
  int question = 0;  // 0..8, the element on screen
  int answered() const;
};

struct Session {
  std::string language = "id";
  bool large_text = false;  // "A+" on home: larger everything, for this patient

  // The face answer: what the patient has chosen, and what is stored of it.
  std::optional<int> face;  // 1..4
  std::string unit;         // unit id, empty when skipped
  struct StoredFace {
    std::string first_id;  // the tap's submission; empty: nothing stored yet
    int revision = 0;      // of the newest row stored
    int face = 0;
    std::string unit;
    bool burst = false;  // the tap was flagged; its corrections are too
  } stored;
  // Back on home after "Kembali" within the follow-up: another face
  // corrects this one instead of counting again.
  bool changing_face = false;

  // The written complaint.
  std::optional<core::FeedbackType> type;
  TextEditor text{1000};
  // Or spoken: "Rekam suara" (kept when the patient also types).
  VoiceRecording voice;
  bool wants_contact = false;
  TextEditor name{core::kMaxNameChars, false};
  TextEditor phone{core::kMaxPhoneChars, false};
  TextEditor address{core::kMaxAddressChars, false};
  bool confidential = false;
  bool urgent = false;
  Keyboard keyboard;
  // Letters typed on a hardware keyboard into the phone field: left out,
  // and said so until the next key.
  bool phone_letters_dropped = false;

  SkmDraft skm;

  // What the thanks screen shows about the saved answer.
  core::Kind saved_kind = core::Kind::rating;
  std::string saved_id;
  std::string saved_ticket;

  // Wipes everything; the next patient starts in default_language.
  void clear(const std::string& default_language, std::size_t max_text_chars);
  // Wipes the written message and the survey, keeping the face, the
  // language and the letter size (back on home to change the face).
  void clear_answers();
};

// Where and when a submission is made.
struct Origin {
  std::string device_id;
  std::string facility_id;
  core::Timestamp created_at;
};

core::IdentityMode identity_mode(const Session& session);
// A finished recording goes with the complaint.
bool has_voice(const Session& session);
// The face as chosen now: the tap (stored.first_id empty) or its next
// correction.
core::Submission rating_submission(const Session& session, const Origin& origin, bool burst);
// Whether the face or unit chosen differ from what is stored of them.
bool face_changed(const Session& session);
core::Submission written_submission(const Session& session, const Origin& origin,
                                    const std::string& ticket);
core::Submission skm_submission(const Session& session, const Origin& origin, bool idle_timeout);

}  // namespace kotak::kiosk
