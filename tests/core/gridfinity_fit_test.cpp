#include <doctest/doctest.h>

#include "archipel/core/gridfinity_fit.hpp"

using namespace archipel::core;

namespace {
PartMeasurement box(double x, double y, double z) {
  PartMeasurement m;
  m.size_mm = {x, y, z};
  return m;
}
}  // namespace

TEST_CASE("classify_gridfinity tells bins from baseplates by their clearance") {
  const auto bin = classify_gridfinity(box(83.5, 41.5, 17.75));
  CHECK(bin.role == "bin");
  CHECK(bin.cells_x == 2);
  CHECK(bin.cells_y == 1);
  CHECK(bin.height_units == 2);
  CHECK(bin.lip_mm == doctest::Approx(3.75));
  const auto tall = classify_gridfinity(box(45.75, 41.5, 41.5));  // height is the largest extent
  CHECK(tall.role == "bin");
  CHECK(tall.cells_x == 1);
  CHECK(tall.height_units == 6);
  const auto plate = classify_gridfinity(box(210, 126, 5));
  CHECK(plate.role == "baseplate");
  CHECK(plate.cells_x == 5);
  CHECK(plate.cells_y == 3);
  CHECK(classify_gridfinity(box(80, 40, 3)).role == "unknown");
}

TEST_CASE("a 2x1 bin fits a 5x3 baseplate, a 4x4 bin does not") {
  const auto fit = check_gridfinity_fit(box(83.5, 41.5, 17.75), box(210, 126, 5));
  CHECK(fit.fits);
  CHECK(fit.explanation == "bin 2x1 (2 height units) fits in baseplate 5x3");
  const auto big = check_gridfinity_fit(box(210, 126, 5), box(167.5, 167.5, 21));
  CHECK_FALSE(big.fits);
  CHECK(big.explanation == "bin 4x4 (3 height units) is larger than baseplate 5x3");
  const auto none = check_gridfinity_fit(box(80, 40, 3), box(210, 126, 5));
  CHECK_FALSE(none.fits);
  CHECK(none.explanation == "a Gridfinity fit needs a bin and a baseplate; found an unknown part and baseplate 5x3");
}
