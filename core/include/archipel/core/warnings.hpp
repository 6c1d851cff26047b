#pragma once
/// \file
/// Warnings as the user sees them: each has a stable rule id and one readable line, is printed
/// on stderr as `archipel: warning: <where>: [<rule>] <message>` and listed in `--json` as
/// `{"rule", "message"}`. They come from reading a file (Warning in measurement.hpp), from the
/// licence, and from grid rules of severity warning. docs/validation.md lists the rule ids.

#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "archipel/core/licence.hpp"
#include "archipel/core/measurement.hpp"
#include "archipel/core/validate.hpp"

namespace archipel::core {

/// The licence's warnings: `licence.deprecated` for a deprecated SPDX id, `licence.unknown`
/// for an id Archipel does not know (see licence_warnings for the messages).
[[nodiscard]] std::vector<Warning> licence_rule_warnings(const LicenceExpression& expr);

/// Everything a user must be told about one validated file: the measurement's warnings, then
/// every finding of severity warning (its rule id and message), in report order.
[[nodiscard]] std::vector<Warning> validation_warnings(const ValidationReport& report,
                                                       const PartMeasurement& part);

/// `where: [rule] message`, the text after `archipel: warning: `.
[[nodiscard]] std::string warning_line(std::string_view where, const Warning& warning);

/// `[{"rule", "message"}, ...]`.
[[nodiscard]] nlohmann::json warnings_json(const std::vector<Warning>& warnings);

}  // namespace archipel::core
