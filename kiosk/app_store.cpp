// See app.hpp. This file: starting (config, catalogs, store), the Outbox,
// reloading the board and settings the sync agent writes, and the admin
// screen's facts and tasks.
#include <ctime>

#include "core/clock_state.hpp"
#include "core/log.hpp"
#include "core/paths.hpp"
#include "core/qr_token.hpp"
#include "core/remote_settings.hpp"
#include "core/seal.hpp"
#include "core/timestamp.hpp"
#include "core/wire.hpp"
#include "kiosk/app.hpp"
#include "kiosk/catalogs.hpp"

namespace kotak::kiosk {

namespace fs = std::filesystem;

namespace {

// What the unavailable screen says about a database the store refused, as a
// catalog key; the store's own words go under it for the technician.
std::string database_reason(const std::exception& error) {
  if (const auto* store = dynamic_cast<const core::StoreError*>(&error)) {
    switch (store->code()) {
      case core::StoreErrc::cannot_open:
        return "unavailable.reason.database_cannot_open";
      case core::StoreErrc::not_kotak:
        return "unavailable.reason.database_not_kotak";
      case core::StoreErrc::too_new:
        return "unavailable.reason.database_too_new";
      case core::StoreErrc::corrupt:
        return "unavailable.reason.database_corrupt";
      default:
        break;
    }
  }
  return "unavailable.reason.database";
}

}  // namespace

void App::fail(std::string key, const std::string& detail) {
  kiosk_.unavailable = detail;
  kiosk_.unavailable_key = std::move(key);
  core::log::error("cannot start: " + detail);
}

void App::start() {
  kiosk_.unavailable.clear();
  kiosk_.unavailable_key.clear();
  store_.reset();
  const fs::path catalogs = core::assets_dir() / "i18n" / "kiosk";
  try {
    base_config_ = core::load_kiosk_config(config_file_);
  } catch (const std::exception& error) {
    kiosk_.config.admin_pin_hash.clear();  // no admin without a config
    translations_ = builtin_translations({"id", "en"});
    fail("unavailable.reason.config", error.what());
    return;
  }
  // Every configured language needs its catalog, whole: a kiosk must never
  // show a raw key, nor quietly run in another language than configured.
  CatalogFault fault;
  translations_ = load_catalogs(catalogs, base_config_.languages, fault);
  if (!fault.key.empty()) {
    fail(fault.key, fault.detail);
    return;
  }
  const std::vector<std::string>& languages = base_config_.languages;
  kiosk_.languages = languages;
  kiosk_.language_names.clear();
  kiosk_.language_short.clear();
  for (const auto& language : languages) {
    kiosk_.language_names[language] = translations_->catalog(language).get("language.name");
    kiosk_.language_short[language] = translations_->catalog(language).get("language.short");
  }
  kiosk_.config = base_config_;
  burst_.set_interval(base_config_.tap_interval_s);
  idle_.set_times(base_config_.idle_timeout_s, base_config_.idle_warning_s);
  session_.clear(languages.front(), static_cast<std::size_t>(base_config_.max_text_chars));
  refresh_qr();
  try {
    store_.emplace(core::Store::open(base_config_.database));
    data_version_ = store_->data_version();
  } catch (const std::exception& error) {
    store_.reset();
    fail(database_reason(error), error.what());
    return;
  }
  load_settings();
  try {
    kiosk_.pin_lock.restore(store_->pin_lock(), clock_.now(), clock_.wall().unix_ms);
  } catch (const std::exception& error) {
    core::log::warning(std::string("cannot read the PIN lock: ") + error.what());
  }
  core::log::info("ready: " + base_config_.facility_id + "/" + base_config_.device_id +
                  ", database " + base_config_.database.string());
}

void App::load_settings() {
  if (!store_) return;
  try {
    kiosk_.board = store_->board();
    kiosk_.tickets.clear();
    for (auto& ticket : store_->tickets()) kiosk_.tickets[ticket.ticket] = std::move(ticket);
    kiosk_.tickets_checked_ms = store_->board_checked();
    core::KioskConfig config = base_config_;
    kiosk_.notice.clear();
    if (auto json = store_->remote_settings()) {
      try {
        auto settings = core::parse_remote_settings(*json);
        config = core::apply(base_config_, settings);
        kiosk_.notice = settings.notice;
      } catch (const std::exception& error) {
        core::log::warning(std::string("ignoring the server's kiosk settings: ") + error.what());
      }
    }
    kiosk_.config = std::move(config);
    refresh_qr();
  } catch (const std::exception& error) {
    core::log::warning(std::string("cannot read the board and settings: ") + error.what());
  }
}

bool App::refresh_qr() {
  // The server's phone pages with the token of this minute's window (only
  // someone at the kiosk can have it), else the district's SKM site.
  const core::PhoneLink& phone = kiosk_.config.phone;
  std::string text = kiosk_.config.skm_url;
  if (!phone.url.empty() && !phone.secret.empty())
    text = phone.url + "?k=" +
           core::qr_token::token(phone.secret, phone.facility,
                                 core::qr_token::window_of(clock_.wall().unix_ms));
  if (text == kiosk_.skm_qr.text()) return false;
  kiosk_.skm_qr = QrCode::encode(text);
  return true;
}

bool App::update() {
  const double now = clock_.now();
  bool redraw = false;
  if (screen_ == Screen::unavailable && !kiosk_.unavailable.empty()) {
    if (now >= next_retry_) {
      next_retry_ = now + 15;
      start();
      if (kiosk_.unavailable.empty()) {
        core::log::info("the kiosk works again");
        go(Screen::home, now);
        redraw = true;
      }
    }
    return redraw;
  }
  if (store_ && now >= next_poll_) {
    next_poll_ = now + 2;
    if (refresh_qr()) redraw = true;
    try {
      const std::int64_t version = store_->data_version();
      if (version != data_version_) {
        data_version_ = version;
        load_settings();
        redraw = true;
      }
    } catch (const std::exception& error) {
      core::log::warning(std::string("cannot check the database for changes: ") + error.what());
    }
    if (screen_ == Screen::admin) {
      refresh();
      redraw = true;
    }
  }
  if (child_.running()) {
    poll_task();
    redraw = true;
  }
  return redraw || redraw_;
}

SaveResult App::save(const core::Submission& submission) {
  SaveResult result;
  if (!store_) {
    result.ok = false;
    result.message = "the database is not open";
    return result;
  }
  try {
    // The clock's state now, with the answer: the server corrects the
    // answers of a boot whose clock was not synchronised (clock_state.hpp).
    core::Submission saved = submission;
    saved.clock = core::read_clock_state();
    store_->add(saved);
    std::string flags;
    for (const auto& flag : submission.flags) flags += " " + flag;
    // Never the text or the identity: the journal is not the place for them.
    core::log::info("saved " + std::string(core::to_string(submission.kind)) + " " + submission.id +
                    (flags.empty() ? "" : " flags:" + flags));
  } catch (const core::StoreError& error) {
    result.ok = false;
    result.disk_full = error.code() == core::StoreErrc::disk_full;
    result.message = error.what();
    core::log::error(std::string("could not save an answer: ") + error.what());
  } catch (const std::exception& error) {
    result.ok = false;
    result.message = error.what();
    core::log::error(std::string("could not save an answer: ") + error.what());
  }
  return result;
}

void App::refresh() {
  AdminInfo& info = kiosk_.admin;
  info.store_state.clear();
  info.free_bytes = free_bytes(kiosk_.config.database.parent_path());
  auto usb = find_usb_mount(kiosk_.config.usb_root);
  info.usb_mount = usb ? usb->string() : "";
  auto program = find_program("kotak-sync");
  info.sync_program = program ? program->string() : "";
  if (!store_) {
    info.store_state = kiosk_.unavailable.empty() ? "the database is not open" : kiosk_.unavailable;
    return;
  }
  try {
    info.counts = store_->counts();
    auto seal_key = store_->seal_key();
    info.seal_key_id = seal_key.empty() ? "" : core::seal::key_id(seal_key);
    info.sync = store_->sync_status();
    // Today in the kiosk's own time zone.
    info.faces_today = store_->face_counts(core::local_day_start_ms(clock_.wall().unix_ms));
  } catch (const std::exception& error) {
    info.store_state = error.what();
  }
}

void App::start_sync() {
  refresh();
  kiosk_.task = TaskState{};
  kiosk_.task.what = "sync";
  if (kiosk_.admin.sync_program.empty()) {
    kiosk_.task.status = TaskState::Status::no_program;
    return;
  }
  if (!child_.start(
          {kiosk_.admin.sync_program, "once", "--config", kiosk_.config.sync_config.string()},
          300)) {
    kiosk_.task.status = TaskState::Status::failed;
    kiosk_.task.output = child_.error();
    return;
  }
  core::log::info("admin: sync now");
  kiosk_.task.status = TaskState::Status::running;
}

void App::start_export() {
  refresh();
  kiosk_.task = TaskState{};
  kiosk_.task.what = "export";
  if (kiosk_.admin.sync_program.empty()) {
    kiosk_.task.status = TaskState::Status::no_program;
    return;
  }
  if (kiosk_.admin.usb_mount.empty()) {
    kiosk_.task.status = TaskState::Status::no_usb;
    return;
  }
  if (!child_.start({kiosk_.admin.sync_program, "export", kiosk_.admin.usb_mount, "--config",
                     kiosk_.config.sync_config.string()},
                    900)) {
    kiosk_.task.status = TaskState::Status::failed;
    kiosk_.task.output = child_.error();
    return;
  }
  core::log::info("admin: export to " + kiosk_.admin.usb_mount);
  kiosk_.task.status = TaskState::Status::running;
}

void App::start_enrol(const std::string& code) {
  kiosk_.task = TaskState{};
  kiosk_.task.what = "enrol";
  if (kiosk_.admin.sync_program.empty()) {
    kiosk_.task.status = TaskState::Status::no_program;
    return;
  }
  if (!child_.start({kiosk_.admin.sync_program, "enroll", code, "--name", kiosk_.config.device_id,
                     "--config", kiosk_.config.sync_config.string()},
                    120)) {
    kiosk_.task.status = TaskState::Status::failed;
    kiosk_.task.output = child_.error();
    return;
  }
  // The code itself is not logged: until it is used, it is a credential.
  core::log::info("admin: enrolling as " + kiosk_.config.device_id + " with a code");
  kiosk_.task.status = TaskState::Status::running;
}

void App::save_pin_lock() {
  if (!store_) return;
  try {
    store_->set_pin_lock(kiosk_.pin_lock.save(clock_.now(), clock_.wall().unix_ms));
  } catch (const std::exception& error) {
    // The lock still holds in memory until the kiosk restarts.
    core::log::warning(std::string("cannot save the PIN lock: ") + error.what());
  }
}

void App::purge_delivered() {
  kiosk_.task = TaskState{};
  kiosk_.task.what = "purge";
  if (!store_) {
    kiosk_.task.status = TaskState::Status::failed;
    kiosk_.task.output = "the database is not open";
    return;
  }
  const std::int64_t cutoff =
      clock_.wall().unix_ms - static_cast<std::int64_t>(kiosk_.config.retention_days) * 86'400'000;
  try {
    kiosk_.task.count = store_->purge_delivered(cutoff);
    kiosk_.task.status = TaskState::Status::done;
    core::log::info("admin: removed " + std::to_string(kiosk_.task.count) +
                    " answers delivered more than " +
                    std::to_string(kiosk_.config.retention_days) + " days ago");
  } catch (const std::exception& error) {
    kiosk_.task.status = TaskState::Status::failed;
    kiosk_.task.output = error.what();
  }
  refresh();
}

void App::poll_task() {
  if (child_.poll()) {
    kiosk_.task.output = child_.tail();
    return;
  }
  kiosk_.task.exit_code = child_.exit_code();
  kiosk_.task.output = child_.tail();
  kiosk_.task.status =
      child_.exit_code() == 0 ? TaskState::Status::done : TaskState::Status::failed;
  core::log::info("admin: kotak-sync " + kiosk_.task.what + " ended with exit code " +
                  std::to_string(child_.exit_code()));
  refresh();
}

void App::wait_for_task(double limit_s) {
  for (int i = 0; i < static_cast<int>(limit_s * 50) && child_.running(); ++i) {
    poll_task();
    if (!child_.running()) break;
    struct timespec pause {
      0, 20'000'000
    };
    nanosleep(&pause, nullptr);
  }
  if (!child_.running() && kiosk_.task.status == TaskState::Status::running) poll_task();
}

}  // namespace kotak::kiosk
