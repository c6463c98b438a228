// Messages to the patient on the SQLite engine (issue 15 item 4,
// reply_storage.hpp): queueing the messages of an answer with the use of
// the contact details on record, the job's reads, and an attempt's outcome,
// which records the answer once the message is sent. Each is one
// transaction on a connection of its own to the server's file
// (side_database.hpp);
// the SQL and history lines are shared with PostgreSQL (reply_rows.hpp).
#include <functional>

#include "server/storage/reply_rows.hpp"
#include "server/storage/reply_storage.hpp"
#include "server/storage/sqlite/case_edit.hpp"
#include "server/storage/sqlite/side_database.hpp"
#include "server/storage/sqlite/sqlite_storage.hpp"

namespace kotak::server {

namespace sql = core::sql;

namespace {

std::vector<Reply> select_replies(sql::Database& db, std::string_view where,
                                  const std::function<void(sql::Statement&)>& bind) {
  auto find = db.prepare(std::string(rows::kSelectReply) + std::string(where));
  bind(find);
  std::vector<Reply> out;
  while (find.step()) out.push_back(rows::reply_from_row(find));
  return out;
}

std::vector<Reply> replies_of(sql::Database& db, const std::string& facility_id, std::int64_t case_id) {
  return select_replies(db, rows::kCaseReplies, [&](sql::Statement& s) { s.bind(1, case_id).bind(2, facility_id); });
}

class SqliteReplies final : public ReplyStorage {
 public:
  explicit SqliteReplies(std::filesystem::path file) : db_(std::move(file)) {}

  std::vector<Reply> queue_replies(const std::string& facility_id, std::int64_t case_id,
                                   const std::vector<NewReply>& replies, const Actor& actor,
                                   std::int64_t now_ms) override {
    std::vector<Reply> out;
    write("queue messages to the patient", [&](sql::Database& db) {
      if (!sqlite_cases::read_case(db, facility_id, case_id))
        throw StorageError(StorageErrc::not_found, "there is no case " + std::to_string(case_id));
      if (!sqlite_cases::done_before(db, actor, case_id, now_ms)) {
        for (const auto& r : replies)
          db.prepare(rows::kInsertReply)
              .bind(1, case_id)
              .bind(2, to_string(r.channel))
              .bind(3, r.via)
              .bind(4, r.destination)
              .bind(5, r.subject)
              .bind(6, r.body)
              .bind(7, r.answer)
              .bind(8, now_ms)
              .bind(9, actor.user_id ? std::optional(actor.user_id) : std::nullopt)
              .bind(10, actor.name)
              .run();
        // UU 27/2022: sending to the contact details uses them; on record.
        sqlite_cases::add_event(db, case_id, actor, now_ms, "identity_viewed", rows::reply_use_detail(replies));
        sqlite_cases::add_event(db, case_id, actor, now_ms, "reply_queued", rows::reply_queued_detail(replies));
      }
      out = replies_of(db, "", case_id);
    });
    return out;
  }

  std::vector<Reply> case_replies(const std::string& facility_id, std::int64_t case_id) override {
    std::vector<Reply> out;
    run("list messages to the patient", [&](sql::Database& db) { out = replies_of(db, facility_id, case_id); });
    return out;
  }

  std::vector<Reply> due_replies(std::int64_t now_ms, std::size_t limit) override {
    std::vector<Reply> out;
    run("list messages to send", [&](sql::Database& db) {
      out = select_replies(db, rows::kDueReplies, [&](sql::Statement& s) {
        s.bind(1, now_ms).bind(2, static_cast<std::int64_t>(limit));
      });
    });
    return out;
  }

  void update_reply(const ReplyUpdate& u) override {
    write("note a message's attempt", [&](sql::Database& db) {
      auto found = select_replies(db, rows::kQueuedReply, [&](sql::Statement& s) { s.bind(1, u.id); });
      if (found.empty()) return;  // final already
      const auto& r = found.front();
      db.prepare(rows::kUpdateReply)
          .bind(1, u.id)
          .bind(2, to_string(u.state))
          .bind(3, u.attempts)
          .bind(4, u.last_error)
          .bind(5, u.spool_name)
          .bind(6, u.next_ms)
          .bind(7, u.state == ReplyState::queued ? std::nullopt : std::optional(u.now_ms))
          .run();
      if (u.state == ReplyState::sent) {
        auto c = sqlite_cases::read_case(db, "", r.case_id);
        if (auto edit = c ? rows::reply_answer(*c, r, u.now_ms) : std::nullopt)
          sqlite_cases::write_edit(db, *edit, rows::reply_actor(r), u.now_ms);
      } else if (u.state == ReplyState::failed) {
        sqlite_cases::add_event(db, r.case_id, {}, u.now_ms, "reply_failed", rows::reply_failed_detail(r, u.last_error));
      }
    });
  }

  void set_case_email(const std::string& facility_id, std::int64_t case_id, const std::string& email) override {
    write("keep a case's mail address", [&](sql::Database& db) {
      if (!sqlite_cases::read_case(db, facility_id, case_id))
        throw StorageError(StorageErrc::not_found, "there is no case " + std::to_string(case_id));
      db.prepare(rows::kSetCaseEmail).bind(1, case_id).bind(2, email).run();
    });
  }

 private:
  void run(const char* action, const sqlite_side::SideDatabase::Work& work) { db_.run(action, work); }
  void write(const char* action, const sqlite_side::SideDatabase::Work& work) { db_.write(action, work); }

  sqlite_side::SideDatabase db_;
};

}  // namespace

std::unique_ptr<ReplyStorage> open_sqlite_replies(const std::filesystem::path& file) {
  return std::make_unique<SqliteReplies>(file);
}

}  // namespace kotak::server
