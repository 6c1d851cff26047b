#pragma once
// RAII for libgit2: every handle lives in a unique_ptr with its git_*_free function, and every
// libgit2 failure becomes a core::Error at once (private header; libgit2 never leaves src/).

#include <memory>
#include <string>

#include <git2.h>

#include "archipel/core/result.hpp"

namespace archipel::registry::git {

/// A unique_ptr whose deleter is the libgit2 free function `Free`.
template <class T, void (*Free)(T*)>
struct Deleter {
  void operator()(T* p) const noexcept { Free(p); }
};
template <class T, void (*Free)(T*)>
using Handle = std::unique_ptr<T, Deleter<T, Free>>;

using Repository = Handle<git_repository, git_repository_free>;
using Tree = Handle<git_tree, git_tree_free>;
using TreeBuilder = Handle<git_treebuilder, git_treebuilder_free>;
using Commit = Handle<git_commit, git_commit_free>;
using Blob = Handle<git_blob, git_blob_free>;
using Reference = Handle<git_reference, git_reference_free>;
using Signature = Handle<git_signature, git_signature_free>;
using Odb = Handle<git_odb, git_odb_free>;
using OdbObject = Handle<git_odb_object, git_odb_object_free>;
using Diff = Handle<git_diff, git_diff_free>;
using RevWalk = Handle<git_revwalk, git_revwalk_free>;
using TreeEntry = Handle<git_tree_entry, git_tree_entry_free>;

/// Initialises libgit2 once per process (the matching shutdown happens at exit).
void ensure_initialised();

/// The error libgit2 reported for the call that returned `code`, as an io error about `origin`.
[[nodiscard]] core::Error last_error(int code, const std::string& what, const std::string& origin);

/// The object id as 40 hex digits.
[[nodiscard]] std::string to_hex(const git_oid& oid);

}  // namespace archipel::registry::git
