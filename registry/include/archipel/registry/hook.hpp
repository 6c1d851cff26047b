#pragma once
/// \file
/// Hubs: a hub is a plain bare git repository on any git server that publishers push to. Its
/// `pre-receive` hook runs `archipel hook pre-receive`, which judges every pushed commit with
/// the same history verification `archipel verify` and `pull` use, so a forged or rewritten
/// history sent with a plain `git push` is refused before any ref moves. See docs/hubs.md.

#include <cstddef>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "archipel/core/result.hpp"

namespace archipel::registry {

/// One line git gives a pre-receive hook on stdin: "OLD NEW REF" (ids of 40 hex digits; all
/// zeros for a ref created or deleted).
struct RefUpdate {
  std::string old_id;
  std::string new_id;
  std::string ref;
};

/// Parses the hook's stdin, one update per line; usage error naming the line when a line is
/// not "OLD NEW REF".
[[nodiscard]] core::Result<std::vector<RefUpdate>> parse_ref_updates(std::string_view text);

/// One finding about a push: `where` is the ref or "ref: commit 0123456789ab".
struct PushFinding {
  std::string where;
  std::string message;
};

/// What the hook decided.
struct PushCheck {
  std::vector<PushFinding> refusals;  ///< any refusal refuses the whole push
  std::vector<PushFinding> warnings;  ///< shown, not refused (e.g. legacy unsigned commits)
  std::size_t commits = 0;            ///< new commits verified
};

/// Judges a push into the bare repository `hub`: only refs/heads/main may change; it must not
/// be deleted; its new tip must be or descend from the old one (no force push); and every commit
/// it brings (reachable from the new tip, not from the old) must pass the registry's history
/// verification, started from the old tip (the whole history when main is new). `object_dirs`
/// are object folders to read besides the hub's own: git keeps a push's objects in a quarantine
/// folder until the hook accepts them (GIT_OBJECT_DIRECTORY, GIT_ALTERNATE_OBJECT_DIRECTORIES).
/// An error (io) is a hub or object that cannot be read; the push must then be refused too.
[[nodiscard]] core::Result<PushCheck> check_push(const std::filesystem::path& hub,
                                                 const std::vector<RefUpdate>& updates,
                                                 const std::vector<std::filesystem::path>& object_dirs);

/// What `install_hook` did.
struct HookInstall {
  std::filesystem::path hook;  ///< the hook file written
  bool replaced = false;       ///< a hook was there before (ours, or another with `force`)
};

/// The first line after the shebang of every hook Archipel writes (how a hook is known as ours).
inline constexpr const char* hook_marker = "# archipel pre-receive hook";

/// Installs `hooks/pre-receive` in the bare repository `hub`, running `archipel hook
/// pre-receive` with the absolute path `archipel`; where the hub has `hooks/pre-receive.d/`
/// (Forgejo, Gitea: their own pre-receive runs each script there), `hooks/pre-receive.d/archipel`. Refuses (invalid) when `hub` is not a bare git
/// repository, is or holds a symbolic link on the way (hub, hooks/, the hook), sets
/// core.hooksPath elsewhere (git would not run the hook), or already has a pre-receive hook that
/// is not Archipel's (unless `force`). Written atomically, mode 0755; an Archipel hook already
/// there is replaced (new binary path).
[[nodiscard]] core::Result<HookInstall> install_hook(const std::filesystem::path& hub,
                                                     const std::filesystem::path& archipel, bool force);

}  // namespace archipel::registry
