#include <doctest/doctest.h>

#include <cmath>
#include <string_view>

#include "archipel/core/validate.hpp"

using namespace archipel::core;

namespace {

GridStandard grid(std::string_view id) {
  auto g = find_grid(id);
  REQUIRE_MESSAGE(g.has_value(), g.error().to_string());
  return *g;
}

Hole hole(double x, double y, double diameter, bool boss = false) {
  Hole h;
  h.diameter_mm = diameter;
  h.center_mm = {x, y, 3};
  h.axis = {0, 0, 1};
  h.depth_mm = 3;
  h.through = !boss;
  h.boss = boss;
  return h;
}

// A part measured in its natural frame; a sheet when its thickness is below a quarter of its depth.
PartMeasurement part(double w, double d, double h, std::vector<Hole> holes = {}) {
  PartMeasurement p;
  p.source_unit = "mm";
  p.frame.method = "planar-faces";
  p.size_mm = {w, d, h};
  p.volume_mm3 = w * d * h;
  if (h < 0.25 * d) p.thickness_mm = h;
  p.holes = std::move(holes);
  return p;
}

std::vector<Finding> findings_of(const ValidationReport& r, std::string_view rule) {
  std::vector<Finding> out;
  for (const auto& f : r.findings)
    if (f.rule == rule) out.push_back(f);
  return out;
}

// Bar holes on the OS sub-grid, 10 mm from the ends.
std::vector<Hole> bar_holes(double dx = 0, double dy = 0) {
  return {hole(10 + dx, 20 + dy, 5.5), hole(30 + dx, 20 + dy, 5.5), hole(50 + dx, 20 + dy, 5.5),
          hole(70 + dx, 20 + dy, 5.5)};
}

}  // namespace

TEST_CASE("an 80 x 40 OpenStructures plate with holes on the sub-grid conforms") {
  const auto r = validate(part(80, 40, 3, bar_holes()), grid("openstructures"));
  CHECK(r.grid == "openstructures");
  CHECK(r.verdict == Verdict::conforms);
  CHECK(r.findings.empty());
  CHECK(r.alignment.dx_mm == doctest::Approx(0));
  CHECK(r.alignment.dy_mm == doctest::Approx(0));
  CHECK(r.alignment.rotation_deg == 0);
  CHECK(r.alignment.points_on_grid == 4);
  CHECK(r.holes == std::vector<HoleVerdict>(4, HoleVerdict::ok));
  CHECK(r.hole_fasteners[0] == "M5 clearance (medium)");
  REQUIRE(r.rules.size() == 4);
  CHECK(r.rules[0].rule == "OS-A-dimension");
  CHECK(r.rules[0].checked == 2);  // width and depth; a sheet's thickness is free
  CHECK(r.rules[1].checked == 4);
  CHECK(r.rules[1].failed == 0);
}

TEST_CASE("OS-A-dimension: a width off the sub-grid fails with exact numbers") {
  const auto r = validate(part(83, 40, 3), grid("openstructures"));
  CHECK(r.verdict == Verdict::fails);
  const auto f = findings_of(r, "OS-A-dimension");
  REQUIRE(f.size() == 1);
  CHECK(f[0].severity == "error");
  CHECK(f[0].location == "width");
  CHECK(f[0].measured == doctest::Approx(83));
  CHECK(f[0].expected == doctest::Approx(80));
  CHECK(f[0].deviation == doctest::Approx(3));
  CHECK(f[0].tolerance == doctest::Approx(0.1));
  CHECK(f[0].clause.starts_with("OS rule A"));
  CHECK(f[0].message == "width 83 mm is off the 10 mm grid by +3.0 mm: nearest allowed 80 mm");
}

TEST_CASE("OS clearance: a 79 x 40 bar passes with a note, 78.3 fails") {
  const auto ok = validate(part(79, 40, 3), grid("openstructures"));
  CHECK(ok.verdict == Verdict::conforms);
  REQUIRE(ok.findings.size() == 1);
  CHECK(ok.findings[0].severity == "info");
  CHECK(ok.findings[0].message == "width 79 mm: nominal 80 mm, \u22121.0 mm clearance");
  CHECK(ok.findings[0].expected == doctest::Approx(80));
  CHECK(ok.findings[0].deviation == doctest::Approx(-1));

  const auto bad = validate(part(78.3, 40, 3), grid("openstructures"));
  CHECK(bad.verdict == Verdict::fails);
  REQUIRE(bad.findings.size() == 1);
  CHECK(bad.findings[0].severity == "error");
  CHECK(bad.findings[0].measured == doctest::Approx(78.3));
  CHECK(bad.findings[0].expected == doctest::Approx(79));
  CHECK(bad.findings[0].deviation == doctest::Approx(-0.7));
  CHECK(bad.findings[0].message == "width 78.3 mm is off the 10 mm grid by \u22120.7 mm: nearest "
                                   "allowed 79 mm (nominal 80 mm, \u22121.0 mm clearance)");
  // OpenBeam plates: 29 = 2 * 15 - 1.
  const auto ob = validate(part(29, 29, 3), grid("openbeam"));
  CHECK(ob.verdict == Verdict::conforms);
  REQUIRE(ob.findings.size() == 2);
  CHECK(ob.findings[1].message == "depth 29 mm: nominal 30 mm, \u22121.0 mm clearance");
}

TEST_CASE("OS-A-dimension: the height of a block is checked, a sheet's thickness is not") {
  const auto block = validate(part(40, 40, 33), grid("openstructures"));
  REQUIRE(block.findings.size() == 1);
  CHECK(block.findings[0].location == "height");
  CHECK(block.findings[0].expected == doctest::Approx(30));
  CHECK(block.findings[0].message == "height 33 mm is off the 10 mm grid by +3.0 mm: nearest allowed 30 mm");
  CHECK(validate(part(40, 40, 3.3), grid("openstructures")).verdict == Verdict::conforms);
  // Bitbeam constrains thickness (4 mm thin parts): 5 mm fails.
  const auto thin = validate(part(64, 8, 5), grid("bitbeam"));
  REQUIRE(thin.findings.size() == 1);
  CHECK(thin.findings[0].location == "height");
  CHECK(thin.findings[0].expected == doctest::Approx(4));
}

TEST_CASE("OS-B-assembly-point: a hole off the sub-grid fails; within tolerance passes") {
  auto holes = bar_holes();
  holes[1].center_mm[0] = 25;
  const auto r = validate(part(80, 40, 3, holes), grid("openstructures"));
  CHECK(r.verdict == Verdict::fails);
  CHECK(r.alignment.points_on_grid == 3);
  const auto f = findings_of(r, "OS-B-assembly-point");
  REQUIRE(f.size() == 1);
  CHECK(f[0].hole == 1);
  CHECK(f[0].location == "hole 2");
  CHECK(f[0].measured == doctest::Approx(25));
  CHECK(f[0].expected == doctest::Approx(20));
  CHECK(f[0].deviation == doctest::Approx(5));
  CHECK(f[0].message == "hole 2 (\u00d85.5 mm) at x 25, y 20 mm is off the 10 mm grid: nearest node "
                        "x 20, y 20 mm, off by +5.0 mm in x");
  CHECK(r.holes == std::vector<HoleVerdict>{HoleVerdict::ok, HoleVerdict::error, HoleVerdict::ok,
                                            HoleVerdict::ok});
  holes[1].center_mm[0] = 30.06;
  CHECK(validate(part(80, 40, 3, holes), grid("openstructures")).verdict == Verdict::conforms);
}

TEST_CASE("anchoring: the outline fixes the grid; holes on a grid of their own fail") {
  // Every hole 1.5 mm off the outline's grid in x: the holes line up with each other, not with
  // the neighbours the outline lines up with.
  const auto r = validate(part(80, 40, 3, bar_holes(1.5)), grid("openstructures"));
  CHECK(r.verdict == Verdict::fails);
  CHECK(r.alignment.anchor == "outline");
  CHECK(r.alignment.dx_mm == doctest::Approx(0));
  CHECK(r.alignment.dy_mm == doctest::Approx(0));
  CHECK(r.alignment.points_on_grid == 0);
  const auto f = findings_of(r, "OS-B-assembly-point");
  REQUIRE(f.size() == 5);
  CHECK(f[0].message == "hole 1 (\u00d85.5 mm) at x 11.5, y 20 mm is off the 10 mm grid: nearest node "
                        "x 10, y 20 mm, off by +1.5 mm in x");
  CHECK(f[0].deviation == doctest::Approx(1.5));
  CHECK(f[4].severity == "info");
  CHECK(f[4].message == "the 4 assembly points form a grid of their own, shifted by +1.5 mm in x and "
                        "0.0 mm in y from the 10 mm grid the outline fixes");
  CHECK(f[4].measured == doctest::Approx(1.5));

  // A 40 mm plate with holes 5 mm from its edges: 5 mm off every node of the 10 mm sub-grid.
  const std::vector<Hole> corners{hole(5, 5, 5.5), hole(5, 35, 5.5), hole(35, 5, 5.5), hole(35, 35, 5.5)};
  const auto p40 = validate(part(40, 40, 3, corners), grid("openstructures"));
  CHECK(p40.verdict == Verdict::fails);
  const auto g = findings_of(p40, "OS-B-assembly-point");
  REQUIRE(g.size() == 5);
  CHECK(g[0].message == "hole 1 (\u00d85.5 mm) at x 5, y 5 mm is off the 10 mm grid: nearest node "
                        "x 0, y 0 mm, off by +5.0 mm in x");
  CHECK(g[4].message == "the 4 assembly points form a grid of their own, shifted by +5.0 mm in x "
                        "and +5.0 mm in y from the 10 mm grid the outline fixes");

  // The same holes on the outline's grid conform.
  const auto ok = validate(part(80, 40, 3, bar_holes()), grid("openstructures"));
  CHECK(ok.verdict == Verdict::conforms);
  CHECK(findings_of(ok, "OS-B-assembly-point").empty());
}

TEST_CASE("anchoring: the clearance lets the grid slide within the nominal outline, no further") {
  // A 79 mm bar in 80 mm of cells: holes centred (9.5 mm from the ends) or flush with one end
  // (10 mm) both lie on a grid whose nominal outline holds the bar.
  const auto centred = validate(part(79, 40, 3, bar_holes(-0.5)), grid("openstructures"));
  CHECK(centred.verdict == Verdict::conforms);
  CHECK(centred.alignment.dx_mm == doctest::Approx(-0.5));
  const auto flush = validate(part(79, 40, 3, bar_holes()), grid("openstructures"));
  CHECK(flush.verdict == Verdict::conforms);
  CHECK(flush.alignment.dx_mm == doctest::Approx(0));
  const auto other_end = validate(part(79, 40, 3, bar_holes(-1)), grid("openstructures"));
  CHECK(other_end.verdict == Verdict::conforms);
  CHECK(other_end.alignment.dx_mm == doctest::Approx(-1));
  // 1.5 mm is beyond the 1 mm of play: the nearest grid the outline allows is 0.5 mm away.
  const auto beyond = validate(part(79, 40, 3, bar_holes(-1.5)), grid("openstructures"));
  CHECK(beyond.verdict == Verdict::fails);
  CHECK(beyond.alignment.dx_mm == doctest::Approx(-1));
  const auto f = findings_of(beyond, "OS-B-assembly-point");
  REQUIRE(f.size() == 5);
  CHECK(f[0].deviation == doctest::Approx(-0.5));
  CHECK(f[0].message == "hole 1 (\u00d85.5 mm) at x 8.5, y 20 mm is off the 10 mm grid: nearest node "
                        "x 9, y 20 mm, off by \u22120.5 mm in x");
}

TEST_CASE("anchoring: a disc anchors on its centre") {
  // A 119 mm disc (1 mm under 120): its centre, 59.5 mm from the box's corner, is a node.
  std::vector<Hole> holes{hole(59.5, 59.5, 119, true), hole(39.5, 59.5, 5.5), hole(79.5, 59.5, 5.5)};
  const auto centred = validate(part(119, 119, 3, holes), grid("openstructures"));
  CHECK(centred.alignment.anchor == "centre");
  CHECK(centred.alignment.dx_mm == doctest::Approx(-0.5));
  CHECK(findings_of(centred, "OS-B-assembly-point").empty());
  // Holes 40 mm from the box's edge sit on the corner's grid, not on the centre's: they fail.
  holes[1].center_mm[0] = 40;
  holes[2].center_mm[0] = 80;
  const auto corner = validate(part(119, 119, 3, holes), grid("openstructures"));
  const auto f = findings_of(corner, "OS-B-assembly-point");
  REQUIRE(f.size() == 3);
  CHECK(f[0].deviation == doctest::Approx(0.5));
  // A square plate of the same size anchors on its outline, where those holes fit.
  holes.erase(holes.begin());
  const auto plate = validate(part(119, 119, 3, holes), grid("openstructures"));
  CHECK(plate.alignment.anchor == "outline");
  CHECK(findings_of(plate, "OS-B-assembly-point").empty());
}

TEST_CASE("alignment: a pattern that only fits the grid turned by 90 degrees is found") {
  // A custom lattice with asymmetric offsets {0, 1, 3}: no translation fits the mirrored pattern.
  auto doc = grid("openstructures").document;
  doc["assembly_points"]["offsets_mm"] = {0, 1, 3};
  auto custom = parse_grid(doc, "custom.json");
  REQUIRE(custom);
  const std::vector<Hole> holes{hole(17, 20, 5.5), hole(19, 20, 5.5), hole(20, 20, 5.5)};
  const auto r = validate(part(40, 40, 3, holes), *custom);
  CHECK(r.alignment.rotation_deg == 90);
  CHECK(r.alignment.points_on_grid == 3);
  CHECK(findings_of(r, "OS-B-assembly-point").empty());
  const std::vector<Hole> straight{hole(20, 20, 5.5), hole(21, 20, 5.5), hole(23, 20, 5.5)};
  const auto s = validate(part(40, 40, 3, straight), *custom);
  CHECK(s.alignment.rotation_deg == 0);
  CHECK(s.alignment.points_on_grid == 3);
}

TEST_CASE("OS-hole-fastener: a hole outside the fastener table is a warning") {
  auto holes = bar_holes();
  holes[2].diameter_mm = 6;
  const auto r = validate(part(80, 40, 3, holes), grid("openstructures"));
  CHECK(r.verdict == Verdict::conforms_with_warnings);
  const auto f = findings_of(r, "OS-hole-fastener");
  REQUIRE(f.size() == 1);
  CHECK(f[0].severity == "warning");
  CHECK(f[0].measured == doctest::Approx(6));
  CHECK(f[0].expected == doctest::Approx(6.4));
  CHECK(f[0].deviation == doctest::Approx(-0.4));
  CHECK(f[0].message == "hole 3 \u00d86 mm matches no fastener hole: nearest \u00d86.4 mm (M6 clearance "
                        "(fine)), off by \u22120.4 mm");
  CHECK(r.holes[2] == HoleVerdict::warning);
  CHECK(r.hole_fasteners[2].empty());
}

TEST_CASE("OS-C-diameter: bosses and discs take a grid diameter") {
  const auto disc = validate(part(120, 120, 3, {hole(60, 60, 120, true), hole(20, 60, 5.5),
                                                hole(100, 60, 5.5)}),
                             grid("openstructures"));
  CHECK(disc.verdict == Verdict::conforms);
  CHECK(disc.rules[2].checked == 1);
  CHECK(disc.rules[1].checked == 2);  // the boss is not an assembly point
  const auto pin = validate(part(80, 40, 3, {hole(20, 20, 35, true)}), grid("openstructures"));
  CHECK(pin.verdict == Verdict::fails);
  const auto f = findings_of(pin, "OS-C-diameter");
  REQUIRE(f.size() == 1);
  CHECK(f[0].expected == doctest::Approx(40));
  CHECK(f[0].deviation == doctest::Approx(-5));
  CHECK(f[0].message == "hole 1 (round part) \u00d835 mm is not a grid diameter: nearest \u00d840 mm, "
                        "off by \u22125.0 mm");
}

TEST_CASE("Gridfinity: 41.5 mm footprint, 7 mm height units, holes 8 mm from the cell edge") {
  const std::vector<Hole> holes{hole(7.75, 7.75, 6.5), hole(7.75, 33.75, 6.5),
                                hole(33.75, 7.75, 6.5), hole(33.75, 33.75, 6.5)};
  const auto bin = validate(part(41.5, 41.5, 21, holes), grid("gridfinity"));
  CHECK(bin.verdict == Verdict::conforms);
  CHECK(bin.alignment.dx_mm == doctest::Approx(-0.25));
  CHECK(bin.alignment.dy_mm == doctest::Approx(-0.25));
  CHECK(bin.alignment.points_on_grid == 4);
  REQUIRE(bin.findings.size() == 2);
  CHECK(bin.findings[0].message == "width 41.5 mm: nominal 42 mm, \u22120.5 mm clearance");

  const auto wide = validate(part(42, 41.5, 21), grid("gridfinity"));
  CHECK(wide.verdict == Verdict::fails);
  const auto f = findings_of(wide, "GF-footprint");
  REQUIRE(f.size() == 2);
  CHECK(f[0].measured == doctest::Approx(42));
  CHECK(f[0].expected == doctest::Approx(41.5));
  CHECK(f[0].deviation == doctest::Approx(0.5));

  const auto low = validate(part(83.5, 41.5, 20), grid("gridfinity"));
  CHECK(low.verdict == Verdict::conforms_with_warnings);
  const auto h = findings_of(low, "GF-height-unit");
  REQUIRE(h.size() == 1);
  CHECK(h[0].severity == "warning");
  CHECK(h[0].expected == doctest::Approx(21));
  CHECK(h[0].message == "height 20 mm is not a whole number of 7 mm units: nearest allowed 21 mm "
                        "(3 units of 7 mm), off by \u22121.0 mm");
  const auto lip = validate(part(41.5, 41.5, 25.4), grid("gridfinity"));
  CHECK(lip.verdict == Verdict::conforms);
  CHECK(findings_of(lip, "GF-height-unit")[0].message ==
        "height 25.4 mm: 3 units of 7 mm + 4.4 mm stacking lip");
}

TEST_CASE("verdicts: any error fails, any warning warns, info does not count") {
  const auto with = [](const char* severity) {
    Finding f;
    f.severity = severity;
    return f;
  };
  const Finding info = with("info"), warning = with("warning"), error = with("error");
  CHECK(verdict_of({}) == Verdict::conforms);
  CHECK(verdict_of({info}) == Verdict::conforms);
  CHECK(verdict_of({info, warning}) == Verdict::conforms_with_warnings);
  CHECK(verdict_of({warning, error, info}) == Verdict::fails);
  CHECK(verdict_name(Verdict::conforms_with_warnings) == "conforms-with-warnings");
  CHECK(verdict_name(Verdict::fails) == "fails");
}

TEST_CASE("to_json: the report's fields, rounded to 0.0001 mm") {
  auto holes = bar_holes();
  holes[1].center_mm[0] = 25.000004;
  const auto p = part(78.30000002, 40, 3, holes);
  const auto j = to_json(validate(p, grid("openstructures")), p);
  CHECK(j.at("verdict") == "fails");
  CHECK(j.at("grid") == "openstructures");
  CHECK(j.at("unit") == "mm");
  CHECK(j.at("size_mm") == nlohmann::json::array({78.3, 40.0, 3.0}));
  CHECK(j.at("thickness_mm") == 3.0);
  CHECK(j.at("frame").at("method") == "planar-faces");
  CHECK(j.at("holes").size() == 4);
  CHECK(j.at("holes")[1].at("center_mm") == nlohmann::json::array({25.0, 20.0, 3.0}));
  CHECK(j.at("holes")[1].at("verdict") == "error");
  CHECK(j.at("holes")[0].at("verdict") == "ok");
  CHECK(j.at("holes")[0].at("through") == true);
  CHECK(j.at("holes")[0].at("fastener") == "M5 clearance (medium)");
  REQUIRE(j.at("findings").size() == 2);
  const auto& f = j.at("findings")[0];
  CHECK(f.at("rule") == "OS-A-dimension");
  CHECK(f.at("measured") == 78.3);
  CHECK(f.at("expected") == 79.0);
  CHECK(f.at("deviation") == -0.7);
  CHECK(j.at("rules").size() == 4);
}

namespace {

// Checks that every tag is closed in order; returns the number of elements named `name`.
int balanced_count(const std::string& xml, const std::string& name) {
  // A plain scan (no regex engine): each tag "<name ...>", "</name>" or "<name .../>"; the
  // XML declaration "<?...?>" is skipped.
  std::vector<std::string> stack;
  int count = 0;
  for (std::size_t at = xml.find('<'); at != std::string::npos; at = xml.find('<', at + 1)) {
    const std::size_t end = xml.find('>', at);
    REQUIRE(end != std::string::npos);
    std::string_view tag(xml.data() + at + 1, end - at - 1);
    if (tag.starts_with('?')) continue;
    const bool closing = tag.starts_with('/');
    if (closing) tag.remove_prefix(1);
    const bool empty = tag.ends_with('/');
    const std::string id(tag.substr(0, tag.find_first_of(" \t\n/")));
    if (id == name && !closing) ++count;
    if (closing) {
      REQUIRE_FALSE(stack.empty());
      REQUIRE(stack.back() == id);
      stack.pop_back();
    } else if (!empty) {
      stack.push_back(id);
    }
  }
  CHECK(stack.empty());
  return count;
}

}  // namespace

TEST_CASE("render_svg: a well-formed drawing with one circle per hole, coloured by verdict") {
  auto holes = bar_holes();
  holes[1].center_mm[0] = 25;
  holes[2].diameter_mm = 6;
  const auto p = part(79, 40, 3, holes);
  const auto g = grid("openstructures");
  const auto svg = render_svg(validate(p, g), p, g);
  CHECK(svg.starts_with("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<svg xmlns=\"http://www.w3.org/2000/svg\""));
  CHECK(balanced_count(svg, "circle") == 4);
  CHECK(balanced_count(svg, "svg") == 1);
  CHECK(svg.find(R"(<circle class="hole ok" cx="10" cy="20" r="2.75" fill="#2e9d4c")") != std::string::npos);
  CHECK(svg.find(R"(<circle class="hole error" cx="25" cy="20" r="2.75" fill="#d7263d")") != std::string::npos);
  CHECK(svg.find(R"(<circle class="hole warning" cx="50" cy="20" r="3" fill="#f29100")") != std::string::npos);
  CHECK(svg.find("width 79 mm (nominal 80 mm)") != std::string::npos);
  CHECK(svg.find(">OpenStructures: fails</text>") != std::string::npos);
  CHECK(svg.find("class=\"pitch\"") != std::string::npos);
  CHECK(svg.find("class=\"subgrid\"") != std::string::npos);
}

TEST_CASE("render_svg: openings drawn as their outlines, coloured by their findings") {
  auto p = part(80, 40, 3, {});
  Opening nut;  // an M5 nut trap: a hexagon 8 mm across flats
  nut.shape = "hexagon";
  nut.center_mm = {20, 20, 3};
  nut.width_mm = 8;
  nut.length_mm = 16 / std::sqrt(3.0);
  nut.sides = 6;
  Opening slot;  // a 5.5 mm slot 15 mm long along x, on the grid line y = 20
  slot.shape = "slot";
  slot.center_mm = {60, 20, 3};
  slot.width_mm = 5.5;
  slot.length_mm = 15;
  slot.through = true;
  slot.sides = 2;
  Opening odd = slot;  // an irregular outline: a warning
  odd.shape = "other";
  odd.center_mm = {40, 30, 3};
  odd.width_mm = 4;
  odd.length_mm = 6;
  p.openings = {nut, odd, slot};
  const auto g = grid("openstructures");
  const auto svg = render_svg(validate(p, g), p, g);
  CHECK(balanced_count(svg, "path") == 3);
  CHECK(svg.find(R"(<path class="opening hexagon ok" d="M24.6188 20 L22.3094 16 L17.6906 16 L15.3812 20 L17.6906 24 L22.3094 24 Z" fill="#2e9d4c")") != std::string::npos);
  CHECK(svg.find(R"(<path class="opening slot ok" d="M55.25 22.75 L64.75 22.75 A2.75 2.75 0 0 0 64.75 17.25 L55.25 17.25 A2.75 2.75 0 0 0 55.25 22.75 Z" fill="#2e9d4c")") != std::string::npos);
  CHECK(svg.find(R"(<path class="opening other warning" d="M37 12 L43 12 L43 8 L37 8 Z" fill="#f29100")") != std::string::npos);
}

TEST_CASE("check_declared: declared dimensions and grid size against the measurement") {
  const auto g = grid("openstructures");
  const auto p = part(79, 40, 3);
  auto r = validate(p, g);
  check_declared(r, p, g, {Vec3{40, 79, 3}, "openstructures", {2, 1}, "part.json"});
  CHECK(r.verdict == Verdict::conforms);
  REQUIRE(r.rules.size() == 6);
  CHECK(r.rules[4].rule == "manifest-dimensions");
  CHECK(r.rules[4].checked == 3);
  CHECK(r.rules[5].checked == 2);

  auto bad = validate(p, g);
  check_declared(bad, p, g, {Vec3{80, 40, 3}, "openstructures", {3, 1}, "part.json"});
  CHECK(bad.verdict == Verdict::fails);
  const auto dims = findings_of(bad, "manifest-dimensions");
  REQUIRE(dims.size() == 1);
  CHECK(dims[0].message == "width measured 79 mm but part.json declares 80 mm (off by \u22121.0 mm)");
  CHECK(dims[0].deviation == doctest::Approx(-1));
  const auto units = findings_of(bad, "manifest-grid-size");
  REQUIRE(units.size() == 1);
  CHECK(units[0].message == "width measured 79 mm but part.json declares 3 openstructures grid units (120 mm)");
  CHECK(units[0].expected == doctest::Approx(119));

  auto other = validate(p, g);
  check_declared(other, p, g, {std::nullopt, "gridfinity", {9, 9}, "part.json"});
  CHECK(other.verdict == Verdict::conforms);
  CHECK(other.rules.size() == 4);
}

TEST_CASE("OS-B-assembly-point: holes on a grid-diameter bolt circle are placed by its centre") {
  const double s = 40 / std::sqrt(2.0);  // 4 x Ø80 at 45 degrees: off the square sub-grid
  const std::vector<Hole> holes{hole(60 - s, 60 - s, 5.5), hole(60 - s, 60 + s, 5.5),
                                hole(60 + s, 60 - s, 5.5), hole(60 + s, 60 + s, 5.5)};
  const auto disc = validate(part(120, 120, 3, holes), grid("openstructures"));
  CHECK(disc.verdict == Verdict::conforms);
  CHECK(disc.alignment.points_on_grid == 1);  // the circle's centre stands for its holes
  const auto f = findings_of(disc, "OS-B-assembly-point");
  REQUIRE(f.size() == 1);
  CHECK(f[0].severity == "info");
  CHECK(f[0].message == "holes 1, 2, 3, 4 lie on a \u00d880 mm bolt circle centred on the grid at x 60, y 60 mm");
  CHECK(f[0].measured == doctest::Approx(80));

  // Two holes fix the grid; the circle's centre is then 2.5 mm off a node.
  const std::vector<Hole> off{hole(10, 10, 5.5), hole(32.5, 20, 5.5), hole(47.5, 20 - 5 * std::sqrt(3.0), 5.5),
                              hole(47.5, 20 + 5 * std::sqrt(3.0), 5.5), hole(70, 10, 5.5)};
  const auto r = validate(part(85, 40, 3, off), grid("openstructures"));
  const auto g = findings_of(r, "OS-B-assembly-point");
  REQUIRE(g.size() == 3);
  CHECK(g[0].hole == 1);
  CHECK(g[0].message == "hole 2 is on a \u00d820 mm bolt circle whose centre x 42.5, y 20 mm is off the "
                        "10 mm grid: nearest node x 40, y 20 mm, off by +2.5 mm in x");
  CHECK(r.holes == std::vector<HoleVerdict>{HoleVerdict::ok, HoleVerdict::error, HoleVerdict::error,
                                            HoleVerdict::error, HoleVerdict::ok});
}

TEST_CASE("roles: a Gridfinity baseplate is n x 42 mm exactly; a bin n x 42 - 0.5 mm, n x 7 mm high") {
  const auto gf = grid("gridfinity");
  const auto plate = validate(part(210, 126, 5), gf);
  CHECK(plate.role.name == "baseplate");
  CHECK(plate.role.source == "recognised");
  CHECK(plate.role.fits);
  CHECK(plate.verdict == Verdict::conforms);
  CHECK(plate.findings.empty());
  REQUIRE(plate.rules.size() == 4);  // no height unit for baseplates
  CHECK(plate.rules[0].rule == "GF-baseplate-footprint");
  CHECK(plate.rules[0].checked == 2);
  CHECK(plate.rules[1].rule == "GF-baseplate-cell");
  CHECK(plate.rules[1].checked == 0);  // no openings measured: no receptacle, nothing counted
  CHECK(plate.rules[2].rule == "GF-hole-position");
  CHECK(plate.alignment.dx_mm == doctest::Approx(0));

  const auto bin = validate(part(83.5, 41.5, 17.75), gf);
  CHECK(bin.role.name == "bin");
  CHECK(bin.verdict == Verdict::conforms);
  REQUIRE(bin.rules.size() == 4);
  CHECK(bin.rules[0].rule == "GF-footprint");
  const auto h = findings_of(bin, "GF-height-unit");
  REQUIRE(h.size() == 1);
  CHECK(h[0].message == "height 17.75 mm: 2 units of 7 mm + 3.75 mm stacking lip (gridfinity_openscad)");

  // Stated roles are applied as stated, right or wrong.
  const auto as_bin = validate(part(210, 126, 5), gf, {"bin"});
  CHECK(as_bin.role.source == "stated");
  CHECK_FALSE(as_bin.role.fits);
  CHECK(as_bin.verdict == Verdict::fails);
  const auto f = findings_of(as_bin, "GF-footprint");
  REQUIRE(f.size() == 2);
  CHECK(f[0].message == "width 210 mm is off the 42 mm grid by +0.5 mm: nearest allowed 209.5 mm "
                        "(nominal 210 mm, \u22120.5 mm clearance)");
  const auto as_plate = validate(part(83.5, 41.5, 17.75), gf, {"baseplate"});
  CHECK(as_plate.verdict == Verdict::fails);
  REQUIRE(findings_of(as_plate, "GF-baseplate-footprint").size() == 2);
  CHECK(findings_of(as_plate, "GF-baseplate-footprint")[0].message ==
        "width 83.5 mm is off the 42 mm grid by \u22120.5 mm: nearest allowed 84 mm");

  // A role the standard lacks is an error finding; the recognised role is applied.
  const auto lid = validate(part(210, 126, 5), gf, {"drawer"});
  CHECK(lid.verdict == Verdict::fails);
  CHECK(lid.role.name == "baseplate");
  const auto g = findings_of(lid, "grid-role");
  REQUIRE(g.size() == 1);
  CHECK(g[0].message == "the gridfinity standard has no role \"drawer\" (its roles: bin, baseplate); the "
                        "role was recognised from the part's size instead");

  // A footprint that fits no role gets the nearest (here the baseplate: 8 mm off, the bin 8.5).
  const auto odd = validate(part(100, 50, 10), gf);
  CHECK(odd.role.name == "baseplate");
  CHECK_FALSE(odd.role.fits);
  CHECK(odd.verdict == Verdict::fails);

  // Standards without roles have none.
  CHECK(validate(part(80, 40, 3), grid("openstructures")).role.name.empty());
}

TEST_CASE("roles: the role's clearance anchors the grid (baseplate holes 8 mm from the edge)") {
  const auto gf = grid("gridfinity");
  const std::vector<Hole> magnets{hole(8, 8, 6.5), hole(34, 8, 6.5), hole(50, 8, 6.5), hole(76, 8, 6.5),
                                  hole(8, 34, 6.5), hole(34, 34, 6.5), hole(50, 34, 6.5), hole(76, 34, 6.5)};
  const auto plate = validate(part(84, 42, 5, magnets), gf);
  CHECK(plate.role.name == "baseplate");
  CHECK(plate.verdict == Verdict::conforms);
  CHECK(plate.alignment.points_on_grid == 8);
  // The same pattern 0.25 mm in, as on a bin: off the baseplate's grid, which has no play.
  std::vector<Hole> inset = magnets;
  for (auto& h : inset) {
    h.center_mm[0] += h.center_mm[0] < 42 ? -0.25 : 0.25;
    h.center_mm[1] += h.center_mm[1] < 21 ? -0.25 : 0.25;
  }
  const auto off = validate(part(84, 42, 5, inset), gf);
  CHECK(off.verdict == Verdict::fails);
  CHECK(off.alignment.points_on_grid == 0);
  CHECK(findings_of(off, "GF-hole-position")[0].deviation == doctest::Approx(-0.25));
}

TEST_CASE("to_json: the role and how it was settled") {
  const auto p = part(210, 126, 5);
  const auto j = to_json(validate(p, grid("gridfinity")), p);
  CHECK(j.at("role") == "baseplate");
  CHECK(j.at("role_source") == "recognised");
  CHECK(j.at("alignment").at("anchor") == "outline");
  const auto os = to_json(validate(p, grid("openstructures")), p);
  CHECK_FALSE(os.contains("role"));
}
