// See fuzz_support.hpp.
#include "fuzz/fuzz_support.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <system_error>

namespace kotak::fuzz {

namespace fs = std::filesystem;

namespace {

fs::path make_scratch_dir() {
  std::error_code ec;
  fs::path parent = fs::is_directory("/dev/shm", ec) && ::access("/dev/shm", W_OK) == 0
                        ? fs::path("/dev/shm")
                        : fs::temp_directory_path();
  std::string pattern = (parent / "kotak-fuzz-XXXXXX").string();
  if (!::mkdtemp(pattern.data())) {
    std::perror("kotak fuzz: mkdtemp");
    std::abort();
  }
  return pattern;
}

void remove_scratch_dir() {
  std::error_code ec;
  fs::remove_all(scratch_dir(), ec);
}

}  // namespace

const fs::path& scratch_dir() {
  static const fs::path dir = [] {
    auto made = make_scratch_dir();
    std::atexit(remove_scratch_dir);
    return made;
  }();
  return dir;
}

void write_file(const fs::path& file, std::string_view bytes) {
  int fd = ::open(file.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
  bool ok = fd >= 0;
  for (std::size_t done = 0; ok && done < bytes.size();) {
    auto n = ::write(fd, bytes.data() + done, bytes.size() - done);
    ok = n > 0;
    done += ok ? static_cast<std::size_t>(n) : 0;
  }
  if (fd >= 0) ok = ::close(fd) == 0 && ok;
  if (!ok) {
    // The harness's own failure, not the reader's: say so and stop.
    std::perror(("kotak fuzz: cannot write " + file.string()).c_str());
    std::abort();
  }
}

std::vector<std::string_view> split(std::string_view input, std::string_view separator,
                                    std::size_t max_parts) {
  std::vector<std::string_view> parts;
  while (parts.size() + 1 < max_parts) {
    auto at = input.find(separator);
    if (at == std::string_view::npos) break;
    parts.push_back(input.substr(0, at));
    input.remove_prefix(at + separator.size());
  }
  parts.push_back(input);
  return parts;
}

void check(bool holds, std::string_view promise, std::string_view detail) {
  if (holds) return;
  std::fprintf(stderr, "kotak fuzz: broken promise: %.*s\n", static_cast<int>(promise.size()),
               promise.data());
  if (!detail.empty())
    std::fprintf(stderr, "  detail: %.*s\n",
                 static_cast<int>(std::min<std::size_t>(detail.size(), 2000)), detail.data());
  std::abort();
}

}  // namespace kotak::fuzz
