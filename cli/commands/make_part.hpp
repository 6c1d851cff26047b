// SPDX-License-Identifier: Apache-2.0
#pragma once
/// \file
/// The generation of one library part, shared by `archipel make` and `archipel library seed`
/// (make.cpp): the geometry worker writes the STEP, STL and 3MF, the STEP is measured and
/// validated through the normal path, and a conforming part gets its part.json.

#include <filesystem>
#include <functional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "archipel/core/families.hpp"
#include "archipel/core/grid.hpp"
#include "archipel/core/measurement.hpp"
#include "archipel/core/validate.hpp"

namespace archipel::cli {

/// What generate_part wrote and found.
struct GeneratedPart {
  std::vector<core::MadeFile> files;  ///< STEP, STL, 3MF (in that order)
  core::PartMeasurement part;         ///< the STEP as measured
  core::ValidationReport report;      ///< against the family's grid, with the declared values
  core::GridStandard grid;            ///< the family's grid
};

/// Generates `plan` into `folder` (which must exist), measures and validates its STEP, and when
/// it conforms (with or without warnings) writes `part.json`, after `adjust` (when given) has
/// changed the manifest (e.g. a serial, a tag). A failing part is returned without part.json.
/// Errors: the worker's, the measurement's, an invalid adjusted manifest, the write.
[[nodiscard]] core::Result<GeneratedPart> generate_part(
    const core::FamilyCatalogue& catalogue, const core::Family& family, const core::PartPlan& plan,
    const std::string& material, const std::filesystem::path& folder,
    const std::function<void(nlohmann::ordered_json&)>& adjust = {});

}  // namespace archipel::cli
