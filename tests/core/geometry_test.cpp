// Format detection from content, units, and the size limit of measure_file.
#include <doctest/doctest.h>

#include <BRepPrimAPI_MakeBox.hxx>

#include "archipel/core/geometry.hpp"
#include "occt_fixtures.hpp"

using namespace archipel::core;
using archipel::test::TempDir;
using archipel::test::write_bytes;

namespace {

std::string binary_stl(std::uint32_t triangles) {
  std::string s(80, 'x');  // the header may say anything, even "solid"
  s.replace(0, 5, "solid");
  for (int i = 0; i < 4; ++i) s.push_back(static_cast<char>((triangles >> (8 * i)) & 0xff));
  s.append(std::size_t{triangles} * 50, '\0');
  return s;
}

GeometryFormat detected(const std::filesystem::path& path) {
  auto f = detect_format(path);
  if (!f) FAIL(f.error().to_string());
  return *f;
}

}  // namespace

TEST_CASE("detect_format reads the content, not the extension") {
  TempDir dir;
  const auto box = BRepPrimAPI_MakeBox(10, 20, 30).Shape();
  CHECK(detected(archipel::test::write_step(box, dir / "really-step.stl")) == GeometryFormat::step);
  CHECK(detected(archipel::test::write_iges(box, dir / "part.step", 1)) == GeometryFormat::iges);
  CHECK(detected(archipel::test::write_brep(box, dir / "part.obj")) == GeometryFormat::brep);
  CHECK(detected(write_bytes(dir / "a.step", "solid x\n facet normal 0 0 1\n")) == GeometryFormat::stl);
  CHECK(detected(write_bytes(dir / "b.bin", binary_stl(3))) == GeometryFormat::stl);
  CHECK(detected(write_bytes(dir / "c.dat", "ply\nformat ascii 1.0\n")) == GeometryFormat::ply);
  CHECK(detected(write_bytes(dir / "d.obj", "# comment\nv 0 0 0\nf 1 2 3\n")) == GeometryFormat::obj);
  CHECK(detected(write_bytes(dir / "e.bin", std::string("glTF\x02\0\0\0", 8))) == GeometryFormat::glb);
  CHECK(detected(write_bytes(dir / "f.gltf", "{\"asset\": {\"version\": \"2.0\"}}")) == GeometryFormat::gltf);
  CHECK(detected(write_bytes(dir / "g.3mf", std::string("PK\x03\x04", 4) + "3D/3dmodel.model")) ==
        GeometryFormat::threemf);
}

TEST_CASE("a STEP file named .stl is measured by OpenCASCADE, not handed to the mesh reader") {
  TempDir dir;
  const auto path = archipel::test::write_step(BRepPrimAPI_MakeBox(10, 20, 30).Shape(), dir / "x.stl");
  auto m = measure_file(path);
  REQUIRE(m);
  CHECK(m->format == GeometryFormat::step);
  CHECK(m->kind == GeometryKind::brep);
  // Drawn standing, 30 mm tall: it stays standing (z is its height), x is the longer side.
  CHECK(near(m->size_mm[0], 20, 1e-6));
  CHECK(near(m->size_mm[1], 10, 1e-6));
  CHECK(near(m->size_mm[2], 30, 1e-6));
}

TEST_CASE("detect_format refuses what it cannot recognise with an io error") {
  TempDir dir;
  const auto empty = detect_format(write_bytes(dir / "empty.stl", ""));
  REQUIRE_FALSE(empty);
  CHECK(empty.error().code == Errc::io);
  CHECK(empty.error().message == "the file is empty");
  const auto text = detect_format(write_bytes(dir / "notes.step", "hello, this is not geometry\n"));
  REQUIRE_FALSE(text);
  CHECK(text.error().code == Errc::io);
  const auto zip = detect_format(write_bytes(dir / "a.zip", std::string("PK\x03\x04", 4) + "other"));
  REQUIRE_FALSE(zip);
  CHECK(zip.error().message == "a ZIP archive that is not a 3MF package");
  CHECK_FALSE(detect_format(dir / "missing.step"));
  // A binary STL whose triangle count does not match the file size is not an STL.
  std::string bad = binary_stl(3);
  bad.pop_back();
  CHECK_FALSE(detect_format(write_bytes(dir / "bad.stl", bad)));
}

TEST_CASE("units: names, aliases and millimetre factors") {
  CHECK(parse_unit("in") == LengthUnit::inch);
  CHECK(parse_unit("Inch") == LengthUnit::inch);
  CHECK(parse_unit("millimeter") == LengthUnit::mm);
  CHECK_FALSE(parse_unit("furlong"));
  CHECK(unit_name(LengthUnit::inch) == "inch");
  CHECK(unit_to_mm(LengthUnit::inch) == 25.4);
  CHECK(unit_to_mm(LengthUnit::m) == 1000.0);
  CHECK(format_name(GeometryFormat::threemf) == "3mf");
}
