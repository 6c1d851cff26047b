// archipel key new [PATH] [--principal EMAIL]: an ed25519 signing key for a first-time publisher.
#include <cstdlib>
#include <iostream>

#include "commands.hpp"
#include "commands/registry_options.hpp"
#include "output.hpp"

namespace archipel::cli {

namespace {

std::string default_key_path() {
  const char* home = std::getenv("HOME");
  return std::string(home != nullptr ? home : ".") + "/.ssh/archipel_ed25519";
}

}  // namespace

void register_key(CLI::App& app, Dispatch& dispatch) {
  auto* group = app.add_subcommand("key", "Create the SSH key you sign publications with");
  group->require_subcommand(1);
  auto* sub = group->add_subcommand("new", "Create an ed25519 key pair with ssh-keygen (no passphrase)");
  auto path = std::make_shared<std::string>();
  auto principal = std::make_shared<std::string>();
  auto json = std::make_shared<bool>(false);
  sub->add_option("path", *path, "Private key file (default ~/.ssh/archipel_ed25519; PATH.pub is the public key)");
  sub->add_option("--principal", *principal, "Who you are, usually your email (stored as the key's comment)")
      ->required();
  add_json_flag(sub, *json);
  on_run(sub, dispatch, [path, principal, json]() -> int {
    std::string where = path->empty() ? default_key_path() : *path;
    auto key = registry::create_key(where, *principal);
    if (!key) return report_error(key.error());
    if (*json) {
      print_json(nlohmann::json{{"path", where}, {"public_key", key->key.line()}, {"principal", key->principal},
                  {"fingerprint", key->key.fingerprint()}});
      return exit_ok;
    }
    std::cout << "Created " << where << " and " << where << ".pub\n"
              << "  principal   " << key->principal << "\n"
              << "  fingerprint " << key->key.fingerprint() << "\n"
              << "Next:\n"
              << "  export ARCHIPEL_SIGNING_KEY=" << where << "   # or pass --signing-key " << where << "\n"
              << "  archipel publish part.json                   # the first publisher of a part owns it\n"
              << "To sign with git too: git config --global gpg.format ssh; "
                 "git config --global user.signingkey " << where << ".pub\n";
    return exit_ok;
  });
}

}  // namespace archipel::cli
