// The server's storage: the one narrow interface that everything above it
// (the API, the admin commands, the import, and later the staff dashboard)
// uses. Nothing of an engine leaks through it: no SQL, no handles, no engine
// error codes. Two engines implement it, each in its own folder: SQLite
// (sqlite/, the embedded default: one file) and PostgreSQL (postgres/, for a
// district: any number of server processes on one database). open_storage
// picks the one server.toml names; nothing above this file knows which.
// The types it takes and gives are in device_types.hpp, staff_types.hpp,
// case_types.hpp and skm_types.hpp, by area.
//
// Rules every implementation keeps:
// - Each method is one transaction: it happens whole or not at all.
// - Methods may be called from many threads at once (the HTTP thread pool).
// - A submission id is stored once. The same id again with the same content
//   hash is a duplicate; with another hash it is a conflict, recorded apart
//   for staff, and the stored submission is never overwritten.
// - A face and its corrections (core/submission.hpp) from one device are one
//   answer: only the highest revision is counted (recap, stats), whatever
//   order they arrive in; the others stay stored, marked superseded.
// - Contact details are kept apart from the complaint text (UU 27/2022).
// - Device tokens are never stored, only their hashes (tokens.hpp); the same
//   for staff session tokens. Passwords only as argon2id hashes.
// - A written submission becomes a case of the register in the ingest
//   transaction itself, with the next register number of its facility and
//   year; a case is never half there.
// - Every case method takes the facility: a case of another facility is
//   not_found, exactly as one that does not exist (facility "" means any,
//   for the district admin, and only the dashboard API decides that).
// - Every change of a case writes its history line in the same transaction;
//   a read of the contact details writes one too.
// - Failures throw StorageError; `unavailable` means "try again later" and
//   becomes 503 with Retry-After in the API.
#pragma once

#include <cstdint>
#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <span>
#include <stdexcept>
#include <string>
#include <variant>
#include <vector>

#include "core/config.hpp"
#include "core/store.hpp"
#include "core/submission.hpp"
#include "server/register/case.hpp"
#include "server/staff/user.hpp"
#include "server/storage/case_types.hpp"
#include "server/storage/casework_types.hpp"
#include "server/storage/device_types.hpp"
#include "server/storage/skm_types.hpp"
#include "server/storage/staff_types.hpp"

namespace kotak::server {

enum class StorageErrc {
  not_found,    // the facility or device named does not exist
  exists,       // it exists already
  invalid,      // the caller passed something the storage refuses
  unavailable,  // busy, disk full, connection lost: try again later
  failed,       // anything else: damaged, refused, wrong version (see what())
};

class StorageError : public std::runtime_error {
 public:
  StorageError(StorageErrc code, const std::string& what) : std::runtime_error(what), code_(code) {}
  // A refusal staff may meet: what() for logs, key and params for the
  // dashboard to say it in the reader's language (assets/i18n/web).
  StorageError(StorageErrc code, const std::string& what, std::string key,
               std::map<std::string, std::string> params = {})
      : std::runtime_error(what), code_(code), key_(std::move(key)), params_(std::move(params)) {}
  StorageErrc code() const { return code_; }
  const std::string& key() const { return key_; }
  const std::map<std::string, std::string>& params() const { return params_; }

 private:
  StorageErrc code_;
  std::string key_;
  std::map<std::string, std::string> params_;
};

class Storage {
 public:
  virtual ~Storage() = default;

  // A cheap round trip, for /api/v1/health. Throws StorageError.
  virtual void check() = 0;
  // Where the data lives, for the log: a file, or a database on a host.
  virtual std::string where() const = 0;

  // Facilities.
  virtual void add_facility(const Facility& facility) = 0;
  virtual std::vector<Facility> facilities() = 0;
  virtual std::optional<Facility> facility(const std::string& id) = 0;

  // Devices and their tokens. A device has at most one valid token:
  // replace_token() revokes the old one and un-revokes the device.
  virtual void add_device(const DeviceRef& device, const std::string& token_hash,
                          std::int64_t now_ms) = 0;
  virtual void replace_token(const DeviceRef& device, const std::string& token_hash,
                             std::int64_t now_ms) = 0;
  virtual void revoke_device(const DeviceRef& device, std::int64_t now_ms) = 0;
  // All devices, or those of one facility when facility_id is not empty.
  virtual std::vector<Device> devices(const std::string& facility_id) = 0;
  virtual std::optional<Device> device(const DeviceRef& device) = 0;
  // The device of a valid token, noting when it was seen; nullopt when the
  // token is unknown or revoked.
  virtual std::optional<DeviceRef> authenticate(const std::string& token_hash,
                                                std::int64_t now_ms) = 0;
  // The public key that signs a device's USB bundles (core/signing.hpp).
  // register_device_key is what the device itself may do (over the API,
  // with its token): set a key when it has none. set_device_key is the
  // admin's: set, replace or (with "") remove it. not_found: no such device.
  virtual KeyRegistration register_device_key(const DeviceRef& device,
                                              const std::string& public_key,
                                              std::int64_t now_ms) = 0;
  virtual void set_device_key(const DeviceRef& device, const std::string& public_key,
                              std::int64_t now_ms) = 0;

  // Enrolment codes. redeem_enrolment_code, in one transaction: checks the
  // code (known, unused, unexpired at now_ms), then enrols the device under
  // the code's name, or else wanted_name, with token_hash (as add_device,
  // or as replace_token when the code named an existing device, whose
  // bundle key is then forgotten: the kiosk that replaces it registers its
  // own) and marks the code used. A refused code stays as it was.
  virtual void add_enrolment_code(const EnrolmentCode& code) = 0;
  virtual Enrolment redeem_enrolment_code(const std::string& code_hash,
                                          const std::string& wanted_name,
                                          const std::string& token_hash, std::int64_t now_ms) = 0;

  // Stores what is new, in order, in one transaction; one outcome per item.
  virtual std::vector<IngestOutcome> ingest(const DeviceRef& device,
                                            std::span<const IngestItem> items, IngestSource source,
                                            std::int64_t now_ms) = 0;
  virtual std::vector<ConflictRecord> conflicts(const std::string& facility_id,
                                                std::size_t limit) = 0;

  // Device clocks (issue 17 item 6). clock_offset: the offset recorded for
  // the device's boot, if any. record_clock_offset, in one transaction:
  // keeps the boot's first offset (a later one changes nothing), corrects
  // the boot's uncertain answers with the kept one (created_at = the
  // kiosk's time + offset, never after its arrival; the kiosk's time kept
  // in claimed_created_at; their cases' received and due times moved with
  // them, their register numbers kept) and forgets all but the device's
  // kMaxBootsPerDevice newest boots.
  virtual std::optional<std::int64_t> clock_offset(const DeviceRef& device,
                                                   const std::string& boot_id) = 0;
  virtual ClockRecord record_clock_offset(const DeviceRef& device, const ClockOffset& offset) = 0;
  virtual Stats stats(const std::string& facility_id) = 0;

  // The public board of a facility (filled by the staff dashboard).
  virtual BoardSnapshot board(const std::string& facility_id) = 0;
  // Where the device's own tickets stand (issue 15 item 5): ticket code,
  // case status, the published answer (else ""), the case's last change;
  // newest first, at most limit. Nothing about the reporter.
  virtual std::vector<core::TicketStatus> device_tickets(const DeviceRef& device,
                                                         std::size_t limit) = 0;

  // Kiosk health (issue 15 item 12). record_device_health replaces the
  // device's report (a sync ends any silence: its outage mail is forgotten);
  // not_found for an unknown device. device_health: the reports of a
  // facility's devices ("" every facility's). claim_kiosk_outages: the
  // devices (not revoked) silent since before silent_before_ms, but not
  // before oldest_ms, whose silence was not mailed, marked mailed at now_ms
  // in the same statement (one process gets each); release_kiosk_outage
  // undoes one claim when its mail could not be sent.
  virtual void record_device_health(const DeviceHealth& health) = 0;
  virtual std::vector<DeviceHealth> device_health(const std::string& facility_id) = 0;
  virtual std::vector<DeviceHealth> claim_kiosk_outages(std::int64_t silent_before_ms,
                                                        std::int64_t oldest_ms,
                                                        std::int64_t now_ms,
                                                        std::size_t limit) = 0;
  virtual void release_kiosk_outage(const DeviceRef& device, std::int64_t claimed_ms) = 0;

  // Remote kiosk settings of a facility.
  virtual std::optional<SettingsDocument> settings(const std::string& facility_id) = 0;
  virtual void set_settings(const std::string& facility_id, const SettingsDocument& settings) = 0;

  // The facility's secret for the QR tokens of the phone pages (issue 18;
  // core/qr_token.hpp): made by the first call (secret, when it is given)
  // and the same ever after, whichever process asks first. not_found when
  // there is no such facility.
  virtual std::string phone_secret(const std::string& facility_id, const std::string& secret,
                                   std::int64_t now_ms) = 0;

  // Staff accounts. add_user: exists when the user name is taken, not_found
  // when the facility is unknown.
  virtual void add_user(const staff::User& user) = 0;
  virtual std::optional<staff::User> user(const std::string& username) = 0;
  virtual std::vector<staff::User> users(const std::string& facility_id) = 0;
  // New password hash; ends the user's sessions.
  virtual void set_password(const std::string& username, const std::string& password_hash) = 0;
  // Disables (or enables) an account; disabling ends its sessions and
  // half-finished log-ins. invalid (key error.last_admin): it is the last
  // enabled admin, whose loss would lock the district out.
  virtual void set_disabled(const std::string& username, std::optional<std::int64_t> disabled_ms) = 0;
  // Makes the user the facility's data-protection officer, or not. The
  // roles that may be one are staff::may_be_dpo's; invalid for others
  // (the database's check refuses them too).
  virtual void set_dpo(const std::string& username, bool dpo) = 0;
  // Ends every session of the user but the one named ("" for all).
  virtual void end_sessions(std::int64_t user_id, const std::string& keep_token_hash) = 0;

  // The second factor (staff/totp.hpp). set_totp_pending: the key offered
  // at enrolment. confirm_totp: the pending key becomes the user's, with
  // `step` used; invalid when there is none. use_totp_step: marks the step
  // used, atomically across processes; false when it or a later step was
  // used before (a replayed code). clear_totp: no second factor.
  virtual void set_totp_pending(std::int64_t user_id, const std::string& secret) = 0;
  virtual void confirm_totp(std::int64_t user_id, std::int64_t step) = 0;
  virtual bool use_totp_step(std::int64_t user_id, std::int64_t step) = 0;
  virtual void clear_totp(std::int64_t user_id) = 0;

  // Half-finished log-ins. add_login_challenge also forgets the expired
  // ones. login_challenge: the user of a live challenge of that kind;
  // nullopt when unknown, expired, of another kind or its user disabled.
  virtual void add_login_challenge(const LoginChallenge& challenge) = 0;
  virtual std::optional<staff::User> login_challenge(const std::string& token_hash, const std::string& kind,
                                                     std::int64_t now_ms) = 0;
  virtual void end_login_challenge(const std::string& token_hash) = 0;

  // One-time codes. add_one_time_code voids the user's earlier unused ones.
  // redeem_one_time_code, in one transaction: the code of this user (a
  // code of another user is unknown), unused and unexpired, is marked used.
  virtual void add_one_time_code(const OneTimeCode& code) = 0;
  virtual CodeOutcome redeem_one_time_code(const std::string& username, const std::string& code_hash,
                                           std::int64_t now_ms) = 0;

  // The log of account changes; staff_log of one facility ("" every one),
  // newest first.
  virtual void add_staff_log(const StaffLogEntry& entry) = 0;
  virtual std::vector<StaffLogEntry> staff_log(const std::string& facility_id, std::size_t limit) = 0;

  // Staff sessions.
  virtual void add_session(const Session& session) = 0;
  // The user of a live session, noting its use when the request is the
  // user's own doing (note_use; not a page's background poll); nullopt (and
  // the session removed) when it is unknown, past its end, unused for
  // idle_ms, or its user is disabled.
  virtual std::optional<SessionUser> session(const std::string& token_hash, std::int64_t now_ms,
                                             std::int64_t idle_ms, bool note_use) = 0;
  virtual void end_session(const std::string& token_hash) = 0;

  // Failed staff log-ins, by the account name as typed and the client's
  // address, kept in the storage so that the limits (staff/rate_limit.hpp)
  // survive a restart and hold for every server process on it.
  // add_login_failure also forgets failures older than forget_before_ms.
  virtual void add_login_failure(const std::string& account, const std::string& address,
                                 std::int64_t now_ms, std::int64_t forget_before_ms) = 0;
  // The time of the n-th most recent failure (n = 1: the latest) of the
  // account after since_ms, from that address or, when address is empty,
  // from anywhere; nullopt when there are fewer than n.
  virtual std::optional<std::int64_t> nth_login_failure(const std::string& account,
                                                        const std::string& address, int n,
                                                        std::int64_t since_ms) = 0;
  // A successful log-in forgets the failures of the account from that address.
  virtual void clear_login_failures(const std::string& account, const std::string& address) = 0;

  // The register.
  virtual CasePage cases(const CaseQuery& query) = 0;
  // One case with its answers and history.
  virtual std::optional<reg::Case> find_case(const std::string& facility_id, std::int64_t id) = 0;
  virtual reg::Case add_case(const NewCase& new_case, std::int64_t due_hours, const Actor& actor,
                             std::int64_t now_ms) = 0;
  // Applies one change and its history line; returns the case after it.
  // not_found: no such case in the facility; invalid: the rules refuse the
  // change (a move not allowed from the current status, publishing a rahasia
  // or unanswered case), with the reason in plain words.
  virtual reg::Case change_case(const std::string& facility_id, std::int64_t id,
                                const CaseChange& change, const Actor& actor,
                                std::int64_t now_ms) = 0;
  // The contact details of a case (empty when none were given), with the
  // mail address staff entered; the read is written to the case's history
  // in the same transaction, with the reason given ("" when none was asked
  // for).
  virtual reg::Contact case_identity(const std::string& facility_id, std::int64_t id,
                                     const Actor& actor, std::int64_t now_ms,
                                     const std::string& reason) = 0;
  // The same details for the server's own checks (text about to be
  // published must not hold them): not shown to anyone, so not logged.
  virtual reg::Contact case_contact(const std::string& facility_id, std::int64_t id) = 0;
  // The recording of a spoken complaint (Ogg/Opus bytes), nullopt when the
  // case has none kept. not_found: no such case in the facility.
  virtual std::optional<CaseRecording> case_recording(const std::string& facility_id,
                                                      std::int64_t id) = 0;
  // Every look at contact details across the cases of a facility ("" all),
  // newest first.
  virtual std::vector<IdentityView> identity_views(const std::string& facility_id, std::size_t limit) = 0;
  // By the public id (UUID) in the ticket QR code, or by the ticket code
  // the kiosk printed (formatted, core::normalize_ticket). nullopt when
  // none matches, and when a code belongs to cases of two facilities (a
  // clash of random codes: the QR code's UUID still finds each).
  virtual std::optional<PublicTicket> public_ticket(const std::string& key) = 0;
  // The newest case id of a facility (0 when none), and the alarming cases
  // after a given id or recorded since since_ms: what open dashboards poll
  // for. Ids are handed out before commit, so with concurrent writers a
  // lower id may become visible after a higher one; since_ms looks back far
  // enough for that, and the dashboard shows each case once.
  virtual std::int64_t latest_case_id(const std::string& facility_id) = 0;
  virtual std::vector<reg::Case> alarming_cases(const std::string& facility_id,
                                                std::int64_t after_id, std::int64_t since_ms,
                                                std::size_t limit) = 0;
  // Alarming cases recorded since since_ms that have not been mailed yet,
  // and marking them mailed.
  virtual std::vector<reg::Case> unmailed_alarms(std::int64_t since_ms, std::size_t limit) = 0;
  virtual void mark_mailed(const std::vector<std::int64_t>& case_ids, std::int64_t now_ms) = 0;

  // Reminders before it is late (ReminderWindow, notify/reminders.hpp).
  // claim_reminders, in one transaction: the open cases of every facility
  // whose reminder is due in the window and was never claimed, oldest
  // first, at most limit, each recorded as claimed at now_ms; a reminder is
  // claimed once, whichever process asks. release_reminder forgets a claim
  // whose mail could not be sent, so that the next round tries again.
  virtual std::vector<ClaimedReminder> claim_reminders(const ReminderWindow& window, std::size_t limit) = 0;
  virtual void release_reminder(std::int64_t case_id, ReminderKind kind) = 0;
  // The head's digest of a facility's local day (days since 1970-01-01):
  // true for the one call that claims it, false ever after.
  virtual bool claim_digest(const std::string& facility_id, std::int64_t day, std::int64_t now_ms) = 0;
  virtual void release_digest(const std::string& facility_id, std::int64_t day) = 0;
  // The UTC offset of the facility's newest case (where its kiosks are);
  // nullopt when it has none.
  virtual std::optional<int> facility_offset(const std::string& facility_id) = 0;
  // Where reminders reach an account ("" none). not_found: no such user.
  virtual void set_email(const std::string& username, const std::string& email) = 0;

  // The turn of a background job ("mail"), or nullptr while another
  // process holds it.
  virtual std::unique_ptr<JobLease> lease_job(const std::string& job) = 0;

  // Retention and the data subject (IdentityErasure above).
  // Cases whose contact details are kept and that were closed before
  // closed_before_ms, of every facility, oldest first, at most limit.
  virtual std::vector<std::int64_t> expired_identities(std::int64_t closed_before_ms,
                                                       std::size_t limit) = 0;
  // Erases the identities of the cases named (those of another facility,
  // or with no identity left, are passed over) in one transaction; a
  // request is logged in subject_requests. Returns the cases erased.
  virtual std::int64_t erase_identities(const IdentityErasure& erasure, const Actor& actor,
                                        std::int64_t now_ms) = 0;
  // The cases whose contact details match, newest first, at most
  // query.limit + 1 (more: the caller says to narrow the search); each
  // look is an identity view in the case's history with the reason, and
  // the request is logged in subject_requests.
  virtual std::vector<SubjectCase> subject_cases(const SubjectQuery& query, const Actor& actor,
                                                 std::int64_t now_ms) = 0;
  // The requests of a facility, newest first.
  virtual std::vector<SubjectRequest> subject_requests(const std::string& facility_id,
                                                       std::size_t limit) = 0;

  // Reports. Periods are local days (days since 1970-01-01 in each record's
  // own UTC offset), first and last included.
  // The monthly recap's figures, counted by the engine; due_ms is the
  // deadline of the "answered in time" share.
  virtual RecapFigures recap_figures(const std::string& facility_id, std::int64_t first_day,
                                     std::int64_t last_day, std::int64_t due_ms) = 0;
  // Up to limit cases of the period after the cursor (none: from the first).
  virtual std::vector<RecapCase> recap_cases(const std::string& facility_id, std::int64_t first_day,
                                             std::int64_t last_day, const std::optional<RecapCursor>& after,
                                             std::size_t limit) = 0;

  // SKM (skm_types.hpp). Responses of every source given in the period, of
  // one unit or (unit "") all; facility "" is refused.
  virtual std::vector<SkmRecord> skm_responses(const std::string& facility_id,
                                               const std::string& unit, std::int64_t first_day,
                                               std::int64_t last_day) = 0;
  // The counts of those responses (schema_skm_counts.hpp), tidied
  // (skm_types.hpp); without the profile when with_profile is false.
  virtual SkmCounts skm_counts(const std::string& facility_id, const std::string& unit,
                               std::int64_t first_day, std::int64_t last_day, bool with_profile) = 0;
  // Stores a checked import whole, in one transaction, and says how many
  // of its rows repeat rows of earlier live imports. exists: a live import
  // of the facility has this fingerprint or these bytes (SHA-256); the
  // message is plain English, and skm_import_of() says when and by whom.
  virtual SkmImportStored add_skm_import(const SkmImport& import, const Actor& actor,
                                         std::int64_t now_ms) = 0;
  // The live import with this content fingerprint or these bytes, if any.
  virtual std::optional<SkmImportRecord> skm_import_of(const std::string& facility_id,
                                                       const std::string& fingerprint,
                                                       const std::string& sha256) = 0;
  // Imports newest first, undone ones too (the history).
  virtual std::vector<SkmImportRecord> skm_imports(const std::string& facility_id,
                                                   std::size_t limit) = 0;
  virtual std::optional<SkmImportRecord> skm_import(const std::string& facility_id,
                                                    std::int64_t id) = 0;
  // Undoes a live import: its answers no longer count, the same file may be
  // imported again, and the list keeps it with who undid it and when.
  // not_found: no such import of the facility; invalid: undone already.
  virtual SkmImportRecord undo_skm_import(const std::string& facility_id, std::int64_t id,
                                          const Actor& actor, std::int64_t now_ms) = 0;
  // The population of one report (facility, period, unit) that its minimum
  // sample is drawn from; nullopt: not known.
  virtual std::optional<SkmPopulation> skm_population(const SkmPeriodKey& key) = 0;
  virtual void set_skm_population(const SkmPeriodKey& key, std::optional<std::int64_t> population,
                                  const Actor& actor, std::int64_t now_ms) = 0;
  // The follow-up plan of a report, every saved version newest first.
  virtual std::vector<SkmRtl> skm_rtl(const SkmPeriodKey& key, std::size_t limit) = 0;
  // Saves a new version (text, rows or both).
  virtual void add_skm_rtl(const SkmPeriodKey& key, const SkmRtl& plan, const Actor& actor,
                           std::int64_t now_ms) = 0;
  // A report's number, method, fieldwork days and signing day.
  virtual std::optional<SkmReportDetails> skm_report_details(const SkmPeriodKey& key) = 0;
  virtual void set_skm_report_details(const SkmPeriodKey& key, const SkmReportDetails& details,
                                      const Actor& actor, std::int64_t now_ms) = 0;
  // The letterhead and signatories of a facility (nullopt: none yet).
  virtual std::optional<SkmLetterhead> letterhead(const std::string& facility_id) = 0;
  // Saves it; with keep_logo the stored logo stays whatever `letterhead`
  // holds. not_found: no such facility.
  virtual void set_letterhead(const std::string& facility_id, const SkmLetterhead& letterhead,
                              bool keep_logo, const Actor& actor, std::int64_t now_ms) = 0;
  // Canned answers of a facility (issue 15 item 7; casework_types.hpp):
  // only its own, ever (facility "" is refused). canned_answers: the live
  // ones by title, then with with_retired the retired ones.
  virtual std::vector<CannedAnswer> canned_answers(const std::string& facility_id, bool with_retired) = 0;
  // invalid (key error.canned.too_many): the facility has kMaxCannedAnswers
  // live ones already; not_found: no such facility.
  virtual CannedAnswer add_canned_answer(const std::string& facility_id, const CannedAnswerText& words,
                                         const Actor& actor, std::int64_t now_ms) = 0;
  // not_found: no such canned answer in the facility (another facility's
  // is not found either); invalid (error.canned.too_many): restoring past
  // the bound.
  virtual CannedAnswer change_canned_answer(const std::string& facility_id, std::int64_t id,
                                            const CannedAnswerChange& change, const Actor& actor,
                                            std::int64_t now_ms) = 0;

  // The contact details of several cases of a facility at once, for an
  // export of the register (issue 15 item 10): in one transaction, each
  // case's look written in its history as an identity view with the reason
  // given, as case_identity does. Cases of another facility are passed
  // over; those without contact details are left out of the map (and not
  // logged: nothing was seen).
  virtual std::map<std::int64_t, core::Identity> export_identities(const std::string& facility_id,
                                                                   std::span<const std::int64_t> case_ids,
                                                                   const Actor& actor, std::int64_t now_ms,
                                                                   const std::string& reason) = 0;

  // The cases of the register received in the period (local days), of one
  // unit or all, oldest first, at most `limit`: for the SKM analysis.
  virtual std::vector<SkmComplaint> skm_complaints(const std::string& facility_id,
                                                   const std::string& unit,
                                                   std::int64_t first_day, std::int64_t last_day,
                                                   std::size_t limit) = 0;
};

// Opens the storage the config names (storage.engine), creating or migrating
// it. Throws StorageError with advice for the operator.
std::unique_ptr<Storage> open_storage(const core::ServerConfig& config);

// What a build without the PostgreSQL engine (KOTAK_POSTGRESQL=0, the arm64
// package) says when a config names a PostgreSQL database.
inline constexpr const char* kNoPostgresql =
    "this kotak-server was built without the PostgreSQL engine (as the arm64 package is); "
    "name a SQLite file in [storage] database, or run the amd64 package for PostgreSQL";

}  // namespace kotak::server
