// SPDX-License-Identifier: Apache-2.0
// Namespace records (namespaces/<NS>.json), the rule of a namespace at a tree, pins in the git
// config, and the signed changes of `archipel namespace` (see federation.hpp, records.hpp).
#include "federation/records.hpp"

#include <algorithm>
#include <sstream>

#include <fmt/format.h>

#include "archipel/core/json.hpp"
#include "owners.hpp"
#include "tips.hpp"

namespace archipel::registry {
using core::Result;
using nlohmann::json;

json to_json(const NamespaceRecord& r) {
  json out{{"schema", 1},
           {"namespace", r.ns},
           {"maintainers", detail::identities_json(r.maintainers)},
           {"publishers", r.publishers}};
  if (!r.home.empty()) out["home"] = r.home;
  return out;
}

Result<NamespaceRecord> parse_record(const json& doc, const std::string& origin) {
  auto violations = core::validate_against_schema(doc, "namespace.schema.json");
  if (!violations) return std::unexpected(core::with_origin(violations.error(), origin));
  if (!violations->empty()) {
    const auto& v = violations->front();
    return core::fail(core::Errc::invalid, v.message, origin, v.pointer);
  }
  NamespaceRecord r;
  r.ns = doc["namespace"].get<std::string>();
  auto who = detail::parse_identities(doc["maintainers"], origin);
  if (!who) return std::unexpected(who.error());
  r.maintainers = std::move(*who);
  r.publishers = doc["publishers"].get<std::string>();
  if (doc.contains("home")) r.home = doc["home"].get<std::string>();
  return r;
}

namespace detail {

std::string record_path(const std::string& ns) { return std::string(records_dir) + "/" + ns + ".json"; }

std::optional<std::string> record_namespace(const std::string& path) {
  const std::string prefix = std::string(records_dir) + "/";
  if (!path.starts_with(prefix) || !path.ends_with(".json")) return std::nullopt;
  std::string ns = path.substr(prefix.size(), path.size() - prefix.size() - 5);
  if (ns.empty() || ns.find('/') != std::string::npos) return std::nullopt;
  return ns;
}

Result<std::optional<NamespaceRecord>> read_record(const git::Store& store, const git_tree* tree,
                                                   const std::string& ns) {
  auto doc = read_json(store, tree, record_path(ns));
  if (!doc) return std::unexpected(doc.error());
  if (!*doc) return std::optional<NamespaceRecord>{};
  auto r = parse_record(**doc, record_path(ns));
  if (!r) return std::unexpected(r.error());
  if (r->ns != ns) {
    return core::fail(core::Errc::invalid, fmt::format("names namespace {}, not {}", r->ns, ns), record_path(ns));
  }
  return std::optional{std::move(*r)};
}

NamespaceRule namespace_rule(const git::Store& store, const git_tree* tree, const std::string& ns) {
  NamespaceRule rule;
  if (tree == nullptr) return rule;
  if (auto r = read_record(store, tree, ns); r && *r) {
    rule.maintainers = (*r)->maintainers;
    rule.publishers = (*r)->publishers;
    rule.recorded = rule.known = true;
    return rule;
  }
  if (auto config = config_at(store, tree); config && config->ns == ns) {
    rule.maintainers = config->maintainers;
    rule.publishers = config->publishers;
    rule.known = true;
  }
  return rule;
}

std::vector<std::string> read_pins(const git::Store& store, const std::string& ns) {
  std::vector<std::string> out;
  git_config* raw = nullptr;
  if (git_repository_config_snapshot(&raw, store.repo()) < 0) return out;
  const char* value = nullptr;
  if (git_config_get_string(&value, raw, ("archipel.pin." + ns).c_str()) == 0 && value != nullptr) {
    std::istringstream words(value);
    std::string w;
    while (words >> w) out.push_back(w);
  }
  git_config_free(raw);
  return out;
}

Result<void> write_pins(const git::Store& store, const std::string& ns, const std::vector<std::string>& fingerprints) {
  git_config* raw = nullptr;
  if (int rc = git_repository_config(&raw, store.repo()); rc < 0) {
    return std::unexpected(git::last_error(rc, "cannot open the git config", store.path().string()));
  }
  std::vector<std::string> sorted = fingerprints;
  std::sort(sorted.begin(), sorted.end());
  sorted.erase(std::unique(sorted.begin(), sorted.end()), sorted.end());
  std::string value;
  for (const auto& f : sorted) value += (value.empty() ? "" : " ") + f;
  int rc = git_config_set_string(raw, ("archipel.pin." + ns).c_str(), value.c_str());
  git_config_free(raw);
  if (rc < 0) return std::unexpected(git::last_error(rc, "cannot write the pins of " + ns, store.path().string()));
  return {};
}

}  // namespace detail

namespace {

Result<NamespaceView> view_of(const git::Store& store, const git_tree* tree, const std::string& ns) {
  auto r = detail::read_record(store, tree, ns);
  if (!r) return std::unexpected(r.error());
  NamespaceView v;
  v.pinned = detail::read_pins(store, ns);
  if (*r) {
    v.record = **r;
    v.recorded = true;
    return v;
  }
  auto rule = detail::namespace_rule(store, tree, ns);
  if (!rule.known) {
    return core::fail(core::Errc::invalid, fmt::format("this registry has no record of namespace {}", ns));
  }
  v.record = {ns, rule.maintainers, rule.publishers, ""};
  return v;
}

}  // namespace

Result<NamespaceView> show_namespace(const std::filesystem::path& registry, const std::optional<std::string>& ns) {
  auto store = git::Store::open(registry);
  if (!store) return std::unexpected(store.error());
  auto snap = store->snapshot();
  if (!snap) return std::unexpected(snap.error());
  auto config = detail::config_at(*store, snap->tree.get());
  if (!config) return std::unexpected(config.error());
  return view_of(*store, snap->tree.get(), ns.value_or(config->ns));
}

Result<std::vector<NamespaceView>> list_namespaces(const std::filesystem::path& registry) {
  auto store = git::Store::open(registry);
  if (!store) return std::unexpected(store.error());
  auto snap = store->snapshot();
  if (!snap) return std::unexpected(snap.error());
  auto config = detail::config_at(*store, snap->tree.get());
  if (!config) return std::unexpected(config.error());
  std::vector<NamespaceView> out;
  auto own = view_of(*store, snap->tree.get(), config->ns);
  if (!own) return std::unexpected(own.error());
  out.push_back(std::move(*own));
  auto entries = store->list(snap->tree.get(), detail::records_dir);
  if (!entries) return std::unexpected(entries.error());
  for (const auto& e : *entries) {
    auto ns = detail::record_namespace(std::string(detail::records_dir) + "/" + e.name);
    if (!ns || *ns == config->ns) continue;
    auto v = view_of(*store, snap->tree.get(), *ns);
    if (!v) return std::unexpected(v.error());
    out.push_back(std::move(*v));
  }
  return out;
}

namespace {

Result<std::optional<NamespaceRecord>> edited(const git::Store& store, const git_tree* tree, const SigningKey& key,
                                              const NamespaceEdit& edit) {
  Identity me{key.principal, key.key};
  me.key.comment.clear();
  auto config = detail::config_at(store, tree);
  if (!config) return std::unexpected(config.error());
  const std::string& ns = config->ns;
  auto rec = detail::read_record(store, tree, ns);
  if (!rec) return std::unexpected(rec.error());
  auto rule = detail::namespace_rule(store, tree, ns);
  if (edit.adopt) {
    if (!rule.maintainers.empty()) {
      return core::fail(core::Errc::invalid,
                        fmt::format("namespace {} already has maintainers ({}): adopt is only for registries "
                                    "made before maintainers",
                                    ns, describe(rule.maintainers)));
    }
    return std::optional<NamespaceRecord>{NamespaceRecord{ns, {me}, rule.publishers, ""}};
  }
  if (rule.maintainers.empty()) {
    return core::fail(core::Errc::invalid,
                      fmt::format("namespace {} has no maintainers (a registry made before signatures): run "
                                  "'archipel namespace adopt' first",
                                  ns));
  }
  if (!detail::holds(rule.maintainers, key.key)) {
    return core::fail(core::Errc::invalid,
                      fmt::format("only a maintainer of {} ({}) may change its record, and the signing key is {}", ns,
                                  describe(rule.maintainers), describe(me)));
  }
  NamespaceRecord r = *rec ? **rec : NamespaceRecord{ns, rule.maintainers, rule.publishers, ""};
  const std::string before = detail::canonical(to_json(r));
  if (edit.add_maintainer && !detail::holds(r.maintainers, edit.add_maintainer->key)) {
    Identity added = *edit.add_maintainer;
    added.key.comment.clear();
    r.maintainers.push_back(added);
  }
  if (edit.remove_maintainer) {
    const std::string& who = *edit.remove_maintainer;
    auto it = std::find_if(r.maintainers.begin(), r.maintainers.end(),
                           [&](const Identity& i) { return i.principal == who || i.key.fingerprint() == who; });
    if (it == r.maintainers.end()) {
      return core::fail(core::Errc::invalid,
                        fmt::format("{} is not a maintainer of {} (maintainers: {})", who, ns, describe(r.maintainers)));
    }
    if (r.maintainers.size() == 1) {
      return core::fail(core::Errc::invalid,
                        fmt::format("{} is the last maintainer of {}: add another maintainer first", who, ns));
    }
    r.maintainers.erase(it);
  }
  if (edit.publishers) r.publishers = *edit.publishers;
  if (edit.home) r.home = *edit.home;
  if (auto checked = parse_record(to_json(r), detail::record_path(ns)); !checked) {
    return std::unexpected(checked.error());
  }
  // A record written for the first time is a change even when it says what registry.json said.
  if (*rec && detail::canonical(to_json(r)) == before) return std::optional<NamespaceRecord>{};
  return std::optional{std::move(r)};
}

}  // namespace

Result<NamespaceChanged> change_namespace(const std::filesystem::path& registry, const SigningKey& key,
                                          const NamespaceEdit& edit) {
  auto store = git::Store::open(registry);
  if (!store) return std::unexpected(store.error());
  if (auto ok = detail::check_history_before_write(*store); !ok) return std::unexpected(ok.error());
  NamespaceChanged out;
  auto done = store->transact([&](const git::Snapshot& snap) -> Result<std::optional<git::CommitRequest>> {
    auto r = edited(*store, snap.tree.get(), key, edit);
    if (!r) return std::unexpected(r.error());
    if (!*r) {
      auto now = detail::read_record(*store, snap.tree.get(), detail::config_at(*store, snap.tree.get())->ns);
      if (now && *now) out.record = **now;
      return std::optional<git::CommitRequest>{};
    }
    out.record = **r;
    out.changed = true;
    auto blob = store->write_blob(detail::canonical(to_json(**r)));
    if (!blob) return std::unexpected(blob.error());
    std::string what = edit.adopt ? "adopt" : edit.add_maintainer ? "maintainer add " + edit.add_maintainer->principal
                                             : edit.remove_maintainer ? "maintainer remove " + *edit.remove_maintainer
                                                                      : "set";
    return git::CommitRequest{{{detail::record_path((*r)->ns), *blob}},
                              fmt::format("namespace {} {}", (*r)->ns, what),
                              "Archipel",
                              "registry@archipel.invalid",
                              detail::signer_for(key)};
  });
  if (!done) return std::unexpected(done.error());
  auto tip = store->tip();
  if (tip && *tip) out.commit = git::to_hex(**tip);
  return out;
}

}  // namespace archipel::registry
