#include "sync/token_file.hpp"

#include <doctest/doctest.h>
#include <sys/stat.h>

#include "tests/support/temp_dir.hpp"

using namespace kotak::sync;
using kotak::test::TempDir;
using kotak::test::write_file;

namespace {

std::string refusal(const std::filesystem::path& path) {
  try {
    read_token_file(path);
  } catch (const TokenFileError& error) {
    return error.what();
  }
  return "accepted";
}

void make(const std::filesystem::path& path, const std::string& text, mode_t mode) {
  write_file(path, text);
  ::chmod(path.c_str(), mode);
}

}  // namespace

TEST_CASE("a token file readable only by its owner is read and trimmed") {
  TempDir dir;
  make(dir / "device.token", "  ktk1_abc\n", 0600);
  CHECK(read_token_file(dir / "device.token") == "ktk1_abc");
  make(dir / "device.token", "ktk1_abc", 0400);
  CHECK(read_token_file(dir / "device.token") == "ktk1_abc");
}

TEST_CASE("a token file others may read or change is refused with the fix") {
  TempDir dir;
  for (mode_t mode : {0644, 0640, 0604, 0620, 0602, 0660}) {
    make(dir / "device.token", "ktk1_abc\n", mode);
    auto message = refusal(dir / "device.token");
    CHECK(message.find("chmod 600") != std::string::npos);
  }
}

TEST_CASE("missing, empty, odd or oversized token files are refused, saying which") {
  TempDir dir;
  CHECK(refusal(dir / "none").find("does not exist") != std::string::npos);
  make(dir / "empty", "\n\n", 0600);
  CHECK(refusal(dir / "empty").find("is empty") != std::string::npos);
  make(dir / "two", "ktk1_abc ktk1_def\n", 0600);
  CHECK(refusal(dir / "two").find("only the token") != std::string::npos);
  make(dir / "big", std::string(1000, 'k'), 0600);
  CHECK(refusal(dir / "big").find("too long") != std::string::npos);
  CHECK(refusal(dir.path()).find("not a regular file") != std::string::npos);
}
