// Files attached to a case on the PostgreSQL engine (issue 15 item 6), as
// in the SQLite engine, as bytea on a small pool of its own
// (side_pool.hpp). The connection's parameters and results are text, so
// the bytes travel as base64 (encode/decode in SQL, as for recordings).
#include "core/digest.hpp"
#include "core/secret_file.hpp"
#include "server/attachments/file_check.hpp"
#include "server/storage/attachment_rows.hpp"
#include "server/storage/postgres/pg_storage.hpp"
#include "server/storage/postgres/side_pool.hpp"

namespace kotak::server {

namespace rows = attachment_rows;

namespace {

std::vector<Attachment> attachments_of(pq::Connection& db, std::int64_t case_id) {
  std::vector<Attachment> out;
  for (auto row : db.query(pq::dollar_params(rows::kSelect), pq::Params().add(case_id)))
    out.push_back(rows::from_row(row));
  return out;
}

class PgAttachments final : public AttachmentStorage {
 public:
  explicit PgAttachments(const PgOptions& options) : pool_(options) {}

  std::vector<Attachment> case_attachments(const std::string& facility_id, std::int64_t case_id) override {
    std::vector<Attachment> out;
    pool_.read("list a case's files", [&](pq::Connection& db) {
      if (!pg_cases::read_case(db, facility_id, case_id)) throw rows::no_such_case(case_id);
      out = attachments_of(db, case_id);
    });
    return out;
  }

  std::vector<Attachment> add_attachment(const std::string& facility_id, std::int64_t case_id,
                                         const NewAttachment& file, std::size_t max_per_case, const Actor& actor,
                                         std::int64_t now_ms) override {
    std::vector<Attachment> out;
    pool_.write("attach a file to a case", [&](pq::Connection& db) {
      // The case's row locked: two files sent at once count each other.
      auto c = pg_cases::read_case(db, facility_id, case_id, true);
      if (!c) throw rows::no_such_case(case_id);
      if (!pg_cases::done_before(db, actor, case_id, now_ms)) {
        rows::check_room(*c, attachments_of(db, case_id).size(), max_per_case);
        db.query("INSERT INTO case_attachments (case_id, name, media_type, bytes, sha256, width, height, content, "
                 "thumbnail, added_ms, user_id, user_name) VALUES ($1, $2, $3, $4, $5, $6, $7, decode($8, 'base64'), "
                 "decode($9, 'base64'), $10, $11, $12)",
                 pq::Params()
                     .add(case_id)
                     .add(file.name)
                     .add(file.media_type)
                     .add(static_cast<std::int64_t>(file.content.size()))
                     .add(core::sha256_hex(file.content))
                     .add(std::int64_t{file.width})
                     .add(std::int64_t{file.height})
                     .add(core::secret_file::to_base64(file.content))
                     .add(file.thumbnail ? std::optional(core::secret_file::to_base64(*file.thumbnail)) : std::nullopt)
                     .add(now_ms)
                     .add(actor.user_id ? std::optional(actor.user_id) : std::nullopt)
                     .add(actor.name));
        pg_cases::add_event(db, case_id, actor, now_ms, "attachment_added", rows::added_detail(file));
      }
      out = attachments_of(db, case_id);
    });
    return out;
  }

  std::optional<std::string> attachment_bytes(const std::string& facility_id, std::int64_t case_id,
                                              std::int64_t attachment_id, bool thumbnail) override {
    std::optional<std::string> out;
    pool_.read("read a case's file", [&](pq::Connection& db) {
      if (!pg_cases::read_case(db, facility_id, case_id)) throw rows::no_such_case(case_id);
      const std::string column = thumbnail ? "thumbnail" : "content";
      for (auto row : db.query("SELECT encode(" + column + ", 'base64') FROM case_attachments WHERE id = $1 AND "
                               "case_id = $2 AND " + column + " IS NOT NULL",
                               pq::Params().add(attachment_id).add(case_id))) {
        // PostgreSQL's base64 breaks lines every 76 characters.
        std::string text = row.text(0);
        std::erase(text, '\n');
        out = core::secret_file::from_base64_bounded(text, attachments::kMaxBytes);
        if (!out) throw StorageError(StorageErrc::failed, "a file of case " + std::to_string(case_id) + " is damaged");
      }
    });
    return out;
  }

  void remove_attachment(const std::string& facility_id, std::int64_t case_id, std::int64_t attachment_id,
                         const std::string& reason, const Actor& actor, std::int64_t now_ms) override {
    pool_.write("take a file off a case", [&](pq::Connection& db) {
      if (!pg_cases::read_case(db, facility_id, case_id, true)) throw rows::no_such_case(case_id);
      auto found = db.query("SELECT name FROM case_attachments WHERE id = $1 AND case_id = $2",
                            pq::Params().add(attachment_id).add(case_id));
      std::optional<std::string> name;
      for (auto row : found) name = row.text(0);
      if (!name) throw StorageError(StorageErrc::not_found, "case " + std::to_string(case_id) + " has no such file");
      if (pg_cases::done_before(db, actor, case_id, now_ms)) return;
      db.query("DELETE FROM case_attachments WHERE id = $1", pq::Params().add(attachment_id));
      pg_cases::add_event(db, case_id, actor, now_ms, "attachment_removed", rows::removed_detail(*name, reason));
    });
  }

 private:
  pg::SidePool pool_;
};

}  // namespace

std::unique_ptr<AttachmentStorage> open_pg_attachments(const PgOptions& options) {
  return std::make_unique<PgAttachments>(options);
}

}  // namespace kotak::server
