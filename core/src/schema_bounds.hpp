#pragma once
// Private: the schema's length and count bounds, checked before the schema validator runs
// (see schema_bounds.cpp for why).
#include <optional>

#include <nlohmann/json.hpp>

#include "archipel/core/json.hpp"

namespace archipel::core::detail {

/// The first value of `doc` over a maxLength or maxItems of `schema`, or the first repeated item
/// of a uniqueItems array (n log n), walking properties, items and local $ref; nothing when
/// every bound holds.
[[nodiscard]] std::optional<SchemaViolation> bounds_violation(const nlohmann::json& doc,
                                                              const nlohmann::json& schema);

}  // namespace archipel::core::detail
