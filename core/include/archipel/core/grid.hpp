#pragma once
/// \file
/// Grid standards as data (schemas/grid.schema.json): pitch, sub-grid, constrained dimensions,
/// assembly points, diameters, fasteners, tolerances and the rules a part is checked against.
/// The built-in standards (core/grids/*.json) are embedded; a custom one is read from a file.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "archipel/core/result.hpp"

namespace archipel::core {

/// Where a grid standard's values come from.
struct GridSource {
  std::string url;   ///< may be empty
  std::string text;  ///< what the source says
};

/// Whether one extent of a part (width, depth or height) is a grid dimension, and on which step.
struct AxisConstraint {
  bool constrained = false;  ///< checked at all
  double step_mm = 0;        ///< the extent is n * step (less the clearance)
};

/// The clearance a real part may subtract from its nominal grid size: n * step - c, min <= c <= max.
struct Clearance {
  double min_mm = 0;  ///< smallest clearance allowed
  double max_mm = 0;  ///< largest clearance allowed
};

/// Which extents of a part are grid dimensions. Width, depth and height are the part's extents
/// in its natural frame, largest first.
struct DimensionRules {
  AxisConstraint width;                 ///< the largest extent
  AxisConstraint depth;                 ///< the middle extent
  AxisConstraint height;                ///< the smallest extent
  bool thickness_constrained = false;   ///< whether a sheet part's thickness is a grid dimension
  Clearance clearance;                  ///< allowed clearance, for every constrained extent
};

/// One allowed addition to a whole number of height units (a stacking lip, or 0 for none).
struct HeightExtra {
  double mm = 0;     ///< added height
  std::string name;  ///< e.g. "stacking lip"
};

/// A height unit (Gridfinity: 7 mm): heights are n * unit + one of the extras.
struct HeightUnit {
  double unit_mm = 0;              ///< the unit
  std::vector<HeightExtra> extras; ///< at least one
};

/// Where assembly points (hole centres) may lie: k * step + offset along x and y.
struct AssemblyPoints {
  double step_mm = 0;               ///< lattice step
  std::vector<double> offsets_mm;   ///< offsets within a step (e.g. Gridfinity 8 and 34)
};

/// One row of a standard's fastener table.
struct Fastener {
  std::string name;                          ///< e.g. "M3"
  double nominal_mm = 0;                     ///< nominal diameter
  std::optional<double> clearance_fine_mm;   ///< ISO 273 fine clearance hole
  std::optional<double> clearance_medium_mm; ///< ISO 273 medium clearance hole
  std::vector<double> holes_mm;              ///< other hole diameters for this fastener
};

/// How far a measured value may sit from its nearest allowed value and still conform.
struct GridTolerances {
  double dimension_mm = 0;  ///< for widths, depths, heights
  double position_mm = 0;   ///< for hole centres
  double diameter_mm = 0;   ///< for hole and round-part diameters
};

/// The severity of a rule's findings.
enum class Severity { error, warning, info };

/// Which check a rule applies (one validator function each).
/// What a rule checks. `cell_opening`: the openings of a part are the receptacles of its grid
/// cells (a Gridfinity baseplate), one centred in each cell.
enum class RuleCheck { dimension, height_unit, assembly_point, hole_diameter, round_diameter, cell_opening };

/// One rule of a standard, with the clause it comes from.
struct GridRule {
  std::string id;           ///< stable, e.g. "OS-A-dimension"
  RuleCheck check = RuleCheck::dimension;  ///< what it checks
  Severity severity = Severity::error;     ///< how bad a violation is
  std::string clause;       ///< the clause of the standard, quoted or cited
  std::string description;  ///< what conforming means
  std::string note;         ///< why the rule is softer, where the source is vague; may be empty
};

/// A kind of part the standard gives its own rules (Gridfinity: a bin, a baseplate).
struct GridRole {
  std::string name;                  ///< e.g. "baseplate"
  std::string description;           ///< what such a part is
  std::optional<Clearance> clearance;  ///< replaces DimensionRules::clearance for this role
  std::vector<std::string> rules;    ///< ids of the rules that apply, from GridStandard::rules
};

/// A grid standard, typed. `document` is the JSON it was read from, unchanged.
struct GridStandard {
  std::string id;                       ///< e.g. "openstructures"
  std::string name;                     ///< e.g. "OpenStructures"
  std::string description;              ///< may be empty
  std::vector<GridSource> sources;      ///< at least one
  double pitch_mm = 0;                  ///< the grid's module
  std::vector<double> subgrid_mm;       ///< sub-grid steps, each dividing the pitch
  DimensionRules dimensions;            ///< constrained extents
  std::optional<HeightUnit> height_unit;          ///< where the standard has one
  std::optional<AssemblyPoints> assembly_points;  ///< where hole centres may lie
  std::vector<double> round_diameters_mm;         ///< allowed round-part diameters
  std::vector<double> hole_diameters_mm;          ///< holes allowed besides the fastener table
  std::vector<Fastener> fasteners;                ///< the fastener table
  GridTolerances tolerances;            ///< conformance tolerances
  std::vector<std::string> notes;       ///< where the sources are vague
  std::vector<GridRule> rules;          ///< at least one
  std::vector<GridRole> roles;          ///< empty: every rule applies to every part
  nlohmann::json document;              ///< the source document
};

/// The role called `name`, or nothing.
[[nodiscard]] const GridRole* find_role(const GridStandard& grid, std::string_view name);

/// The standard as a part of role `name` sees it: the role's clearance replaces the standard's
/// and only the role's rules remain (in the standard's order). Errors (invalid): the standard has
/// no roles, or none of that name ("did you mean" when one is close).
[[nodiscard]] Result<GridStandard> apply_role(const GridStandard& grid, std::string_view name);

/// "error", "warning" or "info".
[[nodiscard]] std::string_view severity_name(Severity severity);

/// "dimension", "height-unit", "assembly-point", "hole-diameter" or "round-diameter".
[[nodiscard]] std::string_view check_name(RuleCheck check);

/// Every hole diameter the standard allows (fastener table and extra holes), sorted, unique.
[[nodiscard]] std::vector<double> allowed_hole_diameters(const GridStandard& grid);

/// What a hole diameter is in the fastener table ("M5 clearance (medium)"), or empty.
[[nodiscard]] std::string describe_hole_diameter(const GridStandard& grid, double diameter_mm,
                                                 double tolerance_mm);

/// Reads a grid standard from its JSON document: checks it against grid.schema.json, then
/// semantically (unique rule ids, every rule has the data it checks, sub-grid steps divide the
/// pitch, clearance min <= max < step). `origin` names the document in errors.
[[nodiscard]] Result<GridStandard> parse_grid(const nlohmann::json& doc, const std::string& origin);

/// The built-in standards (core/grids/*.json, embedded), sorted by id.
[[nodiscard]] std::vector<GridStandard> builtin_grids();

/// The built-in standard `id`; an unknown id gets a "did you mean" (exit 1 kind: invalid).
[[nodiscard]] Result<GridStandard> find_grid(std::string_view id);

/// A built-in id, or a path to a custom standard file (anything with a '/' or ending in .json,
/// or an existing file) read with the same schema.
[[nodiscard]] Result<GridStandard> load_grid(std::string_view id_or_path);

}  // namespace archipel::core
