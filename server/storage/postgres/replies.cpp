// Messages to the patient on the PostgreSQL engine (issue 15 item 4), as in
// the SQLite engine, on a small pool of its own; the SQL and history lines
// are shared (reply_rows.hpp). The message an attempt settles is read FOR
// UPDATE, so a second process that somehow got the same message waits and
// then finds it final.
#include "server/storage/postgres/case_edit.hpp"
#include "server/storage/postgres/pg_storage.hpp"
#include "server/storage/postgres/side_pool.hpp"
#include "server/storage/reply_rows.hpp"
#include "server/storage/reply_storage.hpp"

namespace kotak::server {

namespace {

std::vector<Reply> select_replies(pq::Connection& db, std::string_view where, const pq::Params& params,
                                  const char* lock = "") {
  auto found = db.query(pq::dollar_params(std::string(rows::kSelectReply) + std::string(where)) + lock, params);
  std::vector<Reply> out;
  for (auto row : found) out.push_back(rows::reply_from_row(row));
  return out;
}

std::vector<Reply> replies_of(pq::Connection& db, const std::string& facility_id, std::int64_t case_id) {
  return select_replies(db, rows::kCaseReplies, pq::Params().add(case_id).add(facility_id));
}

class PgReplies final : public ReplyStorage {
 public:
  explicit PgReplies(const PgOptions& options) : pool_(options) {}

  std::vector<Reply> queue_replies(const std::string& facility_id, std::int64_t case_id,
                                   const std::vector<NewReply>& replies, const Actor& actor,
                                   std::int64_t now_ms) override {
    std::vector<Reply> out;
    write("queue messages to the patient", [&](pq::Connection& db) {
      if (!pg_cases::read_case(db, facility_id, case_id, true))
        throw StorageError(StorageErrc::not_found, "there is no case " + std::to_string(case_id));
      if (!pg_cases::done_before(db, actor, case_id, now_ms)) {
        for (const auto& r : replies)
          db.query(pq::dollar_params(rows::kInsertReply),
                   pq::Params()
                       .add(case_id)
                       .add(std::string(to_string(r.channel)))
                       .add(r.via)
                       .add(r.destination)
                       .add(r.subject)
                       .add(r.body)
                       .add(r.answer)
                       .add(now_ms)
                       .add(actor.user_id ? std::optional(actor.user_id) : std::nullopt)
                       .add(actor.name));
        // UU 27/2022: sending to the contact details uses them; on record.
        pg_cases::add_event(db, case_id, actor, now_ms, "identity_viewed", rows::reply_use_detail(replies));
        pg_cases::add_event(db, case_id, actor, now_ms, "reply_queued", rows::reply_queued_detail(replies));
      }
      out = replies_of(db, "", case_id);
    });
    return out;
  }

  std::vector<Reply> case_replies(const std::string& facility_id, std::int64_t case_id) override {
    std::vector<Reply> out;
    read("list messages to the patient", [&](pq::Connection& db) { out = replies_of(db, facility_id, case_id); });
    return out;
  }

  std::vector<Reply> due_replies(std::int64_t now_ms, std::size_t limit) override {
    std::vector<Reply> out;
    read("list messages to send", [&](pq::Connection& db) {
      out = select_replies(db, rows::kDueReplies, pq::Params().add(now_ms).add(static_cast<std::int64_t>(limit)));
    });
    return out;
  }

  void update_reply(const ReplyUpdate& u) override {
    write("note a message's attempt", [&](pq::Connection& db) {
      auto found = select_replies(db, rows::kQueuedReply, pq::Params().add(u.id), " FOR UPDATE OF r");
      if (found.empty()) return;  // final already
      const auto& r = found.front();
      db.query(pq::dollar_params(rows::kUpdateReply),
               pq::Params()
                   .add(u.id)
                   .add(std::string(to_string(u.state)))
                   .add(u.attempts)
                   .add(u.last_error)
                   .add(u.spool_name)
                   .add(u.next_ms)
                   .add(u.state == ReplyState::queued ? std::nullopt : std::optional(u.now_ms)));
      if (u.state == ReplyState::sent) {
        auto c = pg_cases::read_case(db, "", r.case_id, true);
        if (auto edit = c ? rows::reply_answer(*c, r, u.now_ms) : std::nullopt)
          pg_cases::write_edit(db, *edit, rows::reply_actor(r), u.now_ms);
      } else if (u.state == ReplyState::failed) {
        pg_cases::add_event(db, r.case_id, {}, u.now_ms, "reply_failed", rows::reply_failed_detail(r, u.last_error));
      }
    });
  }

  void set_case_email(const std::string& facility_id, std::int64_t case_id, const std::string& email) override {
    write("keep a case's mail address", [&](pq::Connection& db) {
      if (!pg_cases::read_case(db, facility_id, case_id))
        throw StorageError(StorageErrc::not_found, "there is no case " + std::to_string(case_id));
      db.query(pq::dollar_params(rows::kSetCaseEmail), pq::Params().add(case_id).add(email));
    });
  }

 private:
  void read(const char* action, const pg::SidePool::Work& work) { pool_.read(action, work); }
  void write(const char* action, const pg::SidePool::Work& work) { pool_.write(action, work); }

  pg::SidePool pool_;
};

}  // namespace

std::unique_ptr<ReplyStorage> open_pg_replies(const PgOptions& options) { return std::make_unique<PgReplies>(options); }

}  // namespace kotak::server
