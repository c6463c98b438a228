// What the fuzz targets share: the input as text, a scratch directory of
// their own (the bundle and config readers take paths, as the programs do),
// splitting one input into several files, and stopping on a broken promise.
//
// Each target's LLVMFuzzerTestOneInput catches only the exception its reader
// documents; any other exception, a crash, a leak, undefined behaviour or a
// failed check() is a finding (docs/fuzzing.md).
#pragma once

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

namespace kotak::fuzz {

inline std::string_view as_text(const std::uint8_t* data, std::size_t size) {
  return {reinterpret_cast<const char*>(data), size};
}

// A directory made once per process (under /dev/shm when there is one, for
// speed) and removed at exit. Fuzzing in parallel gives each process its own.
const std::filesystem::path& scratch_dir();

// Creates or replaces file with exactly these bytes.
void write_file(const std::filesystem::path& file, std::string_view bytes);

// The parts of input between separators; the last part takes the rest.
std::vector<std::string_view> split(std::string_view input, std::string_view separator,
                                    std::size_t max_parts);

// Stops the run with a finding when a reader broke one of its promises.
void check(bool holds, std::string_view promise, std::string_view detail = {});

}  // namespace kotak::fuzz
