#pragma once
// Private: the files `archipel make` writes from a shape, as bytes, reproducible byte for byte.
// Kept apart so that the shared STL/3MF writers of the export work can replace the mesh ones.
#include <array>
#include <cstdint>
#include <optional>
#include <vector>
#include <string>

#include <TopoDS_Shape.hxx>

namespace archipel::core::detail {

/// STEP AP214 in millimetres with a fixed header (name, time stamp 2000-01-01T00:00:00, system
/// "Archipel make"), written through a private temporary folder; nothing on failure.
std::optional<std::string> step_bytes(const TopoDS_Shape& shape, const std::string& name);

/// The shape's triangles after meshing (linear deflection 0.01 mm, angular 0.1 rad, serial).
struct Triangles {
  std::vector<std::array<double, 3>> vertices;  ///< shared vertices
  std::vector<std::array<std::uint32_t, 3>> triangles;  ///< counter-clockwise seen from outside
};
std::optional<Triangles> mesh_shape(const TopoDS_Shape& shape);

/// Binary STL of `mesh` (80-byte header naming Archipel, float normals from the vertices).
std::string stl_bytes(const Triangles& mesh);

/// A 3MF package (OPC ZIP: content types, relationships, one mesh object in millimetres) whose
/// entries carry a fixed date (1980-01-01) so the archive is reproducible; nothing on failure.
std::optional<std::string> threemf_bytes(const Triangles& mesh, const std::string& name);

}  // namespace archipel::core::detail
