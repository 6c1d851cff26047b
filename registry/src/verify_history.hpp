#pragma once
// verify's walk over the whole history (see verify_history.cpp).

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "impl.hpp"

namespace archipel::registry::detail {

/// Checks every commit reachable from `tip` and not from `from` (a tip verified before),
/// parents first, adding problems and warnings.
[[nodiscard]] core::Result<void> verify_history(const git::Store& store, const git_oid& tip,
                                                VerifyReport& report,
                                                const std::optional<git_oid>& from = std::nullopt);

/// How a walk is seeded and judged (federation: a pull verifies the fetched commits).
struct HistoryOptions {
  std::vector<git_oid> hidden;      ///< tips verified before: their history is not walked again
  /// Tips whose history is not walked either, but whose serials do not count as assigned before
  /// (another line of history: the local registry's, when verifying a fetch).
  std::vector<git_oid> context;
  /// The local registry's tip when verifying fetched commits: its first-parent root is the own
  /// root and every other root must be the root of another namespace it does not hold yet.
  std::optional<git_oid> local_tip;
  /// Fingerprints pinned per namespace: a change of a pinned namespace's record must be signed
  /// by one of them.
  const std::map<std::string, std::vector<std::string>>* pins = nullptr;
};

/// verify_history with federation's options.
[[nodiscard]] core::Result<void> verify_history(const git::Store& store, const git_oid& tip,
                                                VerifyReport& report, const HistoryOptions& options);

}  // namespace archipel::registry::detail
