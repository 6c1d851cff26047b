#pragma once
// The SSH signature of a commit (its `gpgsig` header), checked in-process, and judged against
// the identities that may sign a given change.

#include <optional>
#include <string>
#include <vector>

#include "impl.hpp"

namespace archipel::registry::detail {

/// A commit's signature as found and checked (not yet judged against who may sign).
struct CommitSignature {
  bool present = false;     ///< the commit has a gpgsig header
  CheckedSignature check;   ///< valid and signer, when present
};

/// Reads and verifies the signature of commit `id` over its signed bytes.
[[nodiscard]] core::Result<CommitSignature> commit_signature(const git::Store& store, const git_oid& id);

/// good / unknown-key / bad / unsigned of `sig` given who may sign; the principal is the
/// matching identity's.
[[nodiscard]] SignerInfo judge(const CommitSignature& sig, const std::vector<Identity>& allowed);

/// Who may change `serial` in the commit whose parent tree is `before` and own tree `after`:
/// the owners at the parent; for a serial the commit creates, the owners it records; for a
/// serial without owners (made before signatures), the maintainers at the parent.
[[nodiscard]] core::Result<std::vector<Identity>> allowed_for_serial(const git::Store& store,
                                                                     const git_tree* before,
                                                                     const git_tree* after,
                                                                     const Serial& serial);

/// The signer of commit `id` judged for a change to `serial` (see allowed_for_serial).
[[nodiscard]] core::Result<SignerInfo> signer_of(const git::Store& store, const git_oid& id,
                                                 const Serial& serial);

/// The first-parent commit (newest first from `tip`) whose tree adds `path`; nothing if none.
[[nodiscard]] core::Result<std::optional<git_oid>> introducing_commit(const git::Store& store,
                                                                      const git_oid& tip,
                                                                      const std::string& path);

}  // namespace archipel::registry::detail
