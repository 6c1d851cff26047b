// Reading a grid standard: JSON Schema first (grid.schema.json), then the typed model and the
// checks a schema cannot express.
#include <algorithm>
#include <cmath>
#include <set>

#include <fmt/format.h>

#include "archipel/core/grid.hpp"
#include "archipel/core/json.hpp"

namespace archipel::core {
namespace {

using nlohmann::json;

std::vector<double> numbers(const json& doc, const char* key) {
  std::vector<double> out;
  if (doc.contains(key))
    for (const auto& v : doc.at(key)) out.push_back(v.get<double>());
  return out;
}

std::string text_or_empty(const json& doc, const char* key) {
  return doc.contains(key) ? doc.at(key).get<std::string>() : std::string{};
}

AxisConstraint read_axis(const json& doc) {
  AxisConstraint axis;
  axis.constrained = doc.at("constrained").get<bool>();
  if (doc.contains("step_mm")) axis.step_mm = doc.at("step_mm").get<double>();
  return axis;
}

DimensionRules read_dimensions(const json& doc) {
  DimensionRules d;
  d.width = read_axis(doc.at("width"));
  d.depth = read_axis(doc.at("depth"));
  d.height = read_axis(doc.at("height"));
  d.thickness_constrained = doc.at("thickness_constrained").get<bool>();
  d.clearance = {doc.at("clearance_mm").at("min").get<double>(),
                 doc.at("clearance_mm").at("max").get<double>()};
  return d;
}

std::optional<HeightUnit> read_height_unit(const json& doc) {
  if (!doc.contains("height_unit")) return std::nullopt;
  const auto& h = doc.at("height_unit");
  HeightUnit unit{h.at("unit_mm").get<double>(), {}};
  for (const auto& e : h.at("extras"))
    unit.extras.push_back({e.at("mm").get<double>(), e.at("name").get<std::string>()});
  return unit;
}

std::optional<AssemblyPoints> read_assembly_points(const json& doc) {
  if (!doc.contains("assembly_points")) return std::nullopt;
  const auto& a = doc.at("assembly_points");
  return AssemblyPoints{a.at("step_mm").get<double>(), numbers(a, "offsets_mm")};
}

std::optional<double> optional_number(const json& doc, const char* key) {
  if (!doc.contains(key)) return std::nullopt;
  return doc.at(key).get<double>();
}

std::vector<Fastener> read_fasteners(const json& doc) {
  std::vector<Fastener> out;
  if (!doc.contains("fasteners")) return out;
  for (const auto& f : doc.at("fasteners"))
    out.push_back({f.at("name").get<std::string>(), f.at("nominal_mm").get<double>(),
                   optional_number(f, "clearance_fine_mm"),
                   optional_number(f, "clearance_medium_mm"), numbers(f, "holes_mm")});
  return out;
}

RuleCheck read_check(const std::string& name) {
  if (name == "height-unit") return RuleCheck::height_unit;
  if (name == "assembly-point") return RuleCheck::assembly_point;
  if (name == "hole-diameter") return RuleCheck::hole_diameter;
  if (name == "round-diameter") return RuleCheck::round_diameter;
  if (name == "cell-opening") return RuleCheck::cell_opening;
  return RuleCheck::dimension;
}

Severity read_severity(const std::string& name) {
  if (name == "warning") return Severity::warning;
  if (name == "info") return Severity::info;
  return Severity::error;
}

std::vector<GridRule> read_rules(const json& doc) {
  std::vector<GridRule> out;
  for (const auto& r : doc.at("rules"))
    out.push_back({r.at("id").get<std::string>(), read_check(r.at("check").get<std::string>()),
                   read_severity(r.at("severity").get<std::string>()),
                   r.at("clause").get<std::string>(), r.at("description").get<std::string>(),
                   text_or_empty(r, "note")});
  return out;
}

std::vector<GridRole> read_roles(const json& doc) {
  std::vector<GridRole> out;
  if (!doc.contains("roles")) return out;
  for (const auto& r : doc.at("roles")) {
    GridRole role{r.at("name").get<std::string>(), r.at("description").get<std::string>(), std::nullopt,
                  r.at("rules").get<std::vector<std::string>>()};
    if (r.contains("clearance_mm"))
      role.clearance = Clearance{r.at("clearance_mm").at("min").get<double>(),
                                 r.at("clearance_mm").at("max").get<double>()};
    out.push_back(std::move(role));
  }
  return out;
}

GridStandard build_model(const json& doc) {
  GridStandard g;
  g.id = doc.at("id").get<std::string>();
  g.name = doc.at("name").get<std::string>();
  g.description = text_or_empty(doc, "description");
  for (const auto& s : doc.at("sources"))
    g.sources.push_back({text_or_empty(s, "url"), s.at("text").get<std::string>()});
  g.pitch_mm = doc.at("pitch_mm").get<double>();
  g.subgrid_mm = numbers(doc, "subgrid_mm");
  g.dimensions = read_dimensions(doc.at("dimensions"));
  g.height_unit = read_height_unit(doc);
  g.assembly_points = read_assembly_points(doc);
  g.round_diameters_mm = numbers(doc, "round_diameters_mm");
  g.hole_diameters_mm = numbers(doc, "hole_diameters_mm");
  g.fasteners = read_fasteners(doc);
  g.tolerances = {doc.at("tolerances").at("dimension_mm").get<double>(),
                  doc.at("tolerances").at("position_mm").get<double>(),
                  doc.at("tolerances").at("diameter_mm").get<double>()};
  if (doc.contains("notes"))
    for (const auto& n : doc.at("notes")) g.notes.push_back(n.get<std::string>());
  g.rules = read_rules(doc);
  g.roles = read_roles(doc);
  g.document = doc;
  return g;
}

// A semantic problem: the message and the JSON pointer it is about.
struct Problem {
  std::string pointer;
  std::string message;
};

bool divides(double step, double pitch) {
  const double n = pitch / step;
  return std::abs(n - std::round(n)) < 1e-9;
}

// A clearance (the standard's, or a role's at `pointer`) must leave a part of every step.
std::optional<Problem> check_clearance(const DimensionRules& d, const Clearance& c,
                                       const std::string& pointer) {
  const std::pair<const char*, const AxisConstraint*> axes[] = {
      {"width", &d.width}, {"depth", &d.depth}, {"height", &d.height}};
  for (const auto& [name, axis] : axes)
    if (axis->constrained && c.max_mm >= axis->step_mm)
      return Problem{pointer + "/max", fmt::format("clearance {} mm is not smaller than the {} step of {} mm",
                                                   c.max_mm, name, axis->step_mm)};
  if (c.min_mm > c.max_mm) return Problem{pointer, "min is larger than max"};
  return std::nullopt;
}

std::optional<Problem> check_axes(const DimensionRules& d) {
  const std::pair<const char*, const AxisConstraint*> axes[] = {
      {"width", &d.width}, {"depth", &d.depth}, {"height", &d.height}};
  for (const auto& [name, axis] : axes)
    if (axis->constrained && axis->step_mm <= 0)
      return Problem{fmt::format("/dimensions/{}", name), "a constrained axis needs step_mm"};
  return check_clearance(d, d.clearance, "/dimensions/clearance_mm");
}

// Role names are unique, their rules exist, their clearances fit the steps.
std::optional<Problem> check_roles(const GridStandard& g) {
  std::set<std::string> names;
  for (std::size_t i = 0; i < g.roles.size(); ++i) {
    const GridRole& role = g.roles[i];
    if (!names.insert(role.name).second)
      return Problem{fmt::format("/roles/{}/name", i), fmt::format("duplicate role \"{}\"", role.name)};
    for (std::size_t k = 0; k < role.rules.size(); ++k)
      if (std::ranges::find(g.rules, role.rules[k], &GridRule::id) == g.rules.end())
        return Problem{fmt::format("/roles/{}/rules/{}", i, k),
                       fmt::format("role \"{}\" names rule \"{}\", which the standard does not define",
                                   role.name, role.rules[k])};
    if (role.clearance)
      if (auto p = check_clearance(g.dimensions, *role.clearance, fmt::format("/roles/{}/clearance_mm", i)))
        return p;
  }
  return std::nullopt;
}

std::optional<Problem> check_data_for_rule(const GridStandard& g, const GridRule& rule,
                                           std::size_t index) {
  const std::string pointer = fmt::format("/rules/{}/check", index);
  const auto missing = [&](const char* what) {
    return Problem{pointer, fmt::format("rule {} checks {} but the standard has no {}", rule.id,
                                        check_name(rule.check), what)};
  };
  switch (rule.check) {
    case RuleCheck::dimension: {
      const auto& d = g.dimensions;
      if (!d.width.constrained && !d.depth.constrained && !d.height.constrained)
        return missing("constrained dimension");
      break;
    }
    case RuleCheck::height_unit:
      if (!g.height_unit) return missing("height_unit");
      break;
    case RuleCheck::assembly_point:
      if (!g.assembly_points) return missing("assembly_points");
      break;
    case RuleCheck::hole_diameter:
      if (allowed_hole_diameters(g).empty()) return missing("fasteners or hole_diameters_mm");
      break;
    case RuleCheck::round_diameter:
      if (g.round_diameters_mm.empty()) return missing("round_diameters_mm");
      break;
  }
  return std::nullopt;
}

std::optional<Problem> check_semantics(const GridStandard& g) {
  for (std::size_t i = 0; i < g.subgrid_mm.size(); ++i)
    if (!divides(g.subgrid_mm[i], g.pitch_mm))
      return Problem{fmt::format("/subgrid_mm/{}", i),
                     fmt::format("sub-grid step {} mm does not divide the pitch of {} mm",
                                 g.subgrid_mm[i], g.pitch_mm)};
  if (auto p = check_axes(g.dimensions)) return p;
  if (g.assembly_points)
    for (std::size_t i = 0; i < g.assembly_points->offsets_mm.size(); ++i)
      if (g.assembly_points->offsets_mm[i] >= g.assembly_points->step_mm)
        return Problem{fmt::format("/assembly_points/offsets_mm/{}", i),
                       "an offset must be smaller than the step"};
  std::set<std::string> ids;
  for (std::size_t i = 0; i < g.rules.size(); ++i) {
    if (!ids.insert(g.rules[i].id).second)
      return Problem{fmt::format("/rules/{}/id", i),
                     fmt::format("duplicate rule id \"{}\"", g.rules[i].id)};
    if (auto p = check_data_for_rule(g, g.rules[i], i)) return p;
  }
  if (auto p = check_roles(g)) return p;
  std::set<std::string> names;
  for (std::size_t i = 0; i < g.fasteners.size(); ++i)
    if (!names.insert(g.fasteners[i].name).second)
      return Problem{fmt::format("/fasteners/{}/name", i),
                     fmt::format("duplicate fastener \"{}\"", g.fasteners[i].name)};
  return std::nullopt;
}

// valijson reports a violation at every level from the root down; the deepest one is the cause.
const SchemaViolation& deepest(const std::vector<SchemaViolation>& violations) {
  return *std::ranges::max_element(violations, {}, [](const SchemaViolation& v) {
    return std::ranges::count(v.pointer, '/');
  });
}

}  // namespace

Result<GridStandard> parse_grid(const nlohmann::json& doc, const std::string& origin) {
  auto violations = validate_against_schema(doc, "grid.schema.json");
  if (!violations) return std::unexpected(with_origin(violations.error(), origin));
  if (!violations->empty()) {
    const auto& v = deepest(*violations);
    return fail(Errc::invalid, v.message, origin, v.pointer);
  }
  GridStandard grid;
  try {
    grid = build_model(doc);
  } catch (const nlohmann::json::exception& e) {
    return fail(Errc::invalid, fmt::format("unreadable grid standard: {}", e.what()), origin);
  }
  if (auto problem = check_semantics(grid))
    return fail(Errc::invalid, problem->message, origin, problem->pointer);
  return grid;
}

}  // namespace archipel::core
