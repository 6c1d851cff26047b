#pragma once
// Private: the pieces of the validator shared by the alignment search, the rules, the JSON report
// and the SVG drawing.
#include <array>
#include <optional>
#include <string>
#include <vector>

#include "archipel/core/validate.hpp"

namespace archipel::core::detail {

/// A point in the part's natural XY plane (mm).
struct Point2 {
  double x = 0;
  double y = 0;
};

/// A hole centre checked as an assembly point, with the coordinates that matter: a hole along z
/// is checked in x and y; a side hole along x only in y; along y only in x.
/// The centre of a bolt circle stands in for its holes (`circle` >= 0, `hole` = -1).
struct CheckedPoint {
  int hole = -1;
  Point2 p;
  bool check_x = true;
  bool check_y = true;
  int circle = -1;
  int opening = -1;  ///< a slot: index into PartMeasurement::openings (`hole` is -1)
};

/// At least three holes (along z, not bosses) at one distance from the footprint's centre or a
/// boss's centre, on a circle whose diameter the standard allows for round parts (e.g. OS 4 x Ø80).
struct BoltCircle {
  Point2 centre;
  double diameter_mm = 0;     ///< measured
  double allowed_mm = 0;      ///< nearest allowed round-part diameter
  std::vector<int> holes;     ///< indices into PartMeasurement::holes
};

/// The bolt circles of a part (none when the standard has no round-part diameters).
std::vector<BoltCircle> bolt_circles(const PartMeasurement& part, const GridStandard& grid);

/// The assembly points of a part: holes (not bosses) whose axis is along a frame axis; holes on
/// a bolt circle are replaced by the circle's centre; slots along a frame axis, checked across
/// their centre line only.
std::vector<CheckedPoint> assembly_points(const PartMeasurement& part,
                                          const std::vector<BoltCircle>& circles);

/// The centre of the part's footprint, about which the grid is rotated.
Point2 footprint_centre(const PartMeasurement& part);

/// Natural frame → grid frame (rotated by -rotation about `centre`), and back.
Point2 to_grid_frame(Point2 p, int rotation_deg, Point2 centre);
Point2 from_grid_frame(Point2 p, int rotation_deg, Point2 centre);

/// Signed distance from `v` to the nearest k * step + offset + origin.
double lattice_deviation(double v, double step, const std::vector<double>& offsets, double origin);

/// `v` reduced into (-step/2, step/2].
double centred_mod(double v, double step);

/// The nearest allowed value of a dimension: n * step - c, n >= 1, clearance.min <= c <= max.
struct NearestDimension {
  double expected = 0;  ///< nearest allowed value
  double nominal = 0;   ///< n * step
};
NearestDimension nearest_dimension(double measured, double step, const Clearance& clearance);

/// What fixes the grid along one axis.
enum class AnchorKind { outline, centre, holes };

/// Where the lattice origin (a cell corner) may lie along one axis of the grid frame: anywhere in
/// [lo, hi] (the play the clearance leaves the nominal outline), preferably at `preferred` (the
/// outline centred in its nominal cells). `free`: the standard does not constrain this extent, so
/// nothing but the holes fixes the grid (the range is then the whole lattice step).
struct AxisAnchor {
  bool free = false;
  double lo = 0, hi = 0, preferred = 0;
  AnchorKind kind = AnchorKind::outline;
};

/// The anchors of the grid frame's x and y for the grid turned by `rotation_deg`: the nominal
/// outline (measured extent plus the clearance, see nearest_dimension), or the centre of a disc.
std::array<AxisAnchor, 2> grid_anchors(const PartMeasurement& part, const GridStandard& grid,
                                       int rotation_deg);

/// The centre of a round part: a boss along z as wide as the footprint in both directions and
/// centred on it (a disc has no straight edge for the grid to anchor on). Nothing otherwise.
std::optional<Point2> disc_centre(const PartMeasurement& part, const GridStandard& grid);

/// The best grid alignment anchored to the outline (see grid_anchors): most assembly points on
/// nodes, then smallest total deviation, then the outline centred in its cells, then the smallest
/// rotation.
Alignment find_alignment(const PartMeasurement& part, const GridStandard& grid);

/// Where the grid's cell corner would be if the outline sat centred in its nominal cells.
Point2 preferred_corner(const PartMeasurement& part, const GridStandard& grid);

/// The lattice (step and offsets) assembly points are checked on; the pitch when none.
AssemblyPoints effective_lattice(const GridStandard& grid);

/// One function per kind of rule; each appends its findings and counts into `outcome`.
void check_dimension(const PartMeasurement& part, const GridStandard& grid, const GridRule& rule,
                     std::vector<Finding>& out, RuleOutcome& outcome);
void check_height_unit(const PartMeasurement& part, const GridStandard& grid, const GridRule& rule,
                       std::vector<Finding>& out, RuleOutcome& outcome);
void check_assembly_points(const PartMeasurement& part, const GridStandard& grid,
                          const GridRule& rule, const Alignment& alignment,
                          std::vector<Finding>& out, RuleOutcome& outcome);
void check_hole_diameters(const PartMeasurement& part, const GridStandard& grid,
                          const GridRule& rule, std::vector<Finding>& out, RuleOutcome& outcome);
void check_round_diameters(const PartMeasurement& part, const GridStandard& grid,
                           const GridRule& rule, std::vector<Finding>& out, RuleOutcome& outcome);

/// Judges the openings (see validate()): appends findings, and per opening the nut or screw it
/// takes (empty when none).
/// The openings of a part whose cells hold receptacles (a Gridfinity baseplate): each opening at
/// least half a pitch wide must be centred in a cell of the outline-anchored grid (the rule's
/// severity otherwise), and a cell without one is a warning. Judged openings get an info finding.
void check_cell_openings(const PartMeasurement& part, const GridStandard& grid, const GridRule& rule,
                         std::vector<Finding>& out, RuleOutcome& outcome);
void check_openings(const PartMeasurement& part, const GridStandard& grid, std::vector<Finding>& out,
                    std::vector<std::string>& fasteners);

/// "opening 2 (slot 8 x 12 mm, through)".
std::string opening_label(const PartMeasurement& part, int index);

/// A length for messages: at most 4 decimals, no trailing zeros ("80", "78.3").
std::string num(double value);

/// A signed length with at least one decimal and a real minus sign ("−1.0", "+0.25").
std::string signed_num(double value);

/// Whether a part's thickness (its smallest extent) is a sheet thickness.
bool is_sheet(const PartMeasurement& part);

}  // namespace archipel::core::detail
