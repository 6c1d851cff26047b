// Warnings with their rule ids, for the CLI's stderr and --json.
#include "archipel/core/warnings.hpp"

#include <fmt/format.h>

namespace archipel::core {

std::vector<Warning> licence_rule_warnings(const LicenceExpression& expr) {
  std::vector<Warning> out;
  if (expr.op != LicenceExpression::Op::licence) {
    for (const auto& operand : expr.operands)
      for (auto& w : licence_rule_warnings(operand)) out.push_back(std::move(w));
    return out;
  }
  // licence_warnings words them; an id Archipel knows can only be warned about as deprecated.
  const char* rule = find_licence(expr.id) ? "licence.deprecated" : "licence.unknown";
  for (auto& message : licence_warnings(expr)) out.push_back({rule, std::move(message)});
  return out;
}

std::vector<Warning> validation_warnings(const ValidationReport& report, const PartMeasurement& part) {
  std::vector<Warning> out = part.warnings;
  for (const Finding& f : report.findings)
    if (f.severity == "warning") out.push_back({f.rule, f.message});
  return out;
}

std::string warning_line(std::string_view where, const Warning& warning) {
  return fmt::format("{}: [{}] {}", where, warning.rule, warning.message);
}

nlohmann::json warnings_json(const std::vector<Warning>& warnings) {
  auto out = nlohmann::json::array();
  for (const Warning& w : warnings) out.push_back({{"rule", w.rule}, {"message", w.message}});
  return out;
}

}  // namespace archipel::core
