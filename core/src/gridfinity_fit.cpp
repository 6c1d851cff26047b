// Gridfinity's fit: a bin sits in a baseplate when its cells fit the baseplate's. What a part is
// (bin, baseplate) comes from the standard's roles through recognise_role, the function validate
// and publish use too; the cells from the role's nominal sizes.
#include "archipel/core/gridfinity_fit.hpp"

#include <algorithm>
#include <cmath>
#include <utility>

#include <fmt/format.h>

#include "archipel/core/validate.hpp"
#include "validate/validate_detail.hpp"

namespace archipel::core {
namespace {

std::string describe(const GridfinityShape& s) {
  return fmt::format("{} {}x{}", s.role, s.cells_x, s.cells_y);
}

bool has_height_unit_rule(const GridStandard& view) {
  return std::ranges::any_of(view.rules, [](const GridRule& r) { return r.check == RuleCheck::height_unit; });
}

// Cells of one footprint extent: its nominal size (extent plus the role's clearance) in pitches.
int cells(double extent, const GridStandard& view) {
  const double nominal = detail::nearest_dimension(extent, view.pitch_mm, view.dimensions.clearance).nominal;
  return static_cast<int>(std::lround(nominal / view.pitch_mm));
}

GridfinityShape shape_of(const PartMeasurement& part, const GridStandard& grid, const RoleChoice& role) {
  GridfinityShape out{"unknown", 0, 0, part.size_mm[2], 0, 0};
  const auto view = apply_role(grid, role.name);
  if (!view || !role.fits) return out;
  const int h = role.height_axis;
  int cx = cells(part.size_mm[(h + 1) % 3], *view), cy = cells(part.size_mm[(h + 2) % 3], *view);
  if (cx < cy) std::swap(cx, cy);
  out = {role.name, cx, cy, part.size_mm[h], 0, 0};
  if (has_height_unit_rule(*view) && view->height_unit) {
    const double unit = view->height_unit->unit_mm;
    out.height_units = static_cast<int>(std::floor(out.height_mm / unit + 1e-6));
    out.lip_mm = out.height_mm - out.height_units * unit;
  }
  return out;
}

}  // namespace

GridfinityShape classify_gridfinity(const PartMeasurement& part, std::string_view role) {
  const auto grid = find_grid("gridfinity");
  if (!grid) return GridfinityShape{"unknown", 0, 0, part.size_mm[2], 0, 0};
  const auto choice = choose_role(part, *grid, role);
  if (!choice) return GridfinityShape{"unknown", 0, 0, part.size_mm[2], 0, 0};
  return shape_of(part, *grid, *choice);
}

GridfinityFit check_gridfinity_fit(const PartMeasurement& a, const PartMeasurement& b,
                                   std::string_view role_a, std::string_view role_b) {
  GridfinityFit fit{false, classify_gridfinity(a, role_a), classify_gridfinity(b, role_b), {}};
  const GridfinityShape* bin = fit.a.role == "bin" ? &fit.a : fit.b.role == "bin" ? &fit.b : nullptr;
  const GridfinityShape* plate = fit.a.role == "baseplate" ? &fit.a : fit.b.role == "baseplate" ? &fit.b : nullptr;
  if (!bin || !plate) {
    fit.explanation = fmt::format("a Gridfinity fit needs a bin and a baseplate; found {} and {}",
                                  fit.a.role == "unknown" ? "an unknown part" : describe(fit.a),
                                  fit.b.role == "unknown" ? "an unknown part" : describe(fit.b));
    return fit;
  }
  fit.fits = bin->cells_x <= plate->cells_x && bin->cells_y <= plate->cells_y;
  fit.explanation = fmt::format("{} ({} height unit{}) {} {}", describe(*bin), bin->height_units,
                                bin->height_units == 1 ? "" : "s",
                                fit.fits ? "fits in" : "is larger than", describe(*plate));
  return fit;
}

nlohmann::json to_json(const GridfinityFit& fit) {
  auto shape = [](const GridfinityShape& s) {
    return nlohmann::json{{"role", s.role}, {"cells", {s.cells_x, s.cells_y}}, {"height_mm", s.height_mm},
                          {"height_units", s.height_units}, {"lip_mm", s.lip_mm}};
  };
  return {{"fits", fit.fits}, {"a", shape(fit.a)}, {"b", shape(fit.b)}, {"explanation", fit.explanation}};
}

}  // namespace archipel::core
