// Commit signatures: extracted with libgit2, verified by sign/sshsig (see signatures.hpp).
#include "signatures.hpp"

#include "federation/records.hpp"
#include "owners.hpp"

namespace archipel::registry::detail {
using core::Result;

Result<CommitSignature> commit_signature(const git::Store& store, const git_oid& id) {
  git_buf sig = GIT_BUF_INIT, data = GIT_BUF_INIT;
  int rc = git_commit_extract_signature(&sig, &data, store.repo(), const_cast<git_oid*>(&id), "gpgsig");
  CommitSignature out;
  if (rc == GIT_ENOTFOUND) return out;
  if (rc < 0) return std::unexpected(git::last_error(rc, "cannot read commit " + git::to_hex(id), store.path().string()));
  out.present = true;
  out.check = verify_sshsig(std::string_view(sig.ptr, sig.size), std::string_view(data.ptr, data.size));
  git_buf_dispose(&sig);
  git_buf_dispose(&data);
  return out;
}

SignerInfo judge(const CommitSignature& sig, const std::vector<Identity>& allowed) {
  SignerInfo out;
  if (!sig.present) {
    out.state = SignatureState::unsigned_;
    out.reason = "the commit is not signed";
    return out;
  }
  out.fingerprint = sig.check.signer.type.empty() ? "" : sig.check.signer.fingerprint();
  if (!sig.check.valid) {
    out.state = SignatureState::bad;
    out.reason = sig.check.reason;
    return out;
  }
  for (const auto& who : allowed) {
    if (who.key.same_key(sig.check.signer)) {
      out.state = SignatureState::good;
      out.principal = who.principal;
      return out;
    }
  }
  out.state = SignatureState::unknown_key;
  out.reason = "signed by a key that may not make this change (allowed: " + describe(allowed) + ")";
  return out;
}

Result<std::vector<Identity>> allowed_for_serial(const git::Store& store, const git_tree* before,
                                                 const git_tree* after, const Serial& serial) {
  auto owners = read_owners(store, before, serial);
  if (!owners) return std::unexpected(owners.error());
  if (*owners) return **owners;
  auto existed = versions_of(store, before, serial);
  if (!existed) return std::unexpected(existed.error());
  if (existed->empty()) {
    auto created = read_owners(store, after, serial);
    if (!created) return std::unexpected(created.error());
    if (*created) return **created;
  }
  if (before == nullptr) return std::vector<Identity>{};
  return namespace_rule(store, before, serial.ns).maintainers;
}

Result<SignerInfo> signer_of(const git::Store& store, const git_oid& id, const Serial& serial) {
  git_commit* raw = nullptr;
  if (int rc = git_commit_lookup(&raw, store.repo(), &id); rc < 0) {
    return std::unexpected(git::last_error(rc, "cannot read a commit", store.path().string()));
  }
  git::Commit commit(raw);
  auto after = store.tree_of(id);
  if (!after) return std::unexpected(after.error());
  git::Tree before;
  if (git_commit_parentcount(raw) > 0) {
    auto t = store.tree_of(*git_commit_parent_id(raw, 0));
    if (!t) return std::unexpected(t.error());
    before = std::move(*t);
  }
  auto allowed = allowed_for_serial(store, before.get(), after->get(), serial);
  if (!allowed) return std::unexpected(allowed.error());
  auto sig = commit_signature(store, id);
  if (!sig) return std::unexpected(sig.error());
  return judge(*sig, *allowed);
}

Result<std::optional<git_oid>> introducing_commit(const git::Store& store, const git_oid& tip,
                                                  const std::string& path) {
  git_oid id = tip;
  std::optional<git_oid> found;
  for (;;) {
    git_commit* raw = nullptr;
    if (int rc = git_commit_lookup(&raw, store.repo(), &id); rc < 0) {
      return std::unexpected(git::last_error(rc, "cannot read a commit", store.path().string()));
    }
    git::Commit commit(raw);
    auto tree = store.tree_of(id);
    if (!tree) return std::unexpected(tree.error());
    auto here = store.entry(tree->get(), path);
    if (!here) return std::unexpected(here.error());
    if (!*here) return found;
    found = id;
    if (git_commit_parentcount(raw) == 0) return found;
    id = *git_commit_parent_id(raw, 0);
  }
}

}  // namespace archipel::registry::detail
