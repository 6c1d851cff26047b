// archipel make --list [--json]
// archipel make FAMILY [--size ...] [--PARAMETER VALUE ...] [--material M] [--out DIR] [--force] [--json]
// Checks the parameters against the family data (core/families/families.json), has the geometry
// worker write the STEP, STL and 3MF, measures and validates the STEP through the normal path,
// then writes a part.json ready for `publish`. Bad values exit 1, an unknown family 2.
#include <algorithm>
#include <iostream>
#include <map>
#include <memory>
#include <set>

#include <fmt/format.h>

#include "archipel/core/families.hpp"
#include "archipel/core/geometry.hpp"
#include "archipel/core/grid.hpp"
#include "archipel/core/manifest.hpp"
#include "archipel/core/materials.hpp"
#include "archipel/core/safe_fs.hpp"
#include "archipel/core/suggest.hpp"
#include "archipel/core/validate.hpp"
#include "commands.hpp"
#include "commands/make_part.hpp"
#include "output.hpp"
#include "validate_report.hpp"

namespace archipel::cli {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;
using nlohmann::ordered_json;

struct MakeArgs {
  std::string family, material, out;
  bool list = false, force = false, json = false;
  std::map<std::string, CLI::Option*> parameters;  // every family parameter, by name
  std::map<std::string, std::string> values;
};

void print_list(const core::FamilyCatalogue& catalogue) {
  for (const auto& f : catalogue.families) {
    std::cout << fmt::format("{}  ({}{}) {}\n", f.id, f.standard, f.role.empty() ? "" : ", role " + f.role, f.description);
    const json params = core::to_json(catalogue)["families"];
    for (const auto& entry : params)
      if (entry["id"] == f.id)
        for (const auto& p : entry["parameters"]) {
          const json& d = p["default"];
          const std::string def = d.is_null() ? "required" : "default " + (d.is_string() ? d.get<std::string>() : d.dump());
          std::cout << fmt::format("    --{:<14} {} ({})\n", p["name"].get<std::string>(), p["range"].get<std::string>(), def);
        }
  }
  std::cout << fmt::format("Generated parts are licensed {} (designer \"{}\"); --material (default per family) is one of: {}\n",
                           catalogue.licence, catalogue.designer_name, fmt::join(core::material_names(), ", "));
}

core::Result<void> check_material(const std::string& material) {
  const auto names = core::material_names();
  if (std::ranges::find(names, material) != names.end()) return {};
  const auto suggestion = core::closest_match(material, {names.begin(), names.end()});
  return core::fail(core::Errc::invalid, fmt::format("unknown material \"{}\"{} (one of: {})", material,
                                                     suggestion.empty() ? "" : fmt::format("; did you mean \"{}\"?", suggestion),
                                                     fmt::join(names, ", ")), "--material");
}

// The output folder: created when absent; never a link; not overwritten without --force.
core::Result<void> prepare_folder(const fs::path& folder, bool force) {
  std::error_code ec;
  const auto status = fs::symlink_status(folder, ec);
  if (status.type() == fs::file_type::symlink)
    return core::fail(core::Errc::invalid, "is a symbolic link; Archipel writes through no link", folder.string());
  if (status.type() != fs::file_type::not_found && status.type() != fs::file_type::directory)
    return core::fail(core::Errc::invalid, "exists and is not a folder", folder.string());
  if (!force && fs::exists(folder / "part.json", ec))
    return core::fail(core::Errc::invalid, "already holds a part.json; use --force to replace it", folder.string());
  fs::create_directories(folder, ec);
  if (ec) return core::fail(core::Errc::io, "cannot create the folder: " + ec.message(), folder.string());
  return {};
}

ordered_json mm(double value) {
  const double whole = std::round(value);
  if (std::abs(value - whole) < 1e-9) return static_cast<long long>(whole);
  return std::round(value * 1e6) / 1e6;
}

ordered_json manifest_json(const core::FamilyCatalogue& c, const core::Family& f, const core::PartPlan& plan,
                           const std::string& material, const std::vector<core::MadeFile>& files) {
  ordered_json listed = ordered_json::array();
  for (const auto& file : files) {
    ordered_json entry{{"path", file.path}, {"role", "geometry"}, {"format", file.format}, {"sha256", file.sha256}};
    if (file.format == "stl") entry["unit"] = "mm";
    listed.push_back(std::move(entry));
  }
  ordered_json m{{"name", material}, {"form", f.form}};
  if (f.form == "sheet" && plan.parameters.contains("thickness")) m["thickness_mm"] = mm(plan.parameters["thickness"].get<double>());
  ordered_json fabrication = ordered_json::array();
  for (const auto& process : f.processes) fabrication.push_back({{"process", process}, {"file", files.front().path}});
  ordered_json grid{{"standard", f.standard}, {"size", plan.grid_units}};
  if (!f.role.empty()) grid["role"] = f.role;
  const auto& d = plan.dimensions_mm;
  return {{"schema", core::manifest_schema_version}, {"kind", "part"}, {"name", plan.name}, {"version", "1.0.0"},
          {"designer", {{"name", c.designer_name}, {"email", c.designer_email}}}, {"licence", c.licence},
          {"materials", ordered_json::array({m})},
          {"dimensions", {{"width_mm", mm(d[0])}, {"depth_mm", mm(d[1])}, {"height_mm", mm(d[2])}}},
          {"grid", grid}, {"files", listed}, {"fabrication", fabrication}, {"description", plan.description},
          {"tags", {f.id, f.standard, "generated"}}};
}

int run_make(MakeArgs& args) {
  auto catalogue = core::load_families();
  if (!catalogue) return report_error(catalogue.error());
  if (args.list) {
    if (args.json) print_json(core::to_json(*catalogue));
    else print_list(*catalogue);
    return exit_ok;
  }
  if (args.family.empty())
    return report_error(core::Error{core::Errc::usage, "name a FAMILY to make, or --list to see them", {}, {}});
  auto family = core::find_family(*catalogue, args.family);
  if (!family) return report_error(family.error());
  for (const auto& [name, option] : args.parameters)
    if (option->count() > 0) args.values[name] = option->as<std::string>();
  auto plan = core::plan_part(**family, args.values);
  if (!plan) return report_error(plan.error());
  const std::string material = args.material.empty() ? (*family)->material : args.material;
  if (auto ok = check_material(material); !ok) return report_error(ok.error());
  const fs::path folder = fs::absolute(args.out.empty() ? plan->name : args.out);
  if (auto ok = prepare_folder(folder, args.force); !ok) return report_error(ok.error());
  auto made = generate_part(*catalogue, **family, *plan, material, folder);
  if (!made) return report_error(made.error());
  const auto* files = &made->files;
  const auto* checked = &*made;
  if (checked->report.verdict == core::Verdict::fails) {
    print_validation(files->front().path, checked->report, checked->part, checked->grid);
    return report_error(core::Error{core::Errc::io, "the generated part does not conform (a generator defect; please report it); no part.json written", plan->name, {}});
  }
  if (args.json) {
    json out{{"family", plan->family}, {"name", plan->name}, {"folder", folder.string()}, {"parameters", plan->parameters},
             {"material", material}, {"verdict", core::verdict_name(checked->report.verdict)},
             {"validation", core::to_json(checked->report, checked->part)}};
    for (const auto& f : *files) out["files"].push_back({{"path", f.path}, {"format", f.format}, {"sha256", f.sha256}});
    out["files"].push_back({{"path", "part.json"}, {"format", "manifest"}});
    print_json(out);
  } else {
    const auto& d = plan->dimensions_mm;
    std::cout << fmt::format("made {} in {}: {}.step, {}.stl, {}.3mf, part.json\n", plan->name, folder.string(),
                             plan->name, plan->name, plan->name);
    std::cout << fmt::format("{} x {} x {} mm, {} hole{}, {}: {}\n", core::round_report_mm(d[0]), core::round_report_mm(d[1]),
                             core::round_report_mm(d[2]), checked->part.holes.size(), checked->part.holes.size() == 1 ? "" : "s",
                             (*family)->standard, core::verdict_name(checked->report.verdict));
  }
  return exit_ok;
}

}  // namespace

core::Result<GeneratedPart> generate_part(const core::FamilyCatalogue& catalogue, const core::Family& family,
                                          const core::PartPlan& plan, const std::string& material,
                                          const fs::path& folder, const std::function<void(ordered_json&)>& adjust) {
  auto files = core::make_part_files(plan, folder);
  if (!files) return std::unexpected(files.error());
  auto grid = core::load_grid(family.standard);
  if (!grid) return std::unexpected(grid.error());
  auto part = core::measure_file(folder / files->front().path);
  if (!part) return std::unexpected(part.error());
  auto report = core::validate(*part, *grid, {family.role});
  const core::Declared declared{core::Vec3{plan.dimensions_mm[0], plan.dimensions_mm[1], plan.dimensions_mm[2]},
                                family.standard, plan.grid_units, "part.json"};
  core::check_declared(report, *part, *grid, declared);
  GeneratedPart out{std::move(*files), std::move(*part), std::move(report), std::move(*grid)};
  if (out.report.verdict == core::Verdict::fails) return out;
  auto doc = manifest_json(catalogue, family, plan, material, out.files);
  if (adjust) adjust(doc);
  auto manifest = core::parse_manifest(json::parse(doc.dump()), "part.json");
  if (!manifest) return std::unexpected(manifest.error());
  if (auto ok = core::write_file_atomic(folder / "part.json", core::manifest_text(*manifest)); !ok)
    return std::unexpected(ok.error());
  return out;
}

void register_make(CLI::App& app, Dispatch& dispatch) {
  auto args = std::make_shared<MakeArgs>();
  auto* sub = app.add_subcommand("make", "Generate a generic grid part (STEP, STL, 3MF and part.json), proven conforming");
  sub->add_option("FAMILY", args->family, "The family, e.g. os-plate, gridfinity-bin, bitbeam-beam (see --list)");
  sub->add_flag("--list", args->list, "List the families, their parameters and ranges");
  sub->add_option("--material", args->material, "Material (default: the family's)");
  sub->add_option("--out", args->out, "Folder to write into (default: the part's name)");
  sub->add_flag("--force", args->force, "Replace a part already in the folder");
  add_json_flag(sub, args->json);
  // One option per parameter name of any family; plan_part refuses those the family lacks.
  if (auto catalogue = core::load_families()) {
    std::set<std::string> names;
    for (const auto& f : catalogue->families)
      for (const auto& p : f.parameters)
        if (names.insert(p.name).second)
          args->parameters[p.name] = sub->add_option("--" + p.name, "Family parameter (see --list)");
  }
  on_run(sub, dispatch, [args] { return run_make(*args); });
}

}  // namespace archipel::cli
