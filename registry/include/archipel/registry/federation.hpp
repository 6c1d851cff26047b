// SPDX-License-Identifier: Apache-2.0
#pragma once
/// \file
/// Federation: many registries, one commons (docs/federation.md). Each namespace has a signed
/// record in the tree (`namespaces/<NS>.json`: its maintainers, its publishers policy, its home);
/// registries exchange history with git remotes (`clone`, `pull`, `push`), every commit a pull
/// brings is verified before anything is integrated, and integration is a union of versions
/// keyed by serial@version, written by Archipel (not git's merge) and signed by the local user.
/// Maintainers seen on first contact are pinned in the local git config (trust on first use).

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "archipel/core/result.hpp"
#include "archipel/registry/registry.hpp"
#include "archipel/registry/signing.hpp"

namespace archipel::registry {

/// The record of one namespace (`namespaces/<NS>.json`).
struct NamespaceRecord {
  std::string ns;                    ///< e.g. "BXL"
  std::vector<Identity> maintainers;  ///< may change this record (and create serials)
  std::string publishers = "open";   ///< "open" or "maintainers"
  std::string home;                  ///< the home registry's git URL ("" when none)
};

/// The record as stored (keys sorted; `home` only when set).
[[nodiscard]] nlohmann::json to_json(const NamespaceRecord& record);
/// Reads a record, checked against schemas/namespace.schema.json.
[[nodiscard]] core::Result<NamespaceRecord> parse_record(const nlohmann::json& doc,
                                                         const std::string& origin);

/// A namespace as a registry knows it.
struct NamespaceView {
  NamespaceRecord record;
  bool recorded = false;  ///< false: no record yet, read from registry.json (own namespace only)
  std::vector<std::string> pinned;  ///< fingerprints pinned for it in this registry's git config
};

/// The namespace `ns` (default: the registry's own) at the registry's tip. Invalid error when
/// the registry knows nothing of it.
[[nodiscard]] core::Result<NamespaceView> show_namespace(const std::filesystem::path& registry,
                                                         const std::optional<std::string>& ns);
/// Every namespace recorded in the tree (the own one first, even when not recorded yet).
[[nodiscard]] core::Result<std::vector<NamespaceView>> list_namespaces(
    const std::filesystem::path& registry);

/// A change to the registry's own namespace record, signed by `key` (a maintainer at the parent).
struct NamespaceEdit {
  std::optional<Identity> add_maintainer;
  std::optional<std::string> remove_maintainer;  ///< principal or fingerprint
  std::optional<std::string> publishers;
  std::optional<std::string> home;               ///< "" removes it
  bool adopt = false;  ///< write the first record of a legacy registry, `key` as maintainer
};

/// What a namespace change did.
struct NamespaceChanged {
  NamespaceRecord record;  ///< the record now
  bool changed = false;    ///< false: nothing to do
  std::string commit;      ///< the new tip
};

/// Applies `edit` to the own namespace's record in one signed commit. Refused (Errc::invalid)
/// when `key` is not a maintainer at the tip, when removing the last maintainer, or (adopt) when
/// the namespace already has maintainers.
[[nodiscard]] core::Result<NamespaceChanged> change_namespace(const std::filesystem::path& registry,
                                                              const SigningKey& key,
                                                              const NamespaceEdit& edit);

/// A remote as git names it in the registry's config.
struct Remote {
  std::string name, url;
};

/// The registry's remotes.
[[nodiscard]] core::Result<std::vector<Remote>> list_remotes(const std::filesystem::path& registry);
/// Removes a remote and its tracking ref (pins stay: they belong to namespaces, not remotes).
[[nodiscard]] core::Result<void> remove_remote(const std::filesystem::path& registry,
                                               const std::string& name);

/// Maintainers of one namespace as pinned on first contact.
struct Pin {
  std::string ns;
  std::vector<Identity> maintainers;  ///< as the remote's record names them
  bool first_contact = false;         ///< pinned now (before: pinned already, or --maintainer)
};

/// One serial@version held by both sides with different content (not integrated).
struct Conflict {
  std::string ref;        ///< SERIAL@VERSION
  std::string ours, theirs;  ///< the version folder's tree id on each side
};

/// What a fetch + verification + integration did.
struct PullReport {
  std::string remote, url;
  /// "up-to-date", "fast-forward", "merged", "refused" (nothing integrated: see problems),
  /// "empty" (the remote has no history yet).
  std::string outcome;
  std::string old_tip, new_tip, remote_tip;  ///< local main before and after; the fetched tip
  std::size_t commits_verified = 0;
  std::vector<std::string> added;       ///< SERIAL@VERSION integrated by this pull
  std::vector<Conflict> conflicts;      ///< not integrated
  std::vector<Problem> problems;        ///< why the pull was refused
  std::vector<Pin> pins;                ///< namespaces seen, and their pins
  std::optional<IndexStatus> index;     ///< the index refreshed after integrating
};

/// Adds a remote, fetches it, verifies its history and pins the maintainers of each namespace
/// it records (refused, and the remote not added, when verification fails). `maintainers`:
/// fingerprints to pin ahead of time (the remote's own namespace must list one of them).
[[nodiscard]] core::Result<PullReport> add_remote(const std::filesystem::path& registry,
                                                  const std::string& name, const std::string& url,
                                                  const std::vector<std::string>& maintainers);

/// Fetches `remote` into refs/remotes/REMOTE/main, verifies every new commit and integrates them
/// (fast-forward, or a union merge signed by `key`, resolved when first needed).
[[nodiscard]] core::Result<PullReport> pull(const std::filesystem::path& registry,
                                            const std::string& remote,
                                            const std::optional<std::string>& key_flag);

/// Creates a registry at `path` from `url` (verified and pinned as add_remote does; nothing is
/// left at `path` when refused).
[[nodiscard]] core::Result<PullReport> clone(const std::string& url, const std::filesystem::path& path,
                                             const std::vector<std::string>& maintainers);

/// What a push did.
struct PushReport {
  PullReport pulled;            ///< the fetch and integration that came first
  std::string outcome;          ///< "pushed", "up-to-date", "refused"
  std::string pushed;           ///< the tip sent
  std::string message;          ///< why refused
};

/// Pulls `remote`, then pushes main to its main as a fast-forward only, after verifying the
/// local history.
[[nodiscard]] core::Result<PushReport> push(const std::filesystem::path& registry,
                                            const std::string& remote,
                                            const std::optional<std::string>& key_flag);

}  // namespace archipel::registry
