// The built-in grid standards, lookup by id with "did you mean", and loading custom files.
#include "archipel/core/grid.hpp"

#include <algorithm>
#include <cmath>
#include <filesystem>

#include <fmt/format.h>

#include "archipel/core/json.hpp"
#include "archipel/core/resources.hpp"
#include "archipel/core/suggest.hpp"

namespace archipel::core {
namespace {

std::string suggestion(std::string_view id, const std::vector<GridStandard>& grids) {
  std::vector<std::string_view> ids;
  for (const auto& g : grids) ids.push_back(g.id);
  const std::string best = closest_match(id, ids);
  return best.empty() ? std::string{} : fmt::format("; did you mean \"{}\"?", best);
}

bool looks_like_path(std::string_view text) {
  std::error_code ec;
  return text.find('/') != std::string_view::npos || text.ends_with(".json") ||
         std::filesystem::is_regular_file(std::filesystem::path(text), ec);
}

}  // namespace

std::string_view severity_name(Severity severity) {
  switch (severity) {
    case Severity::error: return "error";
    case Severity::warning: return "warning";
    case Severity::info: return "info";
  }
  return "error";
}

std::string_view check_name(RuleCheck check) {
  switch (check) {
    case RuleCheck::dimension: return "dimension";
    case RuleCheck::height_unit: return "height-unit";
    case RuleCheck::assembly_point: return "assembly-point";
    case RuleCheck::hole_diameter: return "hole-diameter";
    case RuleCheck::round_diameter: return "round-diameter";
    case RuleCheck::cell_opening: return "cell-opening";
  }
  return "dimension";
}

std::vector<double> allowed_hole_diameters(const GridStandard& grid) {
  std::vector<double> out = grid.hole_diameters_mm;
  for (const auto& f : grid.fasteners) {
    if (f.clearance_fine_mm) out.push_back(*f.clearance_fine_mm);
    if (f.clearance_medium_mm) out.push_back(*f.clearance_medium_mm);
    out.insert(out.end(), f.holes_mm.begin(), f.holes_mm.end());
  }
  std::ranges::sort(out);
  const auto dup = std::ranges::unique(out, [](double a, double b) { return std::abs(a - b) < 1e-9; });
  out.erase(dup.begin(), dup.end());
  return out;
}

std::string describe_hole_diameter(const GridStandard& grid, double diameter_mm,
                                   double tolerance_mm) {
  const auto near_to = [&](std::optional<double> v) {
    return v && std::abs(*v - diameter_mm) <= tolerance_mm;
  };
  for (const auto& f : grid.fasteners) {
    if (near_to(f.clearance_medium_mm)) return f.name + " clearance (medium)";
    if (near_to(f.clearance_fine_mm)) return f.name + " clearance (fine)";
    for (double h : f.holes_mm)
      if (near_to(h)) return f.name + " hole";
  }
  for (double h : grid.hole_diameters_mm)
    if (near_to(h)) return "listed hole";
  return {};
}

const GridRole* find_role(const GridStandard& grid, std::string_view name) {
  const auto it = std::ranges::find(grid.roles, name, &GridRole::name);
  return it == grid.roles.end() ? nullptr : &*it;
}

Result<GridStandard> apply_role(const GridStandard& grid, std::string_view name) {
  if (grid.roles.empty())
    return fail(Errc::invalid, fmt::format("the {} standard defines no roles; \"{}\" cannot be one of "
                                           "its parts' roles", grid.id, name));
  const GridRole* role = find_role(grid, name);
  if (!role) {
    std::vector<std::string_view> names;
    std::string list;
    for (const auto& r : grid.roles) {
      names.push_back(r.name);
      list += (list.empty() ? "" : ", ") + r.name;
    }
    const std::string best = closest_match(name, names);
    return fail(Errc::invalid, fmt::format("the {} standard has no role \"{}\" (its roles: {}){}", grid.id,
                                           name, list,
                                           best.empty() ? "" : fmt::format("; did you mean \"{}\"?", best)));
  }
  GridStandard out = grid;
  if (role->clearance) out.dimensions.clearance = *role->clearance;
  std::erase_if(out.rules, [&](const GridRule& r) { return std::ranges::find(role->rules, r.id) == role->rules.end(); });
  return out;
}

std::vector<GridStandard> builtin_grids() {
  std::vector<GridStandard> out;
  for (const auto& r : resources_under("grids/")) {
    const std::string origin = std::string(r.name);
    auto doc = parse_json(r.data, origin);
    if (!doc) continue;  // cannot happen for files that passed the build's tests
    auto grid = parse_grid(*doc, origin);
    if (grid) out.push_back(std::move(*grid));
  }
  std::ranges::sort(out, {}, &GridStandard::id);
  return out;
}

Result<GridStandard> find_grid(std::string_view id) {
  auto grids = builtin_grids();
  for (auto& g : grids)
    if (g.id == id) return std::move(g);
  return fail(Errc::invalid,
              fmt::format("unknown grid standard \"{}\"{}", id, suggestion(id, grids)));
}

Result<GridStandard> load_grid(std::string_view id_or_path) {
  if (!looks_like_path(id_or_path)) return find_grid(id_or_path);
  const std::string origin(id_or_path);
  auto doc = read_json_file(std::filesystem::path(origin), default_max_json_bytes, origin);
  if (!doc) return std::unexpected(doc.error());
  return parse_grid(*doc, origin);
}

}  // namespace archipel::core
