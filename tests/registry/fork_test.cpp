// fork: new serial, lineage link, copied files, licence inheritance.
#include <doctest/doctest.h>

#include "fixture.hpp"

using namespace archipel;
using namespace archipel::registry;
using namespace archipel::test;

namespace {

Registry with_parent(const TempDir& tmp, const std::string& licence) {
  auto reg = make_registry(tmp.path);
  auto p = reg.publish(write_part(tmp.path / "parent", plate_manifest("OS plate", licence)));
  REQUIRE(p);
  return reg;
}

ForkOptions grace(std::optional<std::string> licence = std::nullopt) {
  ForkOptions o;
  o.designer = "Grace Hopper <grace@example.org>";
  o.licence = std::move(licence);
  return o;
}

}  // namespace

TEST_CASE("a fork gets a new serial, derived_from, the parent's files and its own designer") {
  TempDir tmp;
  auto reg = with_parent(tmp, "CC-BY-4.0");
  auto f = reg.fork(*parse_serial_ref("BXL-P0001"), grace());
  REQUIRE(f);
  CHECK(f->serial == "BXL-P0002");
  CHECK(f->name == "OS plate (fork)");
  auto child = reg.show(*parse_serial_ref("BXL-P0002"));
  REQUIRE(child);
  CHECK(child->manifest["lineage"]["derived_from"] ==
        nlohmann::json::parse(R"([{"relation":"fork","serial":"BXL-P0001","version":"1.0.0"}])"));
  CHECK(child->manifest["designer"]["name"] == "Grace Hopper");
  auto parent = reg.show(*parse_serial_ref("BXL-P0001"));
  CHECK(child->manifest["files"] == parent->manifest["files"]);
  auto history = reg.history(*parse_serial("BXL-P0002"));
  REQUIRE(history);
  CHECK(history->front().author == "Grace Hopper");
  CHECK(history->front().message == "fork BXL-P0002@1.0.0 \"OS plate (fork)\"");
  CHECK(reg.verify()->problems.empty());
  CHECK(git_fsck(reg.path()) == 0);
}

TEST_CASE("a no-derivatives parent cannot be forked") {
  TempDir tmp;
  auto reg = with_parent(tmp, "CC-BY-ND-4.0");
  auto f = reg.fork(*parse_serial_ref("BXL-P0001@1.0.0"), grace());
  REQUIRE_FALSE(f);
  CHECK(f.error().message == "BXL-P0001@1.0.0 is under CC-BY-ND-4.0, which allows no derivatives: it cannot be forked");
}

TEST_CASE("a share-alike parent forces a compatible licence on the child") {
  TempDir tmp;
  auto reg = with_parent(tmp, "CC-BY-SA-4.0");
  auto refused = reg.fork(*parse_serial_ref("BXL-P0001"), grace("CC-BY-4.0"));
  REQUIRE_FALSE(refused);
  CHECK(refused.error().message.starts_with(
      "BXL-P0001@1.0.0 is under the share-alike licence CC-BY-SA-4.0: the fork's licence must be one of "
      "CC-BY-SA-4.0, "));
  CHECK(refused.error().message.ends_with(", not \"CC-BY-4.0\""));
  auto inherited = reg.fork(*parse_serial_ref("BXL-P0001"), grace());
  REQUIRE(inherited);
  CHECK(reg.show(*parse_serial_ref(inherited->serial))->manifest["licence"] == "CC-BY-SA-4.0");
}

TEST_CASE("forking a serial that does not exist names it") {
  TempDir tmp;
  auto reg = with_parent(tmp, "CC-BY-4.0");
  auto f = reg.fork(*parse_serial_ref("BXL-P0077"), grace());
  REQUIRE_FALSE(f);
  CHECK(f.error().message == "BXL-P0077 is not in this registry");
}
