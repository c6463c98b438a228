// SMS to the patient (issue 15 item 4): the number as an SMS gateway wants
// it, the text cut to a few segments, and gammu-smsd's FILES backend spool.
//
// gammu-smsd (Debian gammu-smsd; smsd/services/files.c) sends every file of
// its OutboxPath whose name matches OUT*.txt*, reading the number from the
// name, OUT<priority><yyyymmdd>_<hhmmss>_<serial>_<number>_<anything>.txt.
// A file without a byte-order mark is read as 8-bit Latin-1, which garbles
// UTF-8, so the text is written as UTF-16 with a BOM (FF FE, little-endian;
// gammu converts the byte order). The file is written under a name gammu
// ignores, synced, then renamed, so gammu never reads half a message. After
// sending, gammu moves the file, same name, into SentSMSPath; on failure
// into ErrorSMSPath. Kotak learns the outcome by looking where it is.
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

namespace kotak::server {

// +62… of an Indonesian mobile number however written (0812…, 62812…,
// +62 812-…); nullopt when it is not one (core::check_phone).
std::optional<std::string> international_phone(std::string_view text);

// The SMS: `text` with {answer} replaced by the answer, cut at a word with
// "…" so that the whole has at most max_chars characters.
std::string fit_sms(const std::string& text, const std::string& answer, std::size_t max_chars);

// UTF-8 as UTF-16 little-endian with its byte-order mark (FF FE).
std::string utf16le_with_bom(std::string_view utf8);

class GammuSpool {
 public:
  enum class State { waiting, sent, failed, missing };

  GammuSpool(std::filesystem::path outbox, std::filesystem::path sent, std::filesystem::path error);
  // Writes one message for gammu-smsd and returns its file name; `tag`
  // (letters and digits) makes the name unique. Throws std::runtime_error
  // with the reason (a missing folder, a full disk).
  std::string write(const std::string& number, const std::string& text, const std::string& tag,
                    std::int64_t now_ms) const;
  // Where gammu-smsd has put the file: still in the outbox (waiting), sent,
  // failed, or nowhere (missing: gammu is moving it, or someone removed it).
  State state(const std::string& name) const;

 private:
  std::filesystem::path outbox_, sent_, error_;
};

}  // namespace kotak::server
