#pragma once
// Private (geometry worker side): the generators of `archipel make` and the writers of their
// files. OpenCASCADE stays behind this header: callers see JSON and bytes.
#include <filesystem>
#include <string>

#include <nlohmann/json.hpp>

#include "archipel/core/result.hpp"

namespace archipel::core::detail {

/// Generates the part `request` describes ({"family", "name", "parameters", "folder"}: a plan
/// from plan_part and the output folder) and writes `<name>.step`, `<name>.stl` and `<name>.3mf`
/// into the folder with write_file_atomic. Returns {"files": [{"path", "format", "sha256"}...],
/// "timings": {stage: seconds}}. Errors: Errc::io.
[[nodiscard]] Result<nlohmann::json> make_part_in_process(const nlohmann::json& request);

}  // namespace archipel::core::detail
