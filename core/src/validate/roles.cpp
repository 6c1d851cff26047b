// Roles: which kind of part (a Gridfinity bin or baseplate) a measured part is, from its
// footprint, by the sizes each role of the standard allows. One function for validate, publish
// and compat, so the three never disagree on what a part is.
#include <cmath>

#include <fmt/format.h>

#include "validate_detail.hpp"

namespace archipel::core {
namespace {

// How far the footprint (extents i and j, larger first) is from the role's nearest sizes, and
// whether it is within the dimension tolerance on both constrained axes.
struct FootprintFit {
  double deviation = 0;
  bool fits = true;
};

FootprintFit footprint_fit(const GridStandard& view, double a, double b) {
  const auto& d = view.dimensions;
  FootprintFit out;
  for (const auto& [axis, extent] : {std::pair{&d.width, std::max(a, b)}, std::pair{&d.depth, std::min(a, b)}}) {
    if (!axis->constrained) continue;
    const double dev = std::abs(extent - detail::nearest_dimension(extent, axis->step_mm, d.clearance).expected);
    out.deviation += dev;
    if (dev > view.tolerances.dimension_mm) out.fits = false;
  }
  return out;
}

}  // namespace

RoleChoice recognise_role(const PartMeasurement& part, const GridStandard& grid) {
  RoleChoice nearest;
  bool have_nearest = false;
  for (const auto& role : grid.roles) {
    const auto view = apply_role(grid, role.name);
    if (!view) continue;  // cannot happen: the name comes from the standard
    for (int h : {2, 0, 1}) {
      const auto fit = footprint_fit(*view, part.size_mm[(h + 1) % 3], part.size_mm[(h + 2) % 3]);
      if (fit.fits) return {role.name, "recognised", true, h, fit.deviation};
      if (h == 2 && (!have_nearest || fit.deviation < nearest.deviation_mm - 1e-9)) {
        nearest = {role.name, "recognised", false, 2, fit.deviation};
        have_nearest = true;
      }
    }
  }
  return nearest;
}

Result<RoleChoice> choose_role(const PartMeasurement& part, const GridStandard& grid,
                               std::string_view stated) {
  if (stated.empty()) return recognise_role(part, grid);
  const auto view = apply_role(grid, stated);
  if (!view) return std::unexpected(view.error());
  const auto fit = footprint_fit(*view, part.size_mm[0], part.size_mm[1]);
  return RoleChoice{std::string(stated), "stated", fit.fits, 2, fit.deviation};
}

}  // namespace archipel::core
