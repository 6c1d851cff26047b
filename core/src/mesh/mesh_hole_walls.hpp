#pragma once
// Private: cylinder walls found from the triangles themselves rather than from plane sections:
// the holes and bosses whose axes lean away from every frame axis, and a local test of whether
// a wall's end is closed. Linear in the mesh.
#include <cstdint>
#include <vector>

#include "archipel/core/measurement.hpp"
#include "archipel/core/tolerances.hpp"
#include "mesh/mesh_topology.hpp"
#include "mesh/mesh_types.hpp"

namespace archipel::core::detail {

/// Whether material closes one end of a cylinder wall: the faces across the wall's border edges
/// at that end face into the hole (a floor, a drill point) rather than away from it (the face
/// around a mouth). `wall`: the wall's triangles (stamped `mark`); `axis`: its unit direction;
/// `lower`: the end at the smaller position along `axis`; `outward`: +1 when the mesh's triangles
/// face outwards, -1 when inwards.
bool wall_end_closed(const Mesh& mesh, const EdgeAdjacency& edges, const std::vector<std::uint32_t>& wall,
                     const std::vector<std::uint32_t>& stamp, std::uint32_t mark, const Vec3& axis,
                     bool lower, double outward);

/// +1 when the mesh's triangles face outwards (positive enclosed volume), -1 otherwise.
double outward_sense(const Mesh& mesh);

/// The holes and bosses whose axes are parallel to no frame axis, on a mesh in its frame. The
/// candidate axes are the directions of ruling edges (edges between two tessellated-cylinder
/// facets, perpendicular to both normals); for each, the connected facets parallel to it that
/// no earlier wall took are fitted with a circle. Appends to `holes`, stamping the walls.
void find_tilted_holes(const Mesh& mesh, const EdgeAdjacency& edges, const Tolerances& tolerances,
                       std::vector<std::uint32_t>& stamp, std::vector<Hole>& holes);

}  // namespace archipel::core::detail
