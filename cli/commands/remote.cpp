// SPDX-License-Identifier: Apache-2.0
// archipel remote add|remove|list: remotes in the registry's git config, as git names them.
// `add` fetches and verifies the remote and pins its namespaces' maintainers; `pull` integrates.
#include <iostream>

#include "commands.hpp"
#include "commands/pull_report.hpp"
#include "commands/registry_options.hpp"
#include "output.hpp"

namespace archipel::cli {

void register_remote(CLI::App& app, Dispatch& dispatch) {
  auto* group = app.add_subcommand("remote", "List, add and remove the registries this one pulls from");
  group->require_subcommand(1);
  auto* add = group->add_subcommand("add", "Add a remote: fetch and verify it, pin its maintainers");
  auto ao = add_registry_options(add);
  auto name = std::make_shared<std::string>();
  auto url = std::make_shared<std::string>();
  auto maintainers = std::make_shared<std::vector<std::string>>();
  add->add_option("name", *name, "NAME")->required();
  add->add_option("url", *url, "URL: a path, file://, ssh://, http(s)://")->required();
  add->add_option("--maintainer", *maintainers, "Pin this maintainer's key fingerprint ahead of time (repeatable)");
  on_run(add, dispatch, [ao, name, url, maintainers]() -> int {
    auto r = registry::add_remote(registry::registry_location(ao->registry), *name, *url, *maintainers);
    if (!r) return report_error(r.error());
    if (ao->json) print_json(pull_json(*r));
    else print_pull(*r, "Added remote");
    return pull_exit(*r);
  });
  auto* rm = group->add_subcommand("remove", "Remove a remote (pins stay)");
  auto ro = add_registry_options(rm);
  auto rname = std::make_shared<std::string>();
  rm->add_option("name", *rname, "NAME")->required();
  on_run(rm, dispatch, [ro, rname]() -> int {
    if (auto ok = registry::remove_remote(registry::registry_location(ro->registry), *rname); !ok) {
      return report_error(ok.error());
    }
    if (ro->json) print_json(nlohmann::json{{"removed", *rname}});
    else std::cout << "Removed remote " << *rname << "\n";
    return exit_ok;
  });
  auto* list = group->add_subcommand("list", "The remotes");
  auto lo = add_registry_options(list);
  on_run(list, dispatch, [lo]() -> int {
    auto all = registry::list_remotes(registry::registry_location(lo->registry));
    if (!all) return report_error(all.error());
    if (lo->json) {
      auto doc = nlohmann::json::array();
      for (const auto& r : *all) doc.push_back({{"name", r.name}, {"url", r.url}});
      print_json(nlohmann::json{{"remotes", doc}});
    } else {
      for (const auto& r : *all) std::cout << r.name << "  " << printable(r.url) << "\n";
    }
    return exit_ok;
  });
}

}  // namespace archipel::cli
