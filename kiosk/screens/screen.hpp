// What every screen function sees. A screen is a drawing function over plain
// state (STYLE.md): it draws with the Ui, reads and changes the Session and
// the kiosk's shared state, and returns the screen that comes next. It never
// touches the store: a finished Submission goes through Outbox::save, the one
// narrow call, and admin work through AdminActions.
#pragma once

#include <array>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/config.hpp"
#include "core/store.hpp"
#include "core/ticket.hpp"
#include "kiosk/burst_rule.hpp"
#include "kiosk/platform/audio.hpp"
#include "kiosk/platform/microphone.hpp"
#include "kiosk/pin_lock.hpp"
#include "kiosk/session.hpp"
#include "kiosk/speech_text.hpp"
#include "kiosk/ticket_guard.hpp"
#include "kiosk/ui/qr.hpp"
#include "kiosk/ui/ui.hpp"

namespace kotak::kiosk {

enum class Screen {
  home,
  unit,
  want_write,
  write_type,
  write_text,
  write_voice,
  identity,
  contact_name,
  contact_phone,
  contact_address,
  confidential,
  urgent,
  review,
  thanks,
  skm_intro,
  skm_sex,
  skm_age,
  skm_education,
  skm_occupation,
  skm_service,
  skm_question,
  skm_send,
  admin_pin,
  admin,
  admin_enrol,
  touch_test,
  ticket_code,
  ticket_status,
  store_error,
  unavailable,
};

// The stable name tests `expect` and the dump reports.
std::string_view screen_name(Screen screen);
std::optional<Screen> parse_screen(std::string_view name);
// Screens where a walked-away patient is timed out (all but home, thanks and
// the error screens, which clear themselves, and the follow-up after a face,
// which has its own shorter timeout: App::in_follow_up).
bool has_idle_timeout(Screen screen);

// The result of handing a submission to the store.
struct SaveResult {
  bool ok = true;
  bool disk_full = false;
  std::string message;  // for the log and the admin screen, in English
};

class Outbox {
 public:
  virtual ~Outbox() = default;
  // Saves durably before returning ok; never throws.
  virtual SaveResult save(const core::Submission& submission) = 0;
};

// A program the admin screen started (kotak-sync once / export).
struct TaskState {
  enum class Status { none, running, done, failed, no_program, no_usb } status = Status::none;
  std::string what;    // "sync", "export", "enrol" or "purge"
  std::string output;  // the program's last lines, or why it failed
  int exit_code = 0;
  std::int64_t count = 0;  // purge: how many answers were removed
};

struct AdminInfo {
  core::StateCounts counts;
  std::optional<core::SyncStatus> sync;
  std::array<std::int64_t, 4> faces_today{};
  std::optional<std::uint64_t> free_bytes;
  std::string store_state;   // empty when fine, else why not (English, from the store)
  std::string usb_mount;     // where an export would go, empty without a stick
  std::string sync_program;  // path of kotak-sync, empty when not installed
  std::string seal_key_id;   // the server key identities are sealed to; empty: none yet
};

class AdminActions {
 public:
  virtual ~AdminActions() = default;
  virtual void refresh() = 0;  // re-reads AdminInfo from the store
  virtual void start_sync() = 0;
  virtual void start_export() = 0;
  // `kotak-sync enroll CODE --name DEVICE`: the device token for a one-time
  // enrolment code from the server admin.
  virtual void start_enrol(const std::string& code) = 0;
  // Removes delivered answers older than storage.retention_days (the data
  // rules' retention), to make room on a full disk.
  virtual void purge_delivered() = 0;
  // Keeps the PIN lock's state (wrong tries, lock) across restarts.
  virtual void save_pin_lock() = 0;
};

// State shared by the screens beyond one patient's Session.
struct KioskState {
  core::KioskConfig config;                           // with the server's settings laid over it
  std::vector<std::string> languages;                 // those with a catalog, Indonesian first
  std::map<std::string, std::string> language_names;  // each in its own language
  std::map<std::string, std::string> language_short;  // "ID", "EN": on the flow screens' bar
  std::map<std::string, std::string> notice;          // the server's notice by language
  std::vector<core::BoardItem> board;
  QrCode skm_qr;
  QrCode ticket_qr;           // to {tracking_url}/t/{id} of the answer just saved
  std::string store_problem;  // why the last save failed; empty when saving works
  std::string unavailable;      // why the kiosk cannot work at all, in the component's words
  std::string unavailable_key;  // the same as a catalog key (unavailable.reason.*)
  // Home's face animation: which face was pressed and when.
  int pressed_face = 0;
  double pressed_at = -10;
  // Admin.
  PinLock pin_lock;
  std::string pin;
  std::string pin_message;  // key of the last PIN outcome, shown on the pad
  AdminInfo admin;
  TaskState task;
  bool confirm_purge = false;  // "Hapus data terkirim" asks before it deletes
  // The enrolment code being typed: one line, no automatic capitals (the
  // server takes any case).
  TextEditor enrol_code{24, false};
  Keyboard enrol_keyboard{KeyboardKind::text, AutoCapital::none, false};
  std::vector<Vec2> touches;  // the touch test's trail
  // "Cek status pengaduan" (ticket_check.cpp): this kiosk's tickets as
  // kotak-sync last brought them (by code) and when it last heard the
  // server; the code being typed (cleared at home: the next patient must
  // not see it); the code whose result is shown; the guard against guessing,
  // kiosk-wide so that going home does not reset it.
  std::map<std::string, core::TicketStatus> tickets;
  std::optional<std::int64_t> tickets_checked_ms;
  TextEditor ticket_code{core::kTicketChars + 2, false};
  Keyboard ticket_keyboard{KeyboardKind::ticket};
  std::string ticket_asked;
  TicketGuard ticket_guard;
};

struct Ctx {
  Ui& ui;
  Session& session;
  KioskState& kiosk;
  Outbox& outbox;
  AdminActions& admin;
  BurstRule& burst;
  Origin origin;  // device, facility and the time now, for new submissions
  double now;
  // Seconds before the follow-up after a face goes home by itself, as shown
  // on its screens; -1 outside the follow-up.
  int follow_up_left = -1;
  // Speech (speech_text.hpp): the words of this frame's screen, noted as
  // they are drawn; whether the "Dengarkan" button is offered (a working
  // audio device, not muted); and whether it was tapped this frame.
  Prompt* prompt = nullptr;
  bool can_listen = false;
  bool listen = false;
  // "Rekam suara" (voice.hpp): the microphone (null: none, the button is
  // hidden) and where a recording is played back (null: no "Putar").
  AudioIn* mic = nullptr;
  AudioOut* playback = nullptr;
};

// The screens, one file each under kiosk/screens/.
Screen draw_home(Ctx& ctx);
Screen draw_unit(Ctx& ctx);
Screen draw_want_write(Ctx& ctx);
Screen draw_write_type(Ctx& ctx);
Screen draw_write_text(Ctx& ctx);
Screen draw_write_voice(Ctx& ctx);
Screen draw_identity(Ctx& ctx);
Screen draw_contact(Ctx& ctx, Screen which);
Screen draw_confidential(Ctx& ctx);
Screen draw_urgent(Ctx& ctx);
Screen draw_review(Ctx& ctx);
Screen draw_thanks(Ctx& ctx, double shown_since);
Screen draw_skm_intro(Ctx& ctx);
Screen draw_skm_profile(Ctx& ctx, Screen which);
Screen draw_skm_question(Ctx& ctx);
Screen draw_skm_send(Ctx& ctx);
Screen draw_admin_pin(Ctx& ctx);
Screen draw_admin(Ctx& ctx);
Screen draw_admin_enrol(Ctx& ctx);
// What the admin screen's last task (kotak-sync once/export/enroll, purge)
// said, in a card filling r; nothing when there was none.
void draw_task_status(Ctx& ctx, const Rect& r);
Screen draw_touch_test(Ctx& ctx);
// "Cek status pengaduan": the code typed, then where that ticket stands.
Screen draw_ticket_code(Ctx& ctx);
Screen draw_ticket_status(Ctx& ctx);
Screen draw_store_error(Ctx& ctx, double shown_since);
Screen draw_unavailable(Ctx& ctx);
// The "Masih di sana?" card, drawn instead of the screen under it so that
// nothing typed there (a name, a phone number, the complaint) stays
// readable while nobody is there. Over a finished complaint on the review
// screen it says that it has not been sent and offers to send it now: it
// is sent only when somebody confirms, never by the timeout.
enum class StillThere { waiting, continue_, send };
StillThere draw_still_there(Ctx& ctx, int seconds_left, bool unsent);

// How long the thanks screen stays: a ticket needs time to be written down.
double thanks_seconds(const core::KioskConfig& config, core::Kind kind);

}  // namespace kotak::kiosk
