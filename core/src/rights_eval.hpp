#pragma once
// The rights engine's per-licence evaluation: what one subject's licence expression says about
// one use, and how outcomes combine (AND: every clause applies; OR: the user picks the best).

#include <optional>
#include <string>
#include <vector>

#include "archipel/core/rights.hpp"

namespace archipel::core::detail {

/// What one or more licences say about one use, before it becomes a verdict.
struct Outcome {
  int level = 0;  ///< 0 allowed, 1 conditional, 2 forbidden
  std::vector<std::string> conditions, obligations;
  std::vector<RightsReason> reasons;
  std::optional<std::vector<std::string>> adaptation_licences;  ///< nothing: any licence
};

/// Adds `other` to `into` (both apply): the worse level, every condition, obligation and reason.
void require_both(Outcome& into, const Outcome& other);

/// What the licence of subject `s` says about `use`.
[[nodiscard]] Outcome evaluate_subject(const RightsSubject& s, Use use);

/// The verdict an outcome amounts to.
[[nodiscard]] RightsVerdict verdict_of(const Outcome& o);

}  // namespace archipel::core::detail
