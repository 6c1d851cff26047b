#pragma once
/// \file
/// The part families `archipel make` generates (core/families/families.json, embedded and checked
/// against schemas/families.schema.json): their parameters and ranges as data, the checking of
/// given values, and the plan of one part (its name, nominal dimensions and grid size). The
/// geometry itself is made by the geometry worker (make_part in geometry.hpp's worker client).
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "archipel/core/result.hpp"

namespace archipel::core {

/// One parameter of a family, as the data describes it.
struct FamilyParameter {
  std::string name;                ///< option name without dashes, e.g. "hole-diameter"
  std::string type;                ///< size, number, integer, choice or switch
  std::vector<std::string> axes;   ///< for sizes: the name of each axis
  std::optional<double> min, max;  ///< for sizes, numbers and integers
  nlohmann::json choices;          ///< for choices: the allowed values (numbers or strings)
  nlohmann::json default_value;    ///< null when the parameter is required
  std::string unit;                ///< e.g. "mm", "modules"
  std::string description;         ///< one line
};

/// One family, e.g. os-plate.
struct Family {
  std::string id;           ///< `<standard>-<kind>`
  std::string standard;     ///< grid standard id
  std::string role;         ///< the part's role in the standard (Gridfinity); may be empty
  std::string description;  ///< one line
  std::string material;     ///< default material (materials.hpp names)
  std::string form;         ///< material form (sheet, rod, bar, filament…)
  std::vector<std::string> processes;  ///< fabrication processes the part can be made with
  std::vector<FamilyParameter> parameters;
};

/// Every family and the facts shared by their parts.
struct FamilyCatalogue {
  std::string licence;         ///< SPDX licence of every generated part
  std::string licence_reason;  ///< why that licence
  std::string designer_name, designer_email;
  std::vector<Family> families;
};

/// The embedded catalogue, checked against its schema (errors: Errc::io, a build defect).
[[nodiscard]] Result<FamilyCatalogue> load_families();

/// The family called `id`; error usage naming it, with "did you mean", when there is none.
[[nodiscard]] Result<const Family*> find_family(const FamilyCatalogue& catalogue, std::string_view id);

/// One part to generate: the checked parameters and what its manifest declares.
struct PartPlan {
  std::string family;              ///< the family id
  std::string name;                ///< part name and file stem, e.g. "os-plate-4x2-t3"
  nlohmann::json parameters;       ///< name → value (size: array of integers; switch: bool)
  std::array<double, 3> dimensions_mm{};  ///< nominal width, depth, height
  std::vector<int> grid_units;     ///< declared grid size, largest first
  std::string description;         ///< one sentence for the manifest
};

/// Checks the values given on the command line (option name → text) against the family: unknown
/// options, values out of range and contradictory values are Errc::invalid errors whose origin is
/// the option (e.g. "--thickness") and whose message names the allowed range. Absent optional
/// parameters take their defaults.
[[nodiscard]] Result<PartPlan> plan_part(const Family& family,
                                         const std::map<std::string, std::string>& given);

/// The catalogue as JSON for `make --list --json` (families, parameters, ranges, defaults).
[[nodiscard]] nlohmann::json to_json(const FamilyCatalogue& catalogue);

/// What the geometry worker wrote for one part.
struct MadeFile {
  std::string path;    ///< file name inside the output folder
  std::string format;  ///< step, stl or 3mf
  std::string sha256;  ///< of the bytes written
};

/// Generates `plan`'s geometry in the geometry worker, which writes `<name>.step`, `<name>.stl`
/// and `<name>.3mf` into `folder` (never through a link; byte for byte reproducible). Errors:
/// Errc::io (the worker failed or could not write).
[[nodiscard]] Result<std::vector<MadeFile>> make_part_files(const PartPlan& plan,
                                                            const std::filesystem::path& folder);

}  // namespace archipel::core
