#pragma once
// Private state of a Registry and helpers shared by the registry's source files.

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "archipel/registry/registry.hpp"
#include "git/store.hpp"

namespace archipel::registry {

namespace detail {
class Index;
}

struct Registry::Impl {
  git::Store store;
  RegistryConfig config;
  std::filesystem::path path;
  std::optional<SigningKey> key;  ///< resolved at the first write when not set
  mutable std::shared_ptr<detail::Index> index;  ///< the index, opened by the first read needing it
};

namespace detail {

/// Names the registry writes next to the part's own files in a version folder.
inline constexpr const char* manifest_name = "part.json";
inline constexpr const char* measured_name = "measured.json";
inline constexpr const char* yanked_name = "yanked.json";
inline constexpr const char* config_name = "registry.json";

/// Orders two semantic versions (-1, 0, 1); text that is not semver sorts before, by bytes.
[[nodiscard]] int compare_versions(const std::string& a, const std::string& b);

/// Every version published under `serial` at `tree`, oldest first.
[[nodiscard]] core::Result<std::vector<std::string>> versions_of(const git::Store& store,
                                                                 const git_tree* tree,
                                                                 const Serial& serial);

/// True when the version folder holds yanked.json.
[[nodiscard]] core::Result<bool> is_yanked(const git::Store& store, const git_tree* tree,
                                           const std::string& folder);

/// The version `ref` names, or the latest one not yanked. Invalid error when there is none.
[[nodiscard]] core::Result<std::string> resolve_version(const git::Store& store,
                                                        const git_tree* tree, const SerialRef& ref);

/// Reads and parses the JSON blob at `path` (nothing when absent).
[[nodiscard]] core::Result<std::optional<nlohmann::json>> read_json(const git::Store& store,
                                                                    const git_tree* tree,
                                                                    const std::string& path);

/// Canonical bytes of a stored JSON document: sorted keys, two-space indent, final newline.
[[nodiscard]] std::string canonical(const nlohmann::json& doc);

/// sha256 of `bytes` as 64 hex digits.
[[nodiscard]] std::string sha256_hex(std::string_view bytes);

/// "Name <email>" parsed into its parts; usage error otherwise.
[[nodiscard]] core::Result<std::pair<std::string, std::string>> parse_person(
    const std::string& text);

}  // namespace detail
}  // namespace archipel::registry
