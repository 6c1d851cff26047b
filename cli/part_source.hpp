#pragma once
/// \file
/// Loading a part for `compat` and `check`: a geometry file, a part.json, or a registry serial.

#include <optional>
#include <string>

#include "archipel/core/interface.hpp"
#include "archipel/core/measurement.hpp"
#include "archipel/core/result.hpp"
#include "archipel/registry/registry.hpp"

namespace archipel::cli {

/// A part's connection interface and extents, wherever it came from.
struct LoadedPart {
  std::string label;                   ///< the argument, or SERIAL@VERSION for registry parts
  core::ConnectionInterface interface; ///< assembly points on the grid
  core::PartMeasurement measurement;   ///< at least size_mm
};

/// How to read parts that are not in the registry.
struct PartSourceOptions {
  std::optional<std::string> grid;      ///< --grid: the standard of plain geometry files
  std::optional<std::string> unit;      ///< --unit: for unit-less geometry files
  std::optional<std::string> registry;  ///< --registry
};

/// Reads `arg`: an existing `.json` file is a manifest (its first geometry file is measured on its
/// declared grid), another existing file is geometry (measured on --grid, default
/// openstructures), anything else a registry reference SERIAL[@VERSION] (its stored interface).
[[nodiscard]] core::Result<LoadedPart> load_part(const std::string& arg, const PartSourceOptions& options);

/// The stored interface of a published version (from its measured.json).
[[nodiscard]] core::Result<LoadedPart> part_from_registry(const registry::VersionInfo& info);

}  // namespace archipel::cli
