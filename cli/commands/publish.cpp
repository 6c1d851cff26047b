// archipel publish part.json [--allow-nonconforming]: validate, measure, hash, commit.
#include <iostream>

#include "commands.hpp"
#include "commands/registry_options.hpp"
#include "output.hpp"
#include "archipel/core/warnings.hpp"

namespace archipel::cli {

nlohmann::json published_json(const registry::Published& p) {
  nlohmann::json files = nlohmann::json::array();
  for (const auto& f : p.files) files.push_back({{"path", f.path}, {"sha256", f.sha256}});
  return {{"serial", p.serial}, {"version", p.version}, {"name", p.name},
          {"new_serial", p.new_serial}, {"unchanged", p.unchanged},
          {"serial_written", p.serial_written}, {"found_by_content", p.found_by_content},
          {"recovered", p.recovered}, {"commit", p.commit}, {"folder", p.folder},
          {"verdict", p.verdict}, {"content_sha256", p.content_sha256}, {"retries", p.retries},
          {"files", files}, {"warnings", core::warnings_json(p.warnings)}};
}

void print_published(const registry::Published& p, const std::string& verb) {
  for (const auto& r : p.recovered) print_warning(r);
  if (p.found_by_content) {
    std::cout << p.serial << "@" << p.version
              << " was already published from this content (an earlier publish did not write its "
                 "serial back): same serial, nothing new committed\n";
    return;
  }
  if (p.unchanged) {
    std::cout << p.serial << "@" << p.version
              << " is already published with the same content: nothing to do\n";
    return;
  }
  std::cout << verb << " " << p.serial << "@" << p.version << " \"" << p.name << "\""
            << (p.new_serial ? " (new serial)" : "") << "\n"
            << "  commit  " << p.commit << "\n"
            << "  files   " << p.files.size() << ", verdict " << p.verdict << "\n";
}

void register_publish(CLI::App& app, Dispatch& dispatch) {
  auto* sub = app.add_subcommand("publish", "Publish a part (its part.json and files) in the registry");
  auto o = add_registry_options(sub);
  add_signing_option(sub, *o);
  auto manifest = std::make_shared<std::string>();
  auto options = std::make_shared<registry::PublishOptions>();
  sub->add_option("manifest", *manifest, "The part.json to publish")->required();
  sub->add_flag("--allow-nonconforming", options->allow_nonconforming,
                "Publish a part that fails its grid (if the registry's policy accepts it)");
  on_run(sub, dispatch, [o, manifest, options]() -> int {
    auto reg = open_registry(*o);
    if (!reg) return report_error(reg.error());
    auto published = reg->publish(*manifest, *options);
    if (!published) return report_error(published.error());
    print_warnings(*manifest, published->warnings);
    if (o->json) {
      for (const auto& r : published->recovered) print_warning(r);
      print_json(published_json(*published));
      return exit_ok;
    }
    print_published(*published, "Published");
    if (published->serial_written) {
      std::cout << "  wrote \"serial\": \"" << published->serial << "\" into " << *manifest
                << " (keep it: later versions publish under the same serial)\n";
    }
    return exit_ok;
  });
}

}  // namespace archipel::cli
