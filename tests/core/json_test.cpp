#include <doctest/doctest.h>

#include "archipel/core/json.hpp"

using namespace archipel::core;

TEST_CASE("find_invalid_utf8 accepts UTF-8 and names the first bad byte") {
  CHECK(find_invalid_utf8("plain") == std::string_view::npos);
  CHECK(find_invalid_utf8("Herve\xcc\x81N") == std::string_view::npos);  // NFD é
  CHECK(find_invalid_utf8("ab\xff") == 2);
  CHECK(find_invalid_utf8("a\xc0\xaf") == 1);         // overlong encoding of '/'
  CHECK(find_invalid_utf8("x\xed\xa0\x80") == 1);     // UTF-16 surrogate
  CHECK(find_invalid_utf8("\xe2\x82") == 0);          // truncated sequence
}

TEST_CASE("parse_json reports line and column of a syntax error") {
  auto r = parse_json("{\n  \"a\": 1,\n  \"b\" 2\n}", "x.json");
  REQUIRE_FALSE(r);
  CHECK(r.error().to_string() == "x.json: invalid JSON at line 3, column 7: syntax error");
  auto empty = parse_json("  \n", "e.json");
  REQUIRE_FALSE(empty);
  CHECK(empty.error().message == "invalid JSON: the file is empty");
}

TEST_CASE("parse_json refuses bytes that are not UTF-8 before parsing") {
  auto r = parse_json("{\"name\": \"\xff\"}", "p.json");
  REQUIRE_FALSE(r);
  CHECK(r.error().to_string() == "p.json: not valid UTF-8 (byte offset 10)");
}

TEST_CASE("context_to_pointer builds RFC 6901 pointers") {
  CHECK(context_to_pointer({"<root>"}).empty());
  CHECK(context_to_pointer({"<root>", "[files]", "[0]", "[path]"}) == "/files/0/path");
  CHECK(context_to_pointer({"<root>", "[a/b~c]"}) == "/a~1b~0c");
}

TEST_CASE("read_json_file refuses a missing file and a file over the limit") {
  auto missing = read_json_file("/nonexistent/part.json");
  REQUIRE_FALSE(missing);
  CHECK(missing.error().code == Errc::io);
  auto big = read_json_file(ARCHIPEL_SOURCE_DIR "/CMakeLists.txt", 10, "CMakeLists.txt");
  REQUIRE_FALSE(big);
  CHECK(big.error().message.starts_with("file is too large"));
}
