#pragma once
// Private: what the exporter needs from an OpenCASCADE shape: its mesh, or its section as a sheet.
#include <TopoDS_Shape.hxx>

#include "archipel/core/result.hpp"
#include "archipel/core/tolerances.hpp"
#include "export/profile.hpp"
#include "mesh/mesh_types.hpp"

namespace archipel::core::detail {

/// Meshes `shape` with BRepMesh_IncrementalMesh (absolute chordal tolerance `linear_mm`, angular
/// tolerance `angular_rad`, one thread so the result is the same every run, the Delabella 2D
/// triangulation, the default one for a face Delabella leaves empty), gathers every face's
/// triangles (oriented outwards, locations applied) and welds the nodes the faces share.
/// Errors (io): the mesher fails or leaves a face without triangles.
Result<Mesh> mesh_brep(const TopoDS_Shape& shape, double linear_mm, double angular_rad,
                       const Tolerances& tolerances);

/// The section of a sheet part in its natural frame (the frame `measure` reports). A sheet has
/// two parallel planar faces (or sets of coplanar faces) at z = 0 and z = thickness, and every
/// other face is a wall perpendicular to them spanning the whole thickness. The section is the
/// boundary of the lower faces: lines, arcs and circles kept exact, other curves as straight
/// segments within 1 micrometre. Errors: not a sheet (invalid, with the reason), OpenCASCADE
/// failures (io).
Result<SheetProfile> brep_sheet_profile(const TopoDS_Shape& shape, const Tolerances& tolerances);

}  // namespace archipel::core::detail
