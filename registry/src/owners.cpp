// owners.json and the permission checks of every write (see owners.hpp).
#include "owners.hpp"

#include <algorithm>
#include <tuple>

#include <fmt/format.h>

#include "federation/records.hpp"
#include "tips.hpp"

namespace archipel::registry {
using core::Result;
using nlohmann::json;

std::string describe(const Identity& who) {
  return fmt::format("{} ({})", who.principal, who.key.fingerprint());
}

std::string describe(const std::vector<Identity>& who) {
  if (who.empty()) return "nobody";
  std::string out;
  for (const auto& w : who) out += (out.empty() ? "" : ", ") + describe(w);
  return out;
}

namespace detail {

std::string owners_path(const Serial& serial) { return serial.folder() + "/" + owners_name; }

json identities_json(std::vector<Identity> who) {
  std::sort(who.begin(), who.end(), [](const Identity& a, const Identity& b) {
    return std::tie(a.principal, a.key.base64) < std::tie(b.principal, b.key.base64);
  });
  json out = json::array();
  for (const auto& w : who) out.push_back({{"principal", w.principal}, {"key", w.key.line()}});
  return out;
}

Result<std::vector<Identity>> parse_identities(const json& list, const std::string& origin) {
  std::vector<Identity> out;
  if (!list.is_array()) return core::fail(core::Errc::invalid, "must be a list of {principal, key}", origin);
  for (std::size_t i = 0; i < list.size(); ++i) {
    const json& item = list[i];
    std::string pointer = fmt::format("/{}", i);
    if (!item.is_object() || !item.contains("principal") || !item["principal"].is_string() ||
        !item.contains("key") || !item["key"].is_string()) {
      return core::fail(core::Errc::invalid, "needs \"principal\" and \"key\" strings", origin, pointer);
    }
    auto key = parse_public_key(item["key"].get<std::string>(), origin);
    if (!key) return core::fail(core::Errc::invalid, key.error().message, origin, pointer + "/key");
    key->comment.clear();
    out.push_back({item["principal"].get<std::string>(), std::move(*key)});
  }
  return out;
}

Result<std::optional<std::vector<Identity>>> read_owners(const git::Store& store, const git_tree* tree,
                                                         const Serial& serial) {
  auto doc = read_json(store, tree, owners_path(serial));
  if (!doc) return std::unexpected(doc.error());
  if (!*doc) return std::optional<std::vector<Identity>>{};
  const json& d = **doc;
  if (!d.is_object() || !d.contains("owners")) {
    return core::fail(core::Errc::invalid, "has no \"owners\" list", owners_path(serial));
  }
  auto who = parse_identities(d["owners"], owners_path(serial));
  if (!who) return std::unexpected(who.error());
  return std::optional{std::move(*who)};
}

bool holds(const std::vector<Identity>& who, const PublicKey& key) {
  return std::any_of(who.begin(), who.end(), [&](const Identity& w) { return w.key.same_key(key); });
}

Result<RegistryConfig> config_at(const git::Store& store, const git_tree* tree) {
  auto doc = read_json(store, tree, config_name);
  if (!doc) return std::unexpected(doc.error());
  if (!*doc) return core::fail(core::Errc::io, "no registry.json", config_name);
  return parse_config(**doc, config_name);
}

Result<const SigningKey*> signing_key(Registry::Impl& impl) {
  if (!impl.key) {
    auto key = resolve_signing_key(std::nullopt);
    if (!key) return std::unexpected(key.error());
    impl.key = std::move(*key);
  }
  return &*impl.key;
}

std::function<Result<std::string>(const std::string&)> signer_for(const SigningKey& key) {
  return [key](const std::string& bytes) { return sign_message(key, bytes); };
}

Result<void> check_may_change(const git::Store& store, const git_tree* tree, const Serial& serial,
                              const SigningKey& key, const std::string& action) {
  Identity me{key.principal, key.key};
  auto owners = read_owners(store, tree, serial);
  if (!owners) return std::unexpected(owners.error());
  if (*owners) {
    if (holds(**owners, key.key)) return {};
    return core::fail(core::Errc::invalid,
                      fmt::format("{} belongs to {}: only an owner may {} it, and the signing key is {}",
                                  serial.to_string(), describe(**owners), action, describe(me)));
  }
  auto config = namespace_rule(store, tree, serial.ns);  // its record, else registry.json
  auto versions = versions_of(store, tree, serial);
  if (!versions) return std::unexpected(versions.error());
  bool maintainer = holds(config.maintainers, key.key);
  if (!versions->empty() && !maintainer) {
    return core::fail(core::Errc::invalid,
                      fmt::format("{} has no recorded owner (published before signatures): only a "
                                  "maintainer ({}) may {} it",
                                  serial.to_string(), describe(config.maintainers), action));
  }
  if (versions->empty() && config.publishers == "maintainers" && !maintainer) {
    return core::fail(core::Errc::invalid,
                      fmt::format("this registry accepts new parts from its maintainers only ({}), "
                                  "and the signing key is {}",
                                  describe(config.maintainers), describe(me)));
  }
  return {};
}

}  // namespace detail
}  // namespace archipel::registry

namespace archipel::registry {

namespace {

// Commits a new owners.json for `serial`, computed from the owners at the parent by `edit`
// (nothing: no change), after checking that the signer may change them.
using OwnersEdit = std::function<Result<std::optional<std::vector<Identity>>>(std::vector<Identity>)>;

Result<bool> change_owners(Registry::Impl& impl, const Serial& serial, const std::string& message,
                           const OwnersEdit& edit) {
  auto key = detail::signing_key(impl);
  if (!key) return std::unexpected(key.error());
  if (auto ok = detail::check_history_before_write(impl.store); !ok) return std::unexpected(ok.error());
  auto done = impl.store.transact([&](const git::Snapshot& snap) -> Result<std::optional<git::CommitRequest>> {
    const git_tree* tree = snap.tree.get();
    auto versions = detail::versions_of(impl.store, tree, serial);
    if (!versions) return std::unexpected(versions.error());
    if (versions->empty()) {
      return core::fail(core::Errc::invalid, fmt::format("{} is not in this registry", serial.to_string()));
    }
    if (auto ok = detail::check_may_change(impl.store, tree, serial, **key, "change the owners of"); !ok) {
      return std::unexpected(ok.error());
    }
    auto owners = detail::read_owners(impl.store, tree, serial);
    if (!owners) return std::unexpected(owners.error());
    auto edited = edit(owners->value_or(std::vector<Identity>{}));
    if (!edited) return std::unexpected(edited.error());
    if (!*edited) return std::optional<git::CommitRequest>{};
    auto blob = impl.store.write_blob(
        detail::canonical(json{{"schema", 1}, {"owners", detail::identities_json(**edited)}}));
    if (!blob) return std::unexpected(blob.error());
    return git::CommitRequest{{{detail::owners_path(serial), *blob}}, message, "Archipel",
                              "registry@archipel.invalid", detail::signer_for(**key)};
  });
  if (!done) return std::unexpected(done.error());
  return done->has_value();
}

}  // namespace

Result<std::vector<Identity>> Registry::owners(const Serial& serial) const {
  auto snap = impl_->store.snapshot();
  if (!snap) return std::unexpected(snap.error());
  auto versions = detail::versions_of(impl_->store, snap->tree.get(), serial);
  if (!versions) return std::unexpected(versions.error());
  if (versions->empty()) {
    return core::fail(core::Errc::invalid, fmt::format("{} is not in this registry", serial.to_string()));
  }
  auto owners = detail::read_owners(impl_->store, snap->tree.get(), serial);
  if (!owners) return std::unexpected(owners.error());
  return owners->value_or(std::vector<Identity>{});
}

Result<bool> Registry::add_owner(const Serial& serial, const Identity& owner) {
  Identity added = owner;
  added.key.comment.clear();
  if (added.principal.empty()) added.principal = added.key.fingerprint();
  return change_owners(*impl_, serial,
                       fmt::format("owner add {} {}", serial.to_string(), describe(added)),
                       [&](std::vector<Identity> now) -> Result<std::optional<std::vector<Identity>>> {
                         if (detail::holds(now, added.key)) return std::optional<std::vector<Identity>>{};
                         now.push_back(added);
                         return std::optional{std::move(now)};
                       });
}

Result<Identity> Registry::remove_owner(const Serial& serial, const std::string& who) {
  Identity removed;
  auto changed = change_owners(
      *impl_, serial, fmt::format("owner remove {} {}", serial.to_string(), who),
      [&](std::vector<Identity> now) -> Result<std::optional<std::vector<Identity>>> {
        auto it = std::find_if(now.begin(), now.end(), [&](const Identity& i) {
          return i.principal == who || i.key.fingerprint() == who;
        });
        if (it == now.end()) {
          return core::fail(core::Errc::invalid, fmt::format("{} is not an owner of {} (owners: {})", who,
                                                             serial.to_string(), describe(now)));
        }
        if (now.size() == 1) {
          return core::fail(core::Errc::invalid,
                            fmt::format("{} is the last owner of {}: add another owner first", who,
                                        serial.to_string()));
        }
        removed = *it;
        now.erase(it);
        return std::optional{std::move(now)};
      });
  if (!changed) return std::unexpected(changed.error());
  return removed;
}

}  // namespace archipel::registry
