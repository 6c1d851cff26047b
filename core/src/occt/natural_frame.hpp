#pragma once
// Private: finding a part's natural frame (see Frame in measurement.hpp).
#include <TopoDS_Shape.hxx>
#include <gp_Trsf.hxx>

#include "archipel/core/measurement.hpp"
#include "archipel/core/result.hpp"
#include "archipel/core/tolerances.hpp"

namespace archipel::core::detail {

/// A natural frame and what was measured while finding it.
struct NaturalFrame {
  gp_Trsf to_frame;  ///< maps file coordinates to frame coordinates (min corner at the origin)
  Frame frame;       ///< the same frame, described for the report
  Vec3 extents{};    ///< exact bounding-box extents along the frame's x, y, z
  double volume = 0; ///< enclosed volume (0 for a shape without solids)
};

/// Finds the frame by the rule shared with the mesh path (frame/frame_choice.hpp): the
/// candidates are scored on points sampled from the shape (every vertex, every edge within
/// 0.005 mm, a grid on doubly curved faces), then the chosen box is measured exactly and is
/// never larger than the exact box in the file's axes. A round part turns towards its nearest
/// off-centre cylinder ("planar-faces+holes") or keeps the file's x ("planar-faces+file-axes").
/// The shape must hold at least one face.
Result<NaturalFrame> find_natural_frame(const TopoDS_Shape& shape, const Tolerances& tolerances);

/// Exact (AddOptimal, no triangulation, no shape tolerance) bounding box of `shape` after `trsf`:
/// {xmin, ymin, zmin, xmax, ymax, zmax}.
std::array<double, 6> exact_box(const TopoDS_Shape& shape, const gp_Trsf& trsf);

}  // namespace archipel::core::detail
