#pragma once
// Remembered tips: the last tip verified for each registry, kept in the user's state folder
// ($XDG_STATE_HOME/archipel/tips, not inside the registry a forger controls), keyed by the
// registry's root commit and namespace. A new tip that does not descend from it means the
// history was rewritten.

#include <optional>
#include <string>

#include "impl.hpp"

namespace archipel::registry::detail {

/// `$XDG_STATE_HOME/archipel`, else `~/.local/state/archipel`.
[[nodiscard]] std::filesystem::path state_dir();

/// The root commit reached by first parents from `tip`.
[[nodiscard]] core::Result<git_oid> root_of(const git::Store& store, const git_oid& tip);

/// The tip remembered for (root, ns), if any.
[[nodiscard]] std::optional<git_oid> remembered_tip(const git_oid& root, const std::string& ns);

/// Remembers `tip` for (root, ns) (atomically; failure to write is not an error: it only
/// loses the memory).
void remember_tip(const git_oid& root, const std::string& ns, const git_oid& tip);

/// A problem when the registry at `path` with namespace `ns` was verified here before with
/// another root commit: its whole history was replaced ("" otherwise).
[[nodiscard]] std::string replaced(const std::filesystem::path& path, const std::string& ns, const git_oid& root);

/// Remembers `root` as the root commit of the registry at `path`.
void remember_root(const std::filesystem::path& path, const std::string& ns, const git_oid& root);

/// The verified-commit cache: the last tip whose whole history verified, for (root, ns), in
/// `$XDG_CACHE_HOME/archipel/verified` (deleting it loses nothing: verify walks everything).
[[nodiscard]] std::optional<git_oid> cached_verified(const git_oid& root, const std::string& ns);
/// Records `tip` in the verified-commit cache.
void cache_verified(const git_oid& root, const std::string& ns, const git_oid& tip);

/// A problem when `tip` neither is nor descends from `remembered` ("" otherwise).
[[nodiscard]] std::string rewritten(const git::Store& store, const git_oid& tip, const git_oid& remembered);

/// Before a write: verifies the history from the remembered tip (all of it the first time) and
/// refuses (Errc::invalid, with the first problem) when it fails; remembers the tip otherwise.
[[nodiscard]] core::Result<void> check_history_before_write(const git::Store& store);

}  // namespace archipel::registry::detail
