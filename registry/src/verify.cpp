// verify: every file matches its sha256, every manifest is valid, every lineage link resolves,
// every git object reads back with the right hash. Each problem is named, none stops the walk.
#include <map>
#include <set>

#include <fmt/format.h>

#include "archipel/core/json.hpp"
#include "archipel/core/manifest.hpp"
#include "git/write_lock.hpp"
#include "impl.hpp"
#include "manifest_view.hpp"
#include "tips.hpp"
#include "verify_history.hpp"

namespace archipel::registry {
using core::Result;
using nlohmann::json;

namespace {

struct Checker {
  const git::Store& store;
  const git_tree* tree;
  VerifyReport& report;
  void problem(std::string where, std::string message) {
    report.problems.push_back({std::move(where), std::move(message)});
  }
};

// Every blob under `dir`, as paths relative to it.
Result<void> blobs_under(const git::Store& store, const git_tree* tree, const std::string& dir,
                         const std::string& prefix, std::map<std::string, git_oid>& out) {
  auto entries = store.list(tree, dir);
  if (!entries) return std::unexpected(entries.error());
  for (const auto& e : *entries) {
    if (e.is_tree) {
      if (auto ok = blobs_under(store, tree, dir + "/" + e.name, prefix + e.name + "/", out); !ok) return ok;
    } else {
      out[prefix + e.name] = e.id;
    }
  }
  return {};
}

Result<void> check_links(Checker& c, const std::string& folder, const json& m) {
  for (const auto& link : detail::derived_from(m)) {
    ++c.report.links;
    auto serial = parse_serial(link.serial);
    if (!serial) {
      c.problem(folder + "/part.json", fmt::format("derived_from \"{}\" is not a serial", link.serial));
      continue;
    }
    auto e = c.store.entry(c.tree, serial->folder() + "/" + link.version + "/" + detail::manifest_name);
    if (!e) return std::unexpected(e.error());
    if (!*e) {
      c.problem(folder + "/part.json",
                fmt::format("derived_from {}@{} does not resolve", link.serial, link.version));
    }
  }
  return {};
}

Result<void> check_version(Checker& c, const Serial& serial, const std::string& version) {
  ++c.report.versions;
  std::string folder = serial.folder() + "/" + version;
  std::map<std::string, git_oid> blobs;
  if (auto ok = blobs_under(c.store, c.tree, folder, "", blobs); !ok) return ok;
  auto found = blobs.find(detail::manifest_name);
  if (found == blobs.end()) {
    c.problem(folder, "no part.json");
    return {};
  }
  auto bytes = c.store.read_blob(found->second);
  if (!bytes) {  // a corrupt object is a finding (check_objects names it too), not a stop
    c.problem(folder + "/part.json", "unreadable: " + bytes.error().message);
    return {};
  }
  if (bytes->size() > core::max_manifest_bytes) {
    c.problem(folder + "/part.json", fmt::format("is {} bytes, over the manifest limit of {} bytes",
                                                 bytes->size(), core::max_manifest_bytes));
    return {};
  }
  auto doc = core::parse_json(*bytes, folder + "/part.json");
  if (!doc) {
    c.problem(folder + "/part.json", doc.error().message);
    return {};
  }
  auto violations = core::validate_against_schema(*doc, "part.schema.json");
  if (!violations) return std::unexpected(violations.error());
  for (const auto& v : *violations) c.problem(folder + "/part.json:" + v.pointer, v.message);
  if (detail::text(*doc, "serial") != serial.to_string() || detail::text(*doc, "version") != version) {
    c.problem(folder + "/part.json", fmt::format("says {}@{} but lives in {}", detail::text(*doc, "serial"),
                                                 detail::text(*doc, "version"), folder));
  }
  std::set<std::string> listed{detail::manifest_name, detail::measured_name, detail::yanked_name};
  for (const auto& f : detail::files(*doc)) {
    listed.insert(f.path);
    ++c.report.files;
    auto it = blobs.find(f.path);
    if (it == blobs.end()) {
      c.problem(folder + "/" + f.path, "listed in part.json but missing");
      continue;
    }
    auto content = c.store.read_blob(it->second);
    if (!content) {
      c.problem(folder + "/" + f.path, "unreadable: " + content.error().message);
      continue;
    }
    if (auto digest = detail::sha256_hex(*content); digest != f.sha256) {
      c.problem(folder + "/" + f.path, fmt::format("sha256 is {}, part.json says {}", digest, f.sha256));
    }
  }
  for (const auto& [path, id] : blobs) {
    if (!listed.count(path)) c.problem(folder + "/" + path, "not listed in part.json");
  }
  return check_links(c, folder, *doc);
}

Result<void> check_parts(Checker& c) {
  auto namespaces = c.store.list(c.tree, "parts");
  if (!namespaces) return std::unexpected(namespaces.error());
  for (const auto& ns : *namespaces) {
    auto kinds = c.store.list(c.tree, "parts/" + ns.name);
    if (!kinds) return std::unexpected(kinds.error());
    for (const auto& kind : *kinds) {
      std::string kf = "parts/" + ns.name + "/" + kind.name;
      auto shards = c.store.list(c.tree, kf);
      if (!shards) return std::unexpected(shards.error());
      for (const auto& shard : *shards) {
        auto serials = c.store.list(c.tree, kf + "/" + shard.name);
        if (!serials) return std::unexpected(serials.error());
        for (const auto& s : *serials) {
          std::string here = kf + "/" + shard.name + "/" + s.name;
          auto serial = parse_serial(s.name);
          if (!serial || serial->folder() != here) {
            c.problem(here, "is not where a serial belongs");
            continue;
          }
          auto versions = detail::versions_of(c.store, c.tree, *serial);
          if (!versions) return std::unexpected(versions.error());
          for (const auto& v : *versions) {
            if (auto ok = check_version(c, *serial, v); !ok) return ok;
          }
        }
      }
    }
  }
  return {};
}

int collect(const git_oid* id, void* payload) {
  static_cast<std::vector<git_oid>*>(payload)->push_back(*id);
  return 0;
}

Result<void> check_objects(const git::Store& store, VerifyReport& report) {
  git_odb* raw = nullptr;
  if (int rc = git_repository_odb(&raw, store.repo()); rc < 0) {
    return std::unexpected(git::last_error(rc, "cannot open the object database", store.path().string()));
  }
  git::Odb odb(raw);
  std::vector<git_oid> ids;
  if (int rc = git_odb_foreach(raw, collect, &ids); rc < 0) {
    return std::unexpected(git::last_error(rc, "cannot list the objects", store.path().string()));
  }
  git_libgit2_opts(GIT_OPT_ENABLE_STRICT_HASH_VERIFICATION, 1);
  for (const auto& id : ids) {
    ++report.objects;
    git_odb_object* obj = nullptr;
    if (int rc = git_odb_read(&obj, raw, &id); rc < 0) {
      const git_error* e = git_error_last();
      report.problems.push_back({"object " + git::to_hex(id),
                                 std::string("unreadable: ") + (e && e->message ? e->message : "?")});
      continue;
    }
    git::OdbObject owned(obj);
  }
  return {};
}

// The commits reachable from `tip` (a revision walk, nothing read but the commit graph).
Result<std::size_t> count_commits(const git::Store& store, const git_oid& tip) {
  git_revwalk* raw = nullptr;
  if (int rc = git_revwalk_new(&raw, store.repo()); rc < 0) {
    return std::unexpected(git::last_error(rc, "cannot walk the history", store.path().string()));
  }
  git::RevWalk walk(raw);
  git_revwalk_push(raw, &tip);
  std::size_t n = 0;
  git_oid id;
  while (git_revwalk_next(&id, raw) == 0) ++n;
  return n;
}

}  // namespace

Result<VerifyReport> Registry::verify(bool use_cache) const {
  VerifyReport report;
  auto snap = impl_->store.snapshot();
  if (!snap) return std::unexpected(snap.error());
  Checker c{impl_->store, snap->tree.get(), report};
  auto config = detail::read_json(impl_->store, c.tree, detail::config_name);
  if (!config) c.problem(detail::config_name, config.error().message);
  else if (!*config) c.problem(detail::config_name, "missing");
  else if (auto parsed = parse_config(**config, detail::config_name); !parsed) {
    c.problem(detail::config_name + std::string(":") + parsed.error().pointer, parsed.error().message);
  }
  if (auto ok = check_parts(c); !ok) return std::unexpected(ok.error());
  if (auto ok = check_objects(impl_->store, report); !ok) return std::unexpected(ok.error());
  for (auto& l : git::find_leftovers(impl_->store.gitdir())) {
    report.problems.push_back({std::move(l.where), std::move(l.message)});
  }
  if (!snap->commit) return report;
  const git_oid& tip = *snap->commit;
  // A history that cannot be read (a corrupt commit or tree) is a problem to report, not an error.
  auto unreadable = [&](const core::Error& e) {
    report.problems.push_back({"history", "cannot be read: " + e.message});
    return report;
  };
  auto root = detail::root_of(impl_->store, tip);
  if (!root) return unreadable(root.error());
  const std::string& ns = impl_->config.ns;
  // The history up to a tip verified before is skipped (when the new tip descends from it).
  std::optional<git_oid> from = use_cache ? detail::cached_verified(*root, ns) : std::nullopt;
  // Only a cached tip this copy holds and the tip descends from saves work: a tip cached from
  // another copy with the same root (a clone, or two registries made in the same second with
  // the same key) is not in this object store.
  if (from && !git_oid_equal(&tip, &*from) && git_graph_descendant_of(impl_->store.repo(), &tip, &*from) != 1)
    from.reset();
  if (from) {
    auto cached = count_commits(impl_->store, *from);
    if (!cached) return std::unexpected(cached.error());
    report.cached_commits = *cached;
  }
  if (auto ok = detail::verify_history(impl_->store, tip, report, from); !ok) return unreadable(ok.error());
  // A history verified here before must still be there: else it was rewritten.
  if (auto known = detail::remembered_tip(*root, ns)) {
    if (auto why = detail::rewritten(impl_->store, tip, *known); !why.empty()) {
      report.problems.push_back({"commit " + git::to_hex(tip).substr(0, 12), why});
    }
  }
  if (auto why = detail::replaced(impl_->path, ns, *root); !why.empty()) {
    report.problems.push_back({"commit " + git::to_hex(*root).substr(0, 12), why});
  }
  if (report.problems.empty()) {
    detail::remember_tip(*root, ns, tip);
    detail::remember_root(impl_->path, ns, *root);
    detail::cache_verified(*root, ns, tip);
  }
  return report;
}

}  // namespace archipel::registry
