// A fresh directory under $TMPDIR for one test, removed when the test ends
// (kept when KOTAK_KEEP_TEST_DIRS is set, for looking at what a test left).
#pragma once

#include <filesystem>
#include <string>

namespace kotak::test {

class TempDir {
 public:
  TempDir();
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const std::filesystem::path& path() const { return path_; }
  std::filesystem::path operator/(const std::string& name) const { return path_ / name; }

 private:
  std::filesystem::path path_;
};

// Writes text to a file, creating or replacing it.
void write_file(const std::filesystem::path& file, const std::string& text);
std::string read_file(const std::filesystem::path& file);

}  // namespace kotak::test
