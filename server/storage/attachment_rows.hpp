// What both engines' attachments.cpp share (attachment_storage.hpp): the
// columns read, the refusals and the history lines.
#pragma once

#include <nlohmann/json.hpp>
#include <string>

#include "server/register/case.hpp"
#include "server/storage/attachment_storage.hpp"
#include "server/storage/storage.hpp"

namespace kotak::server::attachment_rows {

// Every column but the bytes, in Attachment's order; the case is ?1 / $1.
inline constexpr const char* kSelect =
    "SELECT id, case_id, name, media_type, bytes, sha256, width, height, "
    "CASE WHEN thumbnail IS NULL THEN 0 ELSE 1 END, added_ms, user_name FROM case_attachments WHERE case_id = ?1 "
    "ORDER BY id";

template <typename Row>
Attachment from_row(const Row& row) {
  Attachment a;
  a.id = row.integer(0);
  a.case_id = row.integer(1);
  a.name = row.text(2);
  a.media_type = row.text(3);
  a.bytes = row.integer(4);
  a.sha256 = row.text(5);
  a.width = static_cast<int>(row.integer(6));
  a.height = static_cast<int>(row.integer(7));
  a.thumbnail = row.integer(8) != 0;
  a.added_ms = row.integer(9);
  a.added_by = row.text(10);
  return a;
}

// Refuses a file the case cannot take.
inline void check_room(const reg::Case& c, std::size_t held, std::size_t max_per_case) {
  if (c.status == reg::Status::arsip)
    throw StorageError(StorageErrc::invalid, "an archived case takes no files", "error.attachment.archived");
  if (held >= max_per_case)
    throw StorageError(StorageErrc::invalid, "the case holds its most files already", "error.attachment.too_many",
                       {{"max", std::to_string(max_per_case)}});
}

inline std::string added_detail(const NewAttachment& file) {
  return nlohmann::json{{"name", file.name}, {"media_type", file.media_type}, {"bytes", file.content.size()}}.dump();
}
inline std::string removed_detail(const std::string& name, const std::string& reason) {
  return nlohmann::json{{"name", name}, {"reason", reason}}.dump();
}

inline StorageError no_such_case(std::int64_t id) {
  return StorageError(StorageErrc::not_found, "there is no case " + std::to_string(id));
}

}  // namespace kotak::server::attachment_rows
