#pragma once
/// \file
/// "Did you mean" suggestions by edit distance, for ids typed by people.

#include <string>
#include <string_view>
#include <vector>

namespace archipel::core {

/// Levenshtein distance between `a` and `b`, ignoring ASCII case.
[[nodiscard]] std::size_t edit_distance(std::string_view a, std::string_view b);

/// The candidate closest to `query`, or "" when none is close enough. Distance is measured
/// ignoring case, and also ignoring `-`, `.` and `_` (so "Apache2" finds "Apache-2.0"); a match
/// must be within max(2, length/4) edits. Ties go to the earliest candidate.
[[nodiscard]] std::string closest_match(std::string_view query,
                                        const std::vector<std::string_view>& candidates);

}  // namespace archipel::core
