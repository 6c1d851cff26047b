// The human report of `archipel validate`.
#include "validate_report.hpp"

#include <iostream>

#include <fmt/format.h>

#include "archipel/core/geometry.hpp"

namespace archipel::cli {
namespace {

std::string num(double v) {
  std::string s = fmt::format("{:.3f}", core::round_report_mm(v));
  while (s.back() == '0') s.pop_back();
  if (s.back() == '.') s.pop_back();
  return s;
}

std::string part_line(const core::PartMeasurement& part) {
  std::size_t holes = 0, bosses = 0;
  for (const auto& h : part.holes) (h.boss ? bosses : holes) += 1;
  std::string text = fmt::format("{} x {} x {} mm", num(part.size_mm[0]), num(part.size_mm[1]),
                                 num(part.size_mm[2]));
  if (part.thickness_mm)
    text += core::near(*part.thickness_mm, part.size_mm[2], 1e-6)
                ? " sheet"
                : fmt::format(", walls {} mm thick", num(*part.thickness_mm));
  text += fmt::format(", {} hole{}", holes, holes == 1 ? "" : "s");
  if (bosses > 0) text += fmt::format(", {} round part{}", bosses, bosses == 1 ? "" : "s");
  if (!part.openings.empty())
    text += fmt::format(", {} opening{}", part.openings.size(), part.openings.size() == 1 ? "" : "s");
  return text + fmt::format(" ({}, {}, read in {})", core::format_name(part.format),
                            part.kind == core::GeometryKind::brep ? "B-rep" : "mesh",
                            part.source_unit.empty() ? "mm" : part.source_unit);
}

std::string rule_status(const core::RuleOutcome& r) {
  if (r.checked == 0) return fmt::format("{:<9}nothing to check", "-");
  if (r.failed == 0) return fmt::format("{:<9}{} checked", "ok", r.checked);
  return fmt::format("{:<9}{} of {} off", r.severity, r.failed, r.checked);
}

std::string anchor_text(const std::string& anchor) {
  if (anchor == "centre") return "anchored on the round part's centre";
  if (anchor == "holes") return "fitted to the holes";
  if (anchor == "outline+holes") return "anchored to the outline along one axis, fitted to the holes along the other";
  return "anchored to the outline";
}

void print_findings(const core::ValidationReport& report, std::string_view severity) {
  for (const auto& f : report.findings)
    if (f.severity == severity) std::cout << fmt::format("  {:<9}{}\n", f.severity, f.message);
}

}  // namespace

void print_validation(const std::string& name, const core::ValidationReport& report,
                      const core::PartMeasurement& part, const core::GridStandard& grid) {
  std::cout << fmt::format("{}: {} ({})\n", name, core::verdict_name(report.verdict), grid.id);
  std::cout << fmt::format("  part     {}\n", part_line(part));
  const auto& a = report.alignment;
  std::cout << fmt::format("  grid     {}, pitch {} mm; {}: origin at x {}, y {} mm, rotation {}",
                           grid.name, num(grid.pitch_mm), anchor_text(a.anchor), num(a.dx_mm),
                           num(a.dy_mm), a.rotation_deg);
  if (a.points_checked > 0)
    std::cout << fmt::format("; {} of {} assembly points on nodes", a.points_on_grid,
                             a.points_checked);
  std::cout << "\n";
  if (!report.role.name.empty())
    std::cout << fmt::format("  role     {} ({})\n", report.role.name,
                             report.role.source == "stated" ? "stated" : "recognised from its size");
  for (const auto& r : report.rules)
    std::cout << fmt::format("  {:<22} {}\n", r.rule, rule_status(r));
  print_findings(report, "error");
  print_findings(report, "warning");
  print_findings(report, "info");
}

}  // namespace archipel::cli
