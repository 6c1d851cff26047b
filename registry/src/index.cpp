#include "index.hpp"

#include <algorithm>
#include <map>
#include <set>

#include <unistd.h>

#include <fmt/format.h>

#include "archipel/core/licence.hpp"
#include "git/tree_diff.hpp"
#include "manifest_view.hpp"
#include "publish.hpp"

namespace archipel::registry::detail {
namespace fs = std::filesystem;
using core::Result;
using nlohmann::json;

namespace {

// The index is a cache: one of an older format is dropped (and rebuilt by the next refresh).
// 3: members (the reverse composition index); 4: files, effective terms; 5: serials (list),
// touches (history) and intro (the commit that published each version, for show).
constexpr int index_format = 5;

// Drops an index of another format (PRAGMA user_version) so that the schema below recreates it.
Result<void> check_format(sqlite3* db) {
  auto s = prepare(db, "PRAGMA user_version");
  if (!s) return std::unexpected(s.error());
  int version = sqlite3_step(s->get()) == SQLITE_ROW ? sqlite3_column_int(s->get(), 0) : 0;
  s->reset();  // a live statement would keep the tables locked against the DROP below
  if (version == index_format) return {};
  std::string sql = fmt::format(
      "DROP TABLE IF EXISTS meta; DROP TABLE IF EXISTS versions; DROP TABLE IF EXISTS links; "
      "DROP TABLE IF EXISTS fts; DROP TABLE IF EXISTS members; DROP TABLE IF EXISTS files; "
      "DROP TABLE IF EXISTS serials; DROP TABLE IF EXISTS touches; DROP TABLE IF EXISTS intro; "
      "PRAGMA user_version = {};",
      index_format);
  return exec(db, sql.c_str(), "format");
}

constexpr const char* schema_sql = R"sql(
CREATE TABLE IF NOT EXISTS meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS versions(
  id INTEGER PRIMARY KEY, serial TEXT NOT NULL, version TEXT NOT NULL, name TEXT, kind TEXT,
  designer TEXT, email TEXT, licence TEXT, commercial INTEGER, derivatives INTEGER, grid TEXT,
  width REAL, depth REAL, height REAL, size1 REAL, size2 REAL, size3 REAL, materials TEXT,
  processes TEXT, yanked INTEGER NOT NULL, latest INTEGER NOT NULL DEFAULT 0,
  eff_commercial INTEGER NOT NULL DEFAULT 0, eff_derivatives INTEGER NOT NULL DEFAULT 0,
  UNIQUE(serial, version));
CREATE INDEX IF NOT EXISTS versions_latest ON versions(latest, serial);
CREATE TABLE IF NOT EXISTS links(child TEXT, child_version TEXT, parent TEXT, parent_version TEXT,
                                 relation TEXT);
CREATE INDEX IF NOT EXISTS links_child ON links(child);
CREATE INDEX IF NOT EXISTS links_parent ON links(parent);
CREATE TABLE IF NOT EXISTS members(parent TEXT, parent_version TEXT, member TEXT, requirement TEXT,
                                   quantity INTEGER);
CREATE INDEX IF NOT EXISTS members_member ON members(member);
CREATE INDEX IF NOT EXISTS members_parent ON members(parent, parent_version);
CREATE TABLE IF NOT EXISTS files(serial TEXT, version TEXT, path TEXT, sha256 TEXT);
CREATE INDEX IF NOT EXISTS files_sha256 ON files(sha256);
CREATE INDEX IF NOT EXISTS files_version ON files(serial, version);
CREATE TABLE IF NOT EXISTS serials(serial TEXT PRIMARY KEY, folder TEXT NOT NULL, latest TEXT, name TEXT,
                                   kind TEXT, designer TEXT, licence TEXT, versions TEXT, yanked TEXT);
CREATE INDEX IF NOT EXISTS serials_folder ON serials(folder);
CREATE TABLE IF NOT EXISTS touches(serial TEXT NOT NULL, seq INTEGER NOT NULL, commit_id TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS touches_serial ON touches(serial, seq);
CREATE TABLE IF NOT EXISTS intro(serial TEXT NOT NULL, version TEXT NOT NULL, commit_id TEXT NOT NULL,
                                 PRIMARY KEY(serial, version));
CREATE VIRTUAL TABLE IF NOT EXISTS fts USING fts5(serial, name, description, tags, materials,
                                                   designer, processes);
)sql";

std::string joined(const std::vector<std::string>& items) { return fmt::format("{}", fmt::join(items, "\n")); }

void bind_text(sqlite3_stmt* s, int i, const std::string& v) {
  sqlite3_bind_text(s, i, v.c_str(), static_cast<int>(v.size()), SQLITE_TRANSIENT);
}

std::string column(sqlite3_stmt* s, int i) {
  const auto* t = sqlite3_column_text(s, i);
  return t ? reinterpret_cast<const char*>(t) : "";
}

// Next to the registry when it is writable, else under $XDG_CACHE_HOME (a read-only clone).
fs::path index_path(const Registry::Impl& impl) {
  if (::access(impl.path.c_str(), W_OK) == 0) return impl.path / "archipel-index.sqlite";
  const char* xdg = std::getenv("XDG_CACHE_HOME");
  const char* home = std::getenv("HOME");
  fs::path cache = xdg != nullptr && *xdg == '/' ? fs::path(xdg)
                                                 : fs::path(home != nullptr ? home : "/tmp") / ".cache";
  std::error_code ec;
  fs::create_directories(cache / "archipel", ec);
  auto absolute = fs::absolute(impl.path, ec).string();
  return cache / "archipel" / ("index-" + sha256_hex(absolute).substr(0, 16) + ".sqlite");
}

// The registry writes no working tree, so a path in a diff names its version folder by its first
// six components: parts/NS/K/shard/SERIAL/VERSION.
std::optional<std::pair<std::string, std::string>> version_of_path(const std::string& path) {
  std::vector<std::string> parts;
  std::size_t pos = 0;
  while (parts.size() < 6) {
    auto slash = path.find('/', pos);
    if (slash == std::string::npos) break;
    parts.push_back(path.substr(pos, slash - pos));
    pos = slash + 1;
  }
  if (parts.size() < 6 || parts[0] != "parts") return std::nullopt;
  return std::pair{parts[4], parts[5]};
}

}  // namespace

Result<void> exec(sqlite3* db, const char* sql, const std::string& what) {
  char* message = nullptr;
  if (sqlite3_exec(db, sql, nullptr, nullptr, &message) != SQLITE_OK) {
    std::string text = message ? message : "unknown";
    sqlite3_free(message);
    return core::fail(core::Errc::io, fmt::format("index: {}: {}", what, text));
  }
  return {};
}

Result<Statement> prepare(sqlite3* db, const std::string& sql) {
  sqlite3_stmt* s = nullptr;
  if (sqlite3_prepare_v2(db, sql.c_str(), -1, &s, nullptr) != SQLITE_OK) {
    return core::fail(core::Errc::io, fmt::format("index: {}", sqlite3_errmsg(db)));
  }
  return Statement(s);
}

Result<Index> Index::open(const Registry::Impl& impl) {
  Index index;
  index.path = index_path(impl);
  sqlite3* db = nullptr;
  int rc = sqlite3_open_v2(index.path.c_str(), &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nullptr);
  index.db_.reset(db);
  if (rc != SQLITE_OK) {
    return core::fail(core::Errc::io, fmt::format("cannot open the index: {}", sqlite3_errstr(rc)),
                      index.path.string());
  }
  sqlite3_busy_timeout(db, 10000);
  if (auto ok = exec(db, "PRAGMA journal_mode=WAL;", "journal"); !ok) return std::unexpected(ok.error());
  if (auto ok = check_format(db); !ok) return std::unexpected(ok.error());
  if (auto ok = exec(db, schema_sql, "schema"); !ok) return std::unexpected(ok.error());
  return index;
}

namespace {

struct Writer {
  sqlite3* db;
  const git::Store& store;
  const git_tree* tree;
  Statement del_version, del_fts, del_links, insert, insert_fts, insert_link, del_members, insert_member;
  Statement del_files, insert_file;
  std::set<std::string> touched;  // serials whose `latest` must be recomputed
  std::vector<std::pair<std::string, std::string>> inserted;  // versions whose effective terms to compute
};

Result<Writer> make_writer(sqlite3* db, const git::Store& store, const git_tree* tree) {
  Writer w{db, store, tree, {}, {}, {}, {}, {}, {}, {}, {}, {}, {}, {}, {}};
  const char* sql[10] = {
      "DELETE FROM versions WHERE serial=?1 AND version=?2 RETURNING id",
      "DELETE FROM fts WHERE rowid=?1",
      "DELETE FROM links WHERE child=?1 AND child_version=?2",
      "INSERT INTO versions(serial,version,name,kind,designer,email,licence,commercial,derivatives,"
      "grid,width,depth,height,size1,size2,size3,materials,processes,yanked) VALUES "
      "(?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11,?12,?13,?14,?15,?16,?17,?18,?19)",
      "INSERT INTO fts(rowid,serial,name,description,tags,materials,designer,processes) "
      "VALUES (?1,?2,?3,?4,?5,?6,?7,?8)",
      "INSERT INTO links VALUES (?1,?2,?3,?4,?5)",
      "DELETE FROM members WHERE parent=?1 AND parent_version=?2",
      "INSERT INTO members VALUES (?1,?2,?3,?4,?5)",
      "DELETE FROM files WHERE serial=?1 AND version=?2",
      "INSERT INTO files VALUES (?1,?2,?3,?4)"};
  Statement* targets[10] = {&w.del_version, &w.del_fts,     &w.del_links,   &w.insert,
                            &w.insert_fts,  &w.insert_link, &w.del_members, &w.insert_member,
                            &w.del_files,   &w.insert_file};
  for (int i = 0; i < 10; ++i) {
    auto s = prepare(db, sql[i]);
    if (!s) return std::unexpected(s.error());
    *targets[i] = std::move(*s);
  }
  return w;
}

Result<void> step_done(Writer& w, sqlite3_stmt* s) {
  int rc = sqlite3_step(s);
  sqlite3_reset(s);
  if (rc != SQLITE_DONE && rc != SQLITE_ROW) {
    return core::fail(core::Errc::io, fmt::format("index: {}", sqlite3_errmsg(w.db)));
  }
  return {};
}

Result<void> remove_version(Writer& w, const std::string& serial, const std::string& version) {
  sqlite3_stmt* s = w.del_version.get();
  bind_text(s, 1, serial);
  bind_text(s, 2, version);
  std::vector<sqlite3_int64> ids;
  while (sqlite3_step(s) == SQLITE_ROW) ids.push_back(sqlite3_column_int64(s, 0));
  sqlite3_reset(s);
  for (auto id : ids) {
    sqlite3_bind_int64(w.del_fts.get(), 1, id);
    if (auto ok = step_done(w, w.del_fts.get()); !ok) return ok;
  }
  bind_text(w.del_links.get(), 1, serial);
  bind_text(w.del_links.get(), 2, version);
  if (auto ok = step_done(w, w.del_links.get()); !ok) return ok;
  bind_text(w.del_members.get(), 1, serial);
  bind_text(w.del_members.get(), 2, version);
  if (auto ok = step_done(w, w.del_members.get()); !ok) return ok;
  bind_text(w.del_files.get(), 1, serial);
  bind_text(w.del_files.get(), 2, version);
  return step_done(w, w.del_files.get());
}

void licence_flags(const std::string& licence, bool& commercial, bool& derivatives) {
  auto parsed = core::parse_licence(licence);
  auto t = parsed ? core::terms(*parsed) : core::LicenceTerms{};
  commercial = parsed && t.commercial;
  derivatives = parsed && t.derivatives;
}

// The reverse composition index: one row per member of this version's composition.
Result<void> insert_members(Writer& w, const std::string& serial, const std::string& version, const json& doc) {
  sqlite3_stmt* s = w.insert_member.get();
  for (const auto& m : composition(doc)) {
    std::string values[4] = {serial, version, m.serial, m.requirement};
    for (int i = 0; i < 4; ++i) bind_text(s, i + 1, values[i]);
    sqlite3_bind_int64(s, 5, m.quantity);
    if (auto ok = step_done(w, s); !ok) return ok;
  }
  return {};
}

Result<void> insert_version(Writer& w, const Serial& serial, const std::string& version) {
  std::string folder = serial.folder() + "/" + version;
  auto m = read_json(w.store, w.tree, folder + "/" + manifest_name);
  if (!m) return std::unexpected(m.error());
  if (!*m) return {};  // verify reports a version folder without part.json
  auto yanked = is_yanked(w.store, w.tree, folder);
  if (!yanked) return std::unexpected(yanked.error());
  const json& doc = **m;
  sqlite3_stmt* s = w.insert.get();
  std::string sn = serial.to_string(), licence = text(doc, "licence");
  bool commercial = false, derivatives = false;
  licence_flags(licence, commercial, derivatives);
  auto dims = dimensions(doc);
  auto sorted = dims;
  std::sort(sorted.begin(), sorted.end(), std::greater<>());
  std::string mats = joined(materials(doc)), procs = joined(processes(doc));
  std::string values[7] = {sn, version, text(doc, "name"), text(doc, "kind"), designer_name(doc),
                           designer_email(doc), licence};
  for (int i = 0; i < 7; ++i) bind_text(s, i + 1, values[i]);
  sqlite3_bind_int(s, 8, commercial);
  sqlite3_bind_int(s, 9, derivatives);
  bind_text(s, 10, grid_standard(doc));
  for (int i = 0; i < 3; ++i) sqlite3_bind_double(s, 11 + i, dims[i]);
  for (int i = 0; i < 3; ++i) sqlite3_bind_double(s, 14 + i, sorted[i]);
  bind_text(s, 17, mats);
  bind_text(s, 18, procs);
  sqlite3_bind_int(s, 19, *yanked);
  if (auto ok = step_done(w, s); !ok) return ok;
  sqlite3_stmt* f = w.insert_fts.get();
  sqlite3_bind_int64(f, 1, sqlite3_last_insert_rowid(w.db));
  std::string fts_values[7] = {sn, text(doc, "name"), text(doc, "description"), joined(tags(doc)),
                               mats, designer_name(doc), procs};
  for (int i = 0; i < 7; ++i) bind_text(f, i + 2, fts_values[i]);
  if (auto ok = step_done(w, f); !ok) return ok;
  for (const auto& link : derived_from(doc)) {
    std::string lv[5] = {sn, version, link.serial, link.version, link.relation};
    for (int i = 0; i < 5; ++i) bind_text(w.insert_link.get(), i + 1, lv[i]);
    if (auto ok = step_done(w, w.insert_link.get()); !ok) return ok;
  }
  // Geometry and fabrication files by hash: publish refuses copies that launder stricter terms.
  for (const auto& entry : files(doc)) {
    if (entry.role != "geometry" && entry.role != "fabrication") continue;
    std::string fv[4] = {sn, version, entry.path, entry.sha256};
    for (int i = 0; i < 4; ++i) bind_text(w.insert_file.get(), i + 1, fv[i]);
    if (auto ok = step_done(w, w.insert_file.get()); !ok) return ok;
  }
  w.inserted.emplace_back(sn, version);
  return insert_members(w, sn, version, doc);
}

Result<void> reindex(Writer& w, const std::string& serial_text, const std::string& version) {
  auto serial = parse_serial(serial_text);
  if (!serial) return {};
  w.touched.insert(serial_text);
  if (auto ok = remove_version(w, serial_text, version); !ok) return ok;
  return insert_version(w, *serial, version);
}

Result<void> recompute_latest(Writer& w) {
  auto select = prepare(w.db, "SELECT version, yanked FROM versions WHERE serial=?1");
  auto update = prepare(w.db, "UPDATE versions SET latest=(version=?2) WHERE serial=?1");
  if (!select || !update) return std::unexpected(!select ? select.error() : update.error());
  for (const auto& serial : w.touched) {
    bind_text(select->get(), 1, serial);
    std::string best;
    while (sqlite3_step(select->get()) == SQLITE_ROW) {
      std::string v = column(select->get(), 0);
      if (sqlite3_column_int(select->get(), 1) == 0 && (best.empty() || compare_versions(v, best) > 0)) best = v;
    }
    sqlite3_reset(select->get());
    bind_text(update->get(), 1, serial);
    bind_text(update->get(), 2, best);
    if (auto ok = step_done(w, update->get()); !ok) return ok;
  }
  return {};
}

// Effective terms of each inserted version: its own licence and every ancestor's, through
// derived_from (published versions never change, so a version's answer is computed once).
Result<void> compute_effective(Writer& w) {
  auto s = prepare(w.db,
                   "WITH RECURSIVE anc(s, v) AS (SELECT ?1, ?2 UNION "
                   "SELECT l.parent, l.parent_version FROM links l JOIN anc ON l.child = anc.s "
                   "AND (anc.v = '' OR l.child_version = anc.v)) "
                   "UPDATE versions SET eff_commercial = (SELECT IFNULL(MIN(x.commercial), 1) FROM versions x JOIN "
                   "anc ON x.serial = anc.s AND (anc.v = '' OR x.version = anc.v)), "
                   "eff_derivatives = (SELECT IFNULL(MIN(x.derivatives), 1) FROM versions x JOIN "
                   "anc ON x.serial = anc.s AND (anc.v = '' OR x.version = anc.v)) "
                   "WHERE serial = ?1 AND version = ?2");
  if (!s) return std::unexpected(s.error());
  for (const auto& [serial, version] : w.inserted) {
    bind_text(s->get(), 1, serial);
    bind_text(s->get(), 2, version);
    if (auto ok = step_done(w, s->get()); !ok) return ok;
  }
  return {};
}

// Version names are tree entry names, which never hold a '/': joined by it, they split back exactly.
std::string slash_joined(const std::vector<std::string>& items) { return fmt::format("{}", fmt::join(items, "/")); }

// The `serials` row of each touched serial, as `list` summarises it from the tree.
Result<void> update_summaries(Writer& w) {
  auto del = prepare(w.db, "DELETE FROM serials WHERE serial=?1");
  auto put = prepare(w.db, "INSERT OR REPLACE INTO serials VALUES (?1,?2,?3,?4,?5,?6,?7,?8,?9)");
  if (!del || !put) return std::unexpected(!del ? del.error() : put.error());
  for (const auto& text : w.touched) {
    auto serial = parse_serial(text);
    if (!serial) continue;
    auto summary = summarise(w.store, w.tree, *serial);
    if (!summary) return std::unexpected(summary.error());
    if (!*summary) {
      bind_text(del->get(), 1, text);
      if (auto ok = step_done(w, del->get()); !ok) return ok;
      continue;
    }
    const PartSummary& p = **summary;
    std::string values[9] = {p.serial, serial->folder(), p.latest, p.name, p.kind, p.designer, p.licence,
                             slash_joined(p.versions), slash_joined(p.yanked)};
    for (int i = 0; i < 9; ++i) bind_text(put->get(), i + 1, values[i]);
    if (auto ok = step_done(w, put->get()); !ok) return ok;
  }
  return {};
}

Result<std::size_t> full_build(Writer& w) {
  if (auto ok = exec(w.db, "DELETE FROM versions; DELETE FROM fts; DELETE FROM links; DELETE FROM members; "
                           "DELETE FROM files; DELETE FROM serials; DELETE FROM touches; DELETE FROM intro;",
                     "clear"); !ok) {
    return std::unexpected(ok.error());
  }
  std::size_t count = 0;
  auto namespaces = w.store.list(w.tree, "parts");
  if (!namespaces) return std::unexpected(namespaces.error());
  for (const auto& ns : *namespaces) {
    for (char kind : {'C', 'O', 'P'}) {
      std::string kf = kind_folder(ns.name, kind);
      auto shards = w.store.list(w.tree, kf);
      if (!shards) return std::unexpected(shards.error());
      for (const auto& shard : *shards) {
        auto serials = w.store.list(w.tree, kf + "/" + shard.name);
        if (!serials) return std::unexpected(serials.error());
        for (const auto& s : *serials) {
          if (parse_serial(s.name)) w.touched.insert(s.name);  // a serial folder without versions too
          auto versions = w.store.list(w.tree, kf + "/" + shard.name + "/" + s.name);
          if (!versions) return std::unexpected(versions.error());
          for (const auto& v : *versions) {
            if (!v.is_tree) continue;  // owners.json sits beside the version folders
            if (auto ok = reindex(w, s.name, v.name); !ok) return std::unexpected(ok.error());
            ++count;
          }
        }
      }
    }
  }
  return count;
}

Result<std::size_t> incremental(Writer& w, const git::Store& store, const git_oid& from) {
  auto old_tree = store.tree_of(from);
  if (!old_tree) return std::unexpected(old_tree.error());
  auto deltas = git::diff_trees(store.repo(), old_tree->get(), w.tree);
  if (!deltas) return std::unexpected(deltas.error());
  std::set<std::pair<std::string, std::string>> changed;
  for (const auto& d : *deltas) {
    if (auto v = version_of_path(d.path)) changed.insert(*v);
  }
  for (const auto& [serial, version] : changed) {
    if (auto ok = reindex(w, serial, version); !ok) return std::unexpected(ok.error());
  }
  return changed.size();
}

}  // namespace

Result<IndexStatus> Index::refresh(const Registry::Impl& impl) {
  IndexStatus status;
  status.path = path;
  auto snap = impl.store.snapshot();
  if (!snap) return std::unexpected(snap.error());
  status.commit = snap->commit ? git::to_hex(*snap->commit) : "";
  auto indexed_commit = [&]() -> Result<std::string> {
    auto get = prepare(db_.get(), "SELECT value FROM meta WHERE key='commit'");
    if (!get) return std::unexpected(get.error());
    return sqlite3_step(get->get()) == SQLITE_ROW ? column(get->get(), 0) : std::string{};
  };
  auto before = indexed_commit();
  if (!before) return std::unexpected(before.error());
  if (*before == status.commit) return status;
  if (auto ok = exec(db_.get(), "BEGIN IMMEDIATE", "begin"); !ok) return std::unexpected(ok.error());
  // Another process may have refreshed while this one waited for the write lock.
  auto current = indexed_commit();
  if (!current || *current == status.commit) {
    (void)exec(db_.get(), "COMMIT", "commit");
    if (!current) return std::unexpected(current.error());
    return status;
  }
  std::string indexed = *current;
  auto work = [&]() -> Result<std::size_t> {
    auto writer = make_writer(db_.get(), impl.store, snap->tree.get());
    if (!writer) return std::unexpected(writer.error());
    git_oid from;
    git_commit* probe = nullptr;
    bool can_diff = !indexed.empty() && git_oid_fromstr(&from, indexed.c_str()) == 0 &&
                    git_commit_lookup(&probe, impl.store.repo(), &from) == 0;
    git::Commit owned(probe);
    // The commits to record for history and show: the new ones, unless the indexed commit left
    // the tip's first-parent chain (then the whole history is recorded again, with the rest).
    NewCommits fresh;
    if (snap->commit) {
      auto found = new_commits(impl.store, *snap->commit, can_diff ? &from : nullptr);
      if (!found) return std::unexpected(found.error());
      if (can_diff && !found->continues) {
        can_diff = false;
        found = new_commits(impl.store, *snap->commit, nullptr);
        if (!found) return std::unexpected(found.error());
      }
      fresh = std::move(*found);
    }
    auto changed = can_diff ? incremental(*writer, impl.store, from) : full_build(*writer);
    if (!changed) return changed;
    status.rebuilt = !can_diff;
    if (auto ok = recompute_latest(*writer); !ok) return std::unexpected(ok.error());
    if (auto ok = compute_effective(*writer); !ok) return std::unexpected(ok.error());
    if (auto ok = update_summaries(*writer); !ok) return std::unexpected(ok.error());
    if (auto ok = record_commits(db_.get(), impl.store, fresh.ids, fresh.first_parent); !ok) {
      return std::unexpected(ok.error());
    }
    auto put = prepare(db_.get(), "INSERT OR REPLACE INTO meta VALUES ('commit', ?1)");
    if (!put) return std::unexpected(put.error());
    bind_text(put->get(), 1, status.commit);
    if (auto ok = step_done(*writer, put->get()); !ok) return std::unexpected(ok.error());
    return changed;
  };
  auto changed = work();
  if (!changed) {
    (void)exec(db_.get(), "ROLLBACK", "rollback");
    return std::unexpected(changed.error());
  }
  status.changed = *changed;
  if (auto ok = exec(db_.get(), "COMMIT", "commit"); !ok) return std::unexpected(ok.error());
  return status;
}

}  // namespace archipel::registry::detail
