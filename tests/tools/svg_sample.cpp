// Writes the SVG drawing of a sample part validated against OpenStructures, for the browser test
// (tests/svg/chromium_render.sh): a 79 x 40 mm bar with one hole on the grid, one off the grid
// (red), one outside the fastener table (orange) and one more on the grid.
#include <fstream>
#include <iostream>

#include "archipel/core/validate.hpp"

int main(int argc, char** argv) {
  using namespace archipel::core;
  if (argc != 2) {
    std::cerr << "usage: svg_sample OUT.svg\n";
    return 2;
  }
  auto grid = find_grid("openstructures");
  if (!grid) return 3;
  PartMeasurement part;
  part.source_unit = "mm";
  part.size_mm = {79, 40, 3};
  part.thickness_mm = 3;
  for (auto [x, d] : {std::pair{9.5, 5.5}, {24.5, 5.5}, {49.5, 6.0}, {69.5, 5.5}}) {
    Hole h;
    h.diameter_mm = d;
    h.center_mm = {x, 20, 3};
    h.through = true;
    part.holes.push_back(h);
  }
  const auto report = validate(part, *grid);
  std::ofstream(argv[1]) << render_svg(report, part, *grid);
  return 0;
}
