#pragma once
/// \file
/// Schema validation with readable errors: the first violation of a document against an
/// embedded JSON Schema, worded for people (`missing required field "designer"`,
/// `expected a string, found a number`, `"gadget" is not one of part, component, object`).

#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "archipel/core/json.hpp"
#include "archipel/core/result.hpp"

namespace archipel::core {

/// Validates `doc` against the embedded schema `schema_name`; on failure returns the first
/// violation as Error{invalid, readable message, origin, JSON pointer}. A missing embedded
/// schema is Errc::io.
[[nodiscard]] Result<void> check_against_schema(const nlohmann::json& doc,
                                                std::string_view schema_name,
                                                const std::string& origin);

/// The readable form of one violation of `doc` against the schema document `schema`.
[[nodiscard]] Error describe_violation(const SchemaViolation& violation, const nlohmann::json& doc,
                                       const nlohmann::json& schema);

}  // namespace archipel::core
