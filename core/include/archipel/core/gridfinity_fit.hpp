#pragma once
/// \file
/// Gridfinity's own fit rule: a bin sits in a baseplate when its footprint, in 42 mm cells, fits
/// the baseplate's cells. Bins are n·42 − 0.5 mm wide (0.25 mm clearance a side); baseplates n·42.

#include <string>

#include <nlohmann/json.hpp>

#include "archipel/core/measurement.hpp"

namespace archipel::core {

/// What a measured part is in Gridfinity terms.
struct GridfinityShape {
  std::string role;        ///< "bin", "baseplate" or "unknown"
  int cells_x = 0;         ///< footprint in 42 mm cells (larger first)
  int cells_y = 0;
  double height_mm = 0;    ///< extent along the axis that is not the footprint
  int height_units = 0;    ///< whole 7 mm height units (bins only)
  double lip_mm = 0;       ///< what stands above the height units (a stacking lip)
};

/// The answer to "does this bin sit in that baseplate?".
struct GridfinityFit {
  bool fits = false;
  GridfinityShape a, b;
  std::string explanation;  ///< one sentence with the numbers
};

/// Classifies a part from its measured extents (tolerance 0.3 mm on the footprint).
[[nodiscard]] GridfinityShape classify_gridfinity(const PartMeasurement& part);

/// Checks a bin against a baseplate (in either order).
[[nodiscard]] GridfinityFit check_gridfinity_fit(const PartMeasurement& a, const PartMeasurement& b);

/// `--json` form.
[[nodiscard]] nlohmann::json to_json(const GridfinityFit& fit);

}  // namespace archipel::core
