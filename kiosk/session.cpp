// See session.hpp.
#include "kiosk/session.hpp"

#include "core/text.hpp"

namespace kotak::kiosk {

namespace {

core::Submission base(const Session& session, const Origin& origin, core::Kind kind) {
  core::Submission s;
  s.id = core::new_submission_id();
  s.device_id = origin.device_id;
  s.facility_id = origin.facility_id;
  s.created_at = origin.created_at;
  s.kind = kind;
  s.language = session.language;
  return s;
}

}  // namespace

int SkmDraft::answered() const {
  int n = 0;
  for (int score : scores) n += score > 0 ? 1 : 0;
  return n;
}

void Session::clear(const std::string& default_language, std::size_t max_text_chars) {
  language = default_language;
  large_text = false;
  face.reset();
  unit.clear();
  stored = {};
  changing_face = false;
  text.set_max_chars(max_text_chars);
  clear_answers();
}

void Session::clear_answers() {
  type.reset();
  text.clear();
  voice.clear();
  wants_contact = false;
  name.clear();
  phone.clear();
  address.clear();
  confidential = false;
  urgent = false;
  keyboard = Keyboard();
  phone_letters_dropped = false;
  skm = SkmDraft();
  saved_kind = core::Kind::rating;
  saved_id.clear();
  saved_ticket.clear();
}

bool has_voice(const Session& s) { return s.voice.state() == VoiceRecording::State::recorded; }

core::IdentityMode identity_mode(const Session& s) {
  if (s.confidential) return core::IdentityMode::rahasia;
  bool given = s.wants_contact &&
               (!core::trim(s.name.text()).empty() || !core::trim(s.phone.text()).empty());
  return given ? core::IdentityMode::named : core::IdentityMode::anonim;
}

core::Submission rating_submission(const Session& session, const Origin& origin, bool burst) {
  auto s = base(session, origin, core::Kind::rating);
  s.rating = session.face;
  s.unit = session.unit;
  if (burst) s.flags.emplace_back(core::kFlagBurst);
  if (!session.stored.first_id.empty()) {
    s.replaces = session.stored.first_id;
    s.revision = session.stored.revision + 1;
  }
  return s;
}

bool face_changed(const Session& session) {
  return session.stored.first_id.empty() || session.face.value_or(0) != session.stored.face ||
         session.unit != session.stored.unit;
}

core::Submission written_submission(const Session& session, const Origin& origin,
                                    const std::string& ticket) {
  auto s = base(session, origin, core::Kind::written);
  s.unit = session.unit;
  s.type = session.type;
  s.text = session.text.text();  // exactly as typed
  if (session.voice.state() == VoiceRecording::State::recorded) {
    s.audio = session.voice.ogg();
    s.audio_ms = session.voice.duration_ms();
  }
  s.urgent = session.urgent;
  s.identity_mode = identity_mode(session);
  if (session.wants_contact && s.identity_mode != core::IdentityMode::anonim)
    s.identity = {core::trim(session.name.text()), core::trim(session.phone.text()),
                  core::trim(session.address.text())};
  s.ticket = ticket;
  return s;
}

core::Submission skm_submission(const Session& session, const Origin& origin, bool idle_timeout) {
  auto s = base(session, origin, core::Kind::skm);
  s.skm.emplace();
  s.skm->scores = session.skm.scores;
  s.skm->profile = session.skm.profile;
  if (idle_timeout) s.flags.emplace_back(core::kFlagIdleTimeout);
  return s;
}

}  // namespace kotak::kiosk
