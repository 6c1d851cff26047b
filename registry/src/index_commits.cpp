// SPDX-License-Identifier: Apache-2.0
// The index's record of the history: which commits touch each serial (for `history`) and which
// first-parent commit published each version (for `show`), recorded incrementally at refresh
// from one tree diff per new commit; and the per-serial summaries `list` answers from.
#include <algorithm>
#include <unordered_map>

#include <fmt/format.h>

#include "git/tree_diff.hpp"
#include "index.hpp"
#include "manifest_view.hpp"

namespace archipel::registry::detail {
using core::Result;

namespace {

std::string raw_key(const git_oid& id) { return std::string(reinterpret_cast<const char*>(id.id), GIT_OID_RAWSZ); }

Result<void> step(sqlite3* db, sqlite3_stmt* s) {
  int rc = sqlite3_step(s);
  sqlite3_reset(s);
  if (rc != SQLITE_DONE && rc != SQLITE_ROW) return core::fail(core::Errc::io, fmt::format("index: {}", sqlite3_errmsg(db)));
  return {};
}

void bind_param(sqlite3_stmt* s, int i, const std::string& v) {
  sqlite3_bind_text(s, i, v.c_str(), static_cast<int>(v.size()), SQLITE_TRANSIENT);
}

// What a changed path says: the serial whose folder it lies in (canonical folders only, as
// `history` compares the entry at serial.folder()), and the version when it is a part.json.
struct Touch {
  std::string serial, version;
  bool manifest = false;
};

std::optional<Touch> touch_of(std::string_view p) {
  std::vector<std::string_view> parts;
  std::size_t start = 0;
  for (std::size_t i = 0; i <= p.size() && parts.size() < 8; ++i) {
    if (i == p.size() || p[i] == '/') {
      parts.push_back(p.substr(start, i - start));
      start = i + 1;
    }
  }
  if (parts.size() < 5 || parts[0] != "parts") return std::nullopt;
  auto serial = parse_serial(std::string(parts[4]));
  if (!serial) return std::nullopt;
  std::string folder = fmt::format("parts/{}/{}/{}/{}", parts[1], parts[2], parts[3], parts[4]);
  if (serial->folder() != folder) return std::nullopt;
  Touch t{std::string(parts[4]), {}, false};
  if (parts.size() == 7 && parts[6] == manifest_name) {
    t.version = std::string(parts[5]);
    t.manifest = true;
  }
  return t;
}

}  // namespace

Result<NewCommits> new_commits(const git::Store& store, const git_oid& tip, const git_oid* from) {
  git_revwalk* raw = nullptr;
  if (int rc = git_revwalk_new(&raw, store.repo()); rc < 0) {
    return std::unexpected(git::last_error(rc, "cannot walk the history", store.path().string()));
  }
  git::RevWalk walk(raw);
  git_revwalk_sorting(raw, GIT_SORT_TOPOLOGICAL | GIT_SORT_TIME);  // as Registry::history walks
  if (int rc = git_revwalk_push(raw, &tip); rc < 0) {
    return std::unexpected(git::last_error(rc, "cannot walk the history", store.path().string()));
  }
  if (from != nullptr) git_revwalk_hide(raw, from);
  NewCommits out;
  std::unordered_map<std::string, std::size_t> position;
  git_oid id;
  while (git_revwalk_next(&id, raw) == 0) {
    position.emplace(raw_key(id), out.ids.size());
    out.ids.push_back(id);
  }
  out.first_parent.assign(out.ids.size(), false);
  // The tip's first-parent chain through the new commits: it must end on the indexed commit.
  id = tip;
  for (;;) {
    auto it = position.find(raw_key(id));
    if (it == position.end()) {
      out.continues = from != nullptr && git_oid_equal(&id, from);
      break;
    }
    out.first_parent[it->second] = true;
    git_commit* c = nullptr;
    if (int rc = git_commit_lookup(&c, store.repo(), &id); rc < 0) {
      return std::unexpected(git::last_error(rc, "cannot read a commit", store.path().string()));
    }
    git::Commit commit(c);
    if (git_commit_parentcount(c) == 0) {
      out.continues = from == nullptr;
      break;
    }
    id = *git_commit_parent_id(c, 0);
  }
  return out;
}

Result<void> record_commits(sqlite3* db, const git::Store& store, const std::vector<git_oid>& commits,
                            const std::vector<bool>& first_parent) {
  if (commits.empty()) return {};
  auto last = prepare(db, "SELECT IFNULL(MAX(seq), 0) FROM touches");
  auto touch = prepare(db, "INSERT INTO touches VALUES (?1, ?2, ?3)");
  auto add = prepare(db, "INSERT OR REPLACE INTO intro VALUES (?1, ?2, ?3)");
  auto drop = prepare(db, "DELETE FROM intro WHERE serial=?1 AND version=?2");
  for (auto* s : {&last, &touch, &add, &drop})
    if (!*s) return std::unexpected(s->error());
  sqlite3_int64 base = sqlite3_step(last->get()) == SQLITE_ROW ? sqlite3_column_int64(last->get(), 0) : 0;
  last->reset();
  const std::size_t n = commits.size();
  for (std::size_t k = 0; k < n; ++k) {  // oldest first: a version deleted and published again
    const std::size_t i = n - 1 - k;
    const git_oid& id = commits[i];
    git_commit* raw = nullptr;
    if (int rc = git_commit_lookup(&raw, store.repo(), &id); rc < 0) {
      return std::unexpected(git::last_error(rc, "cannot read a commit", store.path().string()));
    }
    git::Commit commit(raw);
    auto tree = store.tree_of(id);
    if (!tree) return std::unexpected(tree.error());
    git::Tree parent;
    if (git_commit_parentcount(raw) > 0) {
      auto t = store.tree_of(*git_commit_parent_id(raw, 0));
      if (!t) return std::unexpected(t.error());
      parent = std::move(*t);
    }
    auto deltas = git::diff_trees(store.repo(), parent.get(), tree->get());
    if (!deltas) return std::unexpected(deltas.error());
    const std::string hex = git::to_hex(id);
    std::string previous;
    std::vector<std::string> serials;
    for (const auto& delta : *deltas) {
      auto t = touch_of(delta.path);
      if (!t) continue;
      if (t->serial != previous) {
        serials.push_back(t->serial);
        previous = t->serial;
      }
      if (!t->manifest || !first_parent[i]) continue;
      if (!delta.before) {
        bind_param(add->get(), 1, t->serial);
        bind_param(add->get(), 2, t->version);
        bind_param(add->get(), 3, hex);
        if (auto ok = step(db, add->get()); !ok) return ok;
      } else if (!delta.after) {
        bind_param(drop->get(), 1, t->serial);
        bind_param(drop->get(), 2, t->version);
        if (auto ok = step(db, drop->get()); !ok) return ok;
      }
    }
    std::sort(serials.begin(), serials.end());
    serials.erase(std::unique(serials.begin(), serials.end()), serials.end());
    for (const auto& s : serials) {
      bind_param(touch->get(), 1, s);
      sqlite3_bind_int64(touch->get(), 2, base + static_cast<sqlite3_int64>(k + 1));
      bind_param(touch->get(), 3, hex);
      if (auto ok = step(db, touch->get()); !ok) return ok;
    }
  }
  return {};
}

Result<std::optional<PartSummary>> summarise(const git::Store& store, const git_tree* tree, const Serial& serial) {
  PartSummary s;
  s.serial = serial.to_string();
  auto versions = versions_of(store, tree, serial);
  if (!versions) return std::unexpected(versions.error());
  if (versions->empty()) return std::optional<PartSummary>{};
  s.versions = std::move(*versions);
  for (const auto& v : s.versions) {
    auto y = is_yanked(store, tree, serial.folder() + "/" + v);
    if (!y) return std::unexpected(y.error());
    if (*y) s.yanked.push_back(v);
    else s.latest = v;
  }
  std::string shown = s.latest.empty() ? s.versions.back() : s.latest;
  auto m = read_json(store, tree, serial.folder() + "/" + shown + "/" + manifest_name);
  if (!m) return std::unexpected(m.error());
  if (*m) {
    s.name = text(**m, "name");
    s.kind = text(**m, "kind");
    s.designer = designer_name(**m);
    s.licence = text(**m, "licence");
  }
  return std::optional<PartSummary>{std::move(s)};
}

Result<Index*> fresh_index(const Registry::Impl& impl) {
  if (!impl.index) {
    auto opened = Index::open(impl);
    if (!opened) return std::unexpected(opened.error());
    impl.index = std::make_shared<Index>(std::move(*opened));
  }
  if (auto ok = impl.index->refresh(impl); !ok) return std::unexpected(ok.error());
  return impl.index.get();
}

}  // namespace archipel::registry::detail
