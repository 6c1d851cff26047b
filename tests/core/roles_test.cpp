// Roles in grid standards on real geometry: a Gridfinity baseplate and bin built in code (always
// run) and the third-party renders of ../shared/corpus (skipped when the corpus is absent).
#include <doctest/doctest.h>

#include <cstdlib>
#include <filesystem>
#include <string>
#include <vector>

#include <BRepAlgoAPI_Cut.hxx>
#include <BRepPrimAPI_MakeBox.hxx>

#include "archipel/core/geometry.hpp"
#include "archipel/core/gridfinity_fit.hpp"
#include "archipel/core/validate.hpp"
#include "occt_fixtures.hpp"
#include "shape_fixtures.hpp"

using namespace archipel::core;
namespace fs = std::filesystem;

namespace {

GridStandard gridfinity() {
  auto g = find_grid("gridfinity");
  REQUIRE(g);
  return *g;
}

PartMeasurement measured(const fs::path& path) {
  auto m = measure_file(path);
  if (!m) FAIL("measure_file failed: " << m.error().to_string());
  return *m;
}

// The shared corpus of real files: $ARCHIPEL_CORPUS, else ../shared/corpus beside the checkout
// (or beside its worktree folder); empty when absent.
fs::path corpus() {
  if (const char* env = std::getenv("ARCHIPEL_CORPUS")) return env;
  const fs::path src(ARCHIPEL_SOURCE_DIR);
  for (const auto& c : {src.parent_path() / "shared" / "corpus", src.parent_path().parent_path() / "shared" / "corpus"})
    if (fs::is_directory(c)) return c;
  return {};
}

}  // namespace

TEST_CASE("a Gridfinity 5 x 3 baseplate built in code: recognised, conforms, STL and STEP") {
  archipel::test::TempDir dir;
  const auto shape = archipel::test::gridfinity_baseplate(5, 3);
  for (const auto& path : {archipel::test::write_shape_stl(shape, dir / "baseplate.stl"),
                           archipel::test::write_step(shape, dir / "baseplate.step")}) {
    CAPTURE(path);
    const auto m = measured(path);
    CHECK(m.size_mm[0] == doctest::Approx(210).epsilon(1e-6));
    CHECK(m.size_mm[1] == doctest::Approx(126).epsilon(1e-6));
    CHECK(m.size_mm[2] == doctest::Approx(5).epsilon(1e-6));
    const auto r = validate(m, gridfinity());
    CHECK(r.role.name == "baseplate");
    CHECK(r.role.source == "recognised");
    // Its 15 cells are openings (each narrower than half the plate), judged as receptacles.
    CHECK(r.verdict == Verdict::conforms);
    CHECK(std::ranges::none_of(r.findings, [](const Finding& f) { return f.severity != "info"; }));
    REQUIRE(r.rules.size() == 4);
    CHECK(r.rules[0].rule == "GF-baseplate-footprint");
    CHECK(r.rules[0].failed == 0);
    CHECK(r.rules[1].rule == "GF-baseplate-cell");
    CHECK(r.rules[1].checked == 15);
    CHECK(r.rules[1].failed == 0);
    CHECK(std::ranges::none_of(r.findings, [](const Finding& f) { return f.rule == "opening.unjudged"; }));
    const auto as_bin = validate(m, gridfinity(), {"bin"});
    CHECK(as_bin.verdict == Verdict::fails);
    CHECK(classify_gridfinity(m).role == "baseplate");
    CHECK(classify_gridfinity(m).cells_x == 5);
  }
}

TEST_CASE("a Gridfinity baseplate whose receptacle is off its cell fails; a missing one warns") {
  archipel::test::TempDir dir;
  using archipel::test::rounded_prism;
  // 3 x 1 cells: the first receptacle 1 mm off its cell's centre, the third cell solid.
  TopoDS_Shape s = BRepPrimAPI_MakeBox(126, 42, 5).Shape();
  s = BRepAlgoAPI_Cut(s, rounded_prism(22, 21, 36, 36, 4, -1, 7)).Shape();
  s = BRepAlgoAPI_Cut(s, rounded_prism(63, 21, 36, 36, 4, -1, 7)).Shape();
  for (const auto& path : {archipel::test::write_shape_stl(s, dir / "off.stl"), archipel::test::write_step(s, dir / "off.step")}) {
    CAPTURE(path);
    const auto r = validate(measured(path), gridfinity(), {"baseplate"});
    CHECK(r.verdict == Verdict::fails);
    std::vector<std::string> cells;
    for (const auto& f : r.findings)
      if (f.rule == "GF-baseplate-cell") cells.push_back(f.severity + ": " + f.message);
    // The natural frame turns the plate half a turn (both paths alike): the solid cell comes first.
    REQUIRE(cells.size() == 3);
    CHECK(cells[0] == "info: opening 1 (other 36 x 36 mm, through) is the receptacle of cell (2, 1)");
    CHECK(cells[1] == "error: opening 2 (other 36 x 36 mm, through) is not the receptacle of cell (3, 1): its "
                      "centre is 1 mm from the cell's centre at x 105, y 21 mm");
    CHECK(cells[2] == "warning: cell (1, 1) holds 0 receptacles, not one");
  }
}

TEST_CASE("a Gridfinity 2 x 1 x 3 bin built in code is a bin and fits the baseplate") {
  archipel::test::TempDir dir;
  const auto bin = measured(archipel::test::write_shape_stl(archipel::test::gridfinity_bin(2, 1, 3), dir / "bin.stl"));
  CHECK(bin.size_mm[0] == doctest::Approx(83.5).epsilon(1e-6));
  const auto r = validate(bin, gridfinity());
  CHECK(r.role.name == "bin");
  CHECK(r.verdict != Verdict::fails);
  const auto plate = measured(archipel::test::write_shape_stl(archipel::test::gridfinity_baseplate(5, 3), dir / "p.stl"));
  const auto fit = check_gridfinity_fit(bin, plate);
  CHECK(fit.fits);
  CHECK(fit.explanation == "bin 2x1 (3 height units) fits in baseplate 5x3");
}

TEST_CASE("the Gridfinity corpus (vector76 renders): the baseplate and the bins conform") {
  const fs::path dir = corpus() / "gridfinity";
  if (corpus().empty() || !fs::exists(dir / "baseplate.stl")) {
    MESSAGE("../shared/corpus is absent: skipped");
    return;
  }
  const auto plate = measured(dir / "baseplate.stl");
  const auto p = validate(plate, gridfinity());
  CHECK(p.role.name == "baseplate");
  CHECK(p.verdict != Verdict::fails);
  CHECK(std::ranges::none_of(p.findings, [](const Finding& f) { return f.severity == "error"; }));
  for (const char* name : {"basic_cup_2x1x2.stl", "basic_cup_1x1x3_nolip.stl"}) {
    CAPTURE(name);
    const auto bin = measured(dir / name);
    const auto r = validate(bin, gridfinity());
    CHECK(r.role.name == "bin");
    CHECK(r.verdict != Verdict::fails);
    CHECK(check_gridfinity_fit(bin, plate).fits);
  }
}
