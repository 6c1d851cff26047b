#pragma once
// Private: mass properties of a mesh (centre of mass, principal axes).
#include <array>

#include "mesh/mesh_types.hpp"

namespace archipel::core::detail {

/// The centre of the enclosed volume (of the surface when the mesh encloses none), file axes.
Vec3 centre_of_mass(const Mesh& mesh);

/// The principal axes of inertia of the enclosed volume (of the surface when the mesh encloses
/// none), as the B-rep path takes them from OpenCASCADE's GProp: orthonormal, unordered.
std::array<Vec3, 3> principal_axes(const Mesh& mesh);

}  // namespace archipel::core::detail
