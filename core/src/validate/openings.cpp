// The openings a grid's rules do not cover by themselves: nut traps are named, slots are judged
// by their width like holes (their centre line is checked with the assembly points), and any
// other opening is a warning: an opening Archipel cannot judge is never passed over in silence.
#include <fmt/format.h>

#include "archipel/core/fasteners.hpp"
#include "validate_detail.hpp"

namespace archipel::core::detail {
namespace {

const char* const clause =
    "Archipel: every opening is judged or reported; a hexagon holding an ISO 4032 nut is a nut trap";

Finding opening_finding(const PartMeasurement& part, int index, const char* rule, const char* severity,
                        std::string message, double measured, double expected, double tol) {
  Finding f{rule, severity, clause, std::move(message), measured, expected, measured - expected,
            tol, fmt::format("opening {}", index + 1)};
  f.opening = index;
  (void)part;
  return f;
}

}  // namespace

std::string opening_label(const PartMeasurement& part, int index) {
  const Opening& o = part.openings[static_cast<std::size_t>(index)];
  const std::string size = o.shape == "hexagon"
                               ? fmt::format("{} mm across flats", num(o.width_mm))
                               : fmt::format("{} x {} mm", num(o.width_mm), num(o.length_mm));
  return fmt::format("opening {} ({} {}, {})", index + 1, o.shape, size, o.through ? "through" : "blind");
}

void check_openings(const PartMeasurement& part, const GridStandard& grid, std::vector<Finding>& out,
                    std::vector<std::string>& fasteners) {
  const double tol = grid.tolerances.diameter_mm;
  for (std::size_t i = 0; i < part.openings.size(); ++i) {
    const Opening& o = part.openings[i];
    const int index = static_cast<int>(i);
    std::string takes;
    if (o.shape == "hexagon") {
      if (const FastenerSize* nut = fastener_for_nut_trap(o.width_mm, tol)) {
        takes = fmt::format("{} nut ({} mm across flats, ISO 4032)", nut->name, num(nut->nut_flats_mm));
        out.push_back(opening_finding(part, index, "opening.nut-trap", "info",
                                      fmt::format("{} is a nut trap for an {}", opening_label(part, index), takes),
                                      o.width_mm, nut->nut_flats_mm, tol));
      } else {
        out.push_back(opening_finding(
            part, index, "opening.unjudged", "warning",
            fmt::format("{} holds no ISO 4032 nut (M2 to M10) and no rule of {} judges it",
                        opening_label(part, index), grid.name),
            o.width_mm, 0, tol));
      }
    } else if (o.shape == "slot") {
      takes = describe_hole_diameter(grid, o.width_mm, tol);
      if (takes.empty())
        out.push_back(opening_finding(
            part, index, "opening.unjudged", "warning",
            fmt::format("{}: its width matches no fastener hole of {}", opening_label(part, index), grid.name),
            o.width_mm, 0, tol));
    } else {
      out.push_back(opening_finding(
          part, index, "opening.unjudged", "warning",
          fmt::format("{} at x {}, y {}, z {} mm: no rule of {} judges a{} {} opening",
                      opening_label(part, index), num(o.center_mm[0]), num(o.center_mm[1]),
                      num(o.center_mm[2]), grid.name, o.shape == "other" ? "n" : "", o.shape == "other" ? "irregular" : o.shape),
          o.width_mm, 0, tol));
    }
    fasteners.push_back(std::move(takes));
  }
}

}  // namespace archipel::core::detail
