#pragma once
// The search index: an SQLite database (FTS5 for text) derived from the registry tree and
// refreshed incrementally by commit id. It is a cache: deleting it loses nothing.

#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <sqlite3.h>

#include "impl.hpp"

namespace archipel::registry::detail {

struct SqliteClose {
  void operator()(sqlite3* db) const noexcept { sqlite3_close(db); }
};
struct SqliteFinalize {
  void operator()(sqlite3_stmt* s) const noexcept { sqlite3_finalize(s); }
};
using Database = std::unique_ptr<sqlite3, SqliteClose>;
using Statement = std::unique_ptr<sqlite3_stmt, SqliteFinalize>;

/// One lineage edge as indexed.
struct Edge {
  std::string child, child_version, parent, parent_version, relation;
};

/// One composition row as indexed: `parent@parent_version` lists the member.
struct MemberRow {
  std::string parent, parent_version, requirement, name, kind;
  long quantity = 1;
  bool yanked = false;      ///< this version of the parent is yanked
  bool latest = false;      ///< this version is the parent's latest not yanked
  bool has_latest = false;  ///< the parent has a version that is not yanked
};

/// A published file with a given sha256.
struct FileCopy {
  std::string serial, version, path;
};

/// The index of one registry.
class Index {
 public:
  /// Opens (creating when needed) the index of `impl`'s registry.
  [[nodiscard]] static core::Result<Index> open(const Registry::Impl& impl);
  /// Brings the index up to the registry's tip.
  [[nodiscard]] core::Result<IndexStatus> refresh(const Registry::Impl& impl);
  /// Answers a query (the index must be fresh).
  [[nodiscard]] core::Result<std::vector<SearchHit>> search(const SearchQuery& query) const;
  /// Edges whose child (parents=true) or parent (parents=false) is `serial`.
  [[nodiscard]] core::Result<std::vector<Edge>> edges(const std::string& serial, bool parents) const;
  /// Every indexed version listing `member` in its composition, by parent serial and version.
  [[nodiscard]] core::Result<std::vector<MemberRow>> users(const std::string& member) const;
  /// Geometry and fabrication files whose sha256 is `sha256`, by serial, version and path.
  [[nodiscard]] core::Result<std::vector<FileCopy>> same_files(const std::string& sha256) const;
  /// Name, designer, licence and latest version of `serial` (empty strings when unknown).
  [[nodiscard]] core::Result<LineageNode> node(const std::string& serial) const;
  /// Every serial's summary, in the tree's order (as `list` walks it), one at a time.
  [[nodiscard]] core::Result<void> each_serial(const std::function<void(const PartSummary&)>& each) const;
  /// The commits touching `serial`'s folder (their tree entry differs from the first parent's),
  /// newest first, in the order of a topological revision walk from the tip.
  [[nodiscard]] core::Result<std::vector<std::string>> touching(const std::string& serial) const;
  /// The first-parent commit that added `serial@version`'s part.json (as introducing_commit),
  /// nothing when not recorded.
  [[nodiscard]] core::Result<std::optional<std::string>> introduced(const std::string& serial,
                                                                    const std::string& version) const;

  std::filesystem::path path;

 private:
  Database db_;
};

/// The index of `impl`'s registry, opened once per Registry and brought up to its tip.
[[nodiscard]] core::Result<Index*> fresh_index(const Registry::Impl& impl);

/// The commits reachable from a tip and not from the indexed commit, newest first (a
/// topological walk by time, as `history` walks), with which of them lie on the tip's
/// first-parent chain.
struct NewCommits {
  std::vector<git_oid> ids;
  std::vector<bool> first_parent;
  bool continues = true;  ///< the indexed commit is on the tip's first-parent chain
};

/// The commits of `tip` not reachable from `from` (all of them when null).
[[nodiscard]] core::Result<NewCommits> new_commits(const git::Store& store, const git_oid& tip, const git_oid* from);

/// Records `commits` (newest first) for `touching` and `introduced`, after the ones recorded;
/// `first_parent[i]`: commit i lies on the tip's first-parent chain. Used by Index::refresh
/// inside its transaction.
[[nodiscard]] core::Result<void> record_commits(sqlite3* db, const git::Store& store,
                                                const std::vector<git_oid>& commits,
                                                const std::vector<bool>& first_parent);

/// The summary `list` gives of `serial` at `tree` (nothing when it has no version folder).
[[nodiscard]] core::Result<std::optional<PartSummary>> summarise(const git::Store& store, const git_tree* tree,
                                                                 const Serial& serial);

/// Runs one SQL statement with no result; io error naming `what` on failure.
[[nodiscard]] core::Result<void> exec(sqlite3* db, const char* sql, const std::string& what);

/// Prepares a statement.
[[nodiscard]] core::Result<Statement> prepare(sqlite3* db, const std::string& sql);

}  // namespace archipel::registry::detail
