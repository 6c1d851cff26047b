// archipel where-used SERIAL: every component and object using a part, directly or through
// sub-components, from the registry's reverse composition index.
#include <algorithm>
#include <iostream>

#include <fmt/format.h>

#include "commands.hpp"
#include "commands/registry_options.hpp"
#include "output.hpp"

namespace archipel::cli {
namespace {

nlohmann::json usage_json(const registry::Usage& u) {
  return {{"parent", u.parent},       {"version", u.parent_version}, {"name", u.parent_name},
          {"kind", u.parent_kind},    {"requirement", u.requirement}, {"via", u.via},
          {"quantity", u.quantity},   {"yanked", u.yanked},           {"depth", u.depth}};
}

// Column widths grow with the longest serial, version and requirement.
void print_table(const std::string& serial, const std::vector<registry::Usage>& uses) {
  std::size_t direct = 0, user = 12, version = 10, req = 12;
  for (const auto& u : uses) {
    direct += u.depth == 1 ? 1 : 0;
    user = std::max({user, u.parent.size() + 2, u.via.size() + 2});
    version = std::max(version, u.parent_version.size() + 2);
    req = std::max(req, u.requirement.size() + 2);
  }
  std::cout << fmt::format("{} is used by {} component(s) or object(s): {} directly, {} through sub-components\n",
                           serial, uses.size(), direct, uses.size() - direct);
  auto row = [&](const auto& depth, const std::string& parent, const std::string& ver, const std::string& kind,
                 const auto& qty, const std::string& via, const std::string& requirement, const std::string& name) {
    std::cout << fmt::format("  {:>5}  {:<{}}{:<{}}{:<11}{:>5}  {:<{}}{:<{}}{}\n", depth, parent, user, ver, version,
                             kind, qty, via, user, requirement, req, name);
  };
  row("depth", "user", "version", "kind", "qty", "via", "requires", "name");
  for (const auto& u : uses) {
    row(u.depth, u.parent, u.parent_version, u.parent_kind, u.quantity, u.via, u.requirement,
        u.parent_name + (u.yanked ? " (yanked)" : ""));
  }
}

}  // namespace

void register_where_used(CLI::App& app, Dispatch& dispatch) {
  auto* sub = app.add_subcommand("where-used", "List every component and object that uses a part");
  auto o = add_registry_options(sub);
  auto serial = std::make_shared<std::string>();
  sub->add_option("serial", *serial, "SERIAL")->required();
  on_run(sub, dispatch, [o, serial]() -> int {
    auto parsed = registry::parse_serial(*serial);
    if (!parsed) return report_error(parsed.error());
    auto reg = open_registry(*o);
    if (!reg) return report_error(reg.error());
    auto uses = reg->where_used(*parsed);
    if (!uses) return report_error(uses.error());
    const std::string sn = parsed->to_string();
    if (o->json) {
      auto list = nlohmann::json::array();
      for (const auto& u : *uses) list.push_back(usage_json(u));
      print_json(nlohmann::json{{"serial", sn}, {"used_by", list}});
    } else if (uses->empty()) {
      std::cout << sn << " is not used by any component or object\n";
    } else {
      print_table(sn, *uses);
    }
    return exit_ok;
  });
}

}  // namespace archipel::cli
