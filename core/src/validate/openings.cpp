// The openings a grid's rules do not cover by themselves: nut traps are named, slots are judged
// by their width like holes (their centre line is checked with the assembly points), and any
// other opening is a warning: an opening Archipel cannot judge is never passed over in silence.
#include <algorithm>
#include <cmath>

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

void check_cell_openings(const PartMeasurement& part, const GridStandard& grid, const GridRule& rule,
                         std::vector<Finding>& out, RuleOutcome& outcome) {
  // The outline fixes the grid (docs/validation.md): n cells across the nominal width, so the
  // cells' centres sit at (i + 1/2) of the width over n from the footprint's corner.
  const double pitch = grid.pitch_mm, tol = grid.tolerances.position_mm;
  const long nx = std::max(1L, std::lround(part.size_mm[0] / pitch));
  const long ny = std::max(1L, std::lround(part.size_mm[1] / pitch));
  const double cell_x = part.size_mm[0] / static_cast<double>(nx), cell_y = part.size_mm[1] / static_cast<double>(ny);
  std::vector<int> held(static_cast<std::size_t>(nx * ny), 0);
  for (std::size_t i = 0; i < part.openings.size(); ++i) {
    const Opening& o = part.openings[i];
    if (std::abs(o.axis[2]) < 0.999 || o.length_mm < pitch / 2) continue;  // not a cell's receptacle
    const int index = static_cast<int>(i);
    const long cx = std::clamp(static_cast<long>(std::floor(o.center_mm[0] / cell_x)), 0L, nx - 1);
    const long cy = std::clamp(static_cast<long>(std::floor(o.center_mm[1] / cell_y)), 0L, ny - 1);
    const double ex = (static_cast<double>(cx) + 0.5) * cell_x, ey = (static_cast<double>(cy) + 0.5) * cell_y;
    const double off = std::hypot(o.center_mm[0] - ex, o.center_mm[1] - ey);
    ++outcome.checked;
    ++held[static_cast<std::size_t>(cy * nx + cx)];  // misplaced, it still fills its cell
    if (off > tol || o.length_mm > std::min(cell_x, cell_y) + tol) {
      ++outcome.failed;
      Finding f{rule.id, std::string(severity_name(rule.severity)), rule.clause,
                fmt::format("{} is not the receptacle of cell ({}, {}): its centre is {} mm from the "
                            "cell's centre at x {}, y {} mm",
                            opening_label(part, index), cx + 1, cy + 1, num(off), num(ex), num(ey)),
                off, 0, off, tol, fmt::format("opening {}", index + 1)};
      f.opening = index;
      out.push_back(std::move(f));
      continue;
    }
    Finding f{rule.id, "info", rule.clause,
              fmt::format("{} is the receptacle of cell ({}, {})", opening_label(part, index), cx + 1, cy + 1),
              off, 0, off, tol, fmt::format("opening {}", index + 1)};
    f.opening = index;
    out.push_back(std::move(f));
  }
  // A receptacle as large as the part's own inside is no opening (docs/validation.md), so a
  // one-cell baseplate has none: cells are counted only when some receptacle was seen.
  if (std::ranges::all_of(held, [](int n) { return n == 0; })) return;
  for (long cy = 0; cy < ny; ++cy)
    for (long cx = 0; cx < nx; ++cx)
      if (held[static_cast<std::size_t>(cy * nx + cx)] != 1) {
        const int n = held[static_cast<std::size_t>(cy * nx + cx)];
        out.push_back(Finding{rule.id, "warning", rule.clause,
                              fmt::format("cell ({}, {}) holds {} receptacles, not one", cx + 1, cy + 1, n),
                              static_cast<double>(n), 1, static_cast<double>(n - 1), 0,
                              fmt::format("cell ({}, {})", cx + 1, cy + 1)});
      }
}

void check_openings(const PartMeasurement& part, const GridStandard& grid, std::vector<Finding>& out,
                    std::vector<std::string>& fasteners) {
  const double tol = grid.tolerances.diameter_mm;
  std::vector<bool> judged(part.openings.size(), false);  // by a rule of the standard already
  for (const auto& f : out)
    if (f.opening >= 0 && static_cast<std::size_t>(f.opening) < judged.size()) judged[static_cast<std::size_t>(f.opening)] = true;
  for (std::size_t i = 0; i < part.openings.size(); ++i) {
    const Opening& o = part.openings[i];
    const int index = static_cast<int>(i);
    std::string takes;
    if (judged[i]) {
      fasteners.emplace_back();
      continue;
    }
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
