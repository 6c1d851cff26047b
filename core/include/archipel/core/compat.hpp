#pragma once
/// \file
/// Pairwise compatibility: can part B be bolted onto part A on the grid? Searches every
/// grid-aligned placement of B (translations on grid nodes, rotations by 90°, flips) where at
/// least two assembly points coincide with the same fastener, and ranks them.

#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "archipel/core/interface.hpp"

namespace archipel::core {

/// Two assembly points, one on each part, that take one fastener in a placement.
struct SharedFastener {
  std::size_t a_point = 0;   ///< index into A's points
  std::size_t b_point = 0;   ///< index into B's points
  std::string fastener;      ///< "M5"
  int gx = 0, gy = 0;        ///< the node in A's grid where they meet
};

/// One way of laying B on A. B's node (gx, gy) is flipped (gy → −gy) when `flip`, then rotated
/// counter-clockwise by `rotation` degrees, then moved by (dx, dy) nodes onto A's grid.
struct BoltedPlacement {
  int dx = 0, dy = 0;        ///< translation in grid nodes
  int rotation = 0;          ///< 0, 90, 180 or 270
  bool flip = false;         ///< B turned over
  std::vector<SharedFastener> shared;  ///< the fasteners that join the parts here
  double clamp_mm = 0;       ///< material the fasteners clamp (A's plus B's thickness)
  std::string screw;         ///< the shortest fitting screw, e.g. "M5 x 12 + nut"
};

/// Why two parts cannot be joined (or `compatible`).
enum class CompatReason {
  compatible, different_grids, too_few_points, incompatible_fasteners, no_alignment, clamp_too_long
};

/// The answer to "can B be bolted onto A?".
struct CompatReport {
  CompatReason reason = CompatReason::compatible;
  std::string explanation;             ///< one sentence, with the numbers
  std::vector<BoltedPlacement> placements;   ///< ranked: most shared fasteners first
  std::size_t placements_found = 0;    ///< before truncation to the requested number
};

/// Search options.
struct CompatOptions {
  std::size_t min_shared = 2;          ///< fasteners a joint needs
  std::size_t max_placements = 10;     ///< how many ranked placements to keep
};

/// Node (gx, gy) of B moved by a placement onto A's grid.
[[nodiscard]] std::pair<int, int> place_node(const BoltedPlacement& p, int gx, int gy);

/// Decides whether B can be bolted onto A and lists the placements.
[[nodiscard]] CompatReport check_compat(const ConnectionInterface& a, const ConnectionInterface& b,
                                        const CompatOptions& options = {});

/// Whether one placement (a declared joint) fits: the same checks for that placement only.
[[nodiscard]] CompatReport check_placement(const ConnectionInterface& a,
                                           const ConnectionInterface& b, const BoltedPlacement& placement,
                                           const CompatOptions& options = {});

/// The stable name of a reason ("no-alignment", ...).
[[nodiscard]] std::string reason_name(CompatReason reason);

/// `--json` form of a report.
[[nodiscard]] nlohmann::json to_json(const CompatReport& report);

/// An SVG drawing of a placement: both outlines on A's grid, shared fasteners marked.
[[nodiscard]] std::string render_compat_svg(const ConnectionInterface& a,
                                            const ConnectionInterface& b,
                                            const BoltedPlacement& placement);

}  // namespace archipel::core
