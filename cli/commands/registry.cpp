// archipel registry init [--namespace NS] [--name NAME] [--grid ID] [policy options]
#include <iostream>

#include "commands.hpp"
#include "commands/registry_options.hpp"
#include "output.hpp"

namespace archipel::cli {

void register_registry(CLI::App& app, Dispatch& dispatch) {
  auto* group = app.add_subcommand("registry", "Create and describe registries");
  group->require_subcommand(1);
  auto* sub = group->add_subcommand("init", "Create an empty registry (a bare git repository)");
  auto o = add_registry_options(sub);
  add_signing_option(sub, *o);
  auto config = std::make_shared<registry::RegistryConfig>();
  sub->add_option("--namespace", config->ns, "Serial prefix, e.g. BXL (default LOCAL)");
  sub->add_option("--name", config->name, "Human name of the registry");
  sub->add_option("--grid", config->grid, "Default grid standard (default openstructures)");
  sub->add_option("--allow-licence", config->policy.allowed_licences,
                  "Accept only these SPDX licences (repeatable; default: every licence)");
  sub->add_flag("--accept-nonconforming", config->policy.accept_nonconforming,
                "Let parts failing their grid be published with --allow-nonconforming");
  sub->add_option("--max-file-bytes", config->policy.max_file_bytes, "Largest file accepted");
  sub->add_option("--publishers", config->publishers,
                  "Who may create new serials: open (any key, which then owns it) or maintainers")
      ->check(CLI::IsMember({"open", "maintainers"}));
  on_run(sub, dispatch, [o, config]() -> int {
    auto path = registry::registry_location(o->registry);
    auto key = registry::resolve_signing_key(o->signing_key);
    if (!key) return report_error(key.error());
    auto created = registry::Registry::init(path, *config, *key);
    if (!created) return report_error(created.error());
    if (o->json) {
      print_json(nlohmann::json{{"path", path.string()}, {"registry", registry::to_json(created->config())},
                  {"commit", created->tip().value_or("")}});
    } else {
      std::cout << "Created registry \"" << config->name << "\" at " << path.string() << "\n"
                << "  namespace " << config->ns << " (serials " << config->ns << "-P0001, ...), grid "
                << config->grid << "\n"
                << "  maintainer " << key->principal << " (" << key->key.fingerprint() << ")\n";
    }
    return exit_ok;
  });
}

}  // namespace archipel::cli
