#pragma once
// verify's walk over the whole history (see verify_history.cpp).

#include <optional>

#include "impl.hpp"

namespace archipel::registry::detail {

/// Checks every commit reachable from `tip` and not from `from` (a tip verified before),
/// parents first, adding problems and warnings.
[[nodiscard]] core::Result<void> verify_history(const git::Store& store, const git_oid& tip,
                                                VerifyReport& report,
                                                const std::optional<git_oid>& from = std::nullopt);

}  // namespace archipel::registry::detail
