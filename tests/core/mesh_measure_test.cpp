// The Assimp mesh path of measure_file: fixtures built in code (OpenCASCADE primitives,
// tessellated at 0.01 mm) and written in every mesh format.
#include <doctest/doctest.h>

#include <cmath>
#include <numbers>
#include <random>

#include "archipel/core/geometry.hpp"
#include "mesh_fixtures.hpp"

using namespace archipel::core;
using namespace archipel::test;
namespace fs = std::filesystem;

namespace {

constexpr double pi = std::numbers::pi;
// The plate's exact volume; its tessellation (inscribed polygons, 0.01 mm deflection) adds at
// most perimeter x deflection x depth for each hole: 1.64 mm3 in all.
constexpr double plate_volume = 80.0 * 40 * 4 - 2 * pi * 2.5 * 2.5 * 4 - pi * 3 * 3 * 2;
constexpr double plate_volume_slack = 1.7;
const std::string unit_warning =
    "STL has no unit; millimetres assumed (declare it with --unit or the manifest's files[].unit)";

const Soup& plate() {
  static const Soup soup = plate_with_holes();
  return soup;
}

PartMeasurement measure_ok(const fs::path& path, const MeasureOptions& options = {}) {
  auto m = measure_file(path, options);
  if (!m) FAIL(m.error().to_string());
  return *m;
}

void check_hole(const Hole& h, double d, const Vec3& c, const Vec3& axis, double depth,
                bool through, double tol = 0.002) {
  CHECK(std::abs(h.diameter_mm - d) <= tol);
  for (int i = 0; i < 3; ++i) {
    CHECK(std::abs(h.center_mm[i] - c[i]) <= tol);
    CHECK(std::abs(h.axis[i] - axis[i]) <= 1e-6);
  }
  CHECK(std::abs(h.depth_mm - depth) <= tol);
  CHECK(h.through == through);
  CHECK_FALSE(h.boss);
}

// The plate's measurement, whatever the format it was written in.
void check_plate(const PartMeasurement& m, double tol = 0.002, const std::string& method = "file-axes") {
  CHECK(std::abs(m.size_mm[0] - 80) <= tol);
  CHECK(std::abs(m.size_mm[1] - 40) <= tol);
  CHECK(std::abs(m.size_mm[2] - 4) <= tol);
  REQUIRE(m.thickness_mm.has_value());
  CHECK(std::abs(*m.thickness_mm - 4) <= tol);
  CHECK(m.volume_mm3 >= plate_volume - 0.05);
  CHECK(m.volume_mm3 <= plate_volume + plate_volume_slack);
  CHECK(m.frame.method == method);
  CHECK(m.kind == GeometryKind::mesh);
  REQUIRE(m.holes.size() == 3);
  check_hole(m.holes[0], 5, {10, 10, 0}, {0, 0, 1}, 4, true, tol);
  check_hole(m.holes[1], 6, {40, 20, 4}, {0, 0, -1}, 2, false, tol);
  check_hole(m.holes[2], 5, {70, 30, 0}, {0, 0, 1}, 4, true, tol);
}

}  // namespace

TEST_CASE("a binary STL plate: box, volume, thickness, holes and the unit warning") {
  const auto dir = fresh_dir("mesh-binary");
  const auto m = measure_ok(write_binary_stl(plate(), dir / "plate.stl"));
  check_plate(m);
  CHECK(m.format == GeometryFormat::stl);
  CHECK(m.source_unit == "mm");
  CHECK(m.triangle_count == plate().size());
  REQUIRE(m.warnings.size() == 1);
  CHECK(m.warnings[0] == Warning{"units.assumed", unit_warning});
  CHECK(std::abs(m.frame.origin[0]) < 1e-4);
  CHECK(m.frame.z_axis[2] == doctest::Approx(1.0));
}

TEST_CASE("ASCII STL, OBJ and PLY measure the same plate") {
  const auto dir = fresh_dir("mesh-formats");
  const auto stl = measure_ok(write_ascii_stl(plate(), dir / "plate.stl"));
  check_plate(stl);
  const auto obj = measure_ok(write_obj(plate(), dir / "plate.obj"));
  check_plate(obj);
  CHECK(obj.format == GeometryFormat::obj);
  CHECK(obj.warnings.at(0).message.starts_with("OBJ has no unit; millimetres assumed"));
  CHECK(obj.warnings.at(0).rule == "units.assumed");
  const auto ply = measure_ok(write_ply(plate(), dir / "plate.ply"));
  check_plate(ply);
  CHECK(ply.format == GeometryFormat::ply);
  CHECK(ply.triangle_count == plate().size());
}

TEST_CASE("a box measures exactly and is closed") {
  const auto dir = fresh_dir("mesh-box");
  const auto m = measure_ok(write_binary_stl(box(30, 20, 10), dir / "box.stl"));
  CHECK(m.size_mm[0] == doctest::Approx(30).epsilon(1e-9));
  CHECK(m.size_mm[1] == doctest::Approx(20).epsilon(1e-9));
  CHECK(m.size_mm[2] == doctest::Approx(10).epsilon(1e-9));
  CHECK(m.volume_mm3 == doctest::Approx(6000).epsilon(1e-9));
  CHECK_FALSE(m.thickness_mm.has_value());
  CHECK(m.holes.empty());
  CHECK(m.triangle_count == 12);
}

TEST_CASE("a rotated and translated copy measures the same") {
  const auto dir = fresh_dir("mesh-moved");
  const Soup rotated_z = moved(plate(), {0, 0, 1}, 30, {500, -300, 200});
  check_plate(measure_ok(write_binary_stl(rotated_z, dir / "z30.stl")), 0.003, "planar-faces");
  const Soup tilted = moved(plate(), {1, 2, 3}, 30, {-250, 120, 75});
  const auto m = measure_ok(write_ascii_stl(tilted, dir / "tilted.stl"));
  check_plate(m, 0.003, "planar-faces");
  CHECK(std::abs(m.frame.origin[0]) > 100);  // the frame was found where the part is
}

TEST_CASE("a washer: the outer round boundary is a boss, the centre a through hole") {
  const auto dir = fresh_dir("mesh-washer");
  const auto m = measure_ok(write_binary_stl(washer(), dir / "washer.stl"));
  CHECK(m.size_mm[0] == doctest::Approx(30).epsilon(1e-4));
  CHECK(std::abs(m.size_mm[1] - 30) <= 0.011);  // a polygon: its extent between vertices is smaller
  CHECK(m.size_mm[2] == doctest::Approx(3).epsilon(1e-4));
  CHECK(m.frame.method == "planar-faces+file-axes");
  REQUIRE(m.holes.size() == 2);
  const Hole& outer = m.holes[0].boss ? m.holes[0] : m.holes[1];
  const Hole& inner = m.holes[0].boss ? m.holes[1] : m.holes[0];
  CHECK(outer.boss);
  CHECK(outer.diameter_mm == doctest::Approx(30).epsilon(1e-4));
  CHECK_FALSE(outer.through);
  CHECK(inner.diameter_mm == doctest::Approx(8).epsilon(1e-4));
  CHECK(inner.through);
  CHECK(inner.center_mm[0] == doctest::Approx(15).epsilon(1e-4));
  CHECK(std::abs(inner.center_mm[1] - 15) <= 0.011);
}

TEST_CASE("a pin standing on a plate is a boss from its base up") {
  const auto dir = fresh_dir("mesh-pin");
  const auto m = measure_ok(write_binary_stl(plate_with_pin(), dir / "pin.stl"));
  CHECK(m.size_mm[2] == doctest::Approx(8).epsilon(1e-6));
  REQUIRE(m.holes.size() == 1);
  const Hole& pin = m.holes[0];
  CHECK(pin.boss);
  CHECK(pin.diameter_mm == doctest::Approx(6).epsilon(1e-4));
  CHECK(pin.depth_mm == doctest::Approx(5).epsilon(1e-4));
  CHECK(pin.center_mm[2] == doctest::Approx(3).epsilon(1e-6));
  CHECK(pin.axis[2] == doctest::Approx(1));
  CHECK_FALSE(pin.through);
}

// What the B-rep and mesh paths must agree on, within Tolerances::path_agreement_mm.
void check_agreement(const PartMeasurement& brep, const PartMeasurement& mesh) {
  const double tol = default_tolerances.path_agreement_mm;
  for (int i = 0; i < 3; ++i) {
    CHECK(std::abs(brep.size_mm[i] - mesh.size_mm[i]) <= tol);
    CHECK(std::abs(brep.frame.x_axis[i] - mesh.frame.x_axis[i]) <= 1e-3);
    CHECK(std::abs(brep.frame.z_axis[i] - mesh.frame.z_axis[i]) <= 1e-3);
    CHECK(std::abs(brep.frame.origin[i] - mesh.frame.origin[i]) <= tol);
  }
  CHECK(brep.thickness_mm.has_value() == mesh.thickness_mm.has_value());
  // Volumes differ by the chords of the tessellated circles.
  CHECK(std::abs(brep.volume_mm3 - mesh.volume_mm3) <= 5e-4 * brep.volume_mm3);
  REQUIRE(brep.holes.size() == mesh.holes.size());
  for (std::size_t i = 0; i < brep.holes.size(); ++i) {
    const Hole& b = brep.holes[i];
    const Hole& m = mesh.holes[i];
    CHECK(std::abs(b.diameter_mm - m.diameter_mm) <= tol);
    CHECK(std::abs(b.depth_mm - m.depth_mm) <= tol);
    for (int k = 0; k < 3; ++k) {
      CHECK(std::abs(b.center_mm[k] - m.center_mm[k]) <= tol);
      CHECK(std::abs(b.axis[k] - m.axis[k]) <= 1e-6);
    }
    CHECK(b.through == m.through);
    CHECK(b.boss == m.boss);
  }
}

// The two paths measure one shape: an OpenCASCADE BREP file and its tessellation as an STL.
void check_paths_agree(Part part, const Placement& placement, const std::string& name) {
  INFO(name);
  const auto dir = fresh_dir("mesh-agree-" + name);
  const auto brep = measure_ok(write_brep(part, placement, dir / (name + ".brep")));
  const auto mesh = measure_ok(write_binary_stl(tessellated(part, placement), dir / (name + ".stl")));
  CHECK(brep.frame.method == mesh.frame.method);
  check_agreement(brep, mesh);
}

TEST_CASE("the B-rep and mesh paths agree within 0.05 mm on the same shape") {
  check_paths_agree(Part::plate, {}, "plate");
  check_paths_agree(Part::plate, {{1, 2, 3}, 30, {-250, 120, 75}}, "plate-moved");
  check_paths_agree(Part::washer, {}, "washer");
  check_paths_agree(Part::pin, {{0, 0, 1}, 30, {40, 40, 0}}, "pin-moved");
  check_paths_agree(Part::tilted, {}, "tilted");
  check_paths_agree(Part::tilted, {{1, 2, 3}, 25, {-60, 30, 10}}, "tilted-moved");
  check_paths_agree(Part::bin, {}, "bin");
  check_paths_agree(Part::bin, {{0, 0, 1}, 30, {5, 5, 5}}, "bin-turned");
  check_paths_agree(Part::perforated, {}, "perforated");
  check_paths_agree(Part::perforated, {{1, 2, 3}, 25, {500, -300, 200}}, "perforated-moved");
}

TEST_CASE("a hole whose axis leans 30° from the plate's normal is found on the mesh") {
  const auto dir = fresh_dir("mesh-tilted");
  const auto m = measure_ok(write_binary_stl(tessellated(Part::tilted, {}), dir / "tilted.stl"));
  CHECK(std::abs(m.size_mm[0] - 60) <= 1e-6);
  CHECK(std::abs(m.size_mm[2] - 6) <= 1e-6);
  REQUIRE(m.holes.size() == 1);
  const Hole& h = m.holes[0];
  // The axis through (30, 20, 3) along (sin 30°, 0, cos 30°); the wall runs 6/cos 30° + 6 tan 30°
  // along it, from 5.196 below that point to 5.196 above; its centre is the axis at the low end.
  const double s = std::sin(pi / 6), c = std::cos(pi / 6), half = 3 / c + 3 * std::tan(pi / 6);
  check_hole(h, 6, {30 - half * s, 20, 3 - half * c}, {s, 0, c}, 2 * half, true, 0.002);
}

TEST_CASE("every example part measures the same from its STEP and its STL") {
  const fs::path parts = fs::path(ARCHIPEL_SOURCE_DIR) / "examples" / "parts";
  int compared = 0;
  for (const auto& entry : fs::directory_iterator(parts)) {
    const fs::path step = entry.path() / (entry.path().filename().string() + ".step");
    const fs::path stl = entry.path() / (entry.path().filename().string() + ".stl");
    if (!fs::exists(step) || !fs::exists(stl)) continue;
    INFO(entry.path().filename().string());
    const auto brep = measure_ok(step);
    const auto mesh = measure_ok(stl);
    CHECK(brep.frame.method == mesh.frame.method);
    check_agreement(brep, mesh);
    ++compared;
  }
  CHECK(compared >= 5);
}
