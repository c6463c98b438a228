// See sms.hpp.
#include "server/notify/sms.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <ctime>
#include <stdexcept>

#include "core/phone.hpp"
#include "core/text.hpp"

namespace kotak::server {

namespace {

// The next code point of valid UTF-8 at i (the dashboard checked the text);
// a stray byte is read as U+FFFD.
char32_t next_code_point(std::string_view s, std::size_t& i) {
  auto byte = [&](std::size_t k) { return static_cast<unsigned char>(s[k]); };
  unsigned char b = byte(i);
  int more = b < 0x80 ? 0 : (b >> 5) == 0x6 ? 1 : (b >> 4) == 0xE ? 2 : (b >> 3) == 0x1E ? 3 : -1;
  if (more < 0 || i + static_cast<std::size_t>(more) >= s.size() + (more == 0 ? 1 : 0)) {
    ++i;
    return 0xFFFD;
  }
  char32_t cp = more == 0 ? b : b & (0x3F >> more);
  for (int k = 1; k <= more; ++k) {
    if ((byte(i + static_cast<std::size_t>(k)) & 0xC0) != 0x80) {
      ++i;
      return 0xFFFD;
    }
    cp = (cp << 6) | (byte(i + static_cast<std::size_t>(k)) & 0x3F);
  }
  i += static_cast<std::size_t>(more) + 1;
  return cp;
}

std::size_t chars(std::string_view text) { return core::utf8_length(text).value_or(text.size()); }

// The first n code points of text.
std::string first_chars(std::string_view text, std::size_t n) {
  std::size_t i = 0;
  for (std::size_t k = 0; k < n && i < text.size(); ++k) next_code_point(text, i);
  return std::string(text.substr(0, i));
}

[[noreturn]] void fail(const std::string& what, const std::filesystem::path& path) {
  throw std::runtime_error(what + " " + path.string() + ": " + std::strerror(errno) +
                           "; check [reply] gammu_outbox and that kotak-server may write there");
}

}  // namespace

std::optional<std::string> international_phone(std::string_view text) {
  if (core::check_phone(text) != core::PhoneCheck::ok) return std::nullopt;
  std::string digits;
  for (char ch : core::national_phone(text))
    if (ch >= '0' && ch <= '9') digits += ch;
  return "+62" + digits.substr(1);
}

std::string fit_sms(const std::string& text, const std::string& answer, std::size_t max_chars) {
  auto at = text.find("{answer}");
  if (at == std::string::npos) return first_chars(text, max_chars);
  auto head = text.substr(0, at), tail = text.substr(at + 8);
  auto fixed = chars(head) + chars(tail);
  if (fixed + chars(answer) <= max_chars) return head + answer + tail;
  // The link in the tail is never cut: the answer makes room, at a word.
  auto cut = first_chars(answer, max_chars > fixed + 1 ? max_chars - fixed - 1 : 0);
  auto space = cut.find_last_of(" \n\t");
  if (space != std::string::npos && space > cut.size() / 2) cut.resize(space);
  while (!cut.empty() && std::strchr(" \n\t,;:-", cut.back())) cut.pop_back();
  return head + cut + "…" + tail;
}

std::string utf16le_with_bom(std::string_view utf8) {
  std::string out = "\xFF\xFE";
  auto unit = [&](char32_t u) {
    out += static_cast<char>(u & 0xFF);
    out += static_cast<char>((u >> 8) & 0xFF);
  };
  for (std::size_t i = 0; i < utf8.size();) {
    char32_t cp = next_code_point(utf8, i);
    if (cp >= 0x10000) {
      cp -= 0x10000;
      unit(0xD800 + (cp >> 10));
      unit(0xDC00 + (cp & 0x3FF));
    } else {
      unit(cp);
    }
  }
  return out;
}

GammuSpool::GammuSpool(std::filesystem::path outbox, std::filesystem::path sent, std::filesystem::path error)
    : outbox_(std::move(outbox)), sent_(std::move(sent)), error_(std::move(error)) {}

std::string GammuSpool::write(const std::string& number, const std::string& text, const std::string& tag,
                              std::int64_t now_ms) const {
  std::time_t seconds = static_cast<std::time_t>(now_ms / 1000);
  std::tm tm{};
  gmtime_r(&seconds, &tm);
  char stamp[32];
  std::strftime(stamp, sizeof stamp, "%Y%m%d_%H%M%S", &tm);
  // C: a normal priority (A is the highest); 00: the serial; the tag
  // after the number is gammu's "anything".
  const std::string name = std::string("OUTC") + stamp + "_00_" + number + "_" + tag + ".txt";
  const auto temporary = outbox_ / (".kotak-" + tag + ".tmp");
  const auto content = utf16le_with_bom(text);
  int fd = ::open(temporary.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0640);
  if (fd < 0) fail("cannot write", temporary);
  std::size_t done = 0;
  while (done < content.size()) {
    auto n = ::write(fd, content.data() + done, content.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) {
      ::close(fd);
      ::unlink(temporary.c_str());
      fail("cannot write", temporary);
    }
    done += static_cast<std::size_t>(n);
  }
  if (::fsync(fd) != 0) {
    ::close(fd);
    ::unlink(temporary.c_str());
    fail("cannot sync", temporary);
  }
  ::close(fd);
  const auto final_path = outbox_ / name;
  if (::rename(temporary.c_str(), final_path.c_str()) != 0) {
    ::unlink(temporary.c_str());
    fail("cannot rename into", final_path);
  }
  // The rename itself survives a power cut only once the folder is synced.
  int dir = ::open(outbox_.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (dir >= 0) {
    ::fsync(dir);
    ::close(dir);
  }
  return name;
}

GammuSpool::State GammuSpool::state(const std::string& name) const {
  std::error_code ignored;
  if (std::filesystem::exists(sent_ / name, ignored)) return State::sent;
  if (std::filesystem::exists(error_ / name, ignored)) return State::failed;
  if (std::filesystem::exists(outbox_ / name, ignored)) return State::waiting;
  return State::missing;
}

}  // namespace kotak::server
