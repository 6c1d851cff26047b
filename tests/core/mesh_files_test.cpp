// The mesh path's units (declared, 3MF, glTF), every kind of bad file, and the real corpus.
#include <doctest/doctest.h>

#include <cmath>
#include <fstream>
#include <iterator>
#include <random>

#include "archipel/core/geometry.hpp"
#include "mesh_fixtures.hpp"

using namespace archipel::core;
using namespace archipel::test;
namespace fs = std::filesystem;

namespace {

const Soup& small_box() {
  static const Soup soup = box(30, 20, 10);
  return soup;
}

void check_box(const PartMeasurement& m) {
  CHECK(m.size_mm[0] == doctest::Approx(30).epsilon(1e-6));
  CHECK(m.size_mm[1] == doctest::Approx(20).epsilon(1e-6));
  CHECK(m.size_mm[2] == doctest::Approx(10).epsilon(1e-6));
  CHECK(m.volume_mm3 == doctest::Approx(6000).epsilon(1e-6));
}

// The error measure_file gives for `path`; fails the test when it measures instead.
Error error_of(const fs::path& path, const MeasureOptions& options = {}) {
  auto m = measure_file(path, options);
  REQUIRE_FALSE(m.has_value());
  return m.error();
}

void check_io_error(const fs::path& path, const std::string& message_part) {
  const Error e = error_of(path);
  CHECK(e.code == Errc::io);
  CHECK(e.origin == path.string());
  INFO(e.message);
  CHECK(e.message.find(message_part) != std::string::npos);
  CHECK(e.message.find('\n') == std::string::npos);
}

}  // namespace

TEST_CASE("an STL declared in inches is scaled to millimetres without a warning") {
  const auto dir = fresh_dir("mesh-inch");
  const auto path = write_binary_stl(scaled(small_box(), 1 / 25.4), dir / "box.stl");
  MeasureOptions options;
  options.unit = LengthUnit::inch;
  const auto m = measure_file(path, options);
  REQUIRE(m);
  check_box(*m);
  CHECK(m->source_unit == "inch");
  CHECK(m->warnings.empty());
}

TEST_CASE("3MF: the model's unit attribute is read, millimetre by default") {
  const auto dir = fresh_dir("mesh-3mf");
  const auto inch = measure_file(write_3mf(scaled(small_box(), 1 / 25.4), dir / "inch.3mf", "inch"));
  REQUIRE(inch);
  check_box(*inch);
  CHECK(inch->format == GeometryFormat::threemf);
  CHECK(inch->source_unit == "inch");
  CHECK(inch->warnings.empty());
  const auto cm = measure_file(write_3mf(scaled(small_box(), 0.1), dir / "cm.3mf", "centimeter"));
  REQUIRE(cm);
  check_box(*cm);
  const auto plain = measure_file(write_3mf(small_box(), dir / "plain.3mf", ""));
  REQUIRE(plain);
  check_box(*plain);
  CHECK(plain->source_unit == "mm");
}

TEST_CASE("3MF: a declared unit that contradicts the file's is ignored with a warning") {
  const auto dir = fresh_dir("mesh-3mf-declared");
  MeasureOptions options;
  options.unit = LengthUnit::mm;
  const auto m = measure_file(write_3mf(scaled(small_box(), 1 / 25.4), dir / "b.3mf", "inch"), options);
  REQUIRE(m);
  check_box(*m);
  REQUIRE(m->warnings.size() == 1);
  CHECK(m->warnings[0] == Warning{"units.ignored", "3MF declares its unit (inch); the declared unit mm is ignored"});
}

TEST_CASE("glTF and GLB are in metres") {
  const auto dir = fresh_dir("mesh-gltf");
  const auto m = measure_file(write_gltf(scaled(small_box(), 0.001), dir / "box.gltf"));
  REQUIRE(m);
  CHECK(m->format == GeometryFormat::gltf);
  CHECK(m->source_unit == "m");
  CHECK(m->size_mm[0] == doctest::Approx(30).epsilon(1e-5));
  CHECK(m->size_mm[2] == doctest::Approx(10).epsilon(1e-5));
  CHECK(m->volume_mm3 == doctest::Approx(6000).epsilon(1e-5));
  CHECK(m->warnings.empty());
  const auto glb = measure_file(write_glb(scaled(small_box(), 0.001), dir / "box.glb"));
  REQUIRE(glb);
  CHECK(glb->format == GeometryFormat::glb);
  CHECK(glb->source_unit == "m");
  CHECK(glb->size_mm[1] == doctest::Approx(20).epsilon(1e-5));
  CHECK(glb->volume_mm3 == doctest::Approx(6000).epsilon(1e-5));
}

TEST_CASE("an open mesh has no volume and says why") {
  const auto dir = fresh_dir("mesh-open");
  Soup open = small_box();
  open.pop_back();
  const auto m = measure_file(write_binary_stl(open, dir / "open.stl"));
  REQUIRE(m);
  CHECK(m->volume_mm3 == 0.0);
  REQUIRE(m->warnings.size() == 2);
  CHECK(m->warnings[1].rule == "mesh.open");
  CHECK(m->warnings[1].message ==
        "the mesh is not closed or not consistently oriented (3 edges without exactly one "
        "opposite edge); volume not measured");
}

TEST_CASE("bad mesh files give one io error naming the file") {
  const auto dir = fresh_dir("mesh-bad");
  std::mt19937 rng(42);
  std::string noise(4096, '\0');
  for (char& c : noise) c = static_cast<char>(rng());
  check_io_error(write_bytes(dir / "noise.bin", noise), "unrecognised geometry format");
  check_io_error(write_bytes(dir / "noise.stl", noise), "binary STL whose triangle count (");
  check_io_error(write_bytes(dir / "empty.stl", ""), "the file is empty");
  check_io_error(write_bytes(dir / "nofacet.stl", "solid plate\nendsolid plate\n"),
                 "the file holds no triangle");

  // A binary STL whose triangle count says more than the file holds.
  std::string stl(80, ' ');
  const std::uint32_t lie = 1000000;
  stl.append(reinterpret_cast<const char*>(&lie), 4);
  stl.append(50 * 3, '\0');
  check_io_error(write_bytes(dir / "lying.stl", stl),
                 "binary STL whose triangle count (1000000) does not match the file size (234 "
                 "bytes): truncated or corrupt");

  check_io_error(write_bytes(dir / "index.obj", "v 0 0 0\nv 1 0 0\nv 0 1 0\nf 1 2 9\n"),
                 "cannot read the mesh: OBJ: vertex index out of range");
  check_io_error(write_bytes(dir / "nan.stl",
                             "solid x\nfacet normal 0 0 1\nouter loop\nvertex nan 0 0\n"
                             "vertex 1 0 0\nvertex 0 1 0\nendloop\nendfacet\nendsolid x\n"),
                 "the mesh has a coordinate that is not a finite number");
  check_io_error(write_bytes(dir / "cut.stl", "solid x\nfacet normal 0 0 1\nouter loop\nvertex 0 0"),
                 "cannot read the mesh: ");
  check_io_error(write_zip(dir / "nomodel.3mf", {{"[Content_Types].xml", "<Types/>"}}),
                 "3MF package without a 3D model part (3D/3dmodel.model)");
  check_io_error(write_zip(dir / "badunit.3mf", {{"3D/3dmodel.model", "<model unit=\"furlong\">"}}),
                 "3MF model declares an unknown unit \"furlong\"");
  check_io_error(write_bytes(dir / "lying.ply",
                             "ply\nformat ascii 1.0\nelement vertex 4000000000\nproperty float x\n"
                             "end_header\n0\n"),
                 "PLY header declares more elements than the file holds (vertex)");
  check_io_error(write_bytes(dir / "broken.gltf", "{\"asset\": {\"version\": \"2.0\"}, \"meshes\": [{"),
                 "cannot read the mesh");
  check_io_error(write_bytes(dir / "nothing.obj", "v 0 0 0\nv 1 0 0\n"), "the file holds no triangle");
  check_io_error(write_bytes(dir / "flat.obj", "v 0 0 0\nv 1 0 0\nv 2 0 0\nf 1 2 3\n"),
                 "the mesh has no area: every triangle is degenerate");
}

TEST_CASE("a 3MF whose compressed model is corrupt fails cleanly (Assimp asserts on it)") {
  const auto dir = fresh_dir("mesh-3mf-corrupt");
  const auto path = write_3mf(small_box(), dir / "corrupt.3mf", "millimeter");
  std::ifstream in(path, std::ios::binary);
  std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  const std::string name = "3D/3dmodel.model";
  const std::size_t header = bytes.find(name) - 30;  // the member's local file header
  const std::size_t extra = std::uint8_t(bytes[header + 28]) | std::uint8_t(bytes[header + 29]) << 8;
  const std::size_t data = header + 30 + name.size() + extra;
  for (std::size_t i = 0; i < 24; ++i) bytes[data + 40 + i] = static_cast<char>(0x5A ^ i);
  write_bytes(path, bytes);
  const Error e = error_of(path);
  CHECK(e.code == Errc::io);
  CHECK(e.origin == path.string());
  CHECK(e.message.find('\n') == std::string::npos);
}

TEST_CASE("the real Gridfinity corpus measures as its README says") {
  const fs::path corpus = fs::path(ARCHIPEL_SOURCE_DIR) / ".." / ".." / "shared" / "corpus" / "gridfinity";
  const fs::path shared = "/work/shared/corpus/gridfinity";
  const fs::path folder = fs::exists(corpus) ? corpus : shared;
  if (!fs::exists(folder)) {
    MESSAGE("skipped: no ../shared/corpus/gridfinity folder");
    return;
  }
  const std::array<std::pair<const char*, Vec3>, 3> expected{{
      {"basic_cup_2x1x2.stl", {83.5, 41.5, 17.75}},
      {"basic_cup_1x1x3_nolip.stl", {41.5, 41.5, 31.75}},
      {"baseplate.stl", {210, 126, 5}},
  }};
  for (const auto& [name, size] : expected) {
    INFO(name);
    const auto m = measure_file(folder / name);
    REQUIRE(m);
    for (int i = 0; i < 3; ++i) CHECK(std::abs(m->size_mm[i] - size[i]) <= 0.001);
    CHECK(m->frame.method == "file-axes");
    CHECK(m->volume_mm3 > 0);
  }
}
