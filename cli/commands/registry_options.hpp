#pragma once
/// \file
/// Options every registry command shares: `--registry PATH` and `--json`.

#include <memory>
#include <optional>
#include <string>

#include <CLI/CLI.hpp>

#include "archipel/registry/registry.hpp"

namespace archipel::cli {

/// `--registry` and `--json` as parsed.
struct RegistryOptions {
  std::optional<std::string> registry;  ///< --registry PATH
  bool json = false;                    ///< --json
};

/// Adds `--registry PATH` and `--json` to `sub`; the options live as long as the returned pointer.
inline std::shared_ptr<RegistryOptions> add_registry_options(CLI::App* sub) {
  auto o = std::make_shared<RegistryOptions>();
  sub->add_option("--registry", o->registry,
                  "Registry folder (default: $ARCHIPEL_REGISTRY, else "
                  "$XDG_DATA_HOME/archipel/registry)");
  sub->add_flag("--json", o->json, "Print machine-readable JSON on stdout");
  return o;
}

/// Opens the registry the options name.
[[nodiscard]] inline core::Result<registry::Registry> open_registry(const RegistryOptions& o) {
  return registry::Registry::open(registry::registry_location(o.registry));
}

/// A publish (or fork) result as JSON (publish.cpp).
[[nodiscard]] nlohmann::json published_json(const registry::Published& p);

/// The human report of a publish or fork, starting with `verb` (publish.cpp).
void print_published(const registry::Published& p, const std::string& verb);

}  // namespace archipel::cli
