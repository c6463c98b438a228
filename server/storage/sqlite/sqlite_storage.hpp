// The SQLite engine of the server's storage (storage.engine = "sqlite"), the
// embedded default: one file, opened through core's open_database_file
// (WAL, synchronous=FULL, refuses foreign or newer files, migrations).
//
// Threads: each call borrows a connection from a small pool, so readers run
// side by side. Writers take an in-process mutex before BEGIN IMMEDIATE, so
// the HTTP threads queue on a mutex instead of SQLite's sleeping busy
// handler; busy_timeout still covers other processes (the admin commands).
#pragma once

#include <filesystem>
#include <functional>
#include <mutex>
#include <vector>

#include "core/database_file.hpp"
#include "core/sqlite.hpp"
#include "server/storage/storage.hpp"

namespace kotak::server {

class SqliteStorage final : public Storage {
 public:
  // Opens or creates the file and migrates it. due_hours: how long after
  // its arrival a kiosk case is due. Throws StorageError.
  explicit SqliteStorage(const std::filesystem::path& path, int due_hours = 72);

  void check() override;
  std::string where() const override { return path_.string(); }
  void add_facility(const Facility& facility) override;
  std::vector<Facility> facilities() override;
  std::optional<Facility> facility(const std::string& id) override;
  void add_device(const DeviceRef& device, const std::string& token_hash,
                  std::int64_t now_ms) override;
  void replace_token(const DeviceRef& device, const std::string& token_hash,
                     std::int64_t now_ms) override;
  void revoke_device(const DeviceRef& device, std::int64_t now_ms) override;
  KeyRegistration register_device_key(const DeviceRef& device, const std::string& public_key,
                                      std::int64_t now_ms) override;
  void set_device_key(const DeviceRef& device, const std::string& public_key,
                      std::int64_t now_ms) override;
  void add_enrolment_code(const EnrolmentCode& code) override;
  Enrolment redeem_enrolment_code(const std::string& code_hash, const std::string& wanted_name,
                                  const std::string& token_hash, std::int64_t now_ms) override;
  std::vector<Device> devices(const std::string& facility_id) override;
  std::optional<Device> device(const DeviceRef& device) override;
  std::optional<DeviceRef> authenticate(const std::string& token_hash,
                                        std::int64_t now_ms) override;
  std::vector<IngestOutcome> ingest(const DeviceRef& device, std::span<const IngestItem> items,
                                    IngestSource source, std::int64_t now_ms) override;
  std::vector<ConflictRecord> conflicts(const std::string& facility_id, std::size_t limit) override;
  std::optional<std::int64_t> clock_offset(const DeviceRef& device,
                                           const std::string& boot_id) override;
  ClockRecord record_clock_offset(const DeviceRef& device, const ClockOffset& offset) override;
  std::vector<core::TicketStatus> device_tickets(const DeviceRef& device,
                                                 std::size_t limit) override;
  void record_device_health(const DeviceHealth& health) override;
  std::vector<DeviceHealth> device_health(const std::string& facility_id) override;
  std::vector<DeviceHealth> claim_kiosk_outages(std::int64_t silent_before_ms,
                                                std::int64_t oldest_ms, std::int64_t now_ms,
                                                std::size_t limit) override;
  void release_kiosk_outage(const DeviceRef& device, std::int64_t claimed_ms) override;
  Stats stats(const std::string& facility_id) override;
  BoardSnapshot board(const std::string& facility_id) override;
  std::optional<SettingsDocument> settings(const std::string& facility_id) override;
  void set_settings(const std::string& facility_id, const SettingsDocument& settings) override;
  std::string phone_secret(const std::string& facility_id, const std::string& secret,
                           std::int64_t now_ms) override;

  void add_user(const staff::User& user) override;
  std::optional<staff::User> user(const std::string& username) override;
  std::vector<staff::User> users(const std::string& facility_id) override;
  void set_password(const std::string& username, const std::string& password_hash) override;
  void set_disabled(const std::string& username, std::optional<std::int64_t> disabled_ms) override;
  void set_dpo(const std::string& username, bool dpo) override;
  void end_sessions(std::int64_t user_id, const std::string& keep_token_hash) override;
  void set_totp_pending(std::int64_t user_id, const std::string& secret) override;
  void confirm_totp(std::int64_t user_id, std::int64_t step) override;
  bool use_totp_step(std::int64_t user_id, std::int64_t step) override;
  void clear_totp(std::int64_t user_id) override;
  void add_login_challenge(const LoginChallenge& challenge) override;
  std::optional<staff::User> login_challenge(const std::string& token_hash, const std::string& kind,
                                             std::int64_t now_ms) override;
  void end_login_challenge(const std::string& token_hash) override;
  void add_one_time_code(const OneTimeCode& code) override;
  CodeOutcome redeem_one_time_code(const std::string& username, const std::string& code_hash,
                                   std::int64_t now_ms) override;
  void add_staff_log(const StaffLogEntry& entry) override;
  std::vector<StaffLogEntry> staff_log(const std::string& facility_id, std::size_t limit) override;
  void add_session(const Session& session) override;
  std::optional<SessionUser> session(const std::string& token_hash, std::int64_t now_ms,
                                     std::int64_t idle_ms, bool note_use) override;
  void end_session(const std::string& token_hash) override;
  void add_login_failure(const std::string& account, const std::string& address,
                         std::int64_t now_ms, std::int64_t forget_before_ms) override;
  std::optional<std::int64_t> nth_login_failure(const std::string& account,
                                                const std::string& address, int n,
                                                std::int64_t since_ms) override;
  void clear_login_failures(const std::string& account, const std::string& address) override;

  CasePage cases(const CaseQuery& query) override;
  std::optional<reg::Case> find_case(const std::string& facility_id, std::int64_t id) override;
  reg::Case add_case(const NewCase& new_case, std::int64_t due_hours, const Actor& actor,
                     std::int64_t now_ms) override;
  reg::Case change_case(const std::string& facility_id, std::int64_t id, const CaseChange& change,
                        const Actor& actor, std::int64_t now_ms) override;
  reg::Contact case_identity(const std::string& facility_id, std::int64_t id, const Actor& actor,
                               std::int64_t now_ms, const std::string& reason) override;
  reg::Contact case_contact(const std::string& facility_id, std::int64_t id) override;
  std::optional<CaseRecording> case_recording(const std::string& facility_id, std::int64_t id) override;
  std::vector<IdentityView> identity_views(const std::string& facility_id, std::size_t limit) override;
  std::optional<PublicTicket> public_ticket(const std::string& public_id) override;
  std::int64_t latest_case_id(const std::string& facility_id) override;
  std::vector<reg::Case> alarming_cases(const std::string& facility_id, std::int64_t after_id,
                                        std::int64_t since_ms, std::size_t limit) override;
  std::vector<reg::Case> unmailed_alarms(std::int64_t since_ms, std::size_t limit) override;
  void mark_mailed(const std::vector<std::int64_t>& case_ids, std::int64_t now_ms) override;
  std::unique_ptr<JobLease> lease_job(const std::string& job) override;
  std::vector<ClaimedReminder> claim_reminders(const ReminderWindow& window, std::size_t limit) override;
  void release_reminder(std::int64_t case_id, ReminderKind kind) override;
  bool claim_digest(const std::string& facility_id, std::int64_t day, std::int64_t now_ms) override;
  void release_digest(const std::string& facility_id, std::int64_t day) override;
  std::optional<int> facility_offset(const std::string& facility_id) override;
  void set_email(const std::string& username, const std::string& email) override;
  std::vector<std::int64_t> expired_identities(std::int64_t closed_before_ms, std::size_t limit) override;
  std::int64_t erase_identities(const IdentityErasure& erasure, const Actor& actor,
                                std::int64_t now_ms) override;
  std::vector<SubjectCase> subject_cases(const SubjectQuery& query, const Actor& actor,
                                         std::int64_t now_ms) override;
  std::vector<SubjectRequest> subject_requests(const std::string& facility_id, std::size_t limit) override;
  RecapFigures recap_figures(const std::string& facility_id, std::int64_t first_day, std::int64_t last_day,
                             std::int64_t due_ms) override;
  std::vector<RecapCase> recap_cases(const std::string& facility_id, std::int64_t first_day,
                                     std::int64_t last_day, const std::optional<RecapCursor>& after,
                                     std::size_t limit) override;
  std::vector<SkmRecord> skm_responses(const std::string& facility_id, const std::string& unit,
                                       std::int64_t first_day, std::int64_t last_day) override;
  SkmCounts skm_counts(const std::string& facility_id, const std::string& unit, std::int64_t first_day,
                       std::int64_t last_day, bool with_profile) override;
  SkmImportStored add_skm_import(const SkmImport& import, const Actor& actor,
                                 std::int64_t now_ms) override;
  std::optional<SkmImportRecord> skm_import_of(const std::string& facility_id,
                                               const std::string& fingerprint,
                                               const std::string& sha256) override;
  std::vector<SkmImportRecord> skm_imports(const std::string& facility_id,
                                           std::size_t limit) override;
  std::optional<SkmImportRecord> skm_import(const std::string& facility_id, std::int64_t id) override;
  SkmImportRecord undo_skm_import(const std::string& facility_id, std::int64_t id,
                                  const Actor& actor, std::int64_t now_ms) override;
  std::optional<SkmPopulation> skm_population(const SkmPeriodKey& key) override;
  void set_skm_population(const SkmPeriodKey& key, std::optional<std::int64_t> population,
                          const Actor& actor, std::int64_t now_ms) override;
  std::vector<SkmRtl> skm_rtl(const SkmPeriodKey& key, std::size_t limit) override;
  void add_skm_rtl(const SkmPeriodKey& key, const SkmRtl& plan, const Actor& actor,
                   std::int64_t now_ms) override;
  std::optional<SkmReportDetails> skm_report_details(const SkmPeriodKey& key) override;
  void set_skm_report_details(const SkmPeriodKey& key, const SkmReportDetails& details,
                              const Actor& actor, std::int64_t now_ms) override;
  std::optional<SkmLetterhead> letterhead(const std::string& facility_id) override;
  void set_letterhead(const std::string& facility_id, const SkmLetterhead& letterhead,
                      bool keep_logo, const Actor& actor, std::int64_t now_ms) override;
  std::vector<SkmComplaint> skm_complaints(const std::string& facility_id, const std::string& unit,
                                           std::int64_t first_day, std::int64_t last_day,
                                           std::size_t limit) override;

  std::vector<CannedAnswer> canned_answers(const std::string& facility_id, bool with_retired) override;
  CannedAnswer add_canned_answer(const std::string& facility_id, const CannedAnswerText& words, const Actor& actor,
                                 std::int64_t now_ms) override;
  CannedAnswer change_canned_answer(const std::string& facility_id, std::int64_t id, const CannedAnswerChange& change,
                                    const Actor& actor, std::int64_t now_ms) override;
  std::map<std::int64_t, core::Identity> export_identities(const std::string& facility_id,
                                                           std::span<const std::int64_t> case_ids, const Actor& actor,
                                                           std::int64_t now_ms, const std::string& reason) override;
 private:
  using Work = std::function<void(core::sql::Database&)>;
  // Runs work on a pooled connection; SQLite errors become StorageErrors.
  void read(const char* action, const Work& work);
  // The same inside BEGIN IMMEDIATE ... COMMIT, one writer at a time.
  void write(const char* action, const Work& work);
  core::sql::Database acquire();
  // Imports of a facility matching a WHERE clause on skm_imports (?1 is
  // the facility, ?2 and ?3 bound by `bind`), newest first.
  std::vector<SkmImportRecord> select_imports(
      const std::string& facility_id, const char* where,
      const std::function<void(core::sql::Statement&)>& bind, std::size_t limit);
  void release(core::sql::Database db);

  std::filesystem::path path_;
  int due_hours_;
  std::mutex pool_mutex_;
  std::vector<core::sql::Database> idle_;
  std::mutex write_mutex_;
};

// The SQLite file's schema: the SQLite texts of schema_steps().
const core::FileSchema& server_schema();

// Internal to the SQLite engine's files: the register's shared pieces.
namespace sqlite_cases {
// Records a written submission (of a kiosk, or the phone pages: channel) as
// the next case of its facility and year (inside the ingest transaction);
// returns the case's id. Its text is not searchable until index_text_from.
std::int64_t record_written(core::sql::Database& db, const core::Submission& submission,
                            std::int64_t due_hours, std::int64_t now_ms, reg::Channel channel);
// Puts the text of the cases from first_id on into the trigram index, in
// one statement: per case, FTS5 would write a segment for each (schema v26).
void index_text_from(core::sql::Database& db, std::int64_t first_id);
// The case, without answers and history; nullopt when it is not in the
// facility ("" for any).
std::optional<reg::Case> read_case(core::sql::Database& db, const std::string& facility_id,
                                   std::int64_t id);
void add_event(core::sql::Database& db, std::int64_t case_id, const Actor& actor,
               std::int64_t now_ms, std::string_view action, const std::string& detail);
// Moves the facility's board revision on (the kiosks' board cursor).
void bump_board(core::sql::Database& db, const std::string& facility_id);
// Claims the actor's request id for an action on case_id (nullopt: a new
// case). Returns the case an earlier action of the same id made or changed
// (then nothing is to be done again), or nullopt when the action is to be
// done now (also for no request id).
std::optional<std::int64_t> done_before(core::sql::Database& db, const Actor& actor,
                                        std::optional<std::int64_t> case_id, std::int64_t now_ms);
// Notes the case a claimed request for a new case made.
void settle_request(core::sql::Database& db, const Actor& actor, std::int64_t case_id);
// A case's contact details: a kiosk's identity or one entered by staff
// (empty when none, or erased).
reg::Contact read_contact(core::sql::Database& db, std::int64_t id);
}  // namespace sqlite_cases
// Throw StorageError not_found unless the facility exists / the device is
// enrolled (internal to the SQLite engine's files).
void require_facility(core::sql::Database& db, const std::string& facility_id);
void require_device(core::sql::Database& db, const DeviceRef& device);
// add_device and replace_token inside a transaction that is already open.
void insert_device(core::sql::Database& db, const DeviceRef& device,
                   const std::string& token_hash, std::int64_t now_ms);
void renew_token(core::sql::Database& db, const DeviceRef& device, const std::string& token_hash,
                 std::int64_t now_ms);

}  // namespace kotak::server
