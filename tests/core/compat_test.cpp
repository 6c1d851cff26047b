#include <doctest/doctest.h>

#include "archipel/core/compat.hpp"
#include "archipel/core/fasteners.hpp"
#include "archipel/core/interface.hpp"
#include "archipel/core/validate.hpp"

using namespace archipel::core;

namespace {

// A flat plate w × d × t with through holes of diameter dia at the given (x, y) centres.
PartMeasurement plate(double w, double d, double t, double dia, const std::vector<std::pair<double, double>>& at) {
  PartMeasurement m;
  m.size_mm = {w, d, t};
  m.thickness_mm = t;
  for (auto [x, y] : at) m.holes.push_back(Hole{dia, {x, y, t}, {0, 0, 1}, t, true, false, {}});
  return m;
}

// Holes on a 20 mm pitch, 10 mm from the edges: the OpenStructures pattern.
std::vector<std::pair<double, double>> os_pattern(int nx, int ny) {
  std::vector<std::pair<double, double>> out;
  for (int j = 0; j < ny; ++j)
    for (int i = 0; i < nx; ++i) out.emplace_back(10.0 + 20.0 * i, 10.0 + 20.0 * j);
  return out;
}

ConnectionInterface os(const PartMeasurement& m) { return derive_interface(m, InterfaceOptions{}); }

}  // namespace

TEST_CASE("fastener_for_hole follows the ISO 273 clearance table") {
  CHECK(fastener_for_hole(5.5, 0.05)->name == "M5");
  CHECK(fastener_for_hole(5.3, 0.05)->name == "M5");
  CHECK(fastener_for_hole(4.5, 0.05)->name == "M4");
  CHECK(fastener_for_hole(3.4, 0.05)->name == "M3");
  CHECK(fastener_for_hole(9.0, 0.05)->name == "M8");
  CHECK(fastener_for_hole(5.0, 0.05) == nullptr);   // a screw does not pass its own diameter
  CHECK(fastener_for_hole(20.0, 0.05) == nullptr);
}

TEST_CASE("derive_interface lays holes on grid nodes and leaves off-grid holes out") {
  auto m = plate(120, 40, 3, 5.5, os_pattern(6, 2));
  m.holes.push_back(Hole{5.5, {17.5, 20, 3}, {0, 0, 1}, 3, true, false, {}});
  const auto i = os(m);
  CHECK(i.grid == "openstructures");
  CHECK(i.offset_x_mm == doctest::Approx(0));
  CHECK(i.clamp_mm == doctest::Approx(3));
  REQUIRE(i.points.size() == 12);
  CHECK(i.points.front().gx == 1);
  CHECK(i.points.front().gy == 1);
  CHECK(i.points.back().gx == 11);
  CHECK(i.points.back().gy == 3);
  CHECK(i.points.front().fastener == "M5");
  REQUIRE(i.off_grid.size() == 1);
  CHECK(i.off_grid[0] == "\u00d85.50 at (17.50, 20.00)");
}

TEST_CASE("derive_interface finds the node offset of a pattern shifted off the origin") {
  const auto i = os(plate(79, 39, 3, 5.5, {{9.5, 9.5}, {29.5, 9.5}, {49.5, 9.5}, {69.5, 29.5}}));
  CHECK(i.offset_x_mm == doctest::Approx(9.5));
  CHECK(i.offset_y_mm == doctest::Approx(9.5));
  CHECK(i.off_grid.empty());
  CHECK(i.points[3].gx == 6);
  CHECK(i.points[3].gy == 2);
}

TEST_CASE("interface JSON round-trips") {
  const auto i = os(plate(120, 40, 3, 5.5, os_pattern(6, 2)));
  auto back = interface_from_json(to_json(i), "interface.json");
  REQUIRE(back);
  CHECK(to_json(*back) == to_json(i));
  auto bad = interface_from_json(nlohmann::json{{"grid", 3}}, "interface.json");
  REQUIRE_FALSE(bad);
  CHECK(bad.error().origin == "interface.json");
}

TEST_CASE("two OpenStructures plates bolt together in exactly four full placements") {
  const auto a = os(plate(120, 40, 3, 5.5, os_pattern(6, 2)));
  const auto r = check_compat(a, a, {2, 100});
  REQUIRE(r.reason == CompatReason::compatible);
  const auto& best = r.placements.front();
  CHECK(best.dx == 0);
  CHECK(best.dy == 0);
  CHECK(best.rotation == 0);
  CHECK_FALSE(best.flip);
  CHECK(best.shared.size() == 12);
  CHECK(best.clamp_mm == doctest::Approx(6));
  CHECK(best.screw == "M5 x 12 + nut");
  std::vector<std::tuple<int, int, int, bool>> full;
  for (const auto& p : r.placements)
    if (p.shared.size() == 12) full.emplace_back(p.dx, p.dy, p.rotation, p.flip);
  CHECK(full == std::vector<std::tuple<int, int, int, bool>>{
                    {0, 0, 0, false}, {12, 4, 180, false}, {0, 4, 0, true}, {12, 0, 180, true}});
  CHECK(r.explanation.starts_with(std::to_string(r.placements_found) + " placements; the best shares 12 fasteners"));
}

TEST_CASE("a bracket with two holes finds placements on a plate, rotated too") {
  const auto a = os(plate(120, 40, 3, 5.5, os_pattern(6, 2)));
  const auto b = os(plate(40, 20, 3, 5.5, {{10, 10}, {30, 10}}));
  const auto r = check_compat(a, b, {2, 1000});
  REQUIRE(r.reason == CompatReason::compatible);
  // Along x: 5 positions × 2 rows; each at rotations 0/180 and flipped: 4 orientations.
  // Along y: the pair spans 2 nodes, the plate has 2 rows: 6 columns at rotations 90/270 × 2.
  CHECK(r.placements_found == 5 * 2 * 4 + 6 * 2 * 2);
  CHECK(r.placements.front().shared.size() == 2);
}

TEST_CASE("compat explains why parts cannot be joined") {
  const auto m5 = os(plate(120, 40, 3, 5.5, os_pattern(6, 2)));
  SUBCASE("different grids") {
    auto b = m5;
    b.grid = "gridfinity";
    const auto r = check_compat(m5, b);
    CHECK(r.reason == CompatReason::different_grids);
    CHECK(r.explanation == "different grid standards: A is on openstructures, B is on gridfinity");
  }
  SUBCASE("incompatible fasteners") {
    const auto r = check_compat(m5, os(plate(120, 40, 3, 4.5, os_pattern(6, 2))));
    CHECK(r.reason == CompatReason::incompatible_fasteners);
    CHECK(r.explanation == "incompatible fastener sizes: A takes M5, B takes M4");
  }
  SUBCASE("too few points") {
    const auto r = check_compat(m5, os(plate(40, 40, 3, 5.5, {{20, 20}})));
    CHECK(r.reason == CompatReason::too_few_points);
    CHECK(r.explanation == "B has 1 assembly point on its main face that takes a metric fastener; a joint needs 2");
  }
  SUBCASE("no two points align") {
    const auto a = os(plate(120, 20, 3, 5.5, {{10, 10}, {30, 10}, {50, 10}, {70, 10}, {90, 10}, {110, 10}}));
    const auto b = os(plate(50, 20, 3, 5.5, {{10, 10}, {40, 10}}));
    const auto r = check_compat(a, b);
    CHECK(r.reason == CompatReason::no_alignment);
    CHECK(r.explanation == "no placement on the grid makes 2 assembly points with the same fastener coincide");
  }
  SUBCASE("clamp beyond the standard screw lengths") {
    const auto block = os(plate(40, 40, 30, 5.5, {{10, 10}, {30, 30}}));
    const auto r = check_compat(block, block);
    CHECK(r.reason == CompatReason::clamp_too_long);
    CHECK(r.explanation == "clamp length 60 mm plus a 4.7 mm nut exceeds the longest standard M5 screw (50 mm)");
  }
}

TEST_CASE("check_placement accepts a declared joint that fits and refuses one a node off") {
  const auto a = os(plate(120, 40, 3, 5.5, os_pattern(6, 2)));
  const auto b = os(plate(40, 20, 3, 5.5, {{10, 10}, {30, 10}}));
  BoltedPlacement p;
  p.dx = 4;
  p.dy = 2;
  const auto ok = check_placement(a, b, p);
  REQUIRE(ok.reason == CompatReason::compatible);
  CHECK(ok.placements.front().shared.size() == 2);
  CHECK(ok.placements.front().shared.front().gx == 5);
  CHECK(ok.placements.front().shared.front().gy == 3);
  p.dx = 5;
  const auto off = check_placement(a, b, p);
  CHECK(off.reason == CompatReason::no_alignment);
  CHECK(off.explanation == "this placement makes 0 assembly points coincide with the same fastener; a joint needs 2");
}

TEST_CASE("compat of two parts with 1000 assembly points each") {
  const auto big = os(plate(800, 500, 3, 5.5, os_pattern(40, 25)));
  REQUIRE(big.points.size() == 1000);
  const auto r = check_compat(big, big);
  REQUIRE(r.reason == CompatReason::compatible);
  CHECK(r.placements.front().shared.size() == 1000);
}

TEST_CASE("the compat SVG marks every shared fastener") {
  const auto a = os(plate(120, 40, 3, 5.5, os_pattern(6, 2)));
  const auto r = check_compat(a, a);
  const auto svg = render_compat_svg(a, a, r.placements.front());
  CHECK(svg.starts_with("<svg xmlns=\"http://www.w3.org/2000/svg\""));
  std::size_t shared = 0;
  for (auto at = svg.find("class=\"shared\""); at != std::string::npos; at = svg.find("class=\"shared\"", at + 1)) ++shared;
  CHECK(shared == 12);
  CHECK(svg.ends_with("</svg>\n"));
}

TEST_CASE("derive_interface on a grid standard anchors the nodes to the outline, as validate does") {
  const auto grid = find_grid("openstructures");
  REQUIRE(grid);
  // Holes on a grid of their own, 1.5 mm off the outline's: validate fails them, and the
  // interface leaves them out, where a fit to the holes alone would have taken them all.
  auto shifted = os_pattern(4, 2);
  for (auto& [x, y] : shifted) x += 1.5;
  const auto m = plate(80, 40, 3, 5.5, shifted);
  const auto anchored = derive_interface(m, interface_options(*grid, m));
  CHECK(anchored.offset_x_mm == doctest::Approx(0));
  CHECK(anchored.points.empty());
  CHECK(anchored.off_grid.size() == 8);
  CHECK(validate(m, *grid).alignment.points_on_grid == 0);
  CHECK(derive_interface(m, interface_options(*grid)).points.size() == 8);
  // A 79 mm bar with holes centred in its 80 mm of cells: on the grid for both.
  const auto bar = plate(79, 40, 3, 5.5, {{9.5, 10}, {29.5, 10}, {49.5, 30}, {69.5, 30}});
  const auto i = derive_interface(bar, interface_options(*grid, bar));
  CHECK(i.offset_x_mm == doctest::Approx(9.5));
  CHECK(i.off_grid.empty());
  CHECK(i.points.size() == 4);
  CHECK(validate(bar, *grid).verdict == Verdict::conforms);
}
