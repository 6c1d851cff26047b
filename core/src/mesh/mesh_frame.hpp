#pragma once
// Private: the natural frame of a mesh, by the rule shared with the B-rep path
// (frame/frame_choice.hpp).
#include <optional>
#include <vector>

#include "archipel/core/tolerances.hpp"
#include "mesh/mesh_topology.hpp"
#include "mesh/mesh_types.hpp"

namespace archipel::core::detail {

/// Finds the mesh's natural frame. Its planar faces are the connected sets of coplanar
/// triangles (grown from the largest triangles, within 0.5° of the seed's normal); facets of
/// tessellated holes and curved faces form small sets that do not vote. The box is measured over
/// the vertices of the convex hull (Qhull). A round part ("planar-faces+file-axes") keeps the
/// file's x laid in its plane until frame_towards_hole turns it. The origin is the minimum
/// corner of the bounding box in that frame.
Frame find_natural_frame(const Mesh& mesh, const EdgeAdjacency& edges, const Tolerances& tolerances);

/// For a round part ("planar-faces+file-axes"), as the B-rep path does: the frame whose x points
/// from the centre of mass to the nearest off-centre hole or boss parallel to z (ties: the file's
/// +x), so the frame turns with the part ("planar-faces+holes"). `mesh` in file coordinates,
/// `holes` in `frame`; nothing when every hole is centred.
std::optional<Frame> frame_towards_hole(const Mesh& mesh, const Frame& frame,
                                        const std::vector<Hole>& holes, const Tolerances& tol);

/// Expresses the vertices in `frame` (the bounding box then starts at 0 on every axis).
void move_to_frame(Mesh& mesh, const Frame& frame);

/// Expresses vertices given in `frame` in file coordinates again.
void move_from_frame(Mesh& mesh, const Frame& frame);

/// The bounding-box extents along the frame's x, y and z (of a mesh already in its frame).
Vec3 extents(const Mesh& mesh);

}  // namespace archipel::core::detail
