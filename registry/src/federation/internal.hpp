// SPDX-License-Identifier: Apache-2.0
#pragma once
// Federation's private pieces: transfers over git remotes (remotes.cpp), the union merge
// (merge.cpp), and pull/clone/push (pull.cpp).

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "archipel/registry/federation.hpp"
#include "impl.hpp"

namespace archipel::registry::detail {

/// refs/remotes/<R>/main: the remote's tip as last verified and integrated.
[[nodiscard]] std::string tracking_ref(const std::string& remote);
/// refs/archipel/fetch/<R>: where a fetch lands before verification.
[[nodiscard]] std::string fetch_ref(const std::string& remote);

/// The id a reference points to, nothing when absent.
[[nodiscard]] std::optional<git_oid> ref_id(const git::Store& store, const std::string& ref);
/// Points `ref` at `id` (created or forced), or deletes it when `id` is nothing.
[[nodiscard]] core::Result<void> set_ref(const git::Store& store, const std::string& ref,
                                         const std::optional<git_oid>& id, const std::string& why);

/// The URL of remote `name`; io error naming the remotes when absent.
[[nodiscard]] core::Result<std::string> remote_url(const git::Store& store, const std::string& name);

/// Fetches the remote's refs/heads/main into fetch_ref(name); the fetched tip, nothing when the
/// remote has no main yet.
[[nodiscard]] core::Result<std::optional<git_oid>> fetch_main(const git::Store& store,
                                                              const std::string& name);

/// Pushes commit `id` to the remote's main without force; the remote's refusal as an
/// Errc::invalid error.
[[nodiscard]] core::Result<void> push_main(const git::Store& store, const std::string& name, const git_oid& id);

/// Every pin of the registry's git config, by namespace.
[[nodiscard]] std::map<std::string, std::vector<std::string>> all_pins(const git::Store& store);

/// What the union of two trees gives.
struct UnionMerge {
  git_oid tree{};
  std::vector<std::string> added;  ///< SERIAL@VERSION brought in
  std::vector<Conflict> conflicts;
  bool changed = false;            ///< the result differs from ours
};

/// The union of `ours` and `theirs` (merge base `base`, may be null): versions keyed by
/// serial@version; owners.json, yanked.json and namespace records follow the side that changed
/// since the base (ours when both did); registry.json stays ours.
[[nodiscard]] core::Result<UnionMerge> union_merge(const git::Store& store, const git_tree* ours,
                                                   const git_tree* theirs, const git_tree* base);

}  // namespace archipel::registry::detail
