// archipel owner add|remove|list SERIAL: who may publish new versions of a part, yank it and
// change its owners (owners.json beside its versions; every change signed by a current owner).
#include <fstream>
#include <iostream>
#include <sstream>

#include "commands.hpp"
#include "commands/registry_options.hpp"
#include "output.hpp"

namespace archipel::cli {

namespace {

void print_owners(const std::string& serial, const std::vector<registry::Identity>& owners, bool json) {
  if (json) {
    print_json(nlohmann::json{{"serial", serial}, {"owners", owners_json(owners)}});
    return;
  }
  if (owners.empty()) std::cout << serial << " has no recorded owner (published before signatures)\n";
  for (const auto& w : owners) std::cout << w.principal << "  " << w.key.line() << "  " << w.key.fingerprint() << "\n";
}

void add_command(CLI::App* group, Dispatch& dispatch) {
  auto* sub = group->add_subcommand("add", "Add an owner (signed by a current owner)");
  auto o = add_registry_options(sub);
  add_signing_option(sub, *o);
  auto serial = std::make_shared<std::string>();
  auto key = std::make_shared<std::string>();
  auto principal = std::make_shared<std::string>();
  sub->add_option("serial", *serial, "SERIAL")->required();
  sub->add_option("--key", *key, "The new owner's public key file (e.g. id_ed25519.pub)")->required();
  sub->add_option("--principal", *principal, "Who it is (default: the key's comment)");
  on_run(sub, dispatch, [o, serial, key, principal]() -> int {
    auto parsed = registry::parse_serial(*serial);
    if (!parsed) return report_error(parsed.error());
    auto who = read_identity(*key, *principal);
    if (!who) return report_error(who.error());
    auto reg = open_registry(*o);
    if (!reg) return report_error(reg.error());
    auto added = reg->add_owner(*parsed, *who);
    if (!added) return report_error(added.error());
    auto owners = reg->owners(*parsed);
    if (!owners) return report_error(owners.error());
    if (!o->json) {
      std::cout << (*added ? "Added " : "Already an owner: ") << registry::describe(*who) << "\n";
    }
    print_owners(parsed->to_string(), *owners, o->json);
    return exit_ok;
  });
}

void remove_command(CLI::App* group, Dispatch& dispatch) {
  auto* sub = group->add_subcommand("remove", "Remove an owner (signed by a current owner; never the last)");
  auto o = add_registry_options(sub);
  add_signing_option(sub, *o);
  auto serial = std::make_shared<std::string>();
  auto who = std::make_shared<std::string>();
  sub->add_option("serial", *serial, "SERIAL")->required();
  sub->add_option("owner", *who, "The owner's principal or key fingerprint (SHA256:...)")->required();
  on_run(sub, dispatch, [o, serial, who]() -> int {
    auto parsed = registry::parse_serial(*serial);
    if (!parsed) return report_error(parsed.error());
    auto reg = open_registry(*o);
    if (!reg) return report_error(reg.error());
    auto removed = reg->remove_owner(*parsed, *who);
    if (!removed) return report_error(removed.error());
    auto owners = reg->owners(*parsed);
    if (!owners) return report_error(owners.error());
    if (!o->json) std::cout << "Removed " << registry::describe(*removed) << "\n";
    print_owners(parsed->to_string(), *owners, o->json);
    return exit_ok;
  });
}

}  // namespace

void register_owner(CLI::App& app, Dispatch& dispatch) {
  auto* group = app.add_subcommand("owner", "List and change who owns a part");
  group->require_subcommand(1);
  add_command(group, dispatch);
  remove_command(group, dispatch);
  auto* sub = group->add_subcommand("list", "The owners of a part");
  auto o = add_registry_options(sub);
  auto serial = std::make_shared<std::string>();
  sub->add_option("serial", *serial, "SERIAL")->required();
  on_run(sub, dispatch, [o, serial]() -> int {
    auto parsed = registry::parse_serial(*serial);
    if (!parsed) return report_error(parsed.error());
    auto reg = open_registry(*o);
    if (!reg) return report_error(reg.error());
    auto owners = reg->owners(*parsed);
    if (!owners) return report_error(owners.error());
    print_owners(parsed->to_string(), *owners, o->json);
    return exit_ok;
  });
}

}  // namespace archipel::cli
