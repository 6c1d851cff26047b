#pragma once
/// \file
/// Resolving composition members (serial + version requirement) against a registry, for
/// `bom` and `check`.

#include <optional>
#include <string>

#include "archipel/core/bom.hpp"
#include "archipel/core/result.hpp"
#include "archipel/registry/registry.hpp"

namespace archipel::cli {

/// The highest version of `serial` matching `requirement` that is not yanked; when only yanked
/// versions match, the highest of those (its `yanked` is set); nothing when the serial is absent
/// or no version matches.
[[nodiscard]] core::Result<std::optional<registry::VersionInfo>> resolve_member(
    registry::Registry& reg, const std::string& serial, const std::string& requirement);

/// A bill-of-materials lookup answering from `reg` (which must outlive it).
[[nodiscard]] core::BomLookup bom_lookup(registry::Registry& reg);

/// The BomNode of a stored version (kind, grid, composition from its part.json).
[[nodiscard]] core::BomNode bom_node(const registry::VersionInfo& info);

}  // namespace archipel::cli
