// What the dashboard serves without a session: the public ticket (status,
// public answer and the ticket's code only, reached by the UUID in the
// kiosk's QR code or by the ticket code the patient copied down, the latter
// slowed down per address when codes find nothing), the public board of a
// facility, and the files of the web app itself.
#include <nlohmann/json.hpp>

#include <fstream>
#include <limits>
#include <sstream>
#include <stdexcept>

#include "core/paths.hpp"
#include "core/submission.hpp"
#include "core/ticket.hpp"
#include "server/dashboard/dashboard.hpp"

namespace kotak::server {

using nlohmann::json;
namespace fs = std::filesystem;

namespace {

// The "account" ticket-code guesses are counted under in login_failures: a
// space and a '#', which no staff user name has (staff/user.hpp).
constexpr const char* kTicketGuesses = "# ticket codes";

std::string content_type(const fs::path& file) {
  auto ext = file.extension().string();
  if (ext == ".html") return "text/html; charset=utf-8";
  if (ext == ".js") return "text/javascript; charset=utf-8";
  if (ext == ".css") return "text/css; charset=utf-8";
  if (ext == ".json") return "application/json; charset=utf-8";
  if (ext == ".svg") return "image/svg+xml";
  if (ext == ".png") return "image/png";
  if (ext == ".ico") return "image/x-icon";
  if (ext == ".woff2") return "font/woff2";
  return "application/octet-stream";
}

std::string slurp(const fs::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) throw std::runtime_error("cannot read " + file.string());
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

}  // namespace

fs::path find_web_dir(const core::ServerConfig& config) {
  if (!config.web_dir.empty()) return config.web_dir;
  if (const char* env = std::getenv("KOTAK_WEB"); env && *env) return env;
  std::error_code ec;
  auto installed = core::assets_dir() / "web";
  if (fs::is_regular_file(installed / "index.html", ec)) return installed;
  return KOTAK_SOURCE_WEB;
}

WebFiles load_web_files(const fs::path& web_dir, const fs::path& i18n_dir) {
  WebFiles files;
  if (!fs::is_regular_file(web_dir / "index.html"))
    throw std::runtime_error("the dashboard's pages are not in " + web_dir.string() +
                             " (no index.html); set web.dir in server.toml or KOTAK_WEB");
  for (const auto& entry : fs::recursive_directory_iterator(web_dir)) {
    if (!entry.is_regular_file()) continue;
    auto relative = fs::relative(entry.path(), web_dir).generic_string();
    files["/app/" + relative] = {slurp(entry.path()), content_type(entry.path())};
  }
  for (const char* language : {"id", "en"}) {
    auto file = i18n_dir / (std::string(language) + ".json");
    files["/app/i18n/" + std::string(language) + ".json"] = {slurp(file), content_type(file)};
  }
  // The kiosk's catalogs beside the web's, for the phone pages; under a key
  // no route serves.
  for (const char* language : {"id", "en", "jv"}) {
    auto file = i18n_dir.parent_path() / "kiosk" / (std::string(language) + ".json");
    files[std::string(kKioskCatalogs) + language + ".json"] = {slurp(file), content_type(file)};
  }
  return files;
}

WebResponse Dashboard::file(const std::string& path) const {
  auto it = files_.find(path);
  if (it == files_.end()) return error(404, "there is no such page");
  WebResponse response;
  response.body = it->second.body;
  response.content_type = it->second.content_type;
  // Pages are small and change with upgrades: the browser asks again each
  // time (a 200 of a few kilobytes on a puskesmas network is fine).
  response.headers.emplace_back("Cache-Control", "no-cache");
  return response;
}

WebResponse Dashboard::public_ticket(const WebRequest& request) {
  // The UUID of the QR code, or the ticket code as a person types it
  // ("k7m 4fx 9ac"): both lead to the same page with the same code on it.
  const std::string raw = request.captures.empty() ? "" : request.captures[0];
  const bool by_uuid = core::is_uuid(raw);
  const std::string key = by_uuid ? raw : core::normalize_ticket(raw);
  if (key.empty()) return error(404, "there is no such ticket");
  const std::int64_t now = now_ms();
  if (!by_uuid) {
    if (auto wait = ticket_limiter_.wait_ms(kTicketGuesses, request.remote, now); wait > 0) {
      auto response = error(429, "too many ticket codes that found nothing; wait a few minutes");
      response.headers.emplace_back("Retry-After", std::to_string((wait + 999) / 1000));
      return response;
    }
  }
  try {
    auto ticket = storage_.public_ticket(key);
    if (!ticket) {
      if (!by_uuid) ticket_limiter_.failed(kTicketGuesses, request.remote, now);
      return error(404, "there is no such ticket");
    }
    WebResponse response;
    response.body = json{{"status", reg::to_string(ticket->status)},
                         {"answer", ticket->public_answer},
                         {"ticket", ticket->ticket}}
                        .dump();
    return response;
  } catch (const StorageError&) {
    return error(503, "the server cannot read data just now; try again");
  }
}

WebResponse Dashboard::public_board(const WebRequest& request) {
  if (request.captures.empty() || !core::is_identifier(request.captures[0]))
    return error(404, "there is no such puskesmas");
  try {
    auto facility = storage_.facility(request.captures[0]);
    if (!facility) return error(404, "there is no such puskesmas");
    auto snapshot = storage_.board(facility->id);
    json items = json::array();
    for (const auto& item : snapshot.items)
      items.push_back({{"unit", item.unit},
                       {"type", item.type},
                       {"summary", item.summary},
                       {"answer", item.answer},
                       {"published_ms", item.published_ms}});
    WebResponse response;
    response.body = json{{"facility", facility->id},
                         {"facility_name", facility->name},
                         {"units", json::parse(units_json(facility->id))},
                         {"items", items}}
                        .dump();
    return response;
  } catch (const StorageError&) {
    return error(503, "the server cannot read data just now; try again");
  }
}

Dashboard::Dashboard(Storage& storage, const core::ServerConfig& config, WebFiles files)
    : now_ms([] { return core::now().unix_ms; }),
      storage_(storage),
      config_(config),
      files_(std::move(files)),
      limiter_(storage, config.session.login_attempts, config.session.login_account_attempts,
               std::int64_t{config.session.login_window_minutes} * 60000),
      // 20 codes that found nothing per address in 15 minutes; no limit for
      // everyone together (that would let one guesser lock every patient out).
      ticket_limiter_(storage, 20, std::numeric_limits<int>::max(), 15 * 60000),
      // 30 answers an hour from one address (a family on one phone, a
      // clinic's Wi-Fi behind one address is the reason it is not fewer);
      // 20 from one address and 200 in all on one QR code (a few minutes
      // of a busy waiting room).
      phone_address_limiter_(storage, 30, std::numeric_limits<int>::max(), 60 * 60000),
      phone_token_limiter_(storage, 20, 200, (kPhoneSendWindows + 2) * 5 * 60000) {
  // The catalogs are read once; reports and refusals look words up in them.
  for (const char* name : {"id", "en"}) {
    auto file = files_.find(std::string("/app/i18n/") + name + ".json");
    if (file != files_.end()) catalogs_.emplace(name, core::Catalog::from_json(file->second.body, name));
  }
  for (const char* name : {"id", "en", "jv"}) {
    auto file = files_.find(std::string(kKioskCatalogs) + name + ".json");
    if (file != files_.end())
      phone_catalogs_.emplace(name, core::Catalog::from_json(file->second.body, name));
  }
}

}  // namespace kotak::server
