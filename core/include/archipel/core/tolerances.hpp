#pragma once
/// \file
/// Every geometric tolerance Archipel uses lives here; no double is compared with `==`.
/// Grid conformance tolerances (how far a dimension may sit from the grid) belong to each grid
/// standard's data file, not here.

#include <cmath>

namespace archipel::core {

/// Tolerances for measuring geometry, in millimetres and radians.
struct Tolerances {
  double linear_mm = 1e-4;        ///< two coordinates closer than this are the same
  double angular_rad = 1e-6;      ///< two directions closer than this are parallel
  double hole_group_mm = 0.01;    ///< split cylinder faces with axes/radii this close are one hole
  double mesh_weld_mm = 1e-4;     ///< mesh vertices closer than this are welded (normals ignored)
  double path_agreement_mm = 0.05;///< mesh and B-rep measurements of one shape agree within this
  double sheet_ratio = 0.25;      ///< a part whose thinnest extent is below this ratio of the next is a sheet
  double frame_tie_mm = 0.02;     ///< candidate frames whose box extents agree within this are equally small
  double round_mm = 0.05;         ///< a footprint whose smallest and largest widths agree within this is round
  double outline_mm = 0.02;       ///< sides of an opening's outline that agree within this (or 1 %) are equal
  double outline_rad = 0.0087;    ///< 0.5°: an outline's edges turning less than this are one straight side
};

/// The tolerances used when the caller has no reason to choose others.
inline constexpr Tolerances default_tolerances{};

/// |a - b| <= tol.
[[nodiscard]] inline bool near(double a, double b, double tol) { return std::abs(a - b) <= tol; }

}  // namespace archipel::core
