// SPDX-License-Identifier: Apache-2.0
#pragma once
// Namespace records in the tree (namespaces/<NS>.json) and the rule that applies to a namespace
// at a given tree: its record, else (for the registry's own namespace, in registries made before
// records) registry.json's maintainers and publishers.

#include <optional>
#include <string>
#include <vector>

#include "archipel/registry/federation.hpp"
#include "impl.hpp"

namespace archipel::registry::detail {

inline constexpr const char* records_dir = "namespaces";

/// "namespaces/<NS>.json".
[[nodiscard]] std::string record_path(const std::string& ns);
/// The namespace a path "namespaces/<NS>.json" names (nothing for any other path).
[[nodiscard]] std::optional<std::string> record_namespace(const std::string& path);

/// The record of `ns` at `tree` (nothing when absent; Errc::invalid when malformed).
[[nodiscard]] core::Result<std::optional<NamespaceRecord>> read_record(const git::Store& store,
                                                                      const git_tree* tree,
                                                                      const std::string& ns);

/// Who governs a namespace at a tree.
struct NamespaceRule {
  std::vector<Identity> maintainers;
  std::string publishers = "open";
  bool recorded = false;  ///< from namespaces/<NS>.json
  bool known = false;     ///< recorded, or the registry's own namespace (registry.json)
};

/// The rule of `ns` at `tree` (see the file comment). Unknown: an empty rule.
[[nodiscard]] NamespaceRule namespace_rule(const git::Store& store, const git_tree* tree,
                                           const std::string& ns);

}  // namespace archipel::registry::detail

namespace archipel::registry::detail {

/// Fingerprints pinned for `ns` in the registry's git config (`archipel.pin.<NS>`, local only).
[[nodiscard]] std::vector<std::string> read_pins(const git::Store& store, const std::string& ns);
/// Replaces the pins of `ns`.
[[nodiscard]] core::Result<void> write_pins(const git::Store& store, const std::string& ns,
                                            const std::vector<std::string>& fingerprints);

}  // namespace archipel::registry::detail
