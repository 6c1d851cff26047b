#pragma once
/// \file
/// A part's connection interface: its assembly points in grid coordinates, the fastener each
/// takes, the face it lies on and the thickness to clamp. Derived from measured geometry, stored
/// in the registry at publication, and compared by the compatibility checks.

#include <array>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "archipel/core/grid.hpp"
#include "archipel/core/measurement.hpp"
#include "archipel/core/result.hpp"

namespace archipel::core {

/// One place where a fastener joins the part to another.
struct AssemblyPoint {
  int gx = 0;                 ///< grid node index along the natural frame's x
  int gy = 0;                 ///< grid node index along the natural frame's y
  double x_mm = 0;            ///< measured position, natural frame
  double y_mm = 0;            ///< measured position, natural frame
  double diameter_mm = 0;     ///< measured hole diameter
  double depth_mm = 0;        ///< material the hole runs through: what a fastener clamps here
  std::string fastener;       ///< the metric screw the hole takes ("M5"), empty if none
  std::string face;           ///< the face the point lies on: "z" (the main face), "x", "y"
  bool through = false;       ///< the fastener can pass right through
};

/// How the interface of one part was laid on the grid.
struct ConnectionInterface {
  std::string grid;                   ///< grid standard id, e.g. "openstructures"
  std::string role;                   ///< the part's role in the standard ("bin"), or empty
  double node_step_mm = 0;            ///< spacing of the grid nodes points sit on
  double offset_x_mm = 0;             ///< where node (0,0) sits in the natural frame
  double offset_y_mm = 0;
  double clamp_mm = 0;                ///< sheet thickness (else z extent): the clamp where a point has no depth
  Vec3 size_mm{};                     ///< the part's extents in its natural frame
  std::vector<AssemblyPoint> points;  ///< main-face points first, sorted by (gy, gx)
  std::vector<std::string> off_grid;  ///< holes left out because they sit off the grid
};

/// What deriving an interface needs from the grid standard.
struct InterfaceOptions {
  std::string grid = "openstructures";  ///< grid standard id
  double node_step_mm = 10;             ///< assembly points sit on multiples of this
  double position_tolerance_mm = 0.2;   ///< how far a hole centre may sit from its node
  double diameter_tolerance_mm = 0.05;  ///< slack when matching a hole to a fastener
  /// Where one grid node lies in the natural frame when the grid is anchored to the part's
  /// outline (as the validator anchors it); nothing: the node offset is fitted to the holes.
  std::optional<std::array<double, 2>> node_origin_mm;
  std::string role;                     ///< the part's role in the standard, or empty
};

/// The options a grid standard implies: its assembly-point step (else its finest sub-grid step,
/// else its pitch) and its position and diameter tolerances.
[[nodiscard]] InterfaceOptions interface_options(const GridStandard& grid);

/// The options for one part: those of `grid` (with its role applied, see apply_role), with the
/// node origin of the grid the validator anchors to the part's outline, so that `compat` and
/// `validate` agree on which holes are on the grid.
[[nodiscard]] InterfaceOptions interface_options(const GridStandard& grid, const PartMeasurement& part);

/// Lays the measured holes on the grid: on the nodes of `options.node_origin_mm` when set, else
/// the node offset that puts the most hole centres on nodes; then records every hole (not
/// bosses) as an assembly point.
[[nodiscard]] ConnectionInterface derive_interface(const PartMeasurement& part,
                                                   const InterfaceOptions& options);

/// The interface as stored in the registry (`interface.json`).
[[nodiscard]] nlohmann::json to_json(const ConnectionInterface& interface);

/// Reads an interface written by `to_json`.
[[nodiscard]] Result<ConnectionInterface> interface_from_json(const nlohmann::json& doc,
                                                              const std::string& origin);

}  // namespace archipel::core
