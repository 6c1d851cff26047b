#pragma once
// Private: the natural frame of a mesh (dominant planar facets, else principal axes).
#include "archipel/core/tolerances.hpp"
#include "mesh/mesh_types.hpp"

namespace archipel::core::detail {

/// Finds the mesh's natural frame: the two largest mutually orthogonal clusters of facet
/// normals (weighted by area) when they exist ("planar-faces"), the largest one plus the
/// principal axis in its plane ("planar-face+principal-axes"), else the principal axes of the
/// surface ("principal-axes"). x is the longest extent, z the shortest; ties go to the axis
/// closest to the file's X, then Y. x and z point along the file axis they are closest to;
/// y = z × x. The origin is the minimum corner of the bounding box in that frame.
Frame find_natural_frame(const Mesh& mesh, const Tolerances& tolerances);

/// Expresses the vertices in `frame` (the bounding box then starts at 0 on every axis).
void move_to_frame(Mesh& mesh, const Frame& frame);

/// The bounding-box extents along the frame's x, y and z (of a mesh already in its frame).
Vec3 extents(const Mesh& mesh);

}  // namespace archipel::core::detail
