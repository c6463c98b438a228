// Valid submissions of each kind, for tests to start from and vary.
#pragma once

#include <string>

#include "core/submission.hpp"

namespace kotak::test {

core::Submission sample_rating(int face = 4);
core::Submission sample_written(const std::string& text = "Antrean di loket terlalu lama.");
core::Submission sample_skm();

}  // namespace kotak::test
