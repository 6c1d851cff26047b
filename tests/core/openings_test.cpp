// One hole along its whole axis (grooves, counterbores, countersinks as its features) and
// non-round openings (slots, nut traps, squares), on parts built in code with OpenCASCADE and
// measured both as STEP (B-rep path) and as their tessellation in STL (mesh path).
#include <doctest/doctest.h>

#include <cmath>
#include <numbers>
#include <string>
#include <vector>

#include <BRepAlgoAPI_Cut.hxx>
#include <BRepPrimAPI_MakeBox.hxx>
#include <BRepPrimAPI_MakeCone.hxx>
#include <TopTools_ListOfShape.hxx>
#include <gp_Ax2.hxx>

#include "archipel/core/geometry_in_process.hpp"
#include "archipel/core/measurement_json.hpp"
#include "archipel/core/validate.hpp"
#include "archipel/core/warnings.hpp"
#include "in_process/outline_shape.hpp"
#include "occt_fixtures.hpp"
#include "shape_fixtures.hpp"

using namespace archipel::core;
using archipel::test::TempDir;

namespace {

constexpr double eps = 1e-3;

TopoDS_Shape cut_all(const TopoDS_Shape& body, const std::vector<TopoDS_Shape>& tools) {
  TopTools_ListOfShape args, cutters;
  args.Append(body);
  for (const auto& t : tools) cutters.Append(t);
  BRepAlgoAPI_Cut cut;
  cut.SetArguments(args);
  cut.SetTools(cutters);
  cut.SetRunParallel(false);
  cut.Build();
  REQUIRE(cut.IsDone());
  return cut.Shape();
}

TopoDS_Shape box(double x, double y, double z) { return BRepPrimAPI_MakeBox(x, y, z).Shape(); }

// The shape measured as STEP, then as its tessellation in STL (declared in mm).
std::vector<PartMeasurement> both_paths(const TopoDS_Shape& shape, const std::string& name) {
  TempDir dir;
  std::vector<PartMeasurement> out;
  auto step = measure_file_in_process(archipel::test::write_step(shape, dir / (name + ".step")));
  if (!step) FAIL(step.error().to_string());
  out.push_back(*step);
  MeasureOptions mm;
  mm.unit = LengthUnit::mm;
  auto stl = measure_file_in_process(archipel::test::write_shape_stl(shape, dir / (name + ".stl")), mm);
  if (!stl) FAIL(stl.error().to_string());
  out.push_back(*stl);
  return out;
}

std::string path_name(const PartMeasurement& m) { return m.kind == GeometryKind::brep ? "B-rep" : "mesh"; }

bool close3(const Vec3& a, const Vec3& b, double tol) {
  return near(a[0], b[0], tol) && near(a[1], b[1], tol) && near(a[2], b[2], tol);
}

void check_feature(const HoleFeature& f, const std::string& kind, double d, double depth, double offset) {
  CHECK(f.kind == kind);
  CHECK(near(f.diameter_mm, d, eps));
  CHECK(near(f.depth_mm, depth, eps));
  CHECK(near(f.offset_mm, offset, eps));
}

GridStandard grid(const char* id) {
  auto g = find_grid(id);
  REQUIRE(g);
  return *g;
}

std::vector<std::array<double, 2>> regular_polygon(int n, double circumradius, double cx, double cy,
                                                   double degrees) {
  std::vector<std::array<double, 2>> out;
  for (int i = 0; i < n; ++i) {
    const double a = (degrees + 360.0 * i / n) * std::numbers::pi / 180;
    out.push_back({cx + circumradius * std::cos(a), cy + circumradius * std::sin(a)});
  }
  return out;
}

}  // namespace

TEST_CASE("a hole with two relief grooves is one hole of its narrowest diameter, both paths") {
  // A printed beam's Ø4.8 mm hole with two short Ø5.0 mm grooves (LEGO-Technic-style print fit).
  const TopoDS_Shape beam = cut_all(box(24, 8, 7.8), {archipel::test::z_cylinder(12, 4, -1, 4.8, 9.8),
                                                      archipel::test::z_cylinder(12, 4, 1.5, 5.0, 0.5),
                                                      archipel::test::z_cylinder(12, 4, 5.8, 5.0, 0.5)});
  for (const PartMeasurement& m : both_paths(beam, "beam")) {
    CAPTURE(path_name(m));
    REQUIRE(m.holes.size() == 1);
    const Hole& h = m.holes[0];
    CHECK(near(h.diameter_mm, 4.8, eps));
    CHECK(h.through);
    CHECK_FALSE(h.boss);
    CHECK(near(h.depth_mm, 7.8, eps));
    CHECK(close3(h.center_mm, {12, 4, 0}, eps));
    REQUIRE(h.features.size() == 2);
    check_feature(h.features[0], "groove", 5.0, 0.5, 1.5);
    check_feature(h.features[1], "groove", 5.0, 0.5, 5.8);
    // The fastener rule judges the narrowest through diameter: 4.8 mm is an M4 coarse clearance.
    const auto report = validate(m, grid("openstructures"));
    CHECK(report.rules.at(3).checked == 1);
    CHECK(report.holes.size() == 1);
    const auto doc = measurement_to_json(m);
    CHECK(doc["holes"][0]["features"].size() == 2);
    CHECK(doc["holes"][0]["features"][1]["kind"] == "groove");
  }
}

TEST_CASE("a counterbored hole is one through hole with a counterbore, both paths") {
  const TopoDS_Shape plate = cut_all(box(40, 30, 6), {archipel::test::z_cylinder(20, 15, -1, 5.5, 8),
                                                      archipel::test::z_cylinder(20, 15, 3, 10, 4)});
  for (const PartMeasurement& m : both_paths(plate, "counterbore")) {
    CAPTURE(path_name(m));
    REQUIRE(m.holes.size() == 1);
    const Hole& h = m.holes[0];
    CHECK(near(h.diameter_mm, 5.5, eps));
    CHECK(h.through);
    CHECK(near(h.depth_mm, 6, eps));
    CHECK(close3(h.center_mm, {20, 15, 0}, eps));
    CHECK(close3(h.axis, {0, 0, 1}, 1e-9));
    REQUIRE(h.features.size() == 1);
    check_feature(h.features[0], "counterbore", 10, 3, 3);
  }
}

TEST_CASE("a blind counterbored hole is entered at its counterbore") {
  const TopoDS_Shape plate = cut_all(box(40, 30, 8), {archipel::test::z_cylinder(20, 15, 2, 5.5, 7),
                                                      archipel::test::z_cylinder(20, 15, 6, 10, 3)});
  for (const PartMeasurement& m : both_paths(plate, "blind-counterbore")) {
    CAPTURE(path_name(m));
    REQUIRE(m.holes.size() == 1);
    const Hole& h = m.holes[0];
    CHECK(near(h.diameter_mm, 5.5, eps));
    CHECK_FALSE(h.through);
    CHECK(near(h.depth_mm, 6, eps));
    CHECK(close3(h.center_mm, {20, 15, 8}, eps));
    CHECK(close3(h.axis, {0, 0, -1}, 1e-9));
    REQUIRE(h.features.size() == 1);
    check_feature(h.features[0], "counterbore", 10, 2, 0);
  }
}

TEST_CASE("a countersink is a feature of its hole on the B-rep path") {
  const TopoDS_Shape cone =
      BRepPrimAPI_MakeCone(gp_Ax2(gp_Pnt(20, 15, 3.25), gp::DZ()), 2.75, 5.5, 2.75).Shape();
  const TopoDS_Shape plate =
      cut_all(box(40, 30, 6), {archipel::test::z_cylinder(20, 15, -1, 5.5, 8), cone});
  const auto paths = both_paths(plate, "countersink");
  const PartMeasurement& brep = paths[0];
  REQUIRE(brep.holes.size() == 1);
  CHECK(near(brep.holes[0].diameter_mm, 5.5, eps));
  CHECK(brep.holes[0].through);
  CHECK(near(brep.holes[0].depth_mm, 6, eps));
  REQUIRE(brep.holes[0].features.size() == 1);
  check_feature(brep.holes[0].features[0], "countersink", 11, 2.75, 3.25);
  // The mesh path fits the cone from its two rings of vertices: the same hole, the same feature.
  const PartMeasurement& mesh = paths[1];
  REQUIRE(mesh.holes.size() == 1);
  CHECK(near(mesh.holes[0].diameter_mm, 5.5, eps));
  CHECK(mesh.holes[0].through);
  CHECK(near(mesh.holes[0].depth_mm, 6, eps));
  REQUIRE(mesh.holes[0].features.size() == 1);
  check_feature(mesh.holes[0].features[0], "countersink", 11, 2.75, 3.25);
  CHECK(mesh.openings.empty());
}

TEST_CASE("a countersink entered from below, and a drill point, on both paths") {
  // A countersink at the bottom face (widening downwards) and a blind Ø4 hole with a 118° drill
  // point beside it: the countersink is a feature, the drill point is dropped.
  const TopoDS_Shape sink =
      BRepPrimAPI_MakeCone(gp_Ax2(gp_Pnt(10, 15, 0), gp::DZ()), 4.5, 2.25, 2.25).Shape();
  const double point = 2 / std::tan(59 * std::numbers::pi / 180);
  const TopoDS_Shape drill =
      BRepPrimAPI_MakeCone(gp_Ax2(gp_Pnt(30, 15, 6 - 3 - point), gp::DZ()), 0, 2, point).Shape();
  const TopoDS_Shape plate = cut_all(
      box(40, 30, 6), {archipel::test::z_cylinder(10, 15, -1, 4.5, 8),
                       archipel::test::z_cylinder(30, 15, 3, 4, 4), drill, sink});
  for (const PartMeasurement& m : both_paths(plate, "countersink-below")) {
    CAPTURE(path_name(m));
    REQUIRE(m.holes.size() == 2);
    const Hole& through = m.holes[0].through ? m.holes[0] : m.holes[1];
    const Hole& blind = m.holes[0].through ? m.holes[1] : m.holes[0];
    CHECK(near(through.diameter_mm, 4.5, eps));
    REQUIRE(through.features.size() == 1);
    CHECK(through.features[0].kind == "countersink");
    CHECK(near(through.features[0].diameter_mm, 9, eps));
    CHECK(near(through.features[0].depth_mm, 2.25, eps));
    CHECK(!blind.through);
    CHECK(near(blind.diameter_mm, 4, eps));
    CHECK(blind.features.empty());
    CHECK(m.openings.empty());
  }
}

TEST_CASE("two coaxial holes apart are two holes") {
  // A U profile: the same axis crosses two walls with air between them.
  const TopoDS_Shape channel =
      cut_all(box(40, 30, 20), {BRepPrimAPI_MakeBox(gp_Pnt(-1, -1, 4), 42, 32, 12).Shape(),
                                archipel::test::z_cylinder(20, 15, -1, 5.5, 22)});
  for (const PartMeasurement& m : both_paths(channel, "two-walls")) {
    CAPTURE(path_name(m));
    REQUIRE(m.holes.size() == 2);
    for (const Hole& h : m.holes) {
      CHECK(h.through);
      CHECK(near(h.depth_mm, 4, eps));
      CHECK(h.features.empty());
    }
  }
}

TEST_CASE("outlines are named: hexagons, squares, rectangles, slots") {
  const Tolerances tol;
  using detail::classify_outline;
  const auto hex = classify_outline(regular_polygon(6, 8 / std::sqrt(3.0), 10, 5, 0), tol);
  REQUIRE(hex);
  CHECK(hex->shape == "hexagon");
  CHECK(near(hex->width, 8, 1e-9));
  CHECK(near(hex->length, 16 / std::sqrt(3.0), 1e-9));
  CHECK(near(hex->centre[0], 10, 1e-9));
  CHECK(hex->sides == 6);
  const auto turned = classify_outline(regular_polygon(6, 5, 0, 0, 17), tol);
  REQUIRE(turned);
  CHECK(turned->shape == "hexagon");
  const auto square = classify_outline(regular_polygon(4, 4 * std::sqrt(2.0), 0, 0, 45), tol);
  REQUIRE(square);
  CHECK(square->shape == "square");
  CHECK(near(square->width, 8, 1e-9));
  const auto rect = classify_outline({{0, 0}, {12, 0}, {12, 5}, {6, 5}, {0, 5}}, tol);
  REQUIRE(rect);
  CHECK(rect->shape == "rectangle");
  CHECK(near(rect->width, 5, 1e-9));
  CHECK(near(rect->length, 12, 1e-9));
  CHECK(near(rect->direction[0], 1, 1e-9));
  std::vector<std::array<double, 2>> slot;  // 8 wide, 20 long, along y
  for (int i = 0; i <= 32; ++i) {
    const double a = std::numbers::pi * i / 32;
    slot.push_back({4 * std::cos(a), 6 + 4 * std::sin(a)});
  }
  for (int i = 0; i <= 32; ++i) {
    const double a = std::numbers::pi + std::numbers::pi * i / 32;
    slot.push_back({4 * std::cos(a), -6 + 4 * std::sin(a)});
  }
  const auto s = classify_outline(slot, tol);
  REQUIRE(s);
  CHECK(s->shape == "slot");
  CHECK(near(s->width, 8, 1e-6));
  CHECK(near(s->length, 20, 1e-6));
  CHECK(near(std::abs(s->direction[1]), 1, 1e-9));
  const auto triangle = classify_outline({{0, 0}, {10, 0}, {0, 10}}, tol);
  REQUIRE(triangle);
  CHECK(triangle->shape == "other");
  CHECK(triangle->sides == 3);
  CHECK_FALSE(classify_outline({{0, 0}, {1, 0}, {2, 0}}, tol));
}

TEST_CASE("the slotted OS plate: two slots on the grid, both paths") {
  // examples/manifests/os-plate-slotted: 80 x 40 x 3 mm, slots 8 mm wide, 12 mm long at the nodes.
  const TopoDS_Shape plate =
      cut_all(box(80, 40, 3), {archipel::test::rounded_prism(20, 20, 12, 8, 4, -1, 5),
                               archipel::test::rounded_prism(60, 20, 12, 8, 4, -1, 5)});
  for (const PartMeasurement& m : both_paths(plate, "slotted")) {
    CAPTURE(path_name(m));
    CHECK(m.holes.empty());
    REQUIRE(m.openings.size() == 2);
    for (int i = 0; i < 2; ++i) {
      const Opening& o = m.openings[static_cast<std::size_t>(i)];
      CHECK(o.shape == "slot");
      CHECK(near(o.width_mm, 8, eps));
      CHECK(near(o.length_mm, 12, eps));
      CHECK(near(o.depth_mm, 3, eps));
      CHECK(o.through);
      CHECK(o.sides == 2);
      CHECK(close3(o.center_mm, {20.0 + 40 * i, 20, 0}, eps));
      CHECK(close3(o.direction, {1, 0, 0}, 1e-6));
    }
    const auto report = validate(m, grid("openstructures"));
    CHECK(report.verdict == Verdict::conforms);
    CHECK(report.alignment.points_checked == 2);
    CHECK(report.alignment.points_on_grid == 2);
    REQUIRE(report.opening_fasteners.size() == 2);
    CHECK_FALSE(report.opening_fasteners[0].empty());
  }
}

TEST_CASE("a slot whose centre line is off the grid fails the assembly-point rule") {
  const TopoDS_Shape plate =
      cut_all(box(80, 40, 3), {archipel::test::rounded_prism(20, 20, 12, 8, 4, -1, 5),
                               archipel::test::rounded_prism(60, 21.5, 12, 8, 4, -1, 5)});
  for (const PartMeasurement& m : both_paths(plate, "slot-off")) {
    CAPTURE(path_name(m));
    REQUIRE(m.openings.size() == 2);
    const auto report = validate(m, grid("openstructures"));
    CHECK(report.verdict == Verdict::fails);
    const auto off = std::ranges::find_if(report.findings, [](const Finding& f) { return f.opening == 1; });
    REQUIRE(off != report.findings.end());
    CHECK(off->rule == "OS-B-assembly-point");
    CHECK(off->message ==
          "opening 2 (slot 8 x 12 mm, through) has its centre line at y 21.5 mm, off the 10 mm grid: "
          "nearest grid line y 20 mm, off by +1.5 mm");
    CHECK(report.openings.at(1) == HoleVerdict::error);
    CHECK(report.openings.at(0) == HoleVerdict::ok);
  }
}

TEST_CASE("a hexagonal nut trap under a through hole: M5 nut, both paths") {
  const TopoDS_Shape block =
      cut_all(box(30, 20, 10), {archipel::test::z_cylinder(15, 10, -1, 5.5, 12),
                                archipel::test::hexagon_prism(15, 10, 8.2, -1, 5)});
  for (const PartMeasurement& m : both_paths(block, "nut-trap")) {
    CAPTURE(path_name(m));
    REQUIRE(m.openings.size() == 1);
    const Opening& o = m.openings[0];
    CHECK(o.shape == "hexagon");
    CHECK(near(o.width_mm, 8.2, eps));
    CHECK(near(o.length_mm, 8.2 * 2 / std::sqrt(3.0), eps));
    CHECK_FALSE(o.through);
    CHECK(near(o.depth_mm, 4, eps));
    // The trap lightens the bottom: the frame turns the block over, the trap's mouth on top.
    CHECK(close3(o.center_mm, {15, 10, 10}, eps));
    CHECK(close3(o.axis, {0, 0, -1}, 1e-9));
    REQUIRE(m.holes.size() == 1);
    CHECK(m.holes[0].through);
    CHECK(near(m.holes[0].depth_mm, 6, eps));
    const auto report = validate(m, grid("openstructures"));
    REQUIRE(report.opening_fasteners.size() == 1);
    CHECK(report.opening_fasteners[0] == "M5 nut (8 mm across flats, ISO 4032)");
    const auto note = std::ranges::find(report.findings, std::string("opening.nut-trap"), &Finding::rule);
    REQUIRE(note != report.findings.end());
    CHECK(note->severity == "info");
    CHECK(note->message ==
          "opening 1 (hexagon 8.2 mm across flats, blind) is a nut trap for an M5 nut (8 mm across "
          "flats, ISO 4032)");
  }
}

TEST_CASE("a square hole is reported and warned about, never passed over, both paths") {
  const TopoDS_Shape plate =
      cut_all(box(40, 40, 3), {BRepPrimAPI_MakeBox(gp_Pnt(16, 16, -1), 8, 8, 5).Shape()});
  for (const PartMeasurement& m : both_paths(plate, "square")) {
    CAPTURE(path_name(m));
    REQUIRE(m.openings.size() == 1);
    const Opening& o = m.openings[0];
    CHECK(o.shape == "square");
    CHECK(near(o.width_mm, 8, eps));
    CHECK(near(o.length_mm, 8, eps));
    CHECK(o.through);
    CHECK(close3(o.center_mm, {20, 20, 0}, eps));
    const auto report = validate(m, grid("openstructures"));
    CHECK(report.verdict == Verdict::conforms_with_warnings);
    const auto warnings = validation_warnings(report, m);
    REQUIRE(warnings.size() == (m.kind == GeometryKind::brep ? 1u : 1u));
    CHECK(warnings.back().rule == "opening.unjudged");
    CHECK(warnings.back().message ==
          "opening 1 (square 8 x 8 mm, through) at x 20, y 20, z 0 mm: no rule of OpenStructures "
          "judges a square opening");
  }
}

TEST_CASE("a bin's cavity and a baseplate's cells are not openings") {
  for (const PartMeasurement& m : both_paths(archipel::test::gridfinity_bin(2, 1, 3), "bin")) {
    CAPTURE(path_name(m));
    CHECK(m.openings.empty());
  }
  for (const PartMeasurement& m : both_paths(archipel::test::gridfinity_baseplate(2, 1), "baseplate")) {
    CAPTURE(path_name(m));
    CHECK(m.openings.empty());
  }
}

TEST_CASE("an angle bracket has the thickness of its walls, both paths; a block has none") {
  // The L profile of examples/parts/os-bracket-l: base along y, upright at y = 0, 3 mm walls.
  const TopoDS_Shape angle = cut_all(box(40, 40, 40), {BRepPrimAPI_MakeBox(gp_Pnt(-1, 3, 3), 42, 38, 38).Shape()});
  for (const PartMeasurement& m : both_paths(angle, "angle")) {
    CAPTURE(path_name(m));
    REQUIRE(m.thickness_mm);
    CHECK(near(*m.thickness_mm, 3, eps));
    CHECK(near(m.size_mm[2], 40, eps));
    // Not a sheet: its 40 mm height is still a grid dimension.
    const auto report = validate(m, grid("openstructures"));
    CHECK(report.rules.at(0).checked == 3);
  }
  for (const PartMeasurement& m : both_paths(box(40, 30, 20), "block")) {
    CAPTURE(path_name(m));
    CHECK_FALSE(m.thickness_mm);
  }
}

TEST_CASE("an IGES file of surfaces yields its holes") {
  const TopoDS_Shape plate = cut_all(box(80, 40, 4), {archipel::test::z_cylinder(20, 20, -1, 5.5, 6),
                                                      archipel::test::z_cylinder(60, 20, -1, 5.5, 6)});
  TempDir dir;
  auto m = measure_file_in_process(archipel::test::write_iges(plate, dir / "surfaces.igs", 0));
  REQUIRE(m);
  CHECK(m->warnings == std::vector<Warning>{{"brep.sewn", "the file holds surfaces, not solids; they were sewn into a solid"}});
  REQUIRE(m->holes.size() == 2);
  for (const Hole& h : m->holes) {
    CHECK(near(h.diameter_mm, 5.5, eps));
    CHECK(h.through);
    CHECK(near(h.depth_mm, 4, eps));
  }
}
