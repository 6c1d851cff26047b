// The part families of `archipel make`: the embedded data, the checking of given values and the
// plan of one part. Ranges live in core/families/families.json; the checks that relate two
// parameters (a hole that would cut the other leg of a bracket…) are here, one function per family.
#include "archipel/core/families.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <numbers>

#include <fmt/format.h>

#include "archipel/core/resources.hpp"
#include "archipel/core/schema_check.hpp"
#include "archipel/core/suggest.hpp"

namespace archipel::core {
namespace {

using nlohmann::json;
constexpr const char* resource_name = "families/families.json";
constexpr double same = 1e-9;  // parsed decimal text against the data's numbers, not geometry

std::string num(double value) { return fmt::format("{:g}", value); }

FamilyParameter parameter_from_json(const json& p) {
  FamilyParameter out;
  out.name = p.at("name").get<std::string>();
  out.type = p.at("type").get<std::string>();
  if (p.contains("axes")) out.axes = p["axes"].get<std::vector<std::string>>();
  if (p.contains("min")) out.min = p["min"].get<double>();
  if (p.contains("max")) out.max = p["max"].get<double>();
  out.choices = p.value("choices", json::array());
  out.default_value = p.value("default", json());
  out.unit = p.value("unit", "");
  out.description = p.at("description").get<std::string>();
  return out;
}

Family family_from_json(const json& f) {
  Family out;
  out.id = f.at("id").get<std::string>();
  out.standard = f.at("standard").get<std::string>();
  out.role = f.value("role", "");
  out.description = f.at("description").get<std::string>();
  out.material = f.at("material").at("default").get<std::string>();
  out.form = f.at("material").at("form").get<std::string>();
  out.processes = f.at("processes").get<std::vector<std::string>>();
  for (const auto& p : f.at("parameters")) out.parameters.push_back(parameter_from_json(p));
  return out;
}

std::unexpected<Error> bad(const std::string& option, std::string message) {
  return std::unexpected(Error{Errc::invalid, std::move(message), fmt::format("--{}", option), {}});
}

std::string range_text(const FamilyParameter& p) {
  const std::string unit = p.unit.empty() ? "" : " " + p.unit;
  if (p.type == "switch") return "on or off";
  if (p.type == "choice") {
    std::vector<std::string> items;
    for (const auto& c : p.choices) items.push_back(c.is_string() ? c.get<std::string>() : num(c.get<double>()));
    return fmt::format("one of {}{}", fmt::join(items, ", "), p.type == "choice" && p.choices[0].is_number() ? unit : "");
  }
  if (p.type == "size")
    return fmt::format("{} ({} from {} to {}{})", fmt::join(p.axes, " x "), p.axes.size() == 1 ? "an integer" : "integers",
                       num(*p.min), num(*p.max), unit);
  return fmt::format("{} from {} to {}{}", p.type == "integer" ? "an integer" : "a number", num(*p.min),
                     num(*p.max), unit);
}

std::optional<double> parse_number(const std::string& text) {
  double value = 0;
  const auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || ptr != text.data() + text.size() || !std::isfinite(value)) return std::nullopt;
  return value;
}

Result<json> parse_size(const FamilyParameter& p, const std::string& text) {
  const auto wrong = [&] {
    return bad(p.name, fmt::format("\"{}\" is not {}", text.substr(0, 40), range_text(p)));
  };
  // N, NxM or NxMxH with 1 to 6 digits each, checked by hand: no regex engine for a command-line
  // value (std::regex recurses per character; issue 9).
  json units = json::array();
  for (std::size_t start = 0; start <= text.size();) {
    const std::size_t end = std::min(text.find('x', start), text.size());
    const std::string_view digits = std::string_view(text).substr(start, end - start);
    if (digits.empty() || digits.size() > 6 || units.size() == 3 ||
        !std::all_of(digits.begin(), digits.end(), [](char c) { return c >= '0' && c <= '9'; }))
      return wrong();
    units.push_back(std::stoi(std::string(digits)));
    start = end + 1;
  }
  if (units.size() != p.axes.size()) return wrong();
  for (std::size_t i = 0; i < units.size(); ++i) {
    const int u = units[i].get<int>();
    if (u < *p.min || u > *p.max)
      return bad(p.name, fmt::format("{} {} is outside {} to {} {}", p.axes[i], u, num(*p.min), num(*p.max), p.unit));
  }
  return units;
}

Result<json> parse_value(const FamilyParameter& p, const std::string& text) {
  if (p.type == "size") return parse_size(p, text);
  if (p.type == "switch") {
    if (text == "on") return json(true);
    if (text == "off") return json(false);
    return bad(p.name, fmt::format("\"{}\" is not on or off", text));
  }
  if (p.type == "choice") {
    const auto value = parse_number(text);
    for (const auto& c : p.choices)
      if ((c.is_string() && c.get<std::string>() == text) ||
          (c.is_number() && value && std::abs(c.get<double>() - *value) < same))
        return c;
    return bad(p.name, fmt::format("\"{}\" is not {}", text, range_text(p)));
  }
  const auto value = parse_number(text);
  const bool integer = p.type == "integer";
  if (!value || (integer && std::abs(*value - std::round(*value)) > same))
    return bad(p.name, fmt::format("\"{}\" is not {}", text, range_text(p)));
  if (*value < *p.min - same || *value > *p.max + same)
    return bad(p.name, fmt::format("{} is outside {} to {}{}", text, num(*p.min), num(*p.max),
                                   p.unit.empty() ? "" : " " + p.unit));
  return integer ? json(static_cast<int>(std::round(*value))) : json(*value);
}

double number(const json& params, const char* name) { return params.at(name).get<double>(); }
int units(const json& params, std::size_t axis) { return params.at("size").at(axis).get<int>(); }

// Each family's defaults that depend on another value, its contradictions, and its nominal size.
Result<void> os_bracket(PartPlan& plan) {
  const json& p = plan.parameters;
  const double t = number(p, "thickness"), d = number(p, "hole-diameter");
  if (t + d / 2 >= 20)
    return bad("hole-diameter", fmt::format("{} with --thickness {}: the first hole, 20 mm from the bend, "
                                            "would cut the other leg (thickness + diameter / 2 must be under 20 mm)",
                                            num(d), num(t)));
  plan.dimensions_mm = {40.0 * units(p, 0), 40.0 * units(p, 1), 40.0 * units(p, 2)};
  return {};
}

Result<void> os_disc(PartPlan& plan) {
  json& p = plan.parameters;
  const double dia = number(p, "diameter"), d = number(p, "hole-diameter");
  if (p["bolt-circle"] == "auto") p["bolt-circle"] = dia - 40 >= 40 ? (dia - 40 >= 80 ? (dia - 40 >= 120 ? 120 : 80) : 40) : 20;
  if (p["centre-hole"] == "auto") p["centre-hole"] = dia >= 80 ? 20 : 0;
  const double bolt = number(p, "bolt-circle"), centre = number(p, "centre-hole");
  const int n = p["holes"].get<int>();
  if (bolt / 2 + d / 2 + 2 > dia / 2)
    return bad("bolt-circle", fmt::format("{} does not fit a disc of {} mm: its holes need bolt circle + "
                                          "hole diameter + 4 mm at most the disc diameter", num(bolt), num(dia)));
  if (bolt * std::sin(std::numbers::pi / n) < d + 1)
    return bad("holes", fmt::format("{} holes of {} mm overlap on a {} mm bolt circle (at least 1 mm between holes)",
                                    n, num(d), num(bolt)));
  if (centre > 0 && centre / 2 + 1 > bolt / 2 - d / 2)
    return bad("centre-hole", fmt::format("{} reaches the holes of the {} mm bolt circle (1 mm between them at least)",
                                          num(centre), num(bolt)));
  plan.dimensions_mm = {dia, dia, number(p, "thickness")};
  return {};
}

void gridfinity_bin(PartPlan& plan) {
  const json& p = plan.parameters;
  const int x = units(p, 0), y = units(p, 1), h = units(p, 2);
  plan.dimensions_mm = {42.0 * x - 0.5, 42.0 * y - 0.5, 7.0 * h + (p["lip"].get<bool>() ? 4.4 : 0.0)};
  plan.grid_units = {x, y};
}

Result<void> finish_plan(PartPlan& plan) {
  const json& p = plan.parameters;
  const std::string& f = plan.family;
  if (f == "os-plate") plan.dimensions_mm = {40.0 * units(p, 0), 40.0 * units(p, 1), number(p, "thickness")};
  else if (f == "os-strip") plan.dimensions_mm = {40.0 * units(p, 0), 40, number(p, "thickness")};
  else if (f == "os-bracket") { if (auto r = os_bracket(plan); !r) return r; }
  else if (f == "os-disc") { if (auto r = os_disc(plan); !r) return r; }
  else if (f == "os-spacer") {
    // Measured on its axis: the footprint is the 40 mm circle, the length is the height.
    plan.dimensions_mm = {40, 40, number(p, "length")};
    plan.grid_units = {1, 1};
  }
  else if (f == "gridfinity-bin") gridfinity_bin(plan);
  else if (f == "gridfinity-baseplate")
    plan.dimensions_mm = {42.0 * units(p, 0), 42.0 * units(p, 1), 4.65 + (p["magnets"].get<bool>() ? 4.0 : 0.0)};
  else if (f == "bitbeam-beam") plan.dimensions_mm = {8.0 * units(p, 0), 8, 8};
  else if (f == "bitbeam-plate") plan.dimensions_mm = {8.0 * units(p, 0), 8.0 * units(p, 1), number(p, "thickness")};
  else return fail(Errc::io, fmt::format("no generator for family {}", f));
  if (plan.grid_units.empty()) {
    // Every extent but the smallest (a thickness, or the height of a flat part) in grid units;
    // the bracket and the spacer have three real extents and the smallest is kept for them.
    auto d = plan.dimensions_mm;
    std::ranges::sort(d, std::greater<>());
    const double pitch = f.starts_with("os-") ? 40 : f.starts_with("bitbeam") ? 8 : 42;
    const std::size_t count = f == "os-bracket" ? 3 : 2;
    for (std::size_t i = 0; i < count; ++i) plan.grid_units.push_back(std::max(1, static_cast<int>(std::lround(d[i] / pitch))));
  }
  std::ranges::sort(plan.grid_units, std::greater<>());
  return {};
}

std::string value_text(const json& v) {
  if (v.is_string()) return v.get<std::string>();
  if (v.is_boolean()) return v.get<bool>() ? "on" : "off";
  if (v.is_array()) {
    std::vector<std::string> parts;
    for (const auto& u : v) parts.push_back(std::to_string(u.get<int>()));
    return fmt::format("{}", fmt::join(parts, "x"));
  }
  return num(v.get<double>());
}

// Name from the size and the values that differ from the defaults, in the data's order.
void name_plan(PartPlan& plan, const Family& family, const json& defaults) {
  plan.name = family.id;
  std::vector<std::string> described;
  for (const auto& p : family.parameters) {
    const json& v = plan.parameters[p.name];
    const std::string text = value_text(v);
    described.push_back(fmt::format("{} {}{}", p.name, text, p.unit == "mm" ? " mm" : ""));
    if (p.type == "size") plan.name += fmt::format("-{}", text);
    else if (p.name == "diameter" || p.name == "length") plan.name += fmt::format("-{}{}", p.name[0], text);
    else if (defaults.contains(p.name) && defaults[p.name] == v) continue;
    else if (p.type == "switch") plan.name += fmt::format("-{}{}", v.get<bool>() ? "" : "no-", p.name);
    else if (v.is_string()) plan.name += fmt::format("-{}", text);
    else plan.name += fmt::format("-{}{}", p.name, text);
  }
  plan.description = fmt::format("{} ({})", family.description, fmt::join(described, ", "));
}

}  // namespace

Result<FamilyCatalogue> load_families() {
  const auto text = resource(resource_name);
  if (!text) return fail(Errc::io, "the family catalogue is not embedded (a build defect)", resource_name);
  const json doc = json::parse(*text, nullptr, false);
  if (doc.is_discarded()) return fail(Errc::io, "the family catalogue is not JSON (a build defect)", resource_name);
  if (auto ok = check_against_schema(doc, "families.schema.json", resource_name); !ok)
    return std::unexpected(ok.error());
  FamilyCatalogue out;
  out.licence = doc["licence"].get<std::string>();
  out.licence_reason = doc["licence_reason"].get<std::string>();
  out.designer_name = doc["designer"]["name"].get<std::string>();
  out.designer_email = doc["designer"]["email"].get<std::string>();
  for (const auto& f : doc["families"]) out.families.push_back(family_from_json(f));
  return out;
}

Result<const Family*> find_family(const FamilyCatalogue& catalogue, std::string_view id) {
  std::vector<std::string> ids;
  for (const auto& f : catalogue.families) {
    if (f.id == id) return &f;
    ids.push_back(f.id);
  }
  const auto suggestion = closest_match(id, {ids.begin(), ids.end()});
  return fail(Errc::usage, fmt::format("unknown family \"{}\"{} (archipel make --list shows them)", id,
                                       suggestion.empty() ? "" : fmt::format("; did you mean \"{}\"?", suggestion)));
}

Result<PartPlan> plan_part(const Family& family, const std::map<std::string, std::string>& given) {
  PartPlan plan;
  plan.family = family.id;
  json defaults = json::object();
  for (const auto& [name, text] : given) {
    const bool known = std::ranges::any_of(family.parameters, [&](const auto& p) { return p.name == name; });
    if (!known) {
      std::vector<std::string> names;
      for (const auto& p : family.parameters) names.push_back("--" + p.name);
      return bad(name, fmt::format("{} takes no --{} (its parameters: {})", family.id, name, fmt::join(names, ", ")));
    }
  }
  for (const auto& p : family.parameters) {
    const auto it = given.find(p.name);
    if (it == given.end()) {
      if (p.default_value.is_null()) return bad(p.name, fmt::format("is required for {}: {}", family.id, range_text(p)));
      plan.parameters[p.name] = p.type == "switch" ? json(p.default_value == "on") : p.default_value;
      defaults[p.name] = plan.parameters[p.name];
      continue;
    }
    auto value = parse_value(p, it->second);
    if (!value) return std::unexpected(value.error());
    plan.parameters[p.name] = std::move(*value);
  }
  if (auto ok = finish_plan(plan); !ok) return std::unexpected(ok.error());
  name_plan(plan, family, defaults);
  return plan;
}

json to_json(const FamilyCatalogue& catalogue) {
  json families = json::array();
  for (const auto& f : catalogue.families) {
    json params = json::array();
    for (const auto& p : f.parameters) {
      json entry{{"name", p.name}, {"type", p.type}, {"description", p.description}, {"range", range_text(p)}};
      if (!p.axes.empty()) entry["axes"] = p.axes;
      if (p.min) entry["min"] = *p.min;
      if (p.max) entry["max"] = *p.max;
      if (!p.choices.empty()) entry["choices"] = p.choices;
      entry["default"] = p.default_value;
      if (!p.unit.empty()) entry["unit"] = p.unit;
      params.push_back(std::move(entry));
    }
    json entry{{"id", f.id}, {"standard", f.standard}, {"description", f.description},
               {"material", f.material}, {"processes", f.processes}, {"parameters", params}};
    if (!f.role.empty()) entry["role"] = f.role;
    families.push_back(std::move(entry));
  }
  return {{"licence", catalogue.licence}, {"designer", catalogue.designer_name}, {"families", families}};
}

}  // namespace archipel::core
