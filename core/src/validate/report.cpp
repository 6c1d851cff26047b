// validate(): alignment, then each rule of the standard in its order; the verdict; the JSON report.
#include <cmath>

#include "archipel/core/geometry.hpp"
#include "archipel/core/warnings.hpp"
#include "validate_detail.hpp"

namespace archipel::core {
namespace {

void apply_rule(const PartMeasurement& part, const GridStandard& grid, const GridRule& rule,
                const Alignment& alignment, std::vector<Finding>& out, RuleOutcome& outcome) {
  switch (rule.check) {
    case RuleCheck::dimension: detail::check_dimension(part, grid, rule, out, outcome); break;
    case RuleCheck::height_unit: detail::check_height_unit(part, grid, rule, out, outcome); break;
    case RuleCheck::assembly_point:
      detail::check_assembly_points(part, grid, rule, alignment, out, outcome);
      break;
    case RuleCheck::hole_diameter: detail::check_hole_diameters(part, grid, rule, out, outcome); break;
    case RuleCheck::round_diameter: detail::check_round_diameters(part, grid, rule, out, outcome); break;
    case RuleCheck::cell_opening: detail::check_cell_openings(part, grid, rule, out, outcome); break;
  }
}

// Per hole (or per opening): the worst severity of the findings naming it.
std::vector<HoleVerdict> item_verdicts(std::size_t count, const std::vector<Finding>& findings,
                                       int Finding::*index) {
  std::vector<HoleVerdict> out(count, HoleVerdict::ok);
  for (const auto& f : findings) {
    const int i = f.*index;
    if (i < 0 || static_cast<std::size_t>(i) >= out.size()) continue;
    auto& v = out[static_cast<std::size_t>(i)];
    if (f.severity == "error") v = HoleVerdict::error;
    else if (f.severity == "warning" && v == HoleVerdict::ok) v = HoleVerdict::warning;
  }
  return out;
}

nlohmann::json vec(const Vec3& v, bool length) {
  const auto r = [&](double x) { return length ? round_report_mm(x) : std::round(x * 1e9) / 1e9 + 0.0; };
  return nlohmann::json::array({r(v[0]), r(v[1]), r(v[2])});
}

nlohmann::json frame_json(const Frame& f) {
  return {{"origin", vec(f.origin, true)}, {"x_axis", vec(f.x_axis, false)},
          {"y_axis", vec(f.y_axis, false)},   {"z_axis", vec(f.z_axis, false)},
          {"method", f.method}};
}

nlohmann::json holes_json(const ValidationReport& report, const PartMeasurement& part) {
  auto out = nlohmann::json::array();
  for (std::size_t i = 0; i < part.holes.size(); ++i) {
    const Hole& h = part.holes[i];
    nlohmann::json j{{"diameter_mm", round_report_mm(h.diameter_mm)}, {"center_mm", vec(h.center_mm, true)},
                     {"axis", vec(h.axis, false)},         {"depth_mm", round_report_mm(h.depth_mm)},
                     {"through", h.through},               {"boss", h.boss}};
    if (!h.features.empty()) {
      auto features = nlohmann::json::array();
      for (const HoleFeature& f : h.features)
        features.push_back({{"kind", f.kind}, {"diameter_mm", round_report_mm(f.diameter_mm)},
                            {"depth_mm", round_report_mm(f.depth_mm)},
                            {"offset_mm", round_report_mm(f.offset_mm)}});
      j["features"] = std::move(features);
    }
    if (i < report.holes.size()) j["verdict"] = hole_verdict_name(report.holes[i]);
    if (i < report.hole_fasteners.size() && !report.hole_fasteners[i].empty())
      j["fastener"] = report.hole_fasteners[i];
    out.push_back(std::move(j));
  }
  return out;
}

nlohmann::json openings_json(const ValidationReport& report, const PartMeasurement& part) {
  auto out = nlohmann::json::array();
  for (std::size_t i = 0; i < part.openings.size(); ++i) {
    const Opening& o = part.openings[i];
    nlohmann::json j{{"shape", o.shape},
                     {"center_mm", vec(o.center_mm, true)},
                     {"axis", vec(o.axis, false)},
                     {"direction", vec(o.direction, false)},
                     {"width_mm", round_report_mm(o.width_mm)},
                     {"length_mm", round_report_mm(o.length_mm)},
                     {"depth_mm", round_report_mm(o.depth_mm)},
                     {"through", o.through},
                     {"sides", o.sides}};
    if (i < report.openings.size()) j["verdict"] = hole_verdict_name(report.openings[i]);
    if (i < report.opening_fasteners.size() && !report.opening_fasteners[i].empty())
      j["fastener"] = report.opening_fasteners[i];
    out.push_back(std::move(j));
  }
  return out;
}

nlohmann::json findings_json(const std::vector<Finding>& findings) {
  auto out = nlohmann::json::array();
  for (const auto& f : findings)
    out.push_back({{"rule", f.rule},
                   {"severity", f.severity},
                   {"clause", f.clause},
                   {"message", f.message},
                   {"measured", round_report_mm(f.measured)},
                   {"expected", round_report_mm(f.expected)},
                   {"deviation", round_report_mm(f.deviation)},
                   {"tolerance", round_report_mm(f.tolerance)},
                   {"location", f.location}});
  return out;
}

nlohmann::json rules_json(const std::vector<RuleOutcome>& rules) {
  auto out = nlohmann::json::array();
  for (const auto& r : rules)
    out.push_back({{"rule", r.rule}, {"severity", r.severity}, {"checked", r.checked},
                   {"failed", r.failed}});
  return out;
}

}  // namespace

double round_report_mm(double value) {
  const double r = std::round(value * 1e4) / 1e4;
  return r == 0 ? 0.0 : r;  // no "-0" in reports
}

std::string_view verdict_name(Verdict verdict) {
  switch (verdict) {
    case Verdict::conforms: return "conforms";
    case Verdict::conforms_with_warnings: return "conforms-with-warnings";
    case Verdict::fails: return "fails";
  }
  return "fails";
}

std::string_view hole_verdict_name(HoleVerdict verdict) {
  switch (verdict) {
    case HoleVerdict::ok: return "ok";
    case HoleVerdict::warning: return "warning";
    case HoleVerdict::error: return "error";
  }
  return "error";
}

Verdict verdict_of(const std::vector<Finding>& findings) {
  Verdict v = Verdict::conforms;
  for (const auto& f : findings) {
    if (f.severity == "error") return Verdict::fails;
    if (f.severity == "warning") v = Verdict::conforms_with_warnings;
  }
  return v;
}

ValidationReport validate(const PartMeasurement& part, const GridStandard& standard,
                          const ValidateOptions& options) {
  ValidationReport report;
  report.grid = standard.id;
  GridStandard role_view;
  if (!standard.roles.empty()) {
    auto choice = choose_role(part, standard, options.role);
    if (!choice) {
      Finding f;
      f.rule = "grid-role";
      f.severity = "error";
      f.clause = standard.name + ": roles";
      f.message = choice.error().message + "; the role was recognised from the part's size instead";
      f.location = "role";
      report.findings.push_back(std::move(f));
      choice = recognise_role(part, standard);
    }
    report.role = *choice;
    role_view = apply_role(standard, report.role.name).value_or(standard);
  }
  const GridStandard& grid = standard.roles.empty() ? standard : role_view;
  report.alignment = detail::find_alignment(part, grid);
  for (const auto& rule : grid.rules) {
    RuleOutcome outcome{rule.id, std::string(severity_name(rule.severity)), 0, 0};
    apply_rule(part, grid, rule, report.alignment, report.findings, outcome);
    report.rules.push_back(std::move(outcome));
  }
  detail::check_openings(part, grid, report.findings, report.opening_fasteners);
  report.verdict = verdict_of(report.findings);
  report.holes = item_verdicts(part.holes.size(), report.findings, &Finding::hole);
  report.openings = item_verdicts(part.openings.size(), report.findings, &Finding::opening);
  for (const auto& h : part.holes)
    report.hole_fasteners.push_back(
        h.boss ? std::string{}
               : describe_hole_diameter(grid, h.diameter_mm, grid.tolerances.diameter_mm));
  return report;
}

nlohmann::json to_json(const ValidationReport& report, const PartMeasurement& part) {
  nlohmann::json j{
      {"verdict", verdict_name(report.verdict)},
      {"grid", report.grid},
      {"unit", "mm"},
      {"source_unit", part.source_unit},
      {"format", format_name(part.format)},
      {"kind", part.kind == GeometryKind::brep ? "brep" : "mesh"},
      {"frame", frame_json(part.frame)},
      {"alignment",
       {{"dx_mm", round_report_mm(report.alignment.dx_mm)},
        {"dy_mm", round_report_mm(report.alignment.dy_mm)},
        {"rotation_deg", report.alignment.rotation_deg},
        {"anchor", report.alignment.anchor},
        {"points_on_grid", report.alignment.points_on_grid},
        {"points_checked", report.alignment.points_checked}}},
      {"size_mm", vec(part.size_mm, true)},
      {"volume_mm3", round_report_mm(part.volume_mm3)},
  };
  if (!report.role.name.empty()) {
    j["role"] = report.role.name;
    j["role_source"] = report.role.source;
  }
  if (part.thickness_mm) j["thickness_mm"] = round_report_mm(*part.thickness_mm);
  if (part.mass_g) j["mass_g"] = round_report_mm(*part.mass_g);
  j["holes"] = holes_json(report, part);
  j["openings"] = openings_json(report, part);
  j["findings"] = findings_json(report.findings);
  j["rules"] = rules_json(report.rules);
  j["warnings"] = warnings_json(validation_warnings(report, part));
  return j;
}

}  // namespace archipel::core
