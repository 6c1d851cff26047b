#pragma once
/// \file
/// Options every registry command shares: `--registry PATH` and `--json`.

#include <fstream>
#include <memory>
#include <optional>
#include <sstream>
#include <string>

#include <CLI/CLI.hpp>

#include "archipel/registry/registry.hpp"

namespace archipel::cli {

/// `--registry` and `--json` as parsed.
struct RegistryOptions {
  std::optional<std::string> registry;  ///< --registry PATH
  bool json = false;                    ///< --json
  std::optional<std::string> signing_key;  ///< --signing-key PATH (commands that write)
};

/// Adds `--signing-key PATH` (commands that write a commit) to `sub`, stored in `o`.
inline void add_signing_option(CLI::App* sub, RegistryOptions& o) {
  sub->add_option("--signing-key", o.signing_key,
                  "SSH key to sign with: a private key, or a public key whose private half is in "
                  "ssh-agent (default: $ARCHIPEL_SIGNING_KEY, else git's user.signingkey)");
}

/// Adds `--registry PATH` and `--json` to `sub`; the options live as long as the returned pointer.
inline std::shared_ptr<RegistryOptions> add_registry_options(CLI::App* sub) {
  auto o = std::make_shared<RegistryOptions>();
  sub->add_option("--registry", o->registry,
                  "Registry folder (default: $ARCHIPEL_REGISTRY, else "
                  "$XDG_DATA_HOME/archipel/registry)");
  sub->add_flag("--json", o->json, "Print machine-readable JSON on stdout");
  return o;
}

/// Opens the registry the options name (with the --signing-key given, if any).
[[nodiscard]] inline core::Result<registry::Registry> open_registry(const RegistryOptions& o) {
  auto reg = registry::Registry::open(registry::registry_location(o.registry));
  if (reg && o.signing_key) {
    auto key = registry::resolve_signing_key(o.signing_key);
    if (!key) return std::unexpected(key.error());
    reg->set_signing_key(std::move(*key));
  }
  return reg;
}

/// Identities as JSON: principal, key, fingerprint (show.cpp).
[[nodiscard]] nlohmann::json owners_json(const std::vector<registry::Identity>& who);

/// A commit's signer as JSON: state, principal, fingerprint, reason (history.cpp).
[[nodiscard]] nlohmann::json signer_json(const registry::SignerInfo& s);

/// "good: alice@example.org (SHA256:...)" or "bad (reason)" (history.cpp).
[[nodiscard]] std::string signer_text(const registry::SignerInfo& s);

/// A publish (or fork) result as JSON (publish.cpp).
[[nodiscard]] nlohmann::json published_json(const registry::Published& p);

/// The human report of a publish or fork, starting with `verb` (publish.cpp).
void print_published(const registry::Published& p, const std::string& verb);

/// The identity in an SSH public key file (`owner add`, `namespace maintainer add`): its
/// principal is `principal`, else the key's comment, else its fingerprint. A private key is
/// refused (usage), naming the file.
[[nodiscard]] inline core::Result<registry::Identity> read_identity(const std::string& path,
                                                                    const std::string& principal) {
  std::ifstream f(path, std::ios::binary);
  if (!f) return core::fail(core::Errc::io, "cannot read the public key", path);
  std::ostringstream text;
  text << f.rdbuf();
  if (text.str().rfind("-----BEGIN", 0) == 0) {
    return core::fail(core::Errc::usage, "this is a private key: give the public key (the .pub file)", path);
  }
  auto key = registry::parse_public_key(text.str(), path);
  if (!key) return std::unexpected(key.error());
  std::string who = principal.empty() ? key->comment : principal;
  if (who.empty()) who = key->fingerprint();
  return registry::Identity{who, *key};
}

}  // namespace archipel::cli
