// Files attached to a case on the SQLite engine (issue 15 item 6,
// attachment_storage.hpp): the bytes as BLOBs in the server's file, on a
// connection of its own (side_database.hpp); the history lines and
// refusals are shared with PostgreSQL (attachment_rows.hpp).
#include "core/digest.hpp"
#include "server/storage/attachment_rows.hpp"
#include "server/storage/sqlite/side_database.hpp"
#include "server/storage/sqlite/sqlite_storage.hpp"

namespace kotak::server {

namespace sql = core::sql;
namespace rows = attachment_rows;

namespace {

std::vector<Attachment> attachments_of(sql::Database& db, std::int64_t case_id) {
  auto find = db.prepare(rows::kSelect);
  find.bind(1, case_id);
  std::vector<Attachment> out;
  while (find.step()) out.push_back(rows::from_row(find));
  return out;
}

class SqliteAttachments final : public AttachmentStorage {
 public:
  explicit SqliteAttachments(std::filesystem::path file) : db_(std::move(file)) {}

  std::vector<Attachment> case_attachments(const std::string& facility_id, std::int64_t case_id) override {
    std::vector<Attachment> out;
    db_.run("list a case's files", [&](sql::Database& db) {
      if (!sqlite_cases::read_case(db, facility_id, case_id)) throw rows::no_such_case(case_id);
      out = attachments_of(db, case_id);
    });
    return out;
  }

  std::vector<Attachment> add_attachment(const std::string& facility_id, std::int64_t case_id,
                                         const NewAttachment& file, std::size_t max_per_case, const Actor& actor,
                                         std::int64_t now_ms) override {
    std::vector<Attachment> out;
    db_.write("attach a file to a case", [&](sql::Database& db) {
      auto c = sqlite_cases::read_case(db, facility_id, case_id);
      if (!c) throw rows::no_such_case(case_id);
      if (!sqlite_cases::done_before(db, actor, case_id, now_ms)) {
        rows::check_room(*c, attachments_of(db, case_id).size(), max_per_case);
        auto insert = db.prepare(
            "INSERT INTO case_attachments (case_id, name, media_type, bytes, sha256, width, height, content, "
            "thumbnail, added_ms, user_id, user_name) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)");
        insert.bind(1, case_id)
            .bind(2, file.name)
            .bind(3, file.media_type)
            .bind(4, static_cast<std::int64_t>(file.content.size()))
            .bind(5, core::sha256_hex(file.content))
            .bind(6, file.width)
            .bind(7, file.height)
            .bind_blob(8, file.content);
        if (file.thumbnail) insert.bind_blob(9, *file.thumbnail);
        else insert.bind(9, nullptr);
        insert.bind(10, now_ms)
            .bind(11, actor.user_id ? std::optional(actor.user_id) : std::nullopt)
            .bind(12, actor.name)
            .run();
        sqlite_cases::add_event(db, case_id, actor, now_ms, "attachment_added", rows::added_detail(file));
      }
      out = attachments_of(db, case_id);
    });
    return out;
  }

  std::optional<std::string> attachment_bytes(const std::string& facility_id, std::int64_t case_id,
                                              std::int64_t attachment_id, bool thumbnail) override {
    std::optional<std::string> out;
    db_.run("read a case's file", [&](sql::Database& db) {
      if (!sqlite_cases::read_case(db, facility_id, case_id)) throw rows::no_such_case(case_id);
      auto find = db.prepare(thumbnail ? "SELECT thumbnail FROM case_attachments WHERE id = ?1 AND case_id = ?2 "
                                         "AND thumbnail IS NOT NULL"
                                       : "SELECT content FROM case_attachments WHERE id = ?1 AND case_id = ?2");
      find.bind(1, attachment_id).bind(2, case_id);
      if (find.step()) out = find.blob(0);
    });
    return out;
  }

  void remove_attachment(const std::string& facility_id, std::int64_t case_id, std::int64_t attachment_id,
                         const std::string& reason, const Actor& actor, std::int64_t now_ms) override {
    db_.write("take a file off a case", [&](sql::Database& db) {
      if (!sqlite_cases::read_case(db, facility_id, case_id)) throw rows::no_such_case(case_id);
      auto find = db.prepare("SELECT name FROM case_attachments WHERE id = ?1 AND case_id = ?2");
      find.bind(1, attachment_id).bind(2, case_id);
      if (!find.step())
        throw StorageError(StorageErrc::not_found, "case " + std::to_string(case_id) + " has no such file");
      const auto name = find.text(0);
      if (sqlite_cases::done_before(db, actor, case_id, now_ms)) return;
      db.prepare("DELETE FROM case_attachments WHERE id = ?1").bind(1, attachment_id).run();
      sqlite_cases::add_event(db, case_id, actor, now_ms, "attachment_removed", rows::removed_detail(name, reason));
    });
  }

 private:
  sqlite_side::SideDatabase db_;
};

}  // namespace

std::unique_ptr<AttachmentStorage> open_sqlite_attachments(const std::filesystem::path& file) {
  return std::make_unique<SqliteAttachments>(file);
}

}  // namespace kotak::server
