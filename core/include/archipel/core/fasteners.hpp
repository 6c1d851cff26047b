#pragma once
/// \file
/// Metric fasteners: which screw a hole takes (ISO 273 clearance holes) and how long standard
/// socket-head cap screws come (ISO 4762), for matching assembly points and clamp lengths.

#include <optional>
#include <span>
#include <string>

namespace archipel::core {

/// One metric screw size and the holes it passes through.
struct FastenerSize {
  std::string name;        ///< "M5"
  double nominal_mm;       ///< thread diameter, 5.0
  double fine_mm;          ///< ISO 273 fine clearance hole, 5.3
  double medium_mm;        ///< ISO 273 medium clearance hole, 5.5
  double coarse_mm;        ///< ISO 273 coarse clearance hole, 5.8
  double max_length_mm;    ///< longest ISO 4762 screw commonly made, 50 for M5
  double nut_height_mm;    ///< ISO 4032 hex nut height, 4.7 for M5
  double nut_flats_mm;     ///< ISO 4032 hex nut width across flats, 8 for M5
};

/// How much wider than its nut a nut trap may be and still hold it (printed traps add 0.1 to
/// 0.4 mm so the nut goes in).
inline constexpr double nut_trap_play_mm = 0.5;

/// The built-in table, M2 to M10, smallest first.
[[nodiscard]] std::span<const FastenerSize> metric_fasteners();

/// The fastener a hole of `diameter_mm` takes: the size whose clearance range
/// [nominal, coarse] contains the diameter (within `tolerance_mm`), or nothing.
[[nodiscard]] const FastenerSize* fastener_for_hole(double diameter_mm, double tolerance_mm);

/// The nut a hexagonal nut trap `across_flats_mm` wide holds: the size whose ISO 4032 width
/// across flats s satisfies s - tolerance <= across_flats <= s + nut_trap_play_mm, or nothing.
[[nodiscard]] const FastenerSize* fastener_for_nut_trap(double across_flats_mm, double tolerance_mm);

/// The fastener called `name` ("M5"), or nothing.
[[nodiscard]] const FastenerSize* find_fastener(std::string_view name);

}  // namespace archipel::core
