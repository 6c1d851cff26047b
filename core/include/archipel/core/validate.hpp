#pragma once
/// \file
/// Validating a measured part against a grid standard: find the grid alignment that fits best,
/// apply each rule of the standard, and give a verdict with numbers. Findings are data, not
/// errors: validation itself cannot fail once a part is measured and a standard is loaded.

#include <array>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "archipel/core/grid.hpp"
#include "archipel/core/measurement.hpp"
#include "archipel/core/result.hpp"

namespace archipel::core {

/// One diagnostic: which rule, how bad, and the numbers behind it (millimetres).
struct Finding {
  std::string rule;       ///< rule id, e.g. "OS-A-dimension"
  std::string severity;   ///< "error", "warning" or "info"
  std::string clause;     ///< the clause of the standard the rule checks
  std::string message;    ///< one readable line
  double measured = 0;    ///< the measured value
  double expected = 0;    ///< the nearest allowed value (for a clearance note: the nominal)
  double deviation = 0;   ///< measured - expected
  double tolerance = 0;   ///< how far measured may sit from expected and still conform
  std::string location;   ///< "width", "depth", "height", "hole 3" ...
  int hole = -1;          ///< index into PartMeasurement::holes, or -1
  int opening = -1;       ///< index into PartMeasurement::openings, or -1
};

/// The overall result.
enum class Verdict { conforms, conforms_with_warnings, fails };

/// A hole's own result: the worst severity among its findings (info does not count).
enum class HoleVerdict { ok, warning, error };

/// Where the grid sits in the part's natural frame: the grid is rotated by `rotation_deg` about
/// the footprint's centre, then its lattice origin is at (dx_mm, dy_mm) in the rotated frame.
/// The nominal outline fixes the grid (see docs/validation.md, "Where the grid lies").
struct Alignment {
  double dx_mm = 0;       ///< lattice origin along x, in (-step/2, step/2]
  double dy_mm = 0;       ///< lattice origin along y, in (-step/2, step/2]
  std::string anchor = "outline";  ///< what fixes the grid: "outline", "centre" (a disc),
                                   ///< "holes" (no extent constrained), "outline+holes
  int rotation_deg = 0;   ///< 0, 90, 180 or 270
  int points_on_grid = 0; ///< assembly points within the position tolerance of a node
  int points_checked = 0; ///< assembly points considered (holes, not bosses, along z, x or y)
};

/// How one rule fared.
struct RuleOutcome {
  std::string rule;       ///< rule id
  std::string severity;   ///< the rule's severity
  int checked = 0;        ///< values checked (dimensions, holes ...)
  int failed = 0;         ///< of which off the standard
};

/// How a part's role in a standard was settled (see GridStandard::roles).
struct RoleChoice {
  std::string name;          ///< the role, e.g. "baseplate"; empty when the standard has none
  std::string source;        ///< "stated" (--role, the manifest's grid.role) or "recognised"
  bool fits = false;         ///< the footprint meets the role's sizes (n * step less its clearance)
  int height_axis = 2;       ///< the extent taken as the height; the footprint is the other two
  double deviation_mm = 0;   ///< how far the footprint is from the role's nearest sizes (summed)
};

/// Recognises a part's role from its footprint, for validate, publish and compat alike: the first
/// role, in the standard's order, whose sizes (n * step less the role's clearance, within the
/// dimension tolerance) the footprint meets, the smallest extent being taken as the height first,
/// then the others (a tall bin may stand on its smallest face); when none fits, the role the two
/// largest extents come nearest to (`fits` false). Empty when the standard has no roles.
[[nodiscard]] RoleChoice recognise_role(const PartMeasurement& part, const GridStandard& grid);

/// The stated role when `stated` is not empty (it must be one of the standard's: error invalid
/// otherwise, with "did you mean"), else the recognised one.
[[nodiscard]] Result<RoleChoice> choose_role(const PartMeasurement& part, const GridStandard& grid,
                                             std::string_view stated);

/// Options of `validate`.
struct ValidateOptions {
  std::string role;  ///< the part's stated role; empty: recognised from its footprint
};

/// Everything validation found on one part.
struct ValidationReport {
  std::string grid;                    ///< the standard's id
  RoleChoice role;                     ///< the role whose rules were applied (standards with roles)
  Verdict verdict = Verdict::conforms; ///< error finding → fails; warning → with warnings
  Alignment alignment;                 ///< the best grid alignment
  std::vector<Finding> findings;       ///< in rule order, then by location
  std::vector<HoleVerdict> holes;      ///< one per PartMeasurement::holes entry
  std::vector<std::string> hole_fasteners; ///< per hole: its row of the fastener table, or empty
  std::vector<HoleVerdict> openings;   ///< one per PartMeasurement::openings entry
  std::vector<std::string> opening_fasteners; ///< per opening: the nut or screw it takes, or empty
  std::vector<RuleOutcome> rules;      ///< one per rule of the standard, in its order
};

/// Where one node of the grid lies in the part's natural frame (x, y), the grid being anchored
/// to the part's outline as `validate` anchors it (the node at the first lattice offset).
[[nodiscard]] std::array<double, 2> grid_node_origin(const PartMeasurement& part,
                                                     const GridStandard& grid);

/// Validates `part` against `grid`: its role (stated or recognised) when the standard has roles,
/// the best alignment, then every rule of the standard (of the role), then the openings: a slot
/// along a frame axis is an assembly point (its centre line must lie on a grid line) whose width
/// is judged like a hole's; a hexagon that holds an ISO 4032 nut is a nut trap (info
/// `opening.nut-trap`); every other opening, which no rule judges, is a warning
/// (`opening.unjudged`). A stated role the standard
/// lacks is an error finding (rule `grid-role`) and the role is recognised instead: check it
/// beforehand with choose_role or apply_role to refuse it.
[[nodiscard]] ValidationReport validate(const PartMeasurement& part, const GridStandard& grid,
                                        const ValidateOptions& options = {});

/// What a manifest declares about a part, to cross-check against its measurement.
struct Declared {
  std::optional<Vec3> dimensions_mm;  ///< width, depth, height as declared (any order)
  std::string grid;                   ///< declared grid standard id; empty when none
  std::vector<int> grid_units;        ///< declared size in grid units (width, depth[, height])
  std::string origin;                 ///< the manifest, for messages (e.g. "part.json")
};

/// Cross-checks what a manifest declares against the measurement, adding findings to `report`
/// (rule `manifest-dimensions`: declared and measured extents, compared largest first, within
/// the standard's dimension tolerance; rule `manifest-grid-size`: units * pitch is the nominal
/// measured size, less the allowed clearance) and updating its verdict. The grid size is only
/// checked when the declared grid is `grid`.
void check_declared(ValidationReport& report, const PartMeasurement& part, const GridStandard& grid,
                    const Declared& declared);

/// The verdict a list of findings gives (any error → fails; any warning → with warnings).
[[nodiscard]] Verdict verdict_of(const std::vector<Finding>& findings);

/// "conforms", "conforms-with-warnings" or "fails".
[[nodiscard]] std::string_view verdict_name(Verdict verdict);

/// "ok", "warning" or "error".
[[nodiscard]] std::string_view hole_verdict_name(HoleVerdict verdict);

/// Rounds a length to 0.0001 mm (and -0 to 0), as in every report.
[[nodiscard]] double round_report_mm(double value);

/// The report as JSON: verdict, grid, unit, frame, alignment, size_mm (largest first),
/// volume_mm3, holes (each with its verdict), findings, rules, warnings (validation_warnings in
/// warnings.hpp, as {rule, message}); lengths rounded to 0.0001 mm.
[[nodiscard]] nlohmann::json to_json(const ValidationReport& report, const PartMeasurement& part);

/// An SVG drawing of the part's footprint (its bounding rectangle in the natural frame, x to the
/// right, y up) on the grid: sub-grid and pitch lines, holes coloured by verdict (green ok, orange
/// warning, red error), bosses as outlines, and the main dimensions annotated.
[[nodiscard]] std::string render_svg(const ValidationReport& report, const PartMeasurement& part,
                                     const GridStandard& grid);

}  // namespace archipel::core
