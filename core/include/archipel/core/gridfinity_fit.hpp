#pragma once
/// \file
/// Gridfinity's own fit rule: a bin sits in a baseplate when its footprint, in 42 mm cells, fits
/// the baseplate's cells. Bins are n·42 − 0.5 mm wide (0.25 mm clearance a side); baseplates n·42.
/// Which a part is comes from the roles of core/grids/gridfinity.json, recognised by the same
/// function as `validate` and `publish` use (recognise_role).

#include <string>
#include <string_view>

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

/// Classifies a part from its measured extents: its stated `role` when given (the manifest's
/// grid.role), else the role recognised from its footprint; "unknown" when the footprint does not
/// meet that role's sizes within the standard's dimension tolerance.
[[nodiscard]] GridfinityShape classify_gridfinity(const PartMeasurement& part, std::string_view role = {});

/// Checks a bin against a baseplate (in either order); roles as in classify_gridfinity.
[[nodiscard]] GridfinityFit check_gridfinity_fit(const PartMeasurement& a, const PartMeasurement& b,
                                                 std::string_view role_a = {}, std::string_view role_b = {});

/// `--json` form.
[[nodiscard]] nlohmann::json to_json(const GridfinityFit& fit);

}  // namespace archipel::core
