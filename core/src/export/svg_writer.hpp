#pragma once
// Private: a sheet's section as SVG.
#include <string>

#include "export/profile.hpp"

namespace archipel::core::detail {

/// Margin around the section in the SVG, in millimetres (so the edge strokes are not clipped).
inline constexpr double svg_margin_mm = 1.0;

/// The profile as an SVG at 1:1 in millimetres: width and height in "mm" equal to the viewBox's
/// size in user units (the section's box plus svg_margin_mm on each side), y pointing up as in
/// the part (the drawing is flipped into SVG's y-down space). Whole circles are <circle>, other
/// contours one closed <path> each (arcs as "A" commands), stroked red 0.1 mm, unfilled, in the
/// group "CUT" (the only group).
std::string write_svg(const SheetProfile& profile);

}  // namespace archipel::core::detail
