#pragma once
// The git object store behind a registry: a bare repository written through libgit2 with no
// working tree. Trees are edited in memory with treebuilders; `refs/heads/main` moves last, by a
// compare-and-swap on its old id, so concurrent writers never lose an update and a writer killed
// at any point leaves the previous tip intact.

#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "archipel/core/result.hpp"
#include "git/handles.hpp"

namespace archipel::registry::git {

/// The branch every registry publishes on.
inline constexpr const char* main_ref = "refs/heads/main";

/// One change to a tree: `path` ('/'-separated) becomes the blob `blob`, or is removed.
struct Change {
  std::string path;
  std::optional<git_oid> blob;  ///< nothing: remove the path
};

/// One entry of a tree listing.
struct Entry {
  std::string name;
  git_oid id{};
  bool is_tree = false;
};

/// The state of the registry a transaction starts from.
struct Snapshot {
  std::optional<git_oid> commit;  ///< the tip, nothing before the first commit
  Tree tree;                      ///< its tree, null before the first commit
};

/// What a transaction wants to commit.
struct CommitRequest {
  std::vector<Change> changes;
  std::string message;
  std::string author_name;
  std::string author_email;
  /// Signs the commit's bytes (an armored signature for its `gpgsig` header); unset: unsigned.
  std::function<core::Result<std::string>(const std::string&)> sign;
};

/// The commit a transaction produced, and how many times it retried on a moved tip.
struct CommitOutcome {
  git_oid commit{};
  int retries = 0;
  std::vector<std::string> recovered;  ///< leftovers of crashed writers this transaction removed
};

/// A bare git repository used as a registry store.
class Store {
 public:
  /// Creates a bare repository at `path` whose HEAD is refs/heads/main.
  [[nodiscard]] static core::Result<Store> init(const std::filesystem::path& path);
  /// Opens an existing repository (bare or not) at exactly `path`.
  [[nodiscard]] static core::Result<Store> open(const std::filesystem::path& path);

  [[nodiscard]] git_repository* repo() const { return repo_.get(); }
  [[nodiscard]] const std::filesystem::path& path() const { return path_; }

  /// The commit refs/heads/main points to, or nothing for an empty store.
  [[nodiscard]] core::Result<std::optional<git_oid>> tip() const;
  /// The state at the tip (commit and tree).
  [[nodiscard]] core::Result<Snapshot> snapshot() const;
  /// The tree of `commit`.
  [[nodiscard]] core::Result<Tree> tree_of(const git_oid& commit) const;

  /// The content of the blob at `path` in `root`, or nothing when absent.
  [[nodiscard]] core::Result<std::optional<std::string>> read(const git_tree* root,
                                                              const std::string& path) const;
  /// The content of the blob `id`.
  [[nodiscard]] core::Result<std::string> read_blob(const git_oid& id) const;
  /// The entries of the folder `dir` ("" is the root) in `root`; empty when absent.
  [[nodiscard]] core::Result<std::vector<Entry>> list(const git_tree* root,
                                                      const std::string& dir) const;
  /// The id of whatever is at `path`, or nothing.
  [[nodiscard]] core::Result<std::optional<Entry>> entry(const git_tree* root,
                                                         const std::string& path) const;

  /// Writes `bytes` as a blob (under the shared writer lock outside a transaction).
  [[nodiscard]] core::Result<git_oid> write_blob(std::string_view bytes) const;
  /// True when the blob of `bytes` is already stored (computes its id, writes nothing).
  [[nodiscard]] core::Result<bool> has_blob(std::string_view bytes) const;
  /// The git directory (where refs/, objects/ and archipel.lock live).
  [[nodiscard]] const std::filesystem::path& gitdir() const { return gitdir_; }
  /// Writes the tree `base` (may be null) with `changes` applied; returns its id.
  [[nodiscard]] core::Result<git_oid> apply(const git_tree* base,
                                            const std::vector<Change>& changes) const;

  /// The transaction builder: given the current state, what to commit (nothing: no commit).
  using Builder = std::function<core::Result<std::optional<CommitRequest>>(const Snapshot&)>;

  /// Runs `build` on the tip, commits its request and moves main from the old tip to the new
  /// commit by compare-and-swap, all under the exclusive writer lock (git/write_lock.hpp), after
  /// clearing what crashed writers left. When another program moved main meanwhile, it re-reads
  /// the tip and runs `build` again (at most `max_retries` times). Nothing: the builder asked for
  /// none.
  [[nodiscard]] core::Result<std::optional<CommitOutcome>> transact(const Builder& build,
                                                                    int max_retries = 64) const;

 private:
  [[nodiscard]] core::Result<void> set_gitdir();
  [[nodiscard]] core::Result<git_oid> write_commit(const CommitRequest& request,
                                                   const git_signature* author, const git_tree* tree,
                                                   std::size_t parent_count,
                                                   const git_commit** parents) const;
  Repository repo_;
  std::filesystem::path path_;
  std::filesystem::path gitdir_;
  mutable bool in_transaction_ = false;  ///< the exclusive writer lock is held by transact
};

}  // namespace archipel::registry::git
