#pragma once
// The example parts, built from OpenCASCADE primitives. Shared by the generator
// (archipel_make_examples) and the tests, which measure both the shapes and the written files.
#include <optional>
#include <string>
#include <vector>

#include <TopoDS_Shape.hxx>

namespace archipel::examples {

/// One example part: its shape (millimetres, modelled on the axes) and manifest facts.
struct ExamplePart {
  std::string name;         ///< folder and file name, e.g. "os-plate-120x40"
  std::string description;  ///< one sentence for the manifest
  std::string grid;         ///< grid standard id the part claims
  std::vector<int> grid_size;     ///< size in grid units the part claims
  std::vector<double> dimensions; ///< declared width, depth, height in millimetres
  std::string material;     ///< material name (see materials.hpp)
  std::string form;         ///< "sheet", "filament", ...
  std::optional<double> thickness;  ///< sheet thickness in millimetres
  std::string process;      ///< fabrication process
  std::vector<std::string> tags;
  TopoDS_Shape shape;
};

/// A box of `x` × `y` × `z` at the origin with vertical through holes of `diameter` at `centres`.
TopoDS_Shape drilled_plate(double x, double y, double z, double diameter,
                           const std::vector<std::pair<double, double>>& centres);

/// Every example part, in a fixed order.
std::vector<ExamplePart> example_parts();

}  // namespace archipel::examples
