// Files attached to a case (issue 15 item 6): photos and scans staff add to
// a case, stored in the server's database beside Storage (as
// reply_storage.hpp: each engine implements it in its attachments.cpp on a
// connection of its own). The rules of storage.hpp hold: each method is one
// transaction, callable from many threads; every case method takes the
// facility ("" any) and throws StorageError not_found for a case outside it.
// What may be attached, and who may see it, is decided above the storage
// (attachments/file_check.hpp, dashboard/attachments.cpp).
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/config.hpp"
#include "server/storage/case_types.hpp"

namespace kotak::server {

struct Attachment {
  std::int64_t id = 0;
  std::int64_t case_id = 0;
  std::string name;        // as attachments::clean_name left it
  std::string media_type;  // image/jpeg, image/png, application/pdf
  std::int64_t bytes = 0;
  std::string sha256;      // hex, of the content
  int width = 0, height = 0;
  bool thumbnail = false;  // an image's small JPEG is stored
  std::int64_t added_ms = 0;
  std::string added_by;    // the staff member's name
};

struct NewAttachment {
  std::string name, media_type;
  std::string content;                   // the file's bytes
  std::optional<std::string> thumbnail;  // JPEG bytes
  int width = 0, height = 0;
};

class AttachmentStorage {
 public:
  virtual ~AttachmentStorage() = default;

  // The case's files, oldest first, without their bytes.
  virtual std::vector<Attachment> case_attachments(const std::string& facility_id, std::int64_t case_id) = 0;
  // Adds a file with an "attachment_added" history line {name, media_type,
  // bytes}; a request id done before adds nothing again. Refuses (invalid,
  // error.attachment.too_many) the file past max_per_case and (invalid,
  // error.attachment.archived) a case that is archived. Returns the case's
  // files.
  virtual std::vector<Attachment> add_attachment(const std::string& facility_id, std::int64_t case_id,
                                                 const NewAttachment& file, std::size_t max_per_case,
                                                 const Actor& actor, std::int64_t now_ms) = 0;
  // A file's bytes (thumbnail: its thumbnail's), nullopt when the case has
  // no such file (or no thumbnail of it).
  virtual std::optional<std::string> attachment_bytes(const std::string& facility_id, std::int64_t case_id,
                                                      std::int64_t attachment_id, bool thumbnail) = 0;
  // Deletes a file, with an "attachment_removed" history line {name,
  // reason}. not_found: no such file on the case.
  virtual void remove_attachment(const std::string& facility_id, std::int64_t case_id, std::int64_t attachment_id,
                                 const std::string& reason, const Actor& actor, std::int64_t now_ms) = 0;
};

// The attachment storage on the database the config names (as open_storage,
// which must have opened and migrated it first). Throws StorageError.
std::unique_ptr<AttachmentStorage> open_attachment_storage(const core::ServerConfig& config);

}  // namespace kotak::server
