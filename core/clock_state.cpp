// See clock_state.hpp.
#include "core/clock_state.hpp"

#include <sys/timex.h>

#include <cstdlib>
#include <fstream>

namespace kotak::core {

namespace {

std::optional<bool> kernel_synchronised() {
  // modes = 0 only reads; the kotak user could not set the clock anyway
  // (no CAP_SYS_TIME). The systemd units allow this call (systemd/*.in).
  struct timex tx {};
  if (::ntp_adjtime(&tx) < 0) return std::nullopt;
  return (tx.status & STA_UNSYNC) == 0;
}

std::string read_boot_id(const std::filesystem::path& file) {
  std::ifstream in(file);
  std::string id;
  if (!in || !std::getline(in, id)) return {};
  while (!id.empty() && (id.back() == '\n' || id.back() == '\r' || id.back() == ' '))
    id.pop_back();
  return is_boot_id(id) ? id : std::string();
}

}  // namespace

bool is_boot_id(std::string_view text) {
  if (text.empty() || text.size() > 64) return false;
  for (char c : text)
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || c == '-')) return false;
  return true;
}

ClockSources clock_sources_from_environment() {
  ClockSources sources;
  if (const char* boot = std::getenv("KOTAK_BOOT_ID_FILE"); boot && *boot)
    sources.boot_id_file = boot;
  if (const char* sync = std::getenv("KOTAK_CLOCK_SYNC_FILE"); sync && *sync) {
    sources.synchronized_file = sync;
    sources.timesync_folder = sources.synchronized_file.parent_path();
    sources.ask_kernel = false;
  }
  return sources;
}

ClockState read_clock_state(const ClockSources& sources) {
  ClockState state;
  state.boot_id = read_boot_id(sources.boot_id_file);
  std::error_code error;
  if (std::filesystem::exists(sources.synchronized_file, error)) {
    state.synchronised = true;
    return state;
  }
  if (sources.ask_kernel) state.synchronised = kernel_synchronised();
  if (!state.synchronised && std::filesystem::is_directory(sources.timesync_folder, error))
    state.synchronised = false;
  return state;
}

ClockState read_clock_state() { return read_clock_state(clock_sources_from_environment()); }

}  // namespace kotak::core
