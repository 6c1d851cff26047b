#pragma once
// Private: the section of a sheet part given as a triangle mesh.
#include "archipel/core/result.hpp"
#include "export/profile.hpp"
#include "mesh/mesh_types.hpp"

namespace archipel::core::detail {

/// The section of a mesh already in its natural frame (z from 0 to `thickness`), cut at
/// mid-thickness: every facet must face along z at z = 0 or z = thickness (the two faces) or be
/// perpendicular to them (walls), else the part is not a sheet (invalid, with the reason). Each
/// closed section loop gives the wall vertices below the plane in order, fitted back into
/// circles, arcs and lines (export/contour_fit.hpp). Errors: an open loop (invalid: the mesh is
/// not closed).
Result<SheetProfile> mesh_sheet_profile(const Mesh& mesh, double thickness);

}  // namespace archipel::core::detail
