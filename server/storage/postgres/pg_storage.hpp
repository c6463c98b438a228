// The PostgreSQL engine of the server's storage, for a district or a
// province: any number of kotak-server processes on one database. The
// same tables as the SQLite engine (schema.hpp lists the versions of both),
// reached through libpq (pq.hpp) and a pool of connections (pool.hpp).
//
// What makes several processes safe, in the database itself:
// - Each method is one transaction. Writes run at READ COMMITTED and lock
//   the rows they decide on (a case is read FOR UPDATE before a change; a
//   register counter row is locked by its own increment), so two processes
//   never both apply a change decided on the same old state, and register
//   numbers stay gapless: a rolled-back case rolls its number back with it.
// - A transaction that PostgreSQL ends for a deadlock or a serialization
//   failure is run again, whole, a few times; other failures are reported.
// - Sessions, log-in counters and what has been mailed live in tables;
//   background jobs take a PostgreSQL advisory lock (job_lease), so one
//   process at a time runs each.
// - Migrations run under an advisory lock, so processes started together
//   migrate once.
#pragma once

#include <string>

#include "server/storage/postgres/pool.hpp"
#include "server/storage/storage.hpp"

namespace kotak::server {

struct PgOptions {
  pq::Connection::Settings settings;  // libpq's, with the password read from its file
  std::string where;                  // for messages: host, port and database, no secrets
  int pool = 8;          // connections at most
  int due_hours = 72;
};

class PgStorage final : public Storage {
 public:
  // Connects, checks the database is Kotak's (or empty) and migrates it.
  // Throws StorageError with advice for the operator.
  explicit PgStorage(const PgOptions& options);

  void check() override;
  std::string where() const override { return options_.where; }
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
  std::optional<PublicTicket> public_ticket(const std::string& key) override;
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
  using Work = std::function<void(pq::Connection&)>;
  // Runs work on a pooled connection, without a transaction of its own
  // (one statement is one transaction); pq errors become StorageErrors.
  void read(const char* action, const Work& work);
  // The same inside one REPEATABLE READ READ ONLY transaction: several
  // statements that see the same moment.
  void snapshot(const char* action, const Work& work);
  // The same inside one READ COMMITTED transaction, run again when
  // PostgreSQL ended it for a deadlock or a serialization failure.
  void write(const char* action, const Work& work);
  // Imports matching a WHERE clause on skm_imports ($1 is the facility,
  // the rest in `params` after it), newest first.
  std::vector<SkmImportRecord> select_imports(const std::string& where, const pq::Params& params,
                                              std::size_t limit);

  PgOptions options_;
  pg::Pool pool_;
};

// Internal to the PostgreSQL engine's files.
namespace pg {
// The options of the database a config names, with the password read from
// its file (never a command line, never the config). Throws StorageError.
PgOptions options_of(const core::ServerConfig& config);
// Refuses a database that is not Kotak's, is newer than this build or not
// UTF-8, and brings it to the latest schema version. Throws StorageError.
void migrate(pq::Connection& connection, const std::string& where);
// Throws StorageError not_found unless the device is enrolled.
void require_device(pq::Connection& db, const DeviceRef& device);
// Throws StorageError not_found unless the facility exists.
void require_facility(pq::Connection& db, const std::string& facility_id);
// add_device and replace_token inside a transaction that is already open;
// insert_device is false (and does nothing) when the name exists.
bool insert_device(pq::Connection& db, const DeviceRef& device, const std::string& token_hash,
                   std::int64_t now_ms);
void renew_token(pq::Connection& db, const DeviceRef& device, const std::string& token_hash,
                 std::int64_t now_ms);
// The staff account of a change; none for the admin commands.
inline std::optional<std::int64_t> user_of(const Actor& actor) {
  return actor.user_id ? std::optional(actor.user_id) : std::nullopt;
}
// A pq error as the storage reports it, with advice.
StorageError translate(const pq::Error& error, const char* action, const std::string& where);
}  // namespace pg

// The register's shared pieces (cases.cpp).
namespace pg_cases {
// Records a batch's written submissions as the next cases of their
// facilities and years, in the order given (inside the ingest transaction),
// as cases of the channel (a kiosk's, or the phone pages').
void record_written(pq::Connection& db, const std::vector<const core::Submission*>& written,
                    std::int64_t due_hours, std::int64_t now_ms, reg::Channel channel);
// The case, without answers and history, or nullopt when it is not in the
// facility ("" for any); lock: FOR UPDATE, for a change.
std::optional<reg::Case> read_case(pq::Connection& db, const std::string& facility_id,
                                   std::int64_t id, bool lock = false);
void add_event(pq::Connection& db, std::int64_t case_id, const Actor& actor, std::int64_t now_ms,
               std::string_view action, const std::string& detail);
void bump_board(pq::Connection& db, const std::string& facility_id);
// As sqlite_cases::done_before and settle_request (a concurrent retry of
// the same request waits on the first's row until it commits).
std::optional<std::int64_t> done_before(pq::Connection& db, const Actor& actor,
                                        std::optional<std::int64_t> case_id, std::int64_t now_ms);
void settle_request(pq::Connection& db, const Actor& actor, std::int64_t case_id);
// A case's contact details: a kiosk's identity or one entered by staff
// (empty when none, or erased).
reg::Contact read_contact(pq::Connection& db, std::int64_t id);
}  // namespace pg_cases

}  // namespace kotak::server
