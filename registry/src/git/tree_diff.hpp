// SPDX-License-Identifier: Apache-2.0
#pragma once
// A tree-to-tree diff that steps over every subtree whose id (and mode) is the same on both
// sides, so that comparing two commits of a 100 000-part registry costs the paths that changed,
// not the size of the tree: libgit2's git_diff_tree_to_tree iterates every file of both trees,
// which made `verify` (one diff per commit) grow with the registry.

#include <optional>
#include <string>
#include <vector>

#include "git/handles.hpp"

namespace archipel::registry::git {

/// One file that differs: absent before (added), absent after (deleted), or both (modified).
struct TreeDelta {
  std::string path;  ///< '/'-separated, from the root
  std::optional<git_oid> before, after;
};

/// The non-tree entries that differ between `a` and `b` (either may be null: empty), in the
/// order git_diff_tree_to_tree gives them (path order). A name that is a folder on one side and
/// a file on the other is a deletion and an addition.
[[nodiscard]] core::Result<std::vector<TreeDelta>> diff_trees(git_repository* repo, const git_tree* a,
                                                              const git_tree* b);

}  // namespace archipel::registry::git
