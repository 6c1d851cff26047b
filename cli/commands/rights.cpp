// archipel rights SERIAL[@VERSION] [--use USE]: effective rights over derivation and composition.
#include <iostream>

#include <fmt/format.h>

#include "archipel/core/rights.hpp"
#include "commands.hpp"
#include "commands/registry_options.hpp"
#include "output.hpp"

namespace archipel::cli {
namespace {

int run(const RegistryOptions& o, const std::string& ref_text, const std::string& use_text) {
  auto ref = registry::parse_serial_ref(ref_text);
  if (!ref) return report_error(ref.error());
  std::optional<core::Use> use;
  if (!use_text.empty()) use = core::parse_use(use_text);  // CLI11 checked the name
  auto reg = open_registry(o);
  if (!reg) return report_error(reg.error());
  auto report = reg->rights(*ref);
  if (!report) return report_error(report.error());
  if (o.json) {
    print_json(core::to_json(*report));
  } else {
    std::cout << core::to_text(*report, use);
  }
  if (!use) return exit_ok;
  auto verdict = report->answer(*use).verdict;
  return verdict == core::RightsVerdict::allowed || verdict == core::RightsVerdict::allowed_with_obligations ? exit_ok
                                                                                                 : exit_findings;
}

}  // namespace

void register_rights(CLI::App& app, Dispatch& dispatch) {
  auto* sub = app.add_subcommand("rights", "May I make, derive, sell as a kit or sell as a product this part?");
  auto o = add_registry_options(sub);
  auto ref = std::make_shared<std::string>();
  auto use = std::make_shared<std::string>();
  sub->add_option("serial", *ref, "SERIAL or SERIAL@VERSION")->required();
  sub->add_option("--use", *use, "Answer one use (exit 0 when allowed, 1 otherwise)")
      ->check(CLI::IsMember({"make", "derive", "sell-kit", "sell-product"}));
  on_run(sub, dispatch, [o, ref, use] { return run(*o, *ref, *use); });
}

}  // namespace archipel::cli
