#include <doctest/doctest.h>

#include <map>

#include "archipel/core/bom.hpp"

using namespace archipel::core;

namespace {

// An in-memory registry: serial -> node (the requirement is ignored: one version each).
BomLookup lookup_in(const std::map<std::string, BomNode>& parts) {
  return [&parts](const std::string& serial, const std::string&) -> Result<std::optional<BomNode>> {
    if (serial == "BXL-BROKEN") return fail(Errc::io, "registry unreadable");
    auto it = parts.find(serial);
    if (it == parts.end()) return std::optional<BomNode>{};
    return std::optional<BomNode>{it->second};
  };
}

BomNode node(std::string serial, std::string kind, std::vector<BomMember> members = {},
             std::string grid = "openstructures") {
  return BomNode{serial, "1.0.0", "name of " + serial, std::move(kind), std::move(grid), false, std::move(members)};
}

}  // namespace

TEST_CASE("resolve_bom multiplies quantities down the tree and pins versions") {
  const std::map<std::string, BomNode> parts{
      {"BXL-O0001", node("BXL-O0001", "object", {{"BXL-C0001", "^1.0", 2}, {"BXL-P0001", "^1.0", 4}})},
      {"BXL-C0001", node("BXL-C0001", "component", {{"BXL-P0002", "^1.0", 3}, {"BXL-P0001", "=1.0.0", 2}})},
      {"BXL-P0001", node("BXL-P0001", "part")},
      {"BXL-P0002", node("BXL-P0002", "part")},
  };
  auto r = resolve_bom("BXL-O0001", "*", lookup_in(parts));
  REQUIRE(r);
  CHECK(r->problems.empty());
  REQUIRE(r->lines.size() == 3);
  CHECK(r->lines[0].serial == "BXL-C0001");
  CHECK(r->lines[0].quantity == 2);
  CHECK(r->lines[1].serial == "BXL-P0001");
  CHECK(r->lines[1].quantity == 8);   // 4 direct + 2 components × 2
  CHECK(r->lines[2].serial == "BXL-P0002");
  CHECK(r->lines[2].quantity == 6);
  CHECK(r->tree["members"][0]["total"] == 2);
  CHECK(to_csv(*r) ==
        "serial,version,name,kind,grid,quantity\r\n"
        "BXL-C0001,1.0.0,name of BXL-C0001,component,openstructures,2\r\n"
        "BXL-P0001,1.0.0,name of BXL-P0001,part,openstructures,8\r\n"
        "BXL-P0002,1.0.0,name of BXL-P0002,part,openstructures,6\r\n");
}

TEST_CASE("resolve_bom reports cycles, missing, yanked and other-grid members") {
  auto yanked = node("BXL-P0003", "part");
  yanked.yanked = true;
  const std::map<std::string, BomNode> parts{
      {"BXL-O0002", node("BXL-O0002", "object",
                         {{"BXL-C0002", "^1", 1}, {"BXL-P0404", "^2.0", 1}, {"BXL-P0003", "^1", 1}, {"BXL-P0004", "^1", 5}})},
      {"BXL-C0002", node("BXL-C0002", "component", {{"BXL-C0003", "^1", 1}})},
      {"BXL-C0003", node("BXL-C0003", "component", {{"BXL-C0002", "^1", 1}})},
      {"BXL-P0003", yanked},
      {"BXL-P0004", node("BXL-P0004", "part", {}, "gridfinity")},
  };
  auto r = resolve_bom("BXL-O0002", "*", lookup_in(parts));
  REQUIRE(r);
  REQUIRE(r->problems.size() == 4);
  CHECK(r->problems[0].kind == "cycle");
  CHECK(r->problems[0].path == "BXL-O0002 > BXL-C0002 > BXL-C0003 > BXL-C0002");
  CHECK(r->problems[0].message == "BXL-C0002 contains itself");
  CHECK(r->problems[1].kind == "missing");
  CHECK(r->problems[1].message == "BXL-P0404 ^2.0 is not in the registry");
  CHECK(r->problems[2].kind == "yanked");
  CHECK(r->problems[2].message == "BXL-P0003@1.0.0 is yanked");
  CHECK(r->problems[3].kind == "other-grid");
  CHECK(r->problems[3].message == "BXL-P0004@1.0.0 is on gridfinity, the object on openstructures");
  CHECK(to_json(*r)["ok"] == false);
}

TEST_CASE("resolve_bom fails when the root is absent or the registry cannot be read") {
  const std::map<std::string, BomNode> parts{
      {"BXL-O0003", node("BXL-O0003", "object", {{"BXL-BROKEN", "^1", 1}})}};
  auto absent = resolve_bom("BXL-O0404", "*", lookup_in(parts));
  REQUIRE_FALSE(absent);
  CHECK(absent.error().message == "BXL-O0404 * is not in the registry");
  auto broken = resolve_bom("BXL-O0003", "*", lookup_in(parts));
  REQUIRE_FALSE(broken);
  CHECK(broken.error().code == Errc::io);
}
