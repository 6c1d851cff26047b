#include <doctest/doctest.h>

#include <filesystem>
#include <string>
#include <vector>

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

namespace {
std::string parse_error_of(std::string_view text) {
  auto r = parse_json(text, "p.json");
  if (r) return "(parsed)";
  CHECK(r.error().code == Errc::invalid);
  return r.error().to_string();
}
}  // namespace

TEST_CASE("parse_json refuses numbers out of range with their JSON pointer") {
  CHECK(parse_error_of(R"({"dimensions": {"width_mm": 1e400}})") ==
        "p.json:/dimensions/width_mm: number out of range");
  CHECK(parse_error_of(R"({"size": [1, 2, -1e999]})") == "p.json:/size/2: number out of range");
  CHECK(parse_error_of("[1e400]") == "p.json:/0: number out of range");
  CHECK(parse_error_of(R"({"n": 1e308})") == "(parsed)");
}

TEST_CASE("parse_json refuses duplicate keys, bytes after the document and deep nesting") {
  CHECK(parse_error_of(R"({"name": "a", "kind": "part", "name": "b"})") ==
        "p.json:/name: duplicate key (a key may appear once in an object)");
  CHECK(parse_error_of(R"({"a": [{"x": 1}, {"x": 1, "x": 2}]})") ==
        "p.json:/a/1/x: duplicate key (a key may appear once in an object)");
  CHECK(parse_error_of(R"({"a": {"x": 1}, "b": {"x": 1}})") == "(parsed)");
  CHECK(parse_error_of("{\"a\": 1}\n{\"b\": 2}") == "p.json: invalid JSON at line 2, column 1: syntax error");
  CHECK(parse_error_of("{\"a\": 1} x") == "p.json: invalid JSON at line 1, column 10: syntax error");
  CHECK(parse_error_of(std::string("{\"a\": 1}\0junk", 13)) == "p.json: invalid JSON at line 1, column 9: a NUL byte");
  CHECK(parse_error_of(std::string(64, '[') + std::string(64, ']')) == "(parsed)");
  CHECK(parse_error_of(std::string(100000, '[') + std::string(100000, ']')).ends_with(
      ": nested more than 64 levels deep"));
}

TEST_CASE("validate_against_schema checks bounds before any pattern, in linear time") {
  nlohmann::json doc = {{"schema", 1}, {"kind", "part"}, {"name", "P"}, {"licence", "MIT"},
                        {"designer", {{"name", "A"}, {"email", "a@b.org"}}}};
  std::string version = "1.0.0-a";
  for (int i = 0; i < 20000; ++i) version += ".a";
  doc["version"] = version;
  auto v = validate_against_schema(doc, "part.schema.json");
  REQUIRE(v);
  REQUIRE(v->size() == 1);
  CHECK((*v)[0].pointer == "/version");
  CHECK((*v)[0].message == "expected at most 256 characters, found 40007");
  doc["version"] = "1.0.0";
  doc["designer"]["email"] = std::string(100000, 'a') + "@example.org";
  v = validate_against_schema(doc, "part.schema.json");
  REQUIRE(v);
  REQUIRE(v->size() == 1);
  CHECK((*v)[0].pointer == "/designer/email");
  CHECK((*v)[0].message == "expected at most 254 characters, found 100012");
  doc["designer"]["email"] = "a@b.org";
  doc["tags"] = nlohmann::json::array();
  for (int i = 0; i < 50000; ++i) doc["tags"].push_back("t" + std::to_string(i));
  v = validate_against_schema(doc, "part.schema.json");
  REQUIRE(v);
  REQUIRE(v->size() == 1);
  CHECK((*v)[0].pointer == "/tags");
  CHECK((*v)[0].message == "expected at most 64 items, found 50000");
  doc["tags"] = {"b", "a", "c", "a"};
  v = validate_against_schema(doc, "part.schema.json");
  REQUIRE(v);
  REQUIRE(v->size() == 1);
  CHECK((*v)[0].pointer == "/tags/3");
  CHECK((*v)[0].message == "duplicate item \"a\" (also /tags/1)");
}

TEST_CASE("every string in the schemas is bounded, every array too") {
  for (const char* name : {"part.schema.json", "grid.schema.json", "registry.schema.json"}) {
    CAPTURE(name);
    auto text = read_file_bytes(std::filesystem::path(ARCHIPEL_SOURCE_DIR) / "schemas" / name, 1 << 20, name);
    REQUIRE(text);
    auto schema = parse_json(*text, name);
    REQUIRE(schema);
    std::vector<std::pair<std::string, const nlohmann::json*>> todo{{"", &*schema}};
    while (!todo.empty()) {
      auto [pointer, node] = todo.back();
      todo.pop_back();
      if (node->is_object()) {
        CAPTURE(pointer);
        const auto type = node->find("type");
        const bool typed = type != node->end() && type->is_string();
        if (typed && *type == "string") CHECK(node->contains("maxLength"));
        if (typed && *type == "array") CHECK(node->contains("maxItems"));
        if (node->contains("pattern")) CHECK(node->contains("maxLength"));
        for (const auto& [k, v] : node->items()) todo.emplace_back(pointer + "/" + k, &v);
      } else if (node->is_array()) {
        for (std::size_t i = 0; i < node->size(); ++i) todo.emplace_back(pointer + "/" + std::to_string(i), &(*node)[i]);
      }
    }
  }
}
