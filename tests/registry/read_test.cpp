// Reading: show, list, history, get, yank.
#include <doctest/doctest.h>

#include "archipel/core/json.hpp"
#include "fixture.hpp"

using namespace archipel;
using namespace archipel::registry;
using namespace archipel::test;

TEST_CASE("get materialises a version and never overwrites") {
  TempDir tmp;
  auto reg = make_registry(tmp.path);
  REQUIRE(reg.publish(write_part(tmp.path / "a", plate_manifest())));
  auto files = reg.get(*parse_serial_ref("BXL-P0001@1.0.0"), tmp.path / "out");
  REQUIRE(files);
  CHECK(*files == std::vector<std::string>{"measured.json", "part.json", "plate.stl"});
  std::ifstream stl(tmp.path / "out" / "plate.stl");
  std::string text((std::istreambuf_iterator<char>(stl)), {});
  CHECK(text == "solid plate\nendsolid plate\n");
  auto again = reg.get(*parse_serial_ref("BXL-P0001@1.0.0"), tmp.path / "out");
  REQUIRE_FALSE(again);
  CHECK(again.error().message == "already exists; not overwritten");
}

TEST_CASE("yanked versions stay retrievable but are not the default") {
  TempDir tmp;
  auto reg = make_registry(tmp.path);
  auto path = write_part(tmp.path / "a", plate_manifest());
  REQUIRE(reg.publish(path));
  auto m = *core::read_json_file(path);
  m["version"] = "1.1.0";
  REQUIRE(reg.publish(write_part(tmp.path / "a", m)));
  REQUIRE(reg.yank(*parse_serial_ref("BXL-P0001@1.1.0"), "holes off by 1 mm"));
  CHECK(reg.show(*parse_serial_ref("BXL-P0001"))->version == "1.0.0");
  auto yanked = reg.show(*parse_serial_ref("BXL-P0001@1.1.0"));
  REQUIRE(yanked);
  CHECK(yanked->yanked == "holes off by 1 mm");
  CHECK(reg.yank(*parse_serial_ref("BXL-P0001@1.1.0"), "again")->empty());  // already yanked
  auto list = reg.list();
  REQUIRE(list->size() == 1);
  CHECK(list->front().latest == "1.0.0");
  CHECK(list->front().yanked == std::vector<std::string>{"1.1.0"});
  auto history = reg.history(*parse_serial("BXL-P0001"));
  REQUIRE(history->size() == 3);
  CHECK(history->front().message == "yank BXL-P0001@1.1.0: holes off by 1 mm");
  auto missing = reg.show(*parse_serial_ref("BXL-P0001@9.0.0"));
  REQUIRE_FALSE(missing);
  CHECK(missing.error().message == "BXL-P0001 has no version 9.0.0 (versions: 1.0.0, 1.1.0)");
}

TEST_CASE("registry.json round-trips and init refuses a non-empty folder") {
  TempDir tmp;
  RegistryConfig c;
  c.ns = "OS2";
  c.policy.allowed_licences = {"CC0-1.0"};
  REQUIRE(Registry::init(tmp.path / "r", c));
  auto reg = Registry::open(tmp.path / "r");
  REQUIRE(reg);
  CHECK(reg->config().ns == "OS2");
  CHECK(reg->config().policy.allowed_licences == std::vector<std::string>{"CC0-1.0"});
  write_file(tmp.path / "full" / "x", "x");
  auto refused = Registry::init(tmp.path / "full", c);
  REQUIRE_FALSE(refused);
  CHECK(refused.error().message == "already exists and is not an empty folder");
  c.ns = "bad ns";
  CHECK_FALSE(Registry::init(tmp.path / "r2", c));
}
