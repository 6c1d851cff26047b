// Queries on the search index: search, lineage edges, node summaries.
#include <algorithm>
#include <functional>

#include <fmt/format.h>

#include "index.hpp"

namespace archipel::registry::detail {
using core::Result;

namespace {

std::string column(sqlite3_stmt* s, int i) {
  const auto* t = sqlite3_column_text(s, i);
  return t ? reinterpret_cast<const char*>(t) : "";
}

// Free text becomes an FTS5 query of quoted prefix terms, so that no user text is FTS syntax;
// with a column, every term is restricted to it (`materials : "alu"*`).
std::string fts_query(const std::string& text, const std::string& column = {}) {
  std::string out, token;
  auto flush = [&] {
    if (token.empty()) return;
    if (!out.empty()) out += ' ';
    out += (column.empty() ? "" : column + " : ") + "\"" + token + "\"*";
    token.clear();
  };
  for (unsigned char c : text) {
    if (std::isalnum(c) || c >= 0x80) token += static_cast<char>(c);
    else flush();
  }
  flush();
  return out;
}

}  // namespace

Result<std::vector<SearchHit>> Index::search(const SearchQuery& q) const {
  std::string sql =
      "SELECT v.serial, v.version, v.name, v.designer, v.licence, v.grid, v.width, v.depth, v.height "
      "FROM versions v";
  std::vector<std::string> params;
  std::string where = " WHERE v.latest = 1";
  // Text and the word filters are answered by the FTS index, which is then read first.
  std::string match = fts_query(q.text);
  for (const auto& [column, value] : {std::pair<std::string, std::string>{"materials", q.material},
                                      {"designer", q.designer}, {"processes", q.process}}) {
    auto part = fts_query(value, column);
    if (!part.empty()) match += (match.empty() ? "" : " ") + part;
  }
  if (!match.empty()) {
    sql = "SELECT v.serial, v.version, v.name, v.designer, v.licence, v.grid, v.width, v.depth, v.height "
          "FROM fts CROSS JOIN versions v ON v.id = fts.rowid";
    where += " AND fts MATCH ?";
    params.push_back(match);
  }
  if (!q.grid.empty()) {
    where += " AND v.grid = ?";
    params.push_back(q.grid);
  }
  // Effective terms: the version's licence and every ancestor's (index.cpp, compute_effective).
  if (q.licence_allows == "commercial") where += " AND v.eff_commercial = 1";
  else if (q.licence_allows == "derivatives") where += " AND v.eff_derivatives = 1";
  else if (!q.licence_allows.empty()) {
    return core::fail(core::Errc::usage, fmt::format("--licence-allows takes commercial or derivatives, "
                                                     "not \"{}\"", q.licence_allows));
  }
  if (q.max_size) {
    auto box = *q.max_size;
    std::sort(box.begin(), box.end(), std::greater<>());
    where += fmt::format(" AND v.size1 > 0 AND v.size1 <= {} AND v.size2 <= {} AND v.size3 <= {}",
                         box[0] + 1e-6, box[1] + 1e-6, box[2] + 1e-6);
  }
  bool ranked = !fts_query(q.text).empty();
  sql += where + (ranked ? " ORDER BY bm25(fts), v.serial" : " ORDER BY v.serial") +
         fmt::format(" LIMIT {}", std::max(1, q.limit));
  auto s = prepare(db_.get(), sql);
  if (!s) return std::unexpected(s.error());
  for (std::size_t i = 0; i < params.size(); ++i) {
    sqlite3_bind_text(s->get(), static_cast<int>(i + 1), params[i].c_str(), -1, SQLITE_TRANSIENT);
  }
  std::vector<SearchHit> hits;
  int rc = 0;
  while ((rc = sqlite3_step(s->get())) == SQLITE_ROW) {
    SearchHit h{column(s->get(), 0), column(s->get(), 1), column(s->get(), 2), column(s->get(), 3),
                column(s->get(), 4), column(s->get(), 5), {}};
    for (int i = 0; i < 3; ++i) h.size[i] = sqlite3_column_double(s->get(), 6 + i);
    hits.push_back(std::move(h));
  }
  if (rc != SQLITE_DONE) return core::fail(core::Errc::io, fmt::format("index: {}", sqlite3_errmsg(db_.get())));
  return hits;
}

Result<std::vector<Edge>> Index::edges(const std::string& serial, bool parents) const {
  auto s = prepare(db_.get(), parents ? "SELECT * FROM links WHERE child=?1 ORDER BY parent, child_version"
                                      : "SELECT * FROM links WHERE parent=?1 ORDER BY child, child_version");
  if (!s) return std::unexpected(s.error());
  sqlite3_bind_text(s->get(), 1, serial.c_str(), -1, SQLITE_TRANSIENT);
  std::vector<Edge> out;
  while (sqlite3_step(s->get()) == SQLITE_ROW) {
    out.push_back({column(s->get(), 0), column(s->get(), 1), column(s->get(), 2), column(s->get(), 3),
                   column(s->get(), 4)});
  }
  return out;
}

Result<std::vector<MemberRow>> Index::users(const std::string& member) const {
  auto s = prepare(db_.get(),
                   "SELECT m.parent, m.parent_version, m.requirement, v.name, v.kind, m.quantity, v.yanked, "
                   "v.latest, EXISTS(SELECT 1 FROM versions l WHERE l.serial = m.parent AND l.latest = 1) "
                   "FROM members m JOIN versions v ON v.serial = m.parent AND v.version = m.parent_version "
                   "WHERE m.member = ?1 ORDER BY m.parent, m.parent_version");
  if (!s) return std::unexpected(s.error());
  sqlite3_bind_text(s->get(), 1, member.c_str(), -1, SQLITE_TRANSIENT);
  std::vector<MemberRow> out;
  int rc = 0;
  while ((rc = sqlite3_step(s->get())) == SQLITE_ROW) {
    out.push_back({column(s->get(), 0), column(s->get(), 1), column(s->get(), 2), column(s->get(), 3),
                   column(s->get(), 4), static_cast<long>(sqlite3_column_int64(s->get(), 5)),
                   sqlite3_column_int(s->get(), 6) != 0, sqlite3_column_int(s->get(), 7) != 0,
                   sqlite3_column_int(s->get(), 8) != 0});
  }
  if (rc != SQLITE_DONE) return core::fail(core::Errc::io, fmt::format("index: {}", sqlite3_errmsg(db_.get())));
  return out;
}

Result<std::vector<FileCopy>> Index::same_files(const std::string& sha256) const {
  auto s = prepare(db_.get(), "SELECT DISTINCT serial, version, path FROM files WHERE sha256 = ?1 "
                              "ORDER BY serial, version, path");
  if (!s) return std::unexpected(s.error());
  sqlite3_bind_text(s->get(), 1, sha256.c_str(), -1, SQLITE_TRANSIENT);
  std::vector<FileCopy> out;
  int rc = 0;
  while ((rc = sqlite3_step(s->get())) == SQLITE_ROW)
    out.push_back({column(s->get(), 0), column(s->get(), 1), column(s->get(), 2)});
  if (rc != SQLITE_DONE) return core::fail(core::Errc::io, fmt::format("index: {}", sqlite3_errmsg(db_.get())));
  return out;
}

Result<LineageNode> Index::node(const std::string& serial) const {
  auto s = prepare(db_.get(),
                   "SELECT version, name, designer, licence FROM versions WHERE serial=?1 "
                   "ORDER BY latest DESC, id DESC LIMIT 1");
  if (!s) return std::unexpected(s.error());
  sqlite3_bind_text(s->get(), 1, serial.c_str(), -1, SQLITE_TRANSIENT);
  LineageNode n;
  n.serial = serial;
  if (sqlite3_step(s->get()) == SQLITE_ROW) {
    n.version = column(s->get(), 0);
    n.name = column(s->get(), 1);
    n.designer = column(s->get(), 2);
    n.licence = column(s->get(), 3);
  }
  return n;
}

Result<void> Index::each_serial(const std::function<void(const PartSummary&)>& each) const {
  auto s = prepare(db_.get(), "SELECT serial, latest, name, kind, designer, licence, versions, yanked "
                              "FROM serials ORDER BY folder, serial");
  if (!s) return std::unexpected(s.error());
  // Joined by '/' (index.cpp): a version name never holds one.
  auto strings = [](sqlite3_stmt* st, int i, std::vector<std::string>& out) {
    out.clear();
    const auto* t = reinterpret_cast<const char*>(sqlite3_column_text(st, i));
    if (t == nullptr || *t == 0) return;
    std::string_view text(t, static_cast<std::size_t>(sqlite3_column_bytes(st, i)));
    for (std::size_t start = 0;;) {
      auto slash = text.find('/', start);
      out.emplace_back(text.substr(start, slash == std::string_view::npos ? std::string_view::npos : slash - start));
      if (slash == std::string_view::npos) break;
      start = slash + 1;
    }
  };
  int rc = 0;
  PartSummary p;
  while ((rc = sqlite3_step(s->get())) == SQLITE_ROW) {
    p.serial = column(s->get(), 0);
    p.latest = column(s->get(), 1);
    p.name = column(s->get(), 2);
    p.kind = column(s->get(), 3);
    p.designer = column(s->get(), 4);
    p.licence = column(s->get(), 5);
    strings(s->get(), 6, p.versions);
    strings(s->get(), 7, p.yanked);
    each(p);
  }
  if (rc != SQLITE_DONE) return core::fail(core::Errc::io, fmt::format("index: {}", sqlite3_errmsg(db_.get())));
  return {};
}

Result<std::vector<std::string>> Index::touching(const std::string& serial) const {
  auto s = prepare(db_.get(), "SELECT commit_id FROM touches WHERE serial=?1 ORDER BY seq DESC");
  if (!s) return std::unexpected(s.error());
  sqlite3_bind_text(s->get(), 1, serial.c_str(), -1, SQLITE_TRANSIENT);
  std::vector<std::string> out;
  int rc = 0;
  while ((rc = sqlite3_step(s->get())) == SQLITE_ROW) out.push_back(column(s->get(), 0));
  if (rc != SQLITE_DONE) return core::fail(core::Errc::io, fmt::format("index: {}", sqlite3_errmsg(db_.get())));
  return out;
}

Result<std::optional<std::string>> Index::introduced(const std::string& serial, const std::string& version) const {
  auto s = prepare(db_.get(), "SELECT commit_id FROM intro WHERE serial=?1 AND version=?2");
  if (!s) return std::unexpected(s.error());
  sqlite3_bind_text(s->get(), 1, serial.c_str(), -1, SQLITE_TRANSIENT);
  sqlite3_bind_text(s->get(), 2, version.c_str(), -1, SQLITE_TRANSIENT);
  int rc = sqlite3_step(s->get());
  if (rc == SQLITE_ROW) return std::optional<std::string>{column(s->get(), 0)};
  if (rc != SQLITE_DONE) return core::fail(core::Errc::io, fmt::format("index: {}", sqlite3_errmsg(db_.get())));
  return std::optional<std::string>{};
}

}  // namespace archipel::registry::detail
