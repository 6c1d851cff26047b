// Opening and creating registries, registry.json, and helpers shared by the operations.
#include <algorithm>
#include <cstdlib>
#include <system_error>

#include <fmt/format.h>

#include "archipel/core/hash.hpp"
#include "archipel/core/json.hpp"
#include "archipel/core/semver.hpp"
#include "federation/records.hpp"
#include "impl.hpp"
#include "owners.hpp"
#include "tips.hpp"

namespace archipel::registry {
namespace fs = std::filesystem;
using core::Result;
using nlohmann::json;

json to_json(const RegistryConfig& c) {
  return json{{"schema", 1},
              {"namespace", c.ns},
              {"name", c.name},
              {"grid", c.grid},
              {"policy",
               {{"allowed_licences", c.policy.allowed_licences},
                {"accept_nonconforming", c.policy.accept_nonconforming},
                {"max_file_bytes", c.policy.max_file_bytes},
                {"require_signatures", c.policy.require_signatures}}},
              {"maintainers", detail::identities_json(c.maintainers)},
              {"publishers", c.publishers}};
}

Result<RegistryConfig> parse_config(const json& doc, const std::string& origin) {
  auto violations = core::validate_against_schema(doc, "registry.schema.json");
  if (!violations) return std::unexpected(core::with_origin(violations.error(), origin));
  if (!violations->empty()) {
    const auto& v = violations->front();
    return core::fail(core::Errc::invalid, v.message, origin, v.pointer);
  }
  RegistryConfig c;
  c.ns = doc["namespace"].get<std::string>();
  c.name = doc["name"].get<std::string>();
  c.grid = doc["grid"].get<std::string>();
  const json& p = doc["policy"];
  c.policy.allowed_licences = p["allowed_licences"].get<std::vector<std::string>>();
  c.policy.accept_nonconforming = p["accept_nonconforming"].get<bool>();
  c.policy.max_file_bytes = p["max_file_bytes"].get<std::uint64_t>();
  // Registries made before signatures have none of these: their history is read leniently.
  c.policy.require_signatures = p.contains("require_signatures") && p["require_signatures"].get<bool>();
  if (doc.contains("maintainers")) {
    auto who = detail::parse_identities(doc["maintainers"], origin);
    if (!who) {
      auto e = who.error();
      e.pointer = "/maintainers" + e.pointer;
      return std::unexpected(e);
    }
    c.maintainers = std::move(*who);
  }
  if (doc.contains("publishers")) c.publishers = doc["publishers"].get<std::string>();
  return c;
}

fs::path registry_location(const std::optional<std::string>& flag) {
  if (flag && !flag->empty()) return *flag;
  if (const char* env = std::getenv("ARCHIPEL_REGISTRY"); env != nullptr && *env != '\0') return env;
  if (const char* xdg = std::getenv("XDG_DATA_HOME"); xdg != nullptr && *xdg == '/') {
    return fs::path(xdg) / "archipel" / "registry";
  }
  const char* home = std::getenv("HOME");
  return fs::path(home != nullptr ? home : ".") / ".local" / "share" / "archipel" / "registry";
}

Registry::Registry(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Registry::Registry(Registry&&) noexcept = default;
Registry& Registry::operator=(Registry&&) noexcept = default;
Registry::~Registry() = default;

const fs::path& Registry::path() const { return impl_->path; }
const RegistryConfig& Registry::config() const { return impl_->config; }

Result<std::string> Registry::tip() const {
  auto t = impl_->store.tip();
  if (!t) return std::unexpected(t.error());
  return *t ? git::to_hex(**t) : std::string{};
}

Result<Registry> Registry::init(const fs::path& path, RegistryConfig config,
                               std::optional<SigningKey> key) {
  if (!key) {
    auto resolved = resolve_signing_key(std::nullopt);
    if (!resolved) return std::unexpected(resolved.error());
    key = std::move(*resolved);
  }
  Identity creator{key->principal, key->key};
  creator.key.comment.clear();
  if (!detail::holds(config.maintainers, creator.key)) config.maintainers.push_back(creator);
  config.policy.require_signatures = true;
  if (auto checked = parse_config(to_json(config), "registry.json"); !checked) {
    return std::unexpected(checked.error());
  }
  std::error_code ec;
  if (fs::exists(path, ec) && !(fs::is_directory(path, ec) && fs::is_empty(path, ec))) {
    return core::fail(core::Errc::invalid, "already exists and is not an empty folder",
                      path.string());
  }
  auto store = git::Store::init(path);
  if (!store) return std::unexpected(store.error());
  auto blob = store->write_blob(detail::canonical(to_json(config)));
  if (!blob) return std::unexpected(blob.error());
  // The namespace's record (federation.hpp) travels with the history; registry.json stays local.
  auto record = store->write_blob(
      detail::canonical(to_json(NamespaceRecord{config.ns, config.maintainers, config.publishers, ""})));
  if (!record) return std::unexpected(record.error());
  auto done = store->transact([&](const git::Snapshot&) -> Result<std::optional<git::CommitRequest>> {
    return git::CommitRequest{{{detail::config_name, *blob}, {detail::record_path(config.ns), *record}},
                              fmt::format("registry init {} \"{}\"", config.ns, config.name),
                              "Archipel",
                              "registry@archipel.invalid",
                              detail::signer_for(*key)};
  });
  if (!done) return std::unexpected(done.error());
  // The creator's machine remembers the registry from its first commit.
  detail::remember_tip((*done)->commit, config.ns, (*done)->commit);
  detail::remember_root(path, config.ns, (*done)->commit);
  auto impl = std::make_unique<Impl>(Impl{std::move(*store), config, path, std::move(key), nullptr});
  return Registry(std::move(impl));
}

void Registry::set_signing_key(SigningKey key) { impl_->key = std::move(key); }

Result<Registry> Registry::open(const fs::path& path) {
  auto store = git::Store::open(path);
  if (!store) return std::unexpected(store.error());
  auto snap = store->snapshot();
  if (!snap) return std::unexpected(snap.error());
  auto doc = detail::read_json(*store, snap->tree.get(), detail::config_name);
  if (!doc) return std::unexpected(doc.error());
  if (!*doc) {
    return core::fail(core::Errc::io, "not a registry: no registry.json on refs/heads/main",
                      path.string());
  }
  auto config = parse_config(**doc, (path / detail::config_name).string());
  if (!config) return std::unexpected(config.error());
  auto impl = std::make_unique<Impl>(Impl{std::move(*store), std::move(*config), path, std::nullopt, nullptr});
  return Registry(std::move(impl));
}

namespace detail {

int compare_versions(const std::string& a, const std::string& b) {
  auto va = core::Version::parse(a), vb = core::Version::parse(b);
  if (va.has_value() != vb.has_value()) return va ? 1 : -1;
  if (!va) return a < b ? -1 : (a > b ? 1 : 0);
  auto order = *va <=> *vb;
  if (order != 0) return order < 0 ? -1 : 1;
  return a < b ? -1 : (a > b ? 1 : 0);  // same precedence, other build metadata
}

Result<std::vector<std::string>> versions_of(const git::Store& store, const git_tree* tree,
                                             const Serial& serial) {
  auto entries = store.list(tree, serial.folder());
  if (!entries) return std::unexpected(entries.error());
  std::vector<std::string> out;
  for (const auto& e : *entries) {
    if (e.is_tree) out.push_back(e.name);
  }
  std::sort(out.begin(), out.end(),
            [](const std::string& a, const std::string& b) { return compare_versions(a, b) < 0; });
  return out;
}

Result<bool> is_yanked(const git::Store& store, const git_tree* tree, const std::string& folder) {
  auto e = store.entry(tree, folder + "/" + yanked_name);
  if (!e) return std::unexpected(e.error());
  return e->has_value();
}

Result<std::string> resolve_version(const git::Store& store, const git_tree* tree,
                                    const SerialRef& ref) {
  auto versions = versions_of(store, tree, ref.serial);
  if (!versions) return std::unexpected(versions.error());
  if (versions->empty()) {
    return core::fail(core::Errc::invalid, fmt::format("{} is not in this registry", ref.serial.to_string()));
  }
  if (ref.version) {
    if (std::find(versions->begin(), versions->end(), *ref.version) == versions->end()) {
      return core::fail(core::Errc::invalid,
                        fmt::format("{} has no version {} (versions: {})", ref.serial.to_string(),
                                    *ref.version, fmt::join(*versions, ", ")));
    }
    return *ref.version;
  }
  for (auto it = versions->rbegin(); it != versions->rend(); ++it) {
    auto yanked = is_yanked(store, tree, ref.serial.folder() + "/" + *it);
    if (!yanked) return std::unexpected(yanked.error());
    if (!*yanked) return *it;
  }
  return core::fail(core::Errc::invalid,
                    fmt::format("every version of {} is yanked; name one with @VERSION",
                                ref.serial.to_string()));
}

Result<std::optional<json>> read_json(const git::Store& store, const git_tree* tree,
                                      const std::string& path) {
  auto bytes = store.read(tree, path);
  if (!bytes) return std::unexpected(bytes.error());
  if (!*bytes) return std::optional<json>{};
  auto doc = core::parse_json(**bytes, path);
  if (!doc) return std::unexpected(doc.error());
  return std::optional<json>{std::move(*doc)};
}

std::string canonical(const json& doc) {
  return doc.dump(2, ' ', false, json::error_handler_t::strict) + "\n";
}

std::string sha256_hex(std::string_view bytes) { return core::sha256_hex(bytes); }

Result<std::pair<std::string, std::string>> parse_person(const std::string& text) {
  auto lt = text.find('<');
  auto gt = text.rfind('>');
  if (lt == std::string::npos || gt == std::string::npos || gt < lt || gt + 1 != text.size()) {
    return core::fail(core::Errc::usage,
                      fmt::format("\"{}\" is not \"Name <email>\"", text));
  }
  std::string name = text.substr(0, lt);
  while (!name.empty() && name.back() == ' ') name.pop_back();
  std::string email = text.substr(lt + 1, gt - lt - 1);
  if (name.empty() || email.find('@') == std::string::npos) {
    return core::fail(core::Errc::usage, fmt::format("\"{}\" is not \"Name <email>\"", text));
  }
  return std::pair{name, email};
}

}  // namespace detail
}  // namespace archipel::registry
