// verify, the history half: every commit from the root, parents first. Each commit's signature
// is checked in-process and judged against the owners and maintainers recorded at its parent;
// each change must be one the registry allows (append-only: a version's files are written
// once, later only yanked.json and owners.json; a serial is assigned once; the namespace never
// changes). Merges may only bring in what their parents already hold.
#include <algorithm>
#include <map>
#include <set>

#include <fmt/format.h>

#include "git/tree_diff.hpp"
#include "federation/records.hpp"
#include "owners.hpp"
#include "signatures.hpp"
#include "tips.hpp"
#include "verify_history.hpp"

namespace archipel::registry::detail {
using core::Result;

namespace {

// What one path of the tree is, in the registry's layout.
struct Place {
  enum Kind { config, record, owners, version_file, other } kind = other;
  std::optional<Serial> serial;
  std::string ns;  ///< the namespace of a record
  std::string version, file;  ///< version folder and the file inside it
};

Place place_of(const std::string& path) {
  Place p;
  if (path == config_name) {
    p.kind = Place::config;
    return p;
  }
  if (auto ns = record_namespace(path)) {
    p.kind = Place::record;
    p.ns = *ns;
    return p;
  }
  // parts/NS/K/SHARD/SERIAL/(owners.json | VERSION/FILE...)
  std::vector<std::string> parts;
  std::size_t start = 0;
  for (std::size_t i = 0; i <= path.size(); ++i) {
    if (i == path.size() || path[i] == '/') {
      parts.push_back(path.substr(start, i - start));
      start = i + 1;
    }
  }
  if (parts.size() < 6 || parts[0] != "parts") return p;
  auto serial = parse_serial(parts[4]);
  if (!serial || serial->folder() != fmt::format("parts/{}/{}/{}/{}", parts[1], parts[2], parts[3], parts[4])) {
    return p;
  }
  p.serial = *serial;
  if (parts.size() == 6 && parts[5] == owners_name) {
    p.kind = Place::owners;
    return p;
  }
  if (parts.size() < 7) return p;
  p.kind = Place::version_file;
  p.version = parts[5];
  for (std::size_t i = 6; i < parts.size(); ++i) p.file += (i > 6 ? "/" : "") + parts[i];
  return p;
}

struct Delta {
  std::string path;
  std::optional<git_oid> before, after;
};

// Only the subtrees whose ids differ are read (git/tree_diff.hpp): constant per commit.
Result<std::vector<Delta>> diff(const git::Store& store, const git_tree* a, const git_tree* b) {
  auto deltas = git::diff_trees(store.repo(), a, b);
  if (!deltas) return std::unexpected(deltas.error());
  std::vector<Delta> out;
  out.reserve(deltas->size());
  for (auto& d : *deltas) out.push_back({std::move(d.path), d.before, d.after});
  return out;
}

struct Walker {
  const git::Store& store;
  VerifyReport& report;
  std::string ns;                       // the namespace of the own root commit's registry.json
  // Serials that existed in an earlier commit, with the commits where they did (a serial created
  // on two lines of history merged later is a conflict, not a reassignment: only an ancestor counts).
  std::map<std::string, std::vector<git_oid>> ever_assigned;

  bool assigned_before(const std::string& s, const git_oid& id) const {
    auto it = ever_assigned.find(s);
    if (it == ever_assigned.end()) return false;
    return std::any_of(it->second.begin(), it->second.end(), [&](const git_oid& at) {
      return git_graph_descendant_of(store.repo(), &id, &at) == 1;
    });
  }
  const git_tree* after_ = nullptr;     // the tree of the commit being classified
  std::map<std::string, std::optional<RegistryConfig>> configs;  // by registry.json blob id
  git_oid own_root{};                   // the first-parent root of the local history
  std::set<std::string> held;           // namespaces whose root was seen (or held before)
  const std::map<std::string, std::vector<std::string>>* pins = nullptr;

  // registry.json at `tree`, parsed once per distinct blob (nothing when missing or invalid).
  const std::optional<RegistryConfig>& config(const git_tree* tree) {
    static const std::optional<RegistryConfig> none;
    auto e = store.entry(tree, config_name);
    if (!e || !*e) return none;
    std::string id = git::to_hex((*e)->id);
    auto it = configs.find(id);
    if (it == configs.end()) {
      auto parsed = config_at(store, tree);
      it = configs.emplace(id, parsed ? std::optional{std::move(*parsed)} : std::nullopt).first;
    }
    return it->second;
  }

  std::string name(const git_oid& id) const { return "commit " + git::to_hex(id).substr(0, 12); }
  void problem(const git_oid& id, std::string message) { report.problems.push_back({name(id), std::move(message)}); }
  void warning(const git_oid& id, std::string message) { report.warnings.push_back({name(id), std::move(message)}); }

  // Unsigned or badly signed: per the policy at the parent (a registry made before signatures
  // only warns about unsigned commits). True when the signature is usable for permissions.
  bool check_signature(const git_oid& id, const CommitSignature& sig, bool required) {
    if (!sig.present) {
      if (required) problem(id, "is not signed");
      else warning(id, "is not signed (this registry was made before signatures)");
      return false;
    }
    if (!sig.check.valid) {
      problem(id, "has a bad signature: " + sig.check.reason);
      return false;
    }
    return true;
  }

  void judge_change(const git_oid& id, const CommitSignature& sig, const std::vector<Identity>& allowed,
                    const std::string& what) {
    SignerInfo s = judge(sig, allowed);
    if (s.state == SignatureState::good) return;
    problem(id, fmt::format("{} signed by {}, who may not: allowed {}", what, s.fingerprint, describe(allowed)));
  }

  // A root commit: the own root, or the root of another namespace's history brought in by a
  // merge (a pull), once per namespace. It holds registry.json and its namespace's record.
  Result<void> root(const git_oid& id, const git_tree* tree) {
    auto config = config_at(store, tree);
    if (!config) {
      problem(id, "the root commit has no valid registry.json: " + config.error().message);
      return {};
    }
    if (!git_oid_equal(&id, &own_root)) {
      if (config->ns == ns) {
        problem(id, "is a second root commit");
        return {};
      }
      if (held.count(config->ns)) {
        problem(id, fmt::format("is a second root commit of namespace {}, whose history this registry holds already",
                                config->ns));
        return {};
      }
    }
    held.insert(config->ns);
    auto entries = store.list(tree, "");
    if (!entries) return std::unexpected(entries.error());
    bool record = false;
    for (const auto& e : *entries) {
      if (e.name == records_dir && e.is_tree) {
        for (const auto& r : store.list(tree, records_dir).value_or(std::vector<git::Entry>{})) {
          if (r.name != config->ns + ".json") problem(id, fmt::format("the root commit adds {}/{}", records_dir, r.name));
          else record = true;
        }
      } else if (e.name != config_name) {
        problem(id, fmt::format("the root commit adds {}", e.name));
      }
    }
    std::vector<Identity> maintainers = config->maintainers;
    if (record) {
      auto r = read_record(store, tree, config->ns);
      if (!r) problem(id, "writes an invalid namespace record: " + r.error().message);
      else maintainers = (*r)->maintainers;
    }
    auto sig = commit_signature(store, id);
    if (!sig) return std::unexpected(sig.error());
    if (check_signature(id, *sig, config->policy.require_signatures) && !maintainers.empty()) {
      judge_change(id, *sig, maintainers, "creates the registry");
    }
    return {};
  }

  // A record created or changed: by a maintainer of that namespace at the parent (registry.json's
  // maintainers for the own namespace before it had a record; anyone once, to adopt a registry
  // made before maintainers); never a record of a namespace this registry does not know; and,
  // when the namespace is pinned here, by a pinned key.
  void judge_record(const git_oid& id, const CommitSignature& sig, const git_tree* before, const git_tree* after,
                    const std::string& record_ns) {
    auto now = read_record(store, after, record_ns);
    if (!now) {
      problem(id, "writes an invalid namespace record: " + now.error().message);
      return;
    }
    auto rule = namespace_rule(store, before, record_ns);
    if (!rule.known) {
      problem(id, fmt::format("creates the record of namespace {}, which is not this registry's (records of other "
                              "namespaces come with their history, by a pull)",
                              record_ns));
      return;
    }
    if (!rule.maintainers.empty()) {
      judge_change(id, sig, rule.maintainers, fmt::format("changes the record of namespace {},", record_ns));
    }
    if (pins == nullptr) return;
    auto pinned = pins->find(record_ns);
    if (pinned == pins->end() || pinned->second.empty() || sig.check.signer.type.empty()) return;
    std::string fp = sig.check.signer.fingerprint();
    if (std::find(pinned->second.begin(), pinned->second.end(), fp) == pinned->second.end()) {
      problem(id, fmt::format("changes the record of namespace {}, signed by {}, which is not pinned for {} here "
                              "(pinned: {})",
                              record_ns, fp, record_ns, fmt::join(pinned->second, ", ")));
    }
  }

  // A serial created: its namespace's publishers policy must allow the signer.
  void judge_creation(const git_oid& id, const CommitSignature& sig, const git_tree* before, const Serial& serial) {
    // A namespace without a record here (imported examples) is open until its record arrives.
    auto rule = namespace_rule(store, before, serial.ns);
    if (rule.known && rule.publishers == "maintainers") {
      judge_change(id, sig, rule.maintainers,
                   fmt::format("creates {} (namespace {} accepts new parts from its maintainers only),",
                               serial.to_string(), serial.ns));
    }
  }

  // One change of a single-parent commit: is it allowed at all, and by whom?
  void classify(const git_oid& id, const Delta& d, const git_tree* before, std::set<std::string>& serials,
                bool& config_changed, std::set<std::string>& records) {
    Place p = place_of(d.path);
    switch (p.kind) {
      case Place::config:
        if (!d.after) problem(id, "deletes registry.json");
        config_changed = true;
        return;
      case Place::record:
        if (!d.after) problem(id, fmt::format("deletes the record of namespace {}", p.ns));
        else records.insert(p.ns);
        return;
      case Place::owners:
        if (!d.after) problem(id, fmt::format("deletes the owners of {}", p.serial->to_string()));
        serials.insert(p.serial->to_string());
        return;
      case Place::version_file: {
        std::string ref = p.serial->to_string() + "@" + p.version;
        serials.insert(p.serial->to_string());
        if (d.before && d.after) {
          problem(id, fmt::format("rewrites {} of {}, published earlier", p.file, ref));
        } else if (d.before) {
          // One line for a whole version deleted (its part.json goes with it).
          auto gone = store.entry(after_, p.serial->folder() + "/" + p.version + "/" + manifest_name);
          if (p.file == manifest_name) problem(id, fmt::format("deletes {}, published earlier", ref));
          else if (gone && *gone) problem(id, fmt::format("deletes {} of {}, published earlier", p.file, ref));
        } else {
          auto published = store.entry(before, p.serial->folder() + "/" + p.version + "/" + manifest_name);
          if (published && *published && p.file != yanked_name) {
            problem(id, fmt::format("adds {} to {}, published earlier", p.file, ref));
          }
        }
        return;
      }
      case Place::other:
        problem(id, fmt::format("writes {}, outside the registry's layout", d.path));
        return;
    }
  }

  Result<void> serials_assigned(const git_oid& id, const git_tree* before, const git_tree* after,
                                const std::set<std::string>& serials, std::set<std::string>& created) {
    for (const auto& s : serials) {
      auto serial = parse_serial(s);
      auto was = versions_of(store, before, *serial);
      auto is = versions_of(store, after, *serial);
      if (!was || !is) return std::unexpected(!was ? was.error() : is.error());
      if (was->empty() && !is->empty() && assigned_before(s, id)) {
        problem(id, fmt::format("assigns {} again, after it was deleted", s));
      }
      if (!is->empty()) {
        auto& at = ever_assigned[s];
        if (at.size() < 4) at.push_back(id);  // a few lines of history suffice
      }
      if (was->empty() && !is->empty()) created.insert(s);
    }
    return {};
  }

  Result<void> single(const git_oid& id, const git_tree* before, const git_tree* after) {
    auto deltas = diff(store, before, after);
    if (!deltas) return std::unexpected(deltas.error());
    const auto& config = this->config(before);
    bool required = config ? config->policy.require_signatures : true;
    std::set<std::string> serials, records, created;
    bool config_changed = false;
    after_ = after;
    for (const auto& d : *deltas) classify(id, d, before, serials, config_changed, records);
    if (config_changed) {
      auto now = config_at(store, after);
      const std::string& was = config ? config->ns : ns;
      if (now && now->ns != was) problem(id, fmt::format("changes the namespace from {} to {}", was, now->ns));
      if (!now) problem(id, "writes an invalid registry.json: " + now.error().message);
    }
    if (auto ok = serials_assigned(id, before, after, serials, created); !ok) return ok;
    auto sig = commit_signature(store, id);
    if (!sig) return std::unexpected(sig.error());
    if (!check_signature(id, *sig, required)) return {};
    if (config_changed) {
      judge_change(id, *sig, config ? config->maintainers : std::vector<Identity>{}, "changes registry.json,");
    }
    for (const auto& r : records) judge_record(id, *sig, before, after, r);
    for (const auto& s : created) judge_creation(id, *sig, before, *parse_serial(s));
    for (const auto& s : serials) {
      auto allowed = allowed_for_serial(store, before, after, *parse_serial(s));
      if (!allowed) return std::unexpected(allowed.error());
      judge_change(id, *sig, *allowed, "changes " + s + ",");
    }
    return {};
  }

  // A merge brings in only what its parents hold: every path of its tree equals that path in
  // one of its parents; nothing its first parent holds is missing (from the other parents it
  // may leave out what it did not integrate: a version held with other content); its
  // registry.json keeps the first parent's namespace. Its signer must be allowed to publish in
  // that namespace at the first parent (any valid key when publishers are "open").
  Result<void> merge(const git_oid& id, const std::vector<git::Tree>& parents, const git_tree* after) {
    for (std::size_t i = 0; i < parents.size(); ++i) {
      auto deltas = diff(store, parents[i].get(), after);
      if (!deltas) return std::unexpected(deltas.error());
      for (const auto& d : *deltas) {
        if (!d.after) {
          if (d.path != config_name && i == 0) problem(id, fmt::format("merge drops {}", d.path));
          continue;
        }
        bool from_a_parent = false;
        for (const auto& p : parents) {
          auto e = store.entry(p.get(), d.path);
          if (e && *e && git_oid_equal(&(*e)->id, &*d.after)) from_a_parent = true;
        }
        if (!from_a_parent && i == 0) problem(id, fmt::format("merge writes {} itself", d.path));
      }
    }
    auto sig = commit_signature(store, id);
    if (!sig) return std::unexpected(sig.error());
    const auto config = this->config(parents[0].get());
    auto now = config_at(store, after);
    if (!now) problem(id, "merge has no valid registry.json: " + now.error().message);
    else if (config && now->ns != config->ns) {
      problem(id, fmt::format("merge changes the namespace from {} to {}", config->ns, now->ns));
    }
    if (!check_signature(id, *sig, config ? config->policy.require_signatures : true) || !config) return {};
    auto rule = namespace_rule(store, parents[0].get(), config->ns);
    if (rule.publishers == "maintainers" && !rule.maintainers.empty()) {
      judge_change(id, *sig, rule.maintainers,
                   fmt::format("merges, in namespace {} which accepts changes from its maintainers only,", config->ns));
    }
    return {};
  }

  Result<void> commit(const git_oid& id) {
    ++report.commits;
    git_commit* raw = nullptr;
    if (int rc = git_commit_lookup(&raw, store.repo(), &id); rc < 0) {
      return std::unexpected(git::last_error(rc, "cannot read a commit", store.path().string()));
    }
    git::Commit c(raw);
    auto tree = store.tree_of(id);
    if (!tree) return std::unexpected(tree.error());
    std::vector<git::Tree> parents;
    for (unsigned i = 0; i < git_commit_parentcount(raw); ++i) {
      auto t = store.tree_of(*git_commit_parent_id(raw, i));
      if (!t) return std::unexpected(t.error());
      parents.push_back(std::move(*t));
    }
    if (parents.empty()) return root(id, tree->get());
    if (parents.size() == 1) return single(id, parents[0].get(), tree->get());
    return merge(id, parents, tree->get());
  }
};

// Starting after a verified tip: the namespaces it holds, and its serials as the ones assigned so far.
Result<void> seed(Walker& w, const git::Store& store, const git_oid& from, bool serials = true) {
  auto tree = store.tree_of(from);
  if (!tree) return std::unexpected(tree.error());
  auto config = config_at(store, tree->get());
  if (!config) return std::unexpected(config.error());
  w.held.insert(config->ns);
  for (const auto& r : store.list(tree->get(), records_dir).value_or(std::vector<git::Entry>{})) {
    if (auto ns = record_namespace(std::string(records_dir) + "/" + r.name)) w.held.insert(*ns);
  }
  if (!serials) return {};
  auto namespaces = store.list(tree->get(), "parts");
  if (!namespaces) return std::unexpected(namespaces.error());
  for (const auto& ns : *namespaces) {
    for (const auto& kind : store.list(tree->get(), "parts/" + ns.name).value_or(std::vector<git::Entry>{})) {
      std::string kf = "parts/" + ns.name + "/" + kind.name;
      for (const auto& shard : store.list(tree->get(), kf).value_or(std::vector<git::Entry>{})) {
        for (const auto& s : store.list(tree->get(), kf + "/" + shard.name).value_or(std::vector<git::Entry>{})) {
          w.ever_assigned[s.name].push_back(from);
        }
      }
    }
  }
  return {};
}

}  // namespace

Result<void> verify_history(const git::Store& store, const git_oid& tip, VerifyReport& report,
                            const std::optional<git_oid>& from) {
  HistoryOptions options;
  if (from) options.hidden.push_back(*from);
  return verify_history(store, tip, report, options);
}

Result<void> verify_history(const git::Store& store, const git_oid& tip, VerifyReport& report,
                            const HistoryOptions& options) {
  git_revwalk* raw = nullptr;
  if (int rc = git_revwalk_new(&raw, store.repo()); rc < 0) {
    return std::unexpected(git::last_error(rc, "cannot walk the history", store.path().string()));
  }
  git::RevWalk walk(raw);
  git_revwalk_sorting(raw, GIT_SORT_TOPOLOGICAL | GIT_SORT_REVERSE);
  git_revwalk_push(raw, &tip);
  Walker w{store, report, {}, {}, nullptr, {}, {}, {}, nullptr};
  w.pins = options.pins;
  auto own = root_of(store, options.local_tip.value_or(tip));
  if (!own) return std::unexpected(own.error());
  w.own_root = *own;
  if (auto t = store.tree_of(*own); t) {
    if (auto c = config_at(store, t->get())) w.ns = c->ns;
  }
  for (const auto& from : options.hidden) {
    git_revwalk_hide(raw, &from);
    if (auto ok = seed(w, store, from); !ok) return ok;
  }
  for (const auto& from : options.context) {
    git_revwalk_hide(raw, &from);
    if (auto ok = seed(w, store, from, false); !ok) return ok;
  }
  git_oid id;
  while (git_revwalk_next(&id, raw) == 0) {
    if (auto ok = w.commit(id); !ok) return ok;
  }
  return {};
}

}  // namespace archipel::registry::detail
