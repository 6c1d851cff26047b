#pragma once
// The search index: an SQLite database (FTS5 for text) derived from the registry tree and
// refreshed incrementally by commit id. It is a cache: deleting it loses nothing.

#include <filesystem>
#include <memory>
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

  std::filesystem::path path;

 private:
  Database db_;
};

/// Runs one SQL statement with no result; io error naming `what` on failure.
[[nodiscard]] core::Result<void> exec(sqlite3* db, const char* sql, const std::string& what);

/// Prepares a statement.
[[nodiscard]] core::Result<Statement> prepare(sqlite3* db, const std::string& sql);

}  // namespace archipel::registry::detail
