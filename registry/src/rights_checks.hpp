#pragma once
// The rights checks of publish and fork: an ancestor that forbids derivatives refuses; files
// copied byte for byte from a part with stricter terms, without a derived_from link to it,
// refuse (licence laundering); a licence claiming more than the ancestors allow warns.

#include <string>
#include <vector>

#include "archipel/core/rights.hpp"
#include "publish.hpp"

namespace archipel::registry::detail {

/// The rights-engine node of a manifest about to be published (`serial` may be empty).
[[nodiscard]] core::RightsNode rights_node(const nlohmann::json& manifest, const std::string& serial);

/// Runs the checks on `part` (its files already hashed); returns the warnings.
[[nodiscard]] core::Result<std::vector<std::string>> check_rights(const Registry& reg, const Registry::Impl& impl,
                                                                  const Prepared& part);

}  // namespace archipel::registry::detail
