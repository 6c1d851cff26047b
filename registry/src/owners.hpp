#pragma once
// Who may change what: owners.json beside a serial's versions, the maintainers of registry.json,
// and the checks every write makes against them as they stand at the parent commit.

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "impl.hpp"

namespace archipel::registry::detail {

inline constexpr const char* owners_name = "owners.json";

/// `serial`'s owners.json path in the tree.
[[nodiscard]] std::string owners_path(const Serial& serial);

/// Identities as stored: [{"principal", "key"}], sorted by principal then key.
[[nodiscard]] nlohmann::json identities_json(std::vector<Identity> who);
/// Reads stored identities; Errc::invalid naming `origin` when malformed.
[[nodiscard]] core::Result<std::vector<Identity>> parse_identities(const nlohmann::json& list,
                                                                   const std::string& origin);

/// The owners recorded for `serial` at `tree` (nothing: no owners.json).
[[nodiscard]] core::Result<std::optional<std::vector<Identity>>> read_owners(
    const git::Store& store, const git_tree* tree, const Serial& serial);

/// True when `key` is one of `who`.
[[nodiscard]] bool holds(const std::vector<Identity>& who, const PublicKey& key);

/// registry.json at `tree` (the registry's own config when it cannot be read).
[[nodiscard]] core::Result<RegistryConfig> config_at(const git::Store& store, const git_tree* tree);

/// The key this registry signs with (resolved at first use).
[[nodiscard]] core::Result<const SigningKey*> signing_key(Registry::Impl& impl);

/// Signs commit bytes with `key` (for CommitRequest::sign).
[[nodiscard]] std::function<core::Result<std::string>(const std::string&)> signer_for(
    const SigningKey& key);

/// May `key` change `serial` (new version, yank, owners) at `tree`? `action` names the change
/// in the refusal ("publish a new version of", "yank"...). A serial absent at `tree` may be
/// created by anyone when publishers are "open", else by maintainers.
[[nodiscard]] core::Result<void> check_may_change(const git::Store& store, const git_tree* tree,
                                                  const Serial& serial, const SigningKey& key,
                                                  const std::string& action);

}  // namespace archipel::registry::detail
