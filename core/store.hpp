// The kiosk's store: one SQLite file shared by kotak-kiosk (which adds
// submissions) and kotak-sync (which delivers them and writes back the board,
// the remote settings and its own status). Screens never see SQL; they hand a
// finished Submission to add().
//
// A submission's life: pending → delivered (the server confirmed it) or
// quarantined (the server refused it, with the reason). Nothing is deleted by
// sending; purge_delivered() applies the retention rule to delivered rows only.
#pragma once

#include <array>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "core/database_file.hpp"
#include "core/sqlite.hpp"
#include "core/submission.hpp"

namespace kotak::core {

enum class SubmissionState { pending, delivered, quarantined };

struct StoredSubmission {
  std::int64_t seq = 0;  // creation order on this device
  Submission submission;
  SubmissionState state = SubmissionState::pending;
  std::string reason;  // why it was quarantined
  bool superseded = false;  // a face a later correction replaced: stored, not counted
};

struct StateCounts {
  std::int64_t pending = 0;
  std::int64_t delivered = 0;
  std::int64_t quarantined = 0;
};

// What the last sync run did, written by kotak-sync for the admin screen.
struct SyncStatus {
  std::int64_t attempted_ms = 0;
  std::optional<std::int64_t> succeeded_ms;  // last run that ended ok
  std::string result;  // a code the kiosk translates: ok, unreachable, token_rejected, ...
  std::string detail;  // technical detail in English, for the technician
  std::int64_t delivered = 0;
  std::int64_t quarantined = 0;
  friend bool operator==(const SyncStatus&, const SyncStatus&) = default;
};

// One answered complaint on the public board, as published by staff.
struct BoardItem {
  std::string id;
  std::string unit;
  std::string type;     // saran / keluhan / pujian / pertanyaan
  std::string summary;  // the public summary of the complaint
  std::string answer;   // what the puskesmas did
  std::int64_t published_ms = 0;
  friend bool operator==(const BoardItem&, const BoardItem&) = default;
};

// Where one of this kiosk's own tickets stands on the server, as kotak-sync
// brings it with the board (wire.hpp): never anything about the reporter.
struct TicketStatus {
  std::string ticket;  // "K7M-4FX-9AC" (core/ticket.hpp)
  std::string status;  // the server's case status: baru, diverifikasi, ... arsip
  std::string answer;  // the answer staff published, or empty
  std::int64_t updated_ms = 0;  // when the case last changed on the server
  friend bool operator==(const TicketStatus&, const TicketStatus&) = default;
};

class Store {
 public:
  // Opens or creates the file, refusing (StoreError) a file that is not a
  // kiosk database, is newer than this build, or is damaged.
  static Store open(const std::filesystem::path& path, const OpenOptions& options = {});

  // Adds a submission; returns only after the commit is durable. Throws
  // StoreError (invalid with the reason, disk_full, ...). A correction
  // (submission.hpp) marks the earlier rows of its face superseded in the
  // same transaction; their content and sync state are left alone.
  void add(const Submission& submission);

  // Pending submissions in creation order, at most `limit`, after `after_seq`.
  std::vector<StoredSubmission> pending(std::size_t limit, std::int64_t after_seq = 0);
  std::optional<StoredSubmission> find(const std::string& id);
  // Pending → delivered; other states are left alone. Returns rows changed.
  // A delivered answer's contact details (its sealed box) and its recording
  // are erased from the file (the server has them); the WAL keeps the old
  // pages until empty_log(), which kotak-sync calls once per run.
  std::int64_t mark_delivered(std::span<const std::string> ids, std::int64_t now_ms);
  // Copies the WAL into the file and empties it, so that what was erased is
  // gone from both. Best effort: a reader (the kiosk) can hold it back, and
  // the next checkpoint overwrites it anyway.
  void empty_log(const std::string& after_what);
  // Pending → quarantined with the reason. Returns false if not pending.
  bool mark_quarantined(const std::string& id, const std::string& reason, std::int64_t now_ms);
  std::vector<StoredSubmission> quarantined(std::size_t limit);
  StateCounts counts();
  // Faces counted per rating (index 0 = face 1) created at or after
  // since_ms: one per face answer, its last correction.
  std::array<std::int64_t, 4> face_counts(std::int64_t since_ms);
  // Deletes submissions delivered before before_ms (the retention rule counts
  // from delivery, not creation); returns how many.
  std::int64_t purge_delivered(std::int64_t before_ms);

  void set_sync_status(const SyncStatus& status);
  std::optional<SyncStatus> sync_status();

  // Replaces the whole board in one transaction, with the server's cursor,
  // and with it this kiosk's tickets when the server sent them (nullopt: an
  // older server, the tickets kept are left alone).
  void replace_board(const std::vector<BoardItem>& items, const std::string& cursor,
                     const std::optional<std::vector<TicketStatus>>& tickets = std::nullopt);
  std::vector<BoardItem> board();
  std::string board_cursor();
  // The last time kotak-sync heard the board from the server (changed or
  // not): how old what the kiosk shows of its tickets is. nullopt: never.
  void set_board_checked(std::int64_t unix_ms);
  std::optional<std::int64_t> board_checked();
  // This kiosk's tickets as last brought (store_tickets.cpp), at most
  // wire::kMaxBoardTickets.
  std::vector<TicketStatus> tickets();

  // Remote kiosk settings as the server sent them (JSON text) and their ETag.
  void set_remote_settings(const std::string& json, const std::string& etag);
  std::optional<std::string> remote_settings();
  std::string remote_settings_etag();

  // The server's public key that contact details are sealed to as they are
  // saved (core/seal.hpp), as kotak-sync brought it; empty: none yet, and
  // they are kept plain. Setting it also seals the plain ones already kept.
  // Throws StoreError (invalid) for text that is not a public key.
  void set_seal_key(const std::string& public_key);
  std::string seal_key();

  // The admin PIN pad's wrong tries and lock (kiosk/pin_lock.hpp), kept
  // across restarts; empty when never saved.
  void set_pin_lock(const std::string& state);
  std::string pin_lock();

  // A change counter for the board and settings (PRAGMA data_version moves
  // when another connection commits), so the kiosk can reload without a restart.
  std::int64_t data_version();

  std::string integrity_check();
  sql::Database& database() { return db_; }

 private:
  explicit Store(sql::Database db) : db_(std::move(db)) {}
  std::string get_kv(const std::string& key);
  void set_kv(const std::string& key, const std::string& value);
  void replace_tickets(const std::vector<TicketStatus>& tickets);  // inside a transaction
  std::vector<StoredSubmission> load(sql::Statement& statement);

  sql::Database db_;
};

// The kiosk file's schema, exposed for migration tests.
const FileSchema& kiosk_schema();

std::string_view to_string(SubmissionState state);

}  // namespace kotak::core
