// The family catalogue and plan_part (core/src/families.cpp); the generators in process
// (core/src/make), one boolean per part and the same bytes every time.
#include <doctest/doctest.h>

#include <BRepGProp.hxx>
#include <GProp_GProps.hxx>
#include <TopExp_Explorer.hxx>

#include "archipel/core/families.hpp"
#include "make/shapes.hpp"
#include "export/brep_export.hpp"
#include "export/mesh_writers.hpp"
#include "make/writers.hpp"

namespace {

using archipel::core::load_families;
using archipel::core::plan_part;

const archipel::core::Family& family(const char* id) {
  static const auto catalogue = load_families();
  REQUIRE(catalogue.has_value());
  auto f = archipel::core::find_family(*catalogue, id);
  REQUIRE(f.has_value());
  return **f;
}

}  // namespace

TEST_CASE("the embedded catalogue passes its schema and names nine families under CC0") {
  const auto catalogue = load_families();
  REQUIRE(catalogue.has_value());
  CHECK(catalogue->licence == "CC0-1.0");
  CHECK(catalogue->families.size() == 9);
  const auto missing = archipel::core::find_family(*catalogue, "gridfinity-bni");
  REQUIRE_FALSE(missing.has_value());
  CHECK(missing.error().code == archipel::core::Errc::usage);
  CHECK(missing.error().message ==
        "unknown family \"gridfinity-bni\"; did you mean \"gridfinity-bin\"? (archipel make --list shows them)");
}

TEST_CASE("plan_part takes the defaults, names the part and declares its grid size largest first") {
  const auto plan = plan_part(family("os-plate"), {{"size", "2x4"}, {"pattern", "corners"}});
  REQUIRE(plan.has_value());
  CHECK(plan->name == "os-plate-2x4-corners");
  CHECK(plan->dimensions_mm == std::array<double, 3>{80, 160, 3});
  CHECK(plan->grid_units == std::vector<int>{4, 2});
  CHECK(plan->parameters["hole-diameter"].get<double>() == doctest::Approx(5.5));

  const auto bin = plan_part(family("gridfinity-bin"), {{"size", "1x1x12"}, {"lip", "off"}});
  REQUIRE(bin.has_value());
  CHECK(bin->dimensions_mm[2] == doctest::Approx(84));
  CHECK(bin->grid_units == std::vector<int>{1, 1});

  const auto disc = plan_part(family("os-disc"), {{"diameter", "120"}});
  REQUIRE(disc.has_value());
  CHECK(disc->parameters["bolt-circle"].get<double>() == doctest::Approx(80));
  CHECK(disc->parameters["centre-hole"].get<double>() == doctest::Approx(20));
}

TEST_CASE("plan_part refuses out-of-range and contradictory values, naming the option") {
  auto wrong = plan_part(family("bitbeam-plate"), {{"size", "3x3"}, {"thickness", "6"}});
  REQUIRE_FALSE(wrong.has_value());
  CHECK(wrong.error().to_string() == "--thickness: \"6\" is not one of 4, 8 mm");
  wrong = plan_part(family("os-plate"), {{"size", "2x2"}, {"thickness", "nan"}});
  REQUIRE_FALSE(wrong.has_value());
  CHECK(wrong.error().origin == "--thickness");
  wrong = plan_part(family("os-disc"), {{"diameter", "40"}, {"centre-hole", "20"}});
  REQUIRE_FALSE(wrong.has_value());
  CHECK(wrong.error().to_string() == "--centre-hole: 20 reaches the holes of the 20 mm bolt circle (1 mm between them at least)");
}

TEST_CASE("a generated plate is one solid with its exact volume, and its files are the same bytes twice") {
  const auto plan = plan_part(family("os-plate"), {{"size", "3x2"}});
  REQUIRE(plan.has_value());
  const auto shape = archipel::core::detail::family_shape(plan->family, plan->parameters);
  REQUIRE_FALSE(shape.IsNull());
  int solids = 0;
  for (TopExp_Explorer e(shape, TopAbs_SOLID); e.More(); e.Next()) ++solids;
  CHECK(solids == 1);
  GProp_GProps props;
  BRepGProp::VolumeProperties(shape, props);
  const double pi = 3.14159265358979323846;
  CHECK(props.Mass() == doctest::Approx(120.0 * 80 * 3 - 6 * pi * 2.75 * 2.75 * 3).epsilon(1e-9));
  // make meshes with the export code (0.01 mm, 0.1 rad) and writes with export's writers.
  namespace d = archipel::core::detail;
  const auto a = d::mesh_brep(shape, 0.01, 0.1, archipel::core::default_tolerances);
  const auto b = d::mesh_brep(d::family_shape(plan->family, plan->parameters), 0.01, 0.1,
                              archipel::core::default_tolerances);
  REQUIRE(a.has_value());
  REQUIRE(b.has_value());
  CHECK(a->triangles.size() == b->triangles.size());
  CHECK(d::write_stl(*a) == d::write_stl(*b));
  CHECK(d::write_3mf(*a).value() == d::write_3mf(*b).value());
  // STEP bytes are compared across processes (tests/cli/cases/make_reproducible.sh): one worker
  // writes one part, and OCCT's writer keeps state between writes in one process.
  const auto step = archipel::core::detail::step_bytes(shape, "p");
  REQUIRE(step.has_value());
  CHECK(step->find("FILE_NAME('p','2000-01-01T00:00:00'") != std::string::npos);
}
