#pragma once
// Private: a sheet's section as DXF.
#include <string>

#include "export/profile.hpp"

namespace archipel::core::detail {

/// The profile as an ASCII DXF R2000 (AC1015) drawing in millimetres ($INSUNITS 4): every whole
/// circle a CIRCLE, every other contour one closed LWPOLYLINE whose arcs are bulges, all on layer
/// CUT, the only layer besides "0" (no ENGRAVE: a section has nothing to engrave). Handles are
/// numbered in order, so the same profile gives the same bytes.
std::string write_dxf(const SheetProfile& profile);

}  // namespace archipel::core::detail
