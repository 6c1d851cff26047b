// The OpenCASCADE path: example parts measured exactly, invariance under rotation and
// translation, units, hole kinds, and every kind of bad file.
#include <doctest/doctest.h>

#include <cmath>
#include <numbers>
#include <random>

#include <BRepAdaptor_Curve.hxx>
#include <BRepAlgoAPI_Cut.hxx>
#include <BRepBuilderAPI_GTransform.hxx>
#include <BRepFilletAPI_MakeFillet.hxx>
#include <BRepAlgoAPI_Fuse.hxx>
#include <BRepPrimAPI_MakeBox.hxx>
#include <BRepPrimAPI_MakeCone.hxx>
#include <BRepPrimAPI_MakeCylinder.hxx>
#include <BRepPrimAPI_MakeSphere.hxx>
#include <TopExp_Explorer.hxx>
#include <TopoDS.hxx>
#include <gp_Ax2.hxx>
#include <gp_GTrsf.hxx>

#include "archipel/core/geometry.hpp"
#include "archipel/core/materials.hpp"
#include "example_parts.hpp"
#include "occt_fixtures.hpp"

using namespace archipel::core;
using archipel::test::TempDir;
namespace fs = std::filesystem;

namespace {

constexpr double pi = std::numbers::pi;
constexpr double eps = 1e-3;  // the precision the measurements are promised to

const fs::path parts_dir = fs::path(ARCHIPEL_SOURCE_DIR) / "examples" / "parts";

struct ExpectedHole {
  double diameter, x, y, z;
  Vec3 axis;
  double depth;
  bool through, boss;
};

PartMeasurement measure(const fs::path& path, const MeasureOptions& options = {}) {
  auto m = measure_file(path, options);
  if (!m) FAIL("measure_file failed: " << m.error().to_string());
  return *m;
}

bool close(const Vec3& a, const Vec3& b, double tol) {
  return near(a[0], b[0], tol) && near(a[1], b[1], tol) && near(a[2], b[2], tol);
}

void check_vec(const Vec3& got, const Vec3& want) { CHECK(close(got, want, eps)); }

void check_holes(const std::vector<Hole>& got, const std::vector<ExpectedHole>& want) {
  REQUIRE(got.size() == want.size());
  for (std::size_t i = 0; i < got.size(); ++i) {
    CAPTURE(i);
    CHECK(near(got[i].diameter_mm, want[i].diameter, eps));
    CHECK(close(got[i].center_mm, {want[i].x, want[i].y, want[i].z}, eps));
    CHECK(close(got[i].axis, want[i].axis, 1e-6));
    CHECK(near(got[i].depth_mm, want[i].depth, eps));
    CHECK(got[i].through == want[i].through);
    CHECK(got[i].boss == want[i].boss);
  }
}

void check_same(const PartMeasurement& a, const PartMeasurement& b) {
  CHECK(close(a.size_mm, b.size_mm, eps));
  CHECK(near(a.volume_mm3, b.volume_mm3, eps));
  CHECK(a.thickness_mm.has_value() == b.thickness_mm.has_value());
  REQUIRE(a.holes.size() == b.holes.size());
  for (std::size_t i = 0; i < a.holes.size(); ++i) {
    CAPTURE(i);
    CHECK(near(a.holes[i].diameter_mm, b.holes[i].diameter_mm, eps));
    CHECK(close(a.holes[i].center_mm, b.holes[i].center_mm, eps));
    CHECK(close(a.holes[i].axis, b.holes[i].axis, 1e-6));
    CHECK(near(a.holes[i].depth_mm, b.holes[i].depth_mm, eps));
    CHECK(a.holes[i].through == b.holes[i].through);
    CHECK(a.holes[i].boss == b.holes[i].boss);
  }
}

const Vec3 up{0, 0, 1};
const double hole55 = pi * 2.75 * 2.75;  // cross-section of a Ø5.5 hole

}  // namespace

TEST_CASE("os-plate-120x40: size, volume, 12 through holes on the 20 mm sub-grid") {
  const auto m = measure(parts_dir / "os-plate-120x40" / "os-plate-120x40.step");
  CHECK(m.format == GeometryFormat::step);
  CHECK(m.source_unit == "mm");
  CHECK(close(m.size_mm, {120, 40, 3}, eps));
  CHECK(near(m.volume_mm3, 120 * 40 * 3 - 12 * hole55 * 3, eps));
  REQUIRE(m.thickness_mm);
  CHECK(near(*m.thickness_mm, 3, eps));
  CHECK(m.face_count == 18);
  CHECK(m.frame.method == "file-axes");  // drawn on the axes: no frame has a smaller box
  std::vector<ExpectedHole> want;
  for (double x = 10; x < 120; x += 20)
    for (double y : {10.0, 30.0}) want.push_back({5.5, x, y, 0, up, 3, true, false});
  check_holes(m.holes, want);
}

TEST_CASE("os-bracket-l: 40 mm cube envelope, 2 holes in the base and 4 in the upright") {
  const auto m = measure(parts_dir / "os-bracket-l" / "os-bracket-l.step");
  CHECK(close(m.size_mm, {40, 40, 40}, eps));
  CHECK(near(m.volume_mm3, (40 * 3 + 37 * 3) * 40 - 6 * hole55 * 3, eps));
  REQUIRE(m.thickness_mm);  // an angle of 3 mm walls, not a sheet: its height is 40 mm
  CHECK(near(*m.thickness_mm, 3, eps));
  check_vec(m.frame.origin, {0, 0, 0});
  const Vec3 y{0, 1, 0};
  check_holes(m.holes, {{5.5, 10, 0, 10, y, 3, true, false},
                        {5.5, 10, 0, 30, y, 3, true, false},
                        {5.5, 10, 30, 0, up, 3, true, false},
                        {5.5, 30, 0, 10, y, 3, true, false},
                        {5.5, 30, 0, 30, y, 3, true, false},
                        {5.5, 30, 30, 0, up, 3, true, false}});
}

TEST_CASE("os-disc-d120: bolt circle 4 x Ø5.5 on Ø80, Ø20 centre hole, Ø120 outline as a boss") {
  const auto m = measure(parts_dir / "os-disc-d120" / "os-disc-d120.step");
  CHECK(close(m.size_mm, {120, 120, 4}, eps));
  CHECK(near(m.volume_mm3, pi * (60 * 60 - 4 * 2.75 * 2.75 - 10 * 10) * 4, eps));
  CHECK(m.frame.method == "planar-faces+holes");
  check_holes(m.holes, {{5.5, 20, 60, 0, up, 4, true, false},
                        {5.5, 60, 20, 0, up, 4, true, false},
                        {20, 60, 60, 0, up, 4, true, false},
                        {120, 60, 60, 0, up, 4, false, true},
                        {5.5, 60, 100, 0, up, 4, true, false},
                        {5.5, 100, 60, 0, up, 4, true, false}});
}

TEST_CASE("off-grid-plate: 73 x 41 x 3 with holes 7.5 mm from the edges") {
  const auto m = measure(parts_dir / "off-grid-plate" / "off-grid-plate.step");
  CHECK(close(m.size_mm, {73, 41, 3}, eps));
  CHECK(near(m.volume_mm3, 73 * 41 * 3 - 5 * hole55 * 3, eps));
  check_holes(m.holes, {{5.5, 7.5, 7.5, 0, up, 3, true, false},
                        {5.5, 7.5, 33.5, 0, up, 3, true, false},
                        {5.5, 50.5, 33.5, 0, up, 3, true, false},
                        {5.5, 65.5, 7.5, 0, up, 3, true, false},
                        {5.5, 65.5, 33.5, 0, up, 3, true, false}});
}

TEST_CASE("gridfinity-1x1-foot: four blind magnet holes 26 mm apart") {
  const auto m = measure(parts_dir / "gridfinity-1x1-foot" / "gridfinity-1x1-foot.step");
  CHECK(close(m.size_mm, {41.5, 41.5, 7}, eps));
  CHECK(near(m.volume_mm3, 41.5 * 41.5 * 7 - 4 * pi * 3.25 * 3.25 * 2.4, eps));
  // The magnet holes lighten the bottom, so the frame turns the foot over: they open at z = 7.
  const Vec3 down{0, 0, -1};
  check_holes(m.holes, {{6.5, 7.75, 7.75, 7, down, 2.4, false, false},
                        {6.5, 7.75, 33.75, 7, down, 2.4, false, false},
                        {6.5, 33.75, 7.75, 7, down, 2.4, false, false},
                        {6.5, 33.75, 33.75, 7, down, 2.4, false, false}});
}

TEST_CASE("every example part measures the same rotated 30° about any axis and moved far away") {
  TempDir dir;
  const std::vector<std::pair<gp_Dir, gp_Vec>> moves{{gp_Dir(1, 0, 0), gp_Vec(0, 0, 0)},
                                                      {gp_Dir(0, 1, 0), gp_Vec(5000, 0, 0)},
                                                      {gp_Dir(0, 0, 1), gp_Vec(0, -800, 0)},
                                                      {gp_Dir(1, 2, 3), gp_Vec(1234.5, -6789, 1e4)}};
  for (const auto& part : archipel::examples::example_parts()) {
    CAPTURE(part.name);
    const auto reference = measure(archipel::test::write_step(part.shape, dir / (part.name + ".step")));
    for (std::size_t k = 0; k < moves.size(); ++k) {
      CAPTURE(k);
      gp_Trsf rotation, translation;
      rotation.SetRotation(gp_Ax1(gp_Pnt(3, 4, 5), moves[k].first), pi / 6);
      translation.SetTranslation(moves[k].second);
      const auto path = dir / (part.name + "-" + std::to_string(k) + ".step");
      archipel::test::write_step(archipel::test::moved(part.shape, translation * rotation), path);
      check_same(measure(path), reference);
    }
  }
}

TEST_CASE("an inch STEP file measures in inches x 25.4") {
  TempDir dir;
  const TopoDS_Shape plate = archipel::examples::drilled_plate(120, 40, 3, 5.5, {{10, 10}});
  gp_Trsf to_inch, to_m;
  to_inch.SetScaleFactor(1 / 25.4);
  to_m.SetScaleFactor(1e-3);
  const auto path =
      archipel::test::write_step(archipel::test::moved(plate, to_inch), dir / "inch.step", "INCH");
  std::ifstream in(path);
  const std::string text(std::istreambuf_iterator<char>(in), {});
  CHECK(text.find("CONVERSION_BASED_UNIT('INCH'") != std::string::npos);
  CHECK(text.find("4.72440944") != std::string::npos);  // 120 mm written as inches
  const auto m = measure(path);
  CHECK(m.source_unit == "inch");
  CHECK(close(m.size_mm, {120, 40, 3}, 1e-6));
  REQUIRE(m.holes.size() == 1);
  CHECK(near(m.holes[0].diameter_mm, 5.5, 1e-6));
  const auto metres =
      measure(archipel::test::write_step(archipel::test::moved(plate, to_m), dir / "m.step", "M"));
  CHECK(metres.source_unit == "m");
  CHECK(close(metres.size_mm, {120, 40, 3}, 1e-6));
}

// IGES surface models write cylinders as surfaces of revolution: sizes and volumes survive the
// sewing, holes are only found on IGES solids (brep mode 1).
TEST_CASE("IGES solids and IGES surfaces (sewn into a solid) measure like STEP") {
  TempDir dir;
  const auto shape = archipel::examples::drilled_plate(80, 40, 4, 5.5, {{10, 10}, {70, 30}});
  for (int brep_mode : {1, 0}) {
    CAPTURE(brep_mode);
    const auto m = measure(archipel::test::write_iges(shape, dir / "p.igs", brep_mode));
    CHECK(m.format == GeometryFormat::iges);
    CHECK(m.source_unit == "mm");
    CHECK(close(m.size_mm, {80, 40, 4}, eps));
    CHECK(near(m.volume_mm3, 80 * 40 * 4 - 2 * hole55 * 4, 1e-2));
    if (brep_mode == 0) {
      CHECK(m.warnings == std::vector<Warning>{{"brep.sewn", "the file holds surfaces, not solids; they were sewn into a solid"}});
      continue;
    }
    REQUIRE(m.holes.size() == 2);
    CHECK(m.holes[0].through);
  }
  const auto inch = measure(archipel::test::write_iges(shape, dir / "in.igs", 1, "IN"));
  CHECK(inch.source_unit == "inch");
  CHECK(close(inch.size_mm, {80, 40, 4}, eps));
}

TEST_CASE("BREP has no unit: millimetres with a warning, or the declared unit") {
  TempDir dir;
  const auto path = archipel::test::write_brep(BRepPrimAPI_MakeBox(10, 20, 2).Shape(), dir / "b.brep");
  const auto mm = measure(path);
  CHECK(mm.format == GeometryFormat::brep);
  CHECK(close(mm.size_mm, {20, 10, 2}, 1e-6));
  CHECK(mm.warnings == std::vector<Warning>{{"units.assumed", "BREP has no unit; millimetres assumed"}});
  MeasureOptions inch;
  inch.unit = LengthUnit::inch;
  const auto in = measure(path, inch);
  CHECK(in.source_unit == "inch");
  CHECK(close(in.size_mm, {508, 254, 50.8}, 1e-6));
  CHECK(in.warnings.empty());
}

TEST_CASE("holes: blind with a drill point, counterbore, boss, and fillet-like partial cylinders") {
  TempDir dir;
  TopoDS_Shape block = BRepPrimAPI_MakeBox(60, 40, 20).Shape();
  // A Ø8 hole 10 deep with a 118° drill point, entering from the top at (15, 20).
  const double r = 4, cone = r / std::tan(59.0 * pi / 180);
  TopoDS_Shape drill = BRepPrimAPI_MakeCylinder(gp_Ax2(gp_Pnt(15, 20, 10), gp_Dir(0, 0, 1)), r, 11).Shape();
  drill = BRepAlgoAPI_Fuse(drill, BRepPrimAPI_MakeCone(gp_Ax2(gp_Pnt(15, 20, 10), gp_Dir(0, 0, -1)), r, 0, cone).Shape()).Shape();
  block = BRepAlgoAPI_Cut(block, drill).Shape();
  // A counterbored Ø6.6 through hole at (45, 20): Ø11 × 6 deep from the top.
  block = BRepAlgoAPI_Cut(block, BRepPrimAPI_MakeCylinder(gp_Ax2(gp_Pnt(45, 20, -1), gp_Dir(0, 0, 1)), 3.3, 22).Shape()).Shape();
  block = BRepAlgoAPI_Cut(block, BRepPrimAPI_MakeCylinder(gp_Ax2(gp_Pnt(45, 20, 14), gp_Dir(0, 0, 1)), 5.5, 7).Shape()).Shape();
  // A Ø10 pin standing 5 mm under the block, at (30, 20).
  block = BRepAlgoAPI_Fuse(block, BRepPrimAPI_MakeCylinder(gp_Ax2(gp_Pnt(30, 20, -5), gp_Dir(0, 0, 1)), 5, 5.5).Shape()).Shape();
  const auto m = measure(archipel::test::write_step(block, dir / "holes.step"));
  CHECK(close(m.size_mm, {60, 40, 25}, eps));
  // The holes lighten the top, so the frame turns the block over: the top is at z = 0 and
  // the pin stands on z = 20..25. Holes point from their mouth into the material.
  // The counterbored hole is one through hole of its narrow diameter, the counterbore its feature.
  check_holes(m.holes, {{8, 15, 20, 0, up, 10, false, false},
                        {10, 30, 20, 20, up, 5, false, true},
                        {6.6, 45, 20, 0, up, 20, true, false}});
  REQUIRE(m.holes[2].features.size() == 1);
  CHECK(m.holes[2].features[0].kind == "counterbore");
  CHECK(near(m.holes[2].features[0].diameter_mm, 11, eps));
  CHECK(near(m.holes[2].features[0].depth_mm, 6, eps));
  CHECK(near(m.holes[2].features[0].offset_mm, 0, eps));
  CHECK(m.holes[0].features.empty());
}

TEST_CASE("rounded corners (quarter cylinders) are neither holes nor bosses") {
  TempDir dir;
  TopoDS_Shape plate = archipel::examples::drilled_plate(80, 40, 4, 6.6, {{20, 20}});
  BRepFilletAPI_MakeFillet fillet(plate);
  for (TopExp_Explorer it(plate, TopAbs_EDGE); it.More(); it.Next()) {
    BRepAdaptor_Curve curve(TopoDS::Edge(it.Current()));
    if (curve.GetType() == GeomAbs_Line && curve.Line().Direction().IsParallel(gp_Dir(0, 0, 1), 1e-9))
      fillet.Add(5, TopoDS::Edge(it.Current()));
  }
  gp_Trsf turn;
  turn.SetRotation(gp_Ax1(gp_Pnt(0, 0, 0), gp_Dir(1, 1, 1)), pi / 6);
  const auto m = measure(archipel::test::write_step(archipel::test::moved(fillet.Shape(), turn), dir / "r.step"));
  CHECK(close(m.size_mm, {80, 40, 4}, eps));
  CHECK(near(m.volume_mm3, (80 * 40 - 4 * (25 - pi * 25 / 4) - pi * 3.3 * 3.3) * 4, 1e-3));
  // The hole lightens the x < 40 half, so the frame puts it at x = 60.
  check_holes(m.holes, {{6.6, 60, 20, 0, up, 4, true, false}});
}

TEST_CASE("a part with no planar face keeps the file's axes when no frame has a smaller box") {
  TempDir dir;
  gp_Trsf squash;
  squash.SetRotation(gp_Ax1(gp_Pnt(0, 0, 0), gp_Dir(1, 1, 0)), pi / 6);
  const TopoDS_Shape ball = BRepPrimAPI_MakeSphere(gp_Pnt(100, 0, 0), 10).Shape();
  const auto m = measure(archipel::test::write_step(archipel::test::moved(ball, squash), dir / "s.step"));
  CHECK(m.frame.method == "file-axes");
  CHECK(close(m.size_mm, {20, 20, 20}, eps));
  CHECK(near(m.volume_mm3, 4.0 / 3 * pi * 1000, 1e-2));
}

TEST_CASE("a tilted ellipsoid is measured along its principal axes") {
  TempDir dir;
  gp_GTrsf stretch;  // a sphere of radius 10 stretched to semi-axes 30, 15 and 10
  stretch.SetValue(1, 1, 3);
  stretch.SetValue(2, 2, 1.5);
  const TopoDS_Shape egg = BRepBuilderAPI_GTransform(BRepPrimAPI_MakeSphere(10).Shape(), stretch, true).Shape();
  gp_Trsf turn;
  turn.SetRotation(gp_Ax1(gp_Pnt(0, 0, 0), gp_Dir(1, 2, 3)), pi / 5);
  const auto m = measure(archipel::test::write_step(archipel::test::moved(egg, turn), dir / "egg.step"));
  CHECK(m.frame.method.starts_with("principal-axes"));
  CHECK(close(m.size_mm, {60, 30, 20}, 0.02));
  CHECK(near(m.volume_mm3, 4.0 / 3 * pi * 30 * 15 * 10, 20));  // a B-spline approximation
}

TEST_CASE("mass from the material table; unknown materials warn") {
  CHECK(material_density("steel") == 7.85);
  CHECK(material_density("Aluminum") == 2.70);
  CHECK(material_density("PETG") == 1.27);
  CHECK_FALSE(material_density("unobtainium"));
  CHECK(material_names().size() == 11);
  MeasureOptions options;
  options.material = "aluminium";
  const auto m = measure(parts_dir / "os-plate-120x40" / "os-plate-120x40.step", options);
  REQUIRE(m.mass_g);
  CHECK(near(*m.mass_g, (120 * 40 * 3 - 12 * hole55 * 3) / 1000 * 2.70, 1e-6));
  options.material = "unobtainium";
  const auto unknown = measure(parts_dir / "os-plate-120x40" / "os-plate-120x40.step", options);
  CHECK_FALSE(unknown.mass_g);
  CHECK(unknown.warnings == std::vector<Warning>{{"material.unknown", "unknown material \"unobtainium\"; no mass computed"}});
}

TEST_CASE("bad files give one io error naming the file, never a crash") {
  TempDir dir;
  using archipel::test::write_bytes;
  const std::string plate_step = [&] {
    std::ifstream in(parts_dir / "os-plate-120x40" / "os-plate-120x40.step", std::ios::binary);
    return std::string(std::istreambuf_iterator<char>(in), {});
  }();
  std::mt19937 random(42);
  std::string noise(20000, '\0');
  for (char& c : noise) c = static_cast<char>(random() & 0xff);
  const std::string iges_head =
      std::string(72, ' ') + "S      1\n" + "1H,,1H;,4Hjunk" + std::string(58, ' ') + "G      1\n";
  const std::vector<std::pair<std::string, std::string>> cases{
      {"empty.step", ""},
      {"random.step", noise},
      {"truncated.step", plate_step.substr(0, plate_step.size() * 3 / 5)},
      {"header-then-noise.step", "ISO-10303-21;\nHEADER;\n" + noise},
      {"no-shapes.step",
       "ISO-10303-21;\nHEADER;\nFILE_DESCRIPTION(('x'),'2;1');\nFILE_NAME('x','',(''),(''),'','','');\n"
       "FILE_SCHEMA(('AUTOMOTIVE_DESIGN'));\nENDSEC;\nDATA;\nENDSEC;\nEND-ISO-10303-21;\n"},
      {"garbage.igs", iges_head + noise},
      {"garbage.brep", "CASCADE Topology V1, (c) Matra-Datavision\n" + noise},
  };
  for (const auto& [name, bytes] : cases) {
    CAPTURE(name);
    const auto path = write_bytes(dir / name, bytes);
    const auto m = measure_file(path);
    REQUIRE_FALSE(m);
    CHECK(m.error().code == Errc::io);
    CHECK(m.error().origin == path.string());
    CHECK(m.error().message.find('\n') == std::string::npos);
  }
  const auto missing = measure_file(dir / "missing.step");
  REQUIRE_FALSE(missing);
  CHECK(missing.error().code == Errc::io);
}

TEST_CASE("a file over the size limit is refused before it is read") {
  MeasureOptions options;
  options.max_bytes = 1000;
  const auto path = parts_dir / "os-plate-120x40" / "os-plate-120x40.step";
  const auto m = measure_file(path, options);
  REQUIRE_FALSE(m);
  CHECK(m.error().code == Errc::io);
  CHECK(m.error().message.starts_with("file is too large ("));
}
