// Config text is checked before toml++ 3.3.0 reads it: some non-ASCII
// characters where toml++ expects white space are undefined behaviour in
// that version (found by fuzz/config_fuzz.cpp; reproducers in
// fuzz/corpus/config/ub-*).
#include <doctest/doctest.h>

#include "core/config.hpp"
#include "core/toml_text.hpp"
#include "tests/support/temp_dir.hpp"

using namespace kotak::core;
using kotak::test::TempDir;
using kotak::test::write_file;

namespace {

// The problem prepare_toml_text finds, as "line:column: problem", or the
// text as rewritten when there is none.
std::string prepared(std::string text) {
  auto problem = prepare_toml_text(text);
  if (!problem) return text;
  return std::to_string(problem->line) + ":" + std::to_string(problem->column) + ": " +
         problem->problem;
}

}  // namespace

TEST_CASE("text in quotes and comments may hold any character") {
  for (const char* text :
       {"name = \"Puskesmas Cik\xC3\xA9\" # caf\xC3\xA9\n",
        "name = 'Ciké'\nnote = '''\nCiké\n'''\n", "name = \"\"\"\nbaris \\\"é\\\"\n\"\"\"\n",
        "\"ké\" = 1\n", "\xEF\xBB\xBFname = \"x\"\n", "a = \"\"\"x\"\"\"\"\nb = 1\n"})
    CHECK(prepared(text) == text);
}

TEST_CASE("a non-ASCII character outside quotes is reported where it is") {
  CHECK(prepared("\xC8\xA3!") ==
        "1:1: the character '\xC8\xA3' is outside quotes; write text in quotes, for example "
        "name = \"\xC8\xA3\"");
  CHECK(prepared("[kiosk]\nlanguages = [\"id\", \xC3\xA9]\n").rfind("2:20: the character 'é'", 0) ==
        0);
  CHECK(prepared("a = \"é\" é\n").rfind("1:9: the character 'é'", 0) == 0);
  // """ with one quote more is the text x": what follows is outside quotes.
  CHECK(prepared("a = \"\"\"x\"\"\"\" é\n").rfind("1:14: the character 'é'", 0) == 0);
  CHECK(prepared("\xEF\xBB\xBF\xC3\xA9 = 1\n").rfind("1:1: the character 'é'", 0) == 0);
}

TEST_CASE("a continued line of a multi-line string may start with any character") {
  CHECK(prepared("a = \"\"\"Puskesmas \\\n    \xC3\x89mb\xC3\xA9\"\"\"\n") ==
        "a = \"\"\"Puskesmas \\\n    \\u00C9mb\xC3\xA9\"\"\"\n");
  CHECK(prepared("a = \"\"\"x\\  \r\n\n\t\xF0\x9F\x98\x80\"\"\"") ==
        "a = \"\"\"x\\  \r\n\n\t\\U0001F600\"\"\"");
  CHECK(prepared("a = \"\"\"x\\\xC3\xA9\"\"\"").rfind("1:10: '\\é' is not an escape", 0) == 0);
  CHECK(prepared("a = \"\"\"x\\ \xC3\xA9\"\"\"")
            .rfind("1:9: a backslash that continues a string must be the last", 0) == 0);

  TempDir dir;
  write_file(dir / "kiosk.toml",
             "[facility]\nid = \"pkm-a\"\nname = \"\"\"Puskesmas \\\n    \xC3\x89mb\xC3\xA9\"\"\"\n"
             "[device]\nid = \"k1\"\n");
  CHECK(load_kiosk_config(dir / "kiosk.toml").facility_name == "Puskesmas \xC3\x89mb\xC3\xA9");
  write_file(dir / "kiosk.toml", "[facility]\nid = \"pkm-a\" \xC3\xA9\n");
  CHECK_THROWS_WITH_AS(load_kiosk_config(dir / "kiosk.toml"),
                       doctest::Contains("kiosk.toml:2:14: not valid TOML: the character 'é' is "
                                         "outside quotes"),
                       ConfigError);
}

TEST_CASE("a quote opens a string only where TOML lets a string start") {
  // Valid TOML keeps every character, wherever strings may start.
  for (const char* text :
       {"a.\"\xC3\xA9\" = 1\n", "[t.'\xC3\xA9']\nx = 1\n", "[[t . \"\xC3\xA9\"]]\n",
        "a = [\"\xC3\xA9\", '\xC3\xA9', [\"\xC3\xA9\"]]\n", "a = [\n  1,\n  \"\xC3\xA9\",\n]\n",
        "a = { b = \"\xC3\xA9\", \"\xC3\xA9\" = 2, c.'\xC3\xA9' = 3 }\n",
        "a = [ { b = 1 }, { c = \"\xC3\xA9\" } ]\n", "d = 1979-05-27 07:32:00Z # \xC3\xA9\n"})
    CHECK(prepared(text) == text);
  // toml++ reads a bare value up to white space, ']', '}', ',' or '#': the
  // quotes, '=' or '.' in it open nothing (fuzz/corpus/config/ub-bare-*.toml).
  CHECK(prepared("a =1'''-\xC3\xA9").rfind("1:9: the character 'é' is outside quotes", 0) == 0);
  CHECK(prepared("X = 1\"rE\xEF\xBB\xAF+1").rfind("1:9: the character '\xEF\xBB\xAF'", 0) == 0);
  CHECK(prepared("a = 1.\"\xC3\xA9\"\n").rfind("1:8: the character 'é'", 0) == 0);
  CHECK(prepared("a = =\"\xC3\xA9\"\n").rfind("1:7: the character 'é'", 0) == 0);
  CHECK(prepared("a = { b = 1'\xC3\xA9' }\n").rfind("1:13: the character 'é'", 0) == 0);
  CHECK(prepared("a = [\n  1\"\xC3\xA9\"]\n").rfind("2:5: the character 'é'", 0) == 0);
  // A date, a space and a digit: toml++ reads it as a date-time, takes the
  // character after the digit even when it is ']', and reads on
  // (fuzz/corpus/config/ub-date-space.toml).
  CHECK(prepared("a =0589-05-28 0]t='1\xC3\xA9").rfind("1:21: the character 'é' is outside quotes", 0) == 0);
  CHECK(prepared("a = [1979-05-27 0,'\xC3\xA9']\n").rfind("1:20: the character 'é'", 0) == 0);
  CHECK(prepared("m=0&58-09-2; 1b='2\xC3\xA9").rfind("1:19: the character 'é'", 0) == 0);
  CHECK(prepared("a = 1979-05-27 0#\xC3\xA9\n").rfind("1:18: the character 'é'", 0) == 0);
  for (const char* text : {"d = 1979-05-27 07:32:00\nn = '\xC3\xA9'\n", "d = [1979-05-27, '\xC3\xA9']\n",
                           "d = 1979-05-27 # 0 \xC3\xA9\n"})
    CHECK(prepared(text) == text);
}
