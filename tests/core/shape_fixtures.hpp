#pragma once
// Test support: parts with known answers built in code from OpenCASCADE primitives (grid
// anchoring, roles, openings, stepped holes), and their tessellation for the mesh path.
#include <filesystem>
#include <utility>
#include <vector>

#include <TopoDS_Shape.hxx>

#include "mesh_fixtures.hpp"

namespace archipel::test {

/// The shape's faces tessellated (0.01 mm deflection), counter-clockwise seen from outside.
Soup tessellate_shape(const TopoDS_Shape& shape, double deflection = 0.01);

/// A prism of height `h` from z0 over a rounded rectangle `w` × `l` (`w` along x before turning)
/// centred at (cx, cy), corners of radius `r` (r = min(w, l) / 2: a slot), turned by `degrees`.
TopoDS_Shape rounded_prism(double cx, double cy, double w, double l, double r, double z0, double h,
                           double degrees = 0);

/// A prism of height `h` from z0 over a regular hexagon `across_flats` wide centred at (cx, cy),
/// two of its flats parallel to x when `degrees` is 0.
TopoDS_Shape hexagon_prism(double cx, double cy, double across_flats, double z0, double h, double degrees = 0);

/// A vertical cylinder of diameter `d` from z0, height `h`, axis through (x, y).
TopoDS_Shape z_cylinder(double x, double y, double z0, double d, double h);

/// A Gridfinity frame baseplate: nx × ny cells of 42 mm, 5 mm thick, each cell cut through as a
/// 36 mm rounded square (4 mm corners) centred in the cell.
TopoDS_Shape gridfinity_baseplate(int nx, int ny);

/// A Gridfinity bin nx × ny cells (n·42 − 0.5 mm) and `units` × 7 mm high, hollowed from the
/// top down to a 2 mm floor with 1.2 mm walls.
TopoDS_Shape gridfinity_bin(int nx, int ny, int units);

/// Writes the tessellated shape as a binary STL.
std::filesystem::path write_shape_stl(const TopoDS_Shape& shape, const std::filesystem::path& path);

}  // namespace archipel::test
