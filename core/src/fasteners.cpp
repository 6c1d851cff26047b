#include "archipel/core/fasteners.hpp"

#include <array>

namespace archipel::core {
namespace {

// ISO 273 clearance holes (fine / medium / coarse), ISO 4762 longest standard lengths,
// ISO 4032 nut heights (m max) and widths across flats (s).
const std::array<FastenerSize, 8> table{{
    {"M2", 2.0, 2.2, 2.4, 2.6, 20, 1.6, 4.0},
    {"M2.5", 2.5, 2.7, 2.9, 3.1, 25, 2.0, 5.0},
    {"M3", 3.0, 3.2, 3.4, 3.6, 30, 2.4, 5.5},
    {"M4", 4.0, 4.3, 4.5, 4.8, 40, 3.2, 7.0},
    {"M5", 5.0, 5.3, 5.5, 5.8, 50, 4.7, 8.0},
    {"M6", 6.0, 6.4, 6.6, 7.0, 60, 5.2, 10.0},
    {"M8", 8.0, 8.4, 9.0, 10.0, 80, 6.8, 13.0},
    {"M10", 10.0, 10.5, 11.0, 12.0, 100, 8.4, 16.0},
}};

}  // namespace

std::span<const FastenerSize> metric_fasteners() { return table; }

const FastenerSize* fastener_for_hole(double diameter_mm, double tolerance_mm) {
  // Prefer the largest screw that still passes: a Ø5.5 hole takes M5, not M4 with play.
  const FastenerSize* best = nullptr;
  for (const auto& f : table)
    if (diameter_mm >= f.nominal_mm + tolerance_mm && diameter_mm <= f.coarse_mm + tolerance_mm)
      best = &f;
  return best;
}

const FastenerSize* fastener_for_nut_trap(double across_flats_mm, double tolerance_mm) {
  // The largest nut that goes in: a 5.4 mm trap holds an M3 nut (5.5) within 0.1 mm, not M2.5.
  const FastenerSize* best = nullptr;
  for (const auto& f : table)
    if (across_flats_mm >= f.nut_flats_mm - tolerance_mm && across_flats_mm <= f.nut_flats_mm + nut_trap_play_mm)
      best = &f;
  return best;
}

const FastenerSize* find_fastener(std::string_view name) {
  for (const auto& f : table)
    if (f.name == name) return &f;
  return nullptr;
}

}  // namespace archipel::core
