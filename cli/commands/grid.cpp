// archipel grid list|show: the built-in grid standards and custom standard files.
#include <iostream>
#include <memory>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "archipel/core/grid.hpp"
#include "commands.hpp"
#include "output.hpp"

namespace archipel::cli {
namespace {

std::string lengths(const std::vector<double>& values) {
  if (values.empty()) return "-";
  return fmt::format("{} mm", fmt::join(values, ", "));
}

int run_list(bool json) {
  const auto grids = core::builtin_grids();
  if (json) {
    auto out = nlohmann::json::array();
    for (const auto& g : grids)
      out.push_back({{"id", g.id}, {"name", g.name}, {"pitch_mm", g.pitch_mm},
                     {"subgrid_mm", g.subgrid_mm}});
    print_json(out);
    return exit_ok;
  }
  std::cout << fmt::format("{:<16}{:<16}{:<8}{}\n", "ID", "NAME", "PITCH", "SUB-GRID");
  for (const auto& g : grids)
    std::cout << fmt::format("{:<16}{:<16}{:<8}{}\n", g.id, g.name,
                             fmt::format("{} mm", g.pitch_mm), lengths(g.subgrid_mm));
  return exit_ok;
}

std::string axis_text(const char* name, const core::AxisConstraint& axis) {
  if (!axis.constrained) return fmt::format("{} free", name);
  return fmt::format("{} n x {} mm", name, axis.step_mm);
}

std::string clearance_text(const core::Clearance& c) {
  if (c.max_mm <= 0) return "no clearance";
  if (c.max_mm - c.min_mm < 1e-9) return fmt::format("clearance {} mm", c.max_mm);
  return fmt::format("clearance {} to {} mm", c.min_mm, c.max_mm);
}

void print_dimensions(const core::GridStandard& g) {
  const auto& d = g.dimensions;
  std::cout << fmt::format("Dimensions   {}; {}; {}\n", axis_text("width", d.width),
                           axis_text("depth", d.depth), axis_text("height", d.height));
  std::cout << fmt::format("             sheet thickness {}; {}\n",
                           d.thickness_constrained ? "constrained" : "free",
                           clearance_text(d.clearance));
  if (g.height_unit) {
    std::vector<std::string> extras;
    for (const auto& e : g.height_unit->extras) extras.push_back(fmt::format("+{} ({})", e.mm, e.name));
    std::cout << fmt::format("Height unit  {} mm; {}\n", g.height_unit->unit_mm,
                             fmt::join(extras, ", "));
  }
  if (g.assembly_points)
    std::cout << fmt::format("Assembly     hole centres at k x {} mm + {}\n",
                             g.assembly_points->step_mm, lengths(g.assembly_points->offsets_mm));
}

void print_holes(const core::GridStandard& g) {
  if (!g.round_diameters_mm.empty())
    std::cout << "Round parts  diameter " << lengths(g.round_diameters_mm) << "\n";
  if (!g.hole_diameters_mm.empty())
    std::cout << "Holes        " << lengths(g.hole_diameters_mm) << "\n";
  for (const auto& f : g.fasteners) {
    std::string text = fmt::format("{} (nominal {} mm)", f.name, f.nominal_mm);
    if (f.clearance_fine_mm) text += fmt::format(", fine {} mm", *f.clearance_fine_mm);
    if (f.clearance_medium_mm) text += fmt::format(", medium {} mm", *f.clearance_medium_mm);
    if (!f.holes_mm.empty()) text += ", holes " + lengths(f.holes_mm);
    std::cout << "Fastener     " << text << "\n";
  }
  const auto& t = g.tolerances;
  std::cout << fmt::format("Tolerances   dimension {} mm, position {} mm, diameter {} mm\n",
                           t.dimension_mm, t.position_mm, t.diameter_mm);
}

void print_rules(const core::GridStandard& g) {
  std::cout << "Rules\n";
  for (const auto& r : g.rules) {
    std::cout << fmt::format("  {} [{}, {}] {}\n", r.id, core::severity_name(r.severity),
                             core::check_name(r.check), r.description);
    std::cout << fmt::format("      clause: {}\n", r.clause);
    if (!r.note.empty()) std::cout << fmt::format("      note: {}\n", r.note);
  }
  if (!g.roles.empty()) std::cout << "Roles\n";
  for (const auto& role : g.roles) {
    std::string rules;
    for (const auto& id : role.rules) rules += (rules.empty() ? "" : ", ") + id;
    std::cout << fmt::format("  {}: {}\n      rules: {}", role.name, role.description, rules);
    if (role.clearance)
      std::cout << fmt::format("; clearance {}", role.clearance->min_mm == role.clearance->max_mm
                                                     ? fmt::format("{} mm", role.clearance->min_mm)
                                                     : fmt::format("{} to {} mm", role.clearance->min_mm,
                                                                   role.clearance->max_mm));
    std::cout << "\n";
  }
  if (!g.notes.empty()) std::cout << "Notes\n";
  for (const auto& n : g.notes) std::cout << "  - " << n << "\n";
  std::cout << "Sources\n";
  for (const auto& s : g.sources)
    std::cout << "  - " << s.text << (s.url.empty() ? "" : " <" + s.url + ">") << "\n";
}

int run_show(const std::string& id, bool json) {
  auto grid = core::load_grid(id);
  if (!grid) return report_error(grid.error());
  if (json) {
    print_json(grid->document);
    return exit_ok;
  }
  const auto& g = *grid;
  std::cout << fmt::format("{} ({})\n", g.name, g.id);
  if (!g.description.empty()) std::cout << g.description << "\n";
  std::cout << fmt::format("Pitch        {} mm\n", g.pitch_mm);
  std::cout << "Sub-grid     " << lengths(g.subgrid_mm) << "\n";
  print_dimensions(g);
  print_holes(g);
  print_rules(g);
  return exit_ok;
}

}  // namespace

void register_grid(CLI::App& app, Dispatch& dispatch) {
  auto* grid = app.add_subcommand("grid", "Grid standards: list them, show one");
  grid->require_subcommand(1);

  auto* list = grid->add_subcommand("list", "List the built-in grid standards");
  auto list_json = std::make_shared<bool>(false);
  add_json_flag(list, *list_json);
  on_run(list, dispatch, [list_json] { return run_list(*list_json); });

  auto* show = grid->add_subcommand("show", "Show every value and rule of a grid standard");
  auto id = std::make_shared<std::string>();
  auto show_json = std::make_shared<bool>(false);
  show->add_option("standard", *id, "A built-in id (see 'grid list') or a standard file")
      ->required();
  add_json_flag(show, *show_json);
  on_run(show, dispatch, [id, show_json] { return run_show(*id, *show_json); });
}

}  // namespace archipel::cli
