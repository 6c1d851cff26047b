#pragma once
// Private to the manifest reader: the checks the schema cannot express.

#include <string>

#include "archipel/core/manifest.hpp"

namespace archipel::core::detail {

/// Cross-field and content checks on a manifest built from a schema-valid document.
[[nodiscard]] Result<void> check_manifest_semantics(const Manifest& manifest,
                                                    const std::string& origin);

}  // namespace archipel::core::detail
