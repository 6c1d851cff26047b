#pragma once
/// \file
/// A small table of material densities, for the mass of a measured part.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace archipel::core {

/// Density in g/cm³ of a material named in the table (case-insensitive: "steel", "stainless",
/// "aluminium"/"aluminum", "brass", "plywood", "mdf", "hdpe", "pla", "petg", "abs", "acrylic");
/// nothing for a name the table does not hold.
[[nodiscard]] std::optional<double> material_density(std::string_view name);

/// The canonical names in the table, sorted.
[[nodiscard]] std::vector<std::string> material_names();

}  // namespace archipel::core
