// archipel kit SERIAL[@VERSION]... --out DIR: a kit to make or sell, with its lock, bill of
// materials, notice, licences, assembly drawing and fabrication files.
#include <iostream>

#include <fmt/format.h>

#include "archipel/core/json.hpp"
#include "archipel/registry/kit.hpp"
#include "commands.hpp"
#include "commands/registry_options.hpp"
#include "output.hpp"

namespace archipel::cli {
namespace {

struct KitArgs {
  std::vector<std::string> roots;
  std::string out, purpose = "make", locked;
  long quantity = 1;
  bool quantity_given = false;
};

nlohmann::json result_json(const registry::KitResult& r, const std::string& out) {
  nlohmann::json rights = nlohmann::json::array(), members = nlohmann::json::array(),
                 hardware = nlohmann::json::array();
  for (const auto& report : r.rights) rights.push_back(core::to_json(report));
  for (const auto& m : r.members)
    members.push_back({{"serial", m.serial}, {"version", m.version}, {"kind", m.kind}, {"name", m.name},
                       {"quantity", m.quantity}});
  for (const auto& h : r.hardware) hardware.push_back({{"item", h.item}, {"quantity", h.quantity}});
  if (r.refusal)
    return {{"ok", false}, {"refused", r.refused_root}, {"use", core::to_string(r.refusal->use)},
            {"verdict", core::to_string(r.refusal->verdict)}, {"rights", rights}};
  return {{"ok", true}, {"out", out}, {"lock", r.lock}, {"members", members}, {"hardware", hardware},
          {"files", r.files}, {"warnings", r.warnings}, {"rights", rights}};
}

int run(const RegistryOptions& o, const KitArgs& args) {
  registry::KitRequest req;
  req.out = args.out;
  req.quantity = args.quantity;
  req.purpose = core::parse_use(args.purpose).value_or(core::Use::make);
  if (!args.locked.empty()) {
    if (!args.roots.empty() || args.quantity_given)
      return report_error({core::Errc::usage, "--locked takes the roots and quantity from kit.lock: give neither", {}, {}});
    auto lock = core::read_json_file(args.locked);
    if (!lock) return report_error(lock.error());
    req.locked = std::move(*lock);
  }
  for (const auto& r : args.roots) {
    auto ref = registry::parse_serial_ref(r);
    if (!ref) return report_error(ref.error());
    req.roots.push_back(*ref);
  }
  auto reg = open_registry(o);
  if (!reg) return report_error(reg.error());
  auto result = registry::build_kit(*reg, req);
  if (!result) return report_error(result.error());
  for (const auto& w : result->warnings) print_warning(w);
  if (o.json) print_json(result_json(*result, args.out));
  if (result->refusal) {
    for (const auto& report : result->rights)
      if (!o.json && report.root.serial + "@" + report.root.version == result->refused_root)
        std::cout << core::to_text(report, result->refusal->use);
    return report_error({core::Errc::invalid,
                         fmt::format("{}: {} is {}: no kit written", result->refused_root,
                                     core::to_string(result->refusal->use), core::to_string(result->refusal->verdict)),
                         {}, {}});
  }
  if (o.json) return exit_ok;
  std::vector<std::string> roots;
  for (const auto& r : result->rights) roots.push_back(r.root.serial + "@" + r.root.version);
  std::cout << fmt::format("Kit of {} for {} (x{}): {} members, {} hardware lines, {} files in {}\n",
                           fmt::join(roots, ", "), result->lock.value("for", "make"), result->lock.value("quantity", 1),
                           result->members.size(), result->hardware.size(), result->files.size(), args.out);
  for (const auto& f : result->files) std::cout << "  " << f << "\n";
  return exit_ok;
}

}  // namespace

void register_kit(CLI::App& app, Dispatch& dispatch) {
  auto* sub = app.add_subcommand("kit", "Write a kit: lock, bill of materials, notice, licences, fabrication files");
  auto o = add_registry_options(sub);
  auto args = std::make_shared<KitArgs>();
  sub->add_option("serial", args->roots, "SERIAL[@VERSION] of each component, object or part of the kit");
  sub->add_option("--out", args->out, "Folder to write (must not exist, or be empty)")->required();
  sub->add_option("--for", args->purpose, "make (default), sell-kit or sell-product: refused when the rights forbid it")
      ->check(CLI::IsMember({"make", "sell-kit", "sell-product"}));
  auto* q = sub->add_option("--quantity", args->quantity, "How many kits (default 1)")->check(CLI::PositiveNumber);
  sub->add_option("--locked", args->locked, "Rebuild exactly the kit a kit.lock describes");
  on_run(sub, dispatch, [o, args, q] {
    args->quantity_given = q->count() > 0;
    return run(*o, *args);
  });
}

}  // namespace archipel::cli
