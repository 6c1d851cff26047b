#pragma once
/// \file
/// The human report of `archipel validate`: readable in ten seconds.

#include <string>

#include "archipel/core/validate.hpp"

namespace archipel::cli {

/// Prints the verdict, the part, the alignment, one line per rule and the findings (errors first).
void print_validation(const std::string& name, const core::ValidationReport& report,
                      const core::PartMeasurement& part, const core::GridStandard& grid);

}  // namespace archipel::cli
