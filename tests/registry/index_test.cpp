// The search index: filters, incremental refresh by commit id, and that it is only a cache.
#include <doctest/doctest.h>

#include "fixture.hpp"

using namespace archipel;
using namespace archipel::registry;
using namespace archipel::test;

namespace {

std::vector<std::string> serials(const core::Result<std::vector<SearchHit>>& hits) {
  std::vector<std::string> out;
  if (hits) for (const auto& h : *hits) out.push_back(h.serial + "@" + h.version);
  return out;
}

Registry three_parts(const TempDir& tmp) {
  auto reg = make_registry(tmp.path);
  auto a = plate_manifest("Long plate", "CC-BY-4.0");
  a["dimensions"] = {{"width_mm", 320}, {"depth_mm", 40}, {"height_mm", 4}};
  auto b = plate_manifest("Aluminium bracket", "CC-BY-NC-4.0");
  b["materials"] = {{{"name", "aluminium"}, {"form", "sheet"}}};
  b["fabrication"] = {{{"process", "cnc-milling"}, {"file", "plate.stl"}}};
  b["designer"]["name"] = "Grace Hopper";
  auto c = plate_manifest("Small plate", "CC-BY-ND-4.0");
  c["description"] = "Fits a drawer";
  // Each with its own file: the same file under looser terms would be refused as laundering.
  for (auto* m : {&a, &b, &c}) {
    const auto name = (*m)["name"].get<std::string>();
    REQUIRE(reg.publish(write_part(tmp.path / name, *m, "solid " + name + "\n")));
  }
  return reg;
}

}  // namespace

TEST_CASE("search filters by text, material, designer, licence, process and size") {
  TempDir tmp;
  auto reg = three_parts(tmp);
  SearchQuery q;
  q.text = "plate";  // in every description
  CHECK(serials(reg.search(q)).size() == 3);
  q.text = "bracket";
  CHECK(serials(reg.search(q)) == std::vector<std::string>{"BXL-P0002@1.0.0"});
  q.text = "draw";  // prefix match on the description
  CHECK(serials(reg.search(q)) == std::vector<std::string>{"BXL-P0003@1.0.0"});
  q = {};
  q.material = "alu";
  CHECK(serials(reg.search(q)) == std::vector<std::string>{"BXL-P0002@1.0.0"});
  q = {};
  q.designer = "Grace";
  CHECK(serials(reg.search(q)) == std::vector<std::string>{"BXL-P0002@1.0.0"});
  q = {};
  q.licence_allows = "commercial";
  CHECK(serials(reg.search(q)) == std::vector<std::string>{"BXL-P0001@1.0.0", "BXL-P0003@1.0.0"});
  q.licence_allows = "derivatives";
  CHECK(serials(reg.search(q)) == std::vector<std::string>{"BXL-P0001@1.0.0", "BXL-P0002@1.0.0"});
  q = {};
  q.process = "cnc";
  CHECK(serials(reg.search(q)) == std::vector<std::string>{"BXL-P0002@1.0.0"});
  q = {};
  q.max_size = std::array<double, 3>{4, 200, 50};  // any axis order
  CHECK(serials(reg.search(q)) == std::vector<std::string>{"BXL-P0002@1.0.0", "BXL-P0003@1.0.0"});
  q = {};
  q.text = "\"unbalanced AND (";  // user text is never FTS syntax
  CHECK(reg.search(q));
}

TEST_CASE("the index refreshes incrementally by commit id; yanked versions leave the results") {
  TempDir tmp;
  auto reg = three_parts(tmp);
  fs::remove(reg.path() / "archipel-index.sqlite");  // publish refreshed it (the laundering check)
  auto first = reg.refresh_index();
  REQUIRE(first);
  CHECK(first->rebuilt);
  CHECK(first->changed == 3);
  auto same = reg.refresh_index();
  CHECK(same->changed == 0);
  auto m = reg.show(*parse_serial_ref("BXL-P0001"))->manifest;
  m["version"] = "2.0.0";
  m["name"] = "Longer plate";
  REQUIRE(reg.publish(write_part(tmp.path / "v2", m, "solid Long plate\n")));
  auto second = reg.refresh_index();
  CHECK_FALSE(second->rebuilt);
  CHECK(second->changed == 1);
  SearchQuery q;
  q.text = "long";
  CHECK(serials(reg.search(q)) == std::vector<std::string>{"BXL-P0001@2.0.0"});
  REQUIRE(reg.yank(*parse_serial_ref("BXL-P0001@2.0.0"), "wrong holes"));
  CHECK(serials(reg.search(q)) == std::vector<std::string>{"BXL-P0001@1.0.0"});
}

TEST_CASE("deleting the index loses nothing") {
  TempDir tmp;
  auto reg = three_parts(tmp);
  SearchQuery q;
  auto before = serials(reg.search(q));
  fs::remove(reg.path() / "archipel-index.sqlite");
  CHECK(serials(reg.search(q)) == before);
  CHECK(before.size() == 3);
}

TEST_CASE("lineage lists ancestors and descendants") {
  TempDir tmp;
  auto reg = three_parts(tmp);
  ForkOptions o;
  o.designer = "Grace Hopper <grace@example.org>";
  REQUIRE(reg.fork(*parse_serial_ref("BXL-P0001"), o));      // P0004
  REQUIRE(reg.fork(*parse_serial_ref("BXL-P0004"), o));      // P0005
  auto l = reg.lineage(*parse_serial("BXL-P0004"));
  REQUIRE(l);
  REQUIRE(l->ancestors.size() == 1);
  CHECK(l->ancestors[0].serial == "BXL-P0001");
  CHECK(l->ancestors[0].depth == -1);
  REQUIRE(l->descendants.size() == 1);
  CHECK(l->descendants[0].serial == "BXL-P0005");
  CHECK(l->descendants[0].parent == "BXL-P0004@1.0.0");
  auto root = reg.lineage(*parse_serial("BXL-P0001"));
  REQUIRE(root->descendants.size() == 2);
  CHECK(root->descendants[1].depth == 2);
}
