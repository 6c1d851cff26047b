// SPDX-License-Identifier: Apache-2.0
// archipel namespace show [NS] | list | maintainer add|remove | set | adopt: the namespace's
// record (namespaces/<NS>.json: maintainers, publishers policy, home), each change signed by a
// maintainer at the parent (docs/trust.md, docs/federation.md).
#include <fstream>
#include <iostream>
#include <sstream>

#include "archipel/registry/federation.hpp"
#include "commands.hpp"
#include "commands/registry_options.hpp"
#include "output.hpp"

namespace archipel::cli {

namespace {

nlohmann::json view_json(const registry::NamespaceView& v) {
  return nlohmann::json{{"namespace", v.record.ns},
                        {"maintainers", owners_json(v.record.maintainers)},
                        {"publishers", v.record.publishers},
                        {"home", v.record.home},
                        {"recorded", v.recorded},
                        {"pinned", v.pinned}};
}

void print_view(const registry::NamespaceView& v) {
  std::cout << "namespace " << v.record.ns
            << (v.recorded ? "" : " (no record yet: from registry.json)") << "\n"
            << "  publishers  " << v.record.publishers << "\n";
  if (!v.record.home.empty()) std::cout << "  home        " << printable(v.record.home) << "\n";
  if (v.record.maintainers.empty()) std::cout << "  maintainers none (run 'archipel namespace adopt')\n";
  for (const auto& m : v.record.maintainers) {
    std::cout << "  maintainer  " << printable(m.principal) << "  " << m.key.fingerprint() << "\n";
  }
  for (const auto& p : v.pinned) std::cout << "  pinned      " << p << "\n";
}

using Edit = std::function<core::Result<registry::NamespaceEdit>()>;

// A subcommand that changes the own namespace's record.
void change_command(CLI::App* sub, Dispatch& dispatch, std::shared_ptr<RegistryOptions> o, Edit edit) {
  on_run(sub, dispatch, [o, edit]() -> int {
    auto e = edit();
    if (!e) return report_error(e.error());
    auto key = registry::resolve_signing_key(o->signing_key);
    if (!key) return report_error(key.error());
    auto done = registry::change_namespace(registry::registry_location(o->registry), *key, *e);
    if (!done) return report_error(done.error());
    registry::NamespaceView v{done->record, true, {}};
    if (o->json) {
      auto doc = view_json(v);
      doc["changed"] = done->changed;
      doc["commit"] = done->commit;
      print_json(doc);
    } else {
      std::cout << (done->changed ? "Changed the record of " : "Nothing to change in the record of ")
                << done->record.ns << "\n";
      print_view(v);
    }
    return exit_ok;
  });
}

void maintainer_commands(CLI::App* group, Dispatch& dispatch) {
  auto* m = group->add_subcommand("maintainer", "Add or remove a maintainer of the registry's namespace");
  m->require_subcommand(1);
  auto* add = m->add_subcommand("add", "Add a maintainer (signed by a current maintainer)");
  auto o = add_registry_options(add);
  add_signing_option(add, *o);
  auto key = std::make_shared<std::string>();
  auto principal = std::make_shared<std::string>();
  add->add_option("--key", *key, "The new maintainer's public key file")->required();
  add->add_option("--principal", *principal, "Who it is (default: the key's comment)");
  change_command(add, dispatch, o, [key, principal]() -> core::Result<registry::NamespaceEdit> {
    auto who = read_identity(*key, *principal);
    if (!who) return std::unexpected(who.error());
    registry::NamespaceEdit e;
    e.add_maintainer = *who;
    return e;
  });
  auto* rm = m->add_subcommand("remove", "Remove a maintainer (never the last)");
  auto ro = add_registry_options(rm);
  add_signing_option(rm, *ro);
  auto rkey = std::make_shared<std::string>();
  auto who = std::make_shared<std::string>();
  rm->add_option("--key", *rkey, "The maintainer's public key file");
  rm->add_option("--principal", *who, "The maintainer's principal or fingerprint (SHA256:...)");
  change_command(rm, dispatch, ro, [rkey, who]() -> core::Result<registry::NamespaceEdit> {
    registry::NamespaceEdit e;
    if (!rkey->empty()) {
      auto id = read_identity(*rkey, "");
      if (!id) return std::unexpected(id.error());
      e.remove_maintainer = id->key.fingerprint();
    } else if (!who->empty()) {
      e.remove_maintainer = *who;
    } else {
      return core::fail(core::Errc::usage, "namespace maintainer remove: give --key PUB or --principal P");
    }
    return e;
  });
}

}  // namespace

void register_namespace(CLI::App& app, Dispatch& dispatch) {
  auto* group = app.add_subcommand("namespace", "Show and change namespace records (maintainers, publishers, home)");
  group->require_subcommand(1);
  auto* show = group->add_subcommand("show", "A namespace's record (default: the registry's own)");
  auto so = add_registry_options(show);
  auto ns = std::make_shared<std::string>();
  show->add_option("namespace", *ns, "NS");
  on_run(show, dispatch, [so, ns]() -> int {
    auto v = registry::show_namespace(registry::registry_location(so->registry),
                                      ns->empty() ? std::nullopt : std::optional{*ns});
    if (!v) return report_error(v.error());
    if (so->json) print_json(view_json(*v));
    else print_view(*v);
    return exit_ok;
  });
  auto* list = group->add_subcommand("list", "Every namespace this registry holds");
  auto lo = add_registry_options(list);
  on_run(list, dispatch, [lo]() -> int {
    auto all = registry::list_namespaces(registry::registry_location(lo->registry));
    if (!all) return report_error(all.error());
    if (lo->json) {
      auto doc = nlohmann::json::array();
      for (const auto& v : *all) doc.push_back(view_json(v));
      print_json(nlohmann::json{{"namespaces", doc}});
    } else {
      for (const auto& v : *all) print_view(v);
    }
    return exit_ok;
  });
  maintainer_commands(group, dispatch);
  auto* set = group->add_subcommand("set", "Change the publishers policy or the home URL");
  auto to = add_registry_options(set);
  add_signing_option(set, *to);
  auto publishers = std::make_shared<std::optional<std::string>>();
  auto home = std::make_shared<std::optional<std::string>>();
  set->add_option("--publishers", *publishers, "open (any key creates serials) or maintainers")
      ->check(CLI::IsMember({"open", "maintainers"}));
  set->add_option("--home", *home, "The home registry's git URL (\"\" removes it)");
  change_command(set, dispatch, to, [publishers, home]() -> core::Result<registry::NamespaceEdit> {
    if (!*publishers && !*home) return core::fail(core::Errc::usage, "namespace set: give --publishers or --home");
    registry::NamespaceEdit e;
    e.publishers = *publishers;
    e.home = *home;
    return e;
  });
  auto* adopt = group->add_subcommand(
      "adopt", "Give a registry made before maintainers its record, the signing key as maintainer (once)");
  auto ao = add_registry_options(adopt);
  add_signing_option(adopt, *ao);
  change_command(adopt, dispatch, ao, []() -> core::Result<registry::NamespaceEdit> {
    registry::NamespaceEdit e;
    e.adopt = true;
    return e;
  });
}

}  // namespace archipel::cli
