#pragma once
// Private: the natural frame of a mesh (dominant planar facets, else principal axes).
#include "archipel/core/tolerances.hpp"
#include "mesh/mesh_types.hpp"

namespace archipel::core::detail {

/// Finds the mesh's natural frame: the two largest mutually orthogonal clusters of facet
/// normals (weighted by area) when they exist ("planar-faces"); the largest one plus the
/// principal axis in its plane ("planar-faces+principal-axes") or, for a round part, the file's
/// x laid in that plane ("planar-faces+file-axes"); else the principal axes of the surface
/// ("principal-axes"). x is the longest extent, z the shortest (a tie puts the axis facing less
/// planar area first); signs put the centre of mass at or below the middle of the box, the
/// file's positive sense where the part is symmetric; right-handed. These are the B-rep path's
/// conventions. The origin is the minimum corner of the bounding box in that frame.
Frame find_natural_frame(const Mesh& mesh, const Tolerances& tolerances);

/// Expresses the vertices in `frame` (the bounding box then starts at 0 on every axis).
void move_to_frame(Mesh& mesh, const Frame& frame);

/// The bounding-box extents along the frame's x, y and z (of a mesh already in its frame).
Vec3 extents(const Mesh& mesh);

}  // namespace archipel::core::detail
