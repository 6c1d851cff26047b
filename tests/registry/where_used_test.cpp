// where-used: the reverse composition index, kept in step with the registry by the incremental
// refresh, walked up through sub-components, and only a cache (rebuilt to the same answer).
#include <doctest/doctest.h>

#include <sqlite3.h>

#include "fixture.hpp"

using namespace archipel;
using namespace archipel::registry;
using namespace archipel::test;

namespace {

nlohmann::json assembly(const std::string& kind, const std::string& name, const std::string& version,
                        const nlohmann::json& composition) {
  auto m = plate_manifest(name);
  m["kind"] = kind;
  m["version"] = version;
  m["composition"] = composition;
  return m;
}

nlohmann::json member(const std::string& serial, long quantity, const std::string& requirement = "^1.0.0") {
  return {{"serial", serial}, {"version", requirement}, {"quantity", quantity}};
}

// "depth parent@version via xquantity" for each row, in the order returned.
std::vector<std::string> rows(const core::Result<std::vector<Usage>>& uses) {
  std::vector<std::string> out;
  REQUIRE(uses);
  for (const auto& u : *uses) {
    out.push_back(std::to_string(u.depth) + " " + u.parent + "@" + u.parent_version + " via " + u.via + " x" +
                  std::to_string(u.quantity) + (u.yanked ? " yanked" : ""));
  }
  return out;
}

Serial serial(const char* text) { return *parse_serial(text); }

// Three parts, a component using P0001 x4 and P0002 x2, an object using the component x3 and P0001 x1.
Registry shelf(const TempDir& tmp) {
  auto reg = make_registry(tmp.path);
  for (const char* name : {"Plate", "Beam", "Hinge"}) {
    REQUIRE(reg.publish(write_part(tmp.path / name, plate_manifest(name))));
  }
  auto c = assembly("component", "Shelf module", "1.0.0",
                    {member("BXL-P0001", 4), member("BXL-P0002", 2)});
  REQUIRE(reg.publish(write_part(tmp.path / "module", c))->serial == "BXL-C0001");
  auto o = assembly("object", "Bookcase", "1.0.0", {member("BXL-C0001", 3), member("BXL-P0001", 1)});
  REQUIRE(reg.publish(write_part(tmp.path / "bookcase", o))->serial == "BXL-O0001");
  return reg;
}

}  // namespace

TEST_CASE("where_used lists direct and transitive users with multiplied quantities") {
  TempDir tmp;
  auto reg = shelf(tmp);
  CHECK(rows(reg.where_used(serial("BXL-P0001"))) ==
        std::vector<std::string>{"1 BXL-C0001@1.0.0 via BXL-P0001 x4", "2 BXL-O0001@1.0.0 via BXL-C0001 x12",
                                 "1 BXL-O0001@1.0.0 via BXL-P0001 x1"});
  CHECK(rows(reg.where_used(serial("BXL-P0002"))) ==
        std::vector<std::string>{"1 BXL-C0001@1.0.0 via BXL-P0002 x2", "2 BXL-O0001@1.0.0 via BXL-C0001 x6"});
  CHECK(rows(reg.where_used(serial("BXL-C0001"))) ==
        std::vector<std::string>{"1 BXL-O0001@1.0.0 via BXL-C0001 x3"});
  CHECK(rows(reg.where_used(serial("BXL-P0003"))).empty());
  auto first = reg.where_used(serial("BXL-P0001"));
  REQUIRE(first);
  const auto& u = first->front();
  CHECK(u.parent_name == "Shelf module");
  CHECK(u.parent_kind == "component");
  CHECK(u.requirement == "^1.0.0");
  CHECK_FALSE(u.yanked);
}

TEST_CASE("where_used refuses a serial the registry does not hold") {
  TempDir tmp;
  auto reg = shelf(tmp);
  auto r = reg.where_used(serial("BXL-P0099"));
  REQUIRE_FALSE(r);
  CHECK(r.error().code == core::Errc::invalid);
  CHECK(r.error().message == "BXL-P0099 is not in this registry");
}

TEST_CASE("a new version dropping a member updates the reverse index incrementally") {
  TempDir tmp;
  auto reg = shelf(tmp);
  REQUIRE(reg.where_used(serial("BXL-P0002")));  // index built at this tip
  auto c2 = assembly("component", "Shelf module", "2.0.0", {member("BXL-P0001", 6), member("BXL-P0003", 1)});
  c2["serial"] = "BXL-C0001";
  REQUIRE(reg.publish(write_part(tmp.path / "module2", c2)));
  auto status = reg.refresh_index();
  REQUIRE(status);
  CHECK_FALSE(status->rebuilt);
  CHECK(status->changed == 1);
  // The object asks ^1.0.0 of the component, but the reverse index follows the component's current version.
  CHECK(rows(reg.where_used(serial("BXL-P0002"))).empty());
  CHECK(rows(reg.where_used(serial("BXL-P0001"))) ==
        std::vector<std::string>{"1 BXL-C0001@2.0.0 via BXL-P0001 x6", "2 BXL-O0001@1.0.0 via BXL-C0001 x18",
                                 "1 BXL-O0001@1.0.0 via BXL-P0001 x1"});
  CHECK(rows(reg.where_used(serial("BXL-P0003"))) ==
        std::vector<std::string>{"1 BXL-C0001@2.0.0 via BXL-P0003 x1", "2 BXL-O0001@1.0.0 via BXL-C0001 x3"});
  // Yanking 2.0.0 makes 1.0.0 current again.
  REQUIRE(reg.yank(SerialRef{serial("BXL-C0001"), "2.0.0"}, "wrong hinge"));
  CHECK(rows(reg.where_used(serial("BXL-P0002"))) ==
        std::vector<std::string>{"1 BXL-C0001@1.0.0 via BXL-P0002 x2", "2 BXL-O0001@1.0.0 via BXL-C0001 x6"});
  // Every version of the object yanked: still listed, at its highest version, flagged.
  REQUIRE(reg.yank(SerialRef{serial("BXL-O0001"), "1.0.0"}, "recalled"));
  CHECK(rows(reg.where_used(serial("BXL-C0001"))) ==
        std::vector<std::string>{"1 BXL-O0001@1.0.0 via BXL-C0001 x3 yanked"});
}

TEST_CASE("the reverse index is a cache: deleting it gives the same answer") {
  TempDir tmp;
  auto reg = shelf(tmp);
  auto before = rows(reg.where_used(serial("BXL-P0001")));
  auto status = reg.refresh_index();
  REQUIRE(status);
  REQUIRE(fs::remove(status->path));
  fs::remove(status->path.string() + "-wal");
  fs::remove(status->path.string() + "-shm");
  CHECK(rows(reg.where_used(serial("BXL-P0001"))) == before);
  auto rebuilt = reg.refresh_index();
  REQUIRE(rebuilt);
  CHECK(rebuilt->changed == 0);  // the query above rebuilt it already
}

TEST_CASE("a composition cycle is cut, not walked forever") {
  TempDir tmp;
  auto reg = make_registry(tmp.path);
  REQUIRE(reg.publish(write_part(tmp.path / "p", plate_manifest("Plate"))));
  // C0001 uses P0001 and C0002; C0002 uses C0001 (a cycle the bom command reports).
  auto a = assembly("component", "A", "1.0.0", {member("BXL-P0001", 1), member("BXL-C0002", 1)});
  auto b = assembly("component", "B", "1.0.0", nlohmann::json::array({member("BXL-C0001", 2)}));
  REQUIRE(reg.publish(write_part(tmp.path / "a", a)));
  auto pb = reg.publish(write_part(tmp.path / "b", b));
  INFO((pb ? std::string() : pb.error().message));
  REQUIRE(pb);
  CHECK(rows(reg.where_used(serial("BXL-P0001"))) ==
        std::vector<std::string>{"1 BXL-C0001@1.0.0 via BXL-P0001 x1", "2 BXL-C0002@1.0.0 via BXL-C0001 x2"});
}

TEST_CASE("an index of the previous format (no members table) is rebuilt, not misread") {
  TempDir tmp;
  auto reg = shelf(tmp);
  auto status = reg.refresh_index();
  REQUIRE(status);
  sqlite3* db = nullptr;
  REQUIRE(sqlite3_open(status->path.c_str(), &db) == SQLITE_OK);
  CHECK(sqlite3_exec(db, "DROP TABLE members; PRAGMA user_version = 2;", nullptr, nullptr, nullptr) == SQLITE_OK);
  sqlite3_close(db);
  auto again = reg.refresh_index();
  INFO((again ? std::string() : again.error().message));
  REQUIRE(again);
  CHECK(again->rebuilt);
  CHECK(again->changed == 5);
  CHECK(rows(reg.where_used(serial("BXL-C0001"))) == std::vector<std::string>{"1 BXL-O0001@1.0.0 via BXL-C0001 x3"});
}
