#pragma once
// Private: the section of a sheet part, as the DXF and SVG writers draw it, in the part's natural
// frame (x, y in millimetres, the section's minimum corner near the origin).
#include <array>
#include <optional>
#include <string>
#include <vector>

namespace archipel::core::detail {

using P2 = std::array<double, 2>;

/// One piece of a closed contour: straight when `bulge` is 0, else a circular arc whose bulge is
/// tan(included angle / 4), positive counter-clockwise (the DXF LWPOLYLINE convention).
struct ProfileSegment {
  P2 start{}, end{};
  double bulge = 0;
};

/// A closed contour: a whole circle, or a chain of segments each ending where the next starts
/// (the last ends where the first starts).
struct ProfileContour {
  bool is_circle = false;
  P2 centre{};      ///< whole circles
  double radius = 0;///< whole circles
  std::vector<ProfileSegment> segments;  ///< the others
  bool opening = false;  ///< an inner contour (material around it)
};

/// The section of a sheet part: contours, outer ones first, then by position.
struct SheetProfile {
  double thickness_mm = 0;
  std::vector<ProfileContour> contours;
  std::vector<std::string> warnings;
};

/// {xmin, ymin, xmax, ymax} over every contour, arcs included.
std::array<double, 4> profile_box(const SheetProfile& profile);

/// The centre and radius of an arc segment (bulge != 0).
void arc_centre(const ProfileSegment& s, P2& centre, double& radius);

/// Turns every contour made only of arcs of one circle (centre and radius within `tolerance_mm`)
/// and sweeping a whole turn into a whole circle.
void merge_circles(SheetProfile& profile, double tolerance_mm);

/// Sets `opening` on every contour lying inside an odd number of the others (even-odd rule).
void mark_openings(SheetProfile& profile);

/// Sorts contours (outer first, then by box corner, circles by centre) so the output does not
/// depend on the order the geometry was walked.
void sort_contours(SheetProfile& profile);

}  // namespace archipel::core::detail
