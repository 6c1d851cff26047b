// archipel check OBJECT: does every joint the object declares fit on the grid?
#include <filesystem>
#include <iostream>

#include <fmt/format.h>

#include "archipel/core/compat.hpp"
#include "archipel/core/manifest.hpp"
#include "commands.hpp"
#include "commands/registry_options.hpp"
#include "member_lookup.hpp"
#include "output.hpp"
#include "part_source.hpp"

namespace archipel::cli {
namespace {

struct JointResult {
  core::Joint joint;
  std::string a_label, b_label;
  core::CompatReport report;
};

// The object's manifest, from a file or from the registry.
core::Result<core::Manifest> object_manifest(registry::Registry& reg, const std::string& object) {
  std::error_code ec;
  if (std::filesystem::is_regular_file(object, ec)) return core::read_manifest(object);
  auto ref = registry::parse_serial_ref(object);
  if (!ref) return std::unexpected(ref.error());
  auto info = reg.show(*ref);
  if (!info) return std::unexpected(info.error());
  return core::parse_manifest(info->manifest, info->serial + "@" + info->version + "/part.json");
}

std::string requirement_of(const core::Manifest& m, const std::string& serial) {
  for (const auto& c : m.composition)
    if (c.serial == serial) return c.version.to_string();
  return "*";
}

core::Result<LoadedPart> member_part(registry::Registry& reg, const core::Manifest& m, const std::string& serial) {
  auto info = resolve_member(reg, serial, requirement_of(m, serial));
  if (!info) return std::unexpected(info.error());
  if (!*info) return core::fail(core::Errc::invalid, fmt::format("joint member {} is not in the registry", serial));
  return part_from_registry(**info);
}

core::Result<std::vector<JointResult>> check_joints(registry::Registry& reg, const core::Manifest& m) {
  std::vector<JointResult> out;
  for (const auto& j : m.joints) {
    auto a = member_part(reg, m, j.a);
    if (!a) return std::unexpected(a.error());
    auto b = member_part(reg, m, j.b);
    if (!b) return std::unexpected(b.error());
    core::BoltedPlacement p;
    p.dx = j.placement.dx;
    p.dy = j.placement.dy;
    p.rotation = j.placement.rotation;
    p.flip = j.placement.flip;
    out.push_back({j, a->label, b->label, core::check_placement(a->interface, b->interface, p)});
  }
  return out;
}

nlohmann::json joint_json(const JointResult& r) {
  const auto& p = r.joint.placement;
  return {{"a", r.a_label}, {"b", r.b_label},
          {"placement", {{"dx", p.dx}, {"dy", p.dy}, {"rotation", p.rotation}, {"flip", p.flip}}},
          {"fits", r.report.reason == core::CompatReason::compatible}, {"result", core::to_json(r.report)}};
}

int run(const RegistryOptions& o, const std::string& object) {
  auto reg = open_registry(o);
  if (!reg) return report_error(reg.error());
  auto m = object_manifest(*reg, object);
  if (!m) return report_error(m.error());
  auto results = check_joints(*reg, *m);
  if (!results) return report_error(results.error());
  std::size_t failed = 0;
  nlohmann::json joints = nlohmann::json::array();
  for (const auto& r : *results) {
    const bool fits = r.report.reason == core::CompatReason::compatible;
    failed += fits ? 0 : 1;
    joints.push_back(joint_json(r));
    if (o.json) continue;
    const auto& p = r.joint.placement;
    std::cout << fmt::format("{} {} + {} at ({}, {}) rotation {}°{}: {}\n", fits ? "ok  " : "FAIL", r.a_label,
                             r.b_label, p.dx, p.dy, p.rotation, p.flip ? " flipped" : "",
                             fits ? r.report.placements.front().screw + ", " +
                                        std::to_string(r.report.placements.front().shared.size()) + " fasteners"
                                  : r.report.explanation);
  }
  if (o.json) {
    print_json(nlohmann::json{{"object", m->name}, {"ok", failed == 0}, {"joints", joints}});
  } else {
    std::cout << fmt::format("{}: {} joint{}, {} fit{}, {} fail{}\n", m->name, results->size(),
                             results->size() == 1 ? "" : "s", results->size() - failed,
                             results->size() - failed == 1 ? "s" : "", failed, failed == 1 ? "s" : "");
  }
  return failed == 0 ? exit_ok : exit_findings;
}

}  // namespace

void register_check(CLI::App& app, Dispatch& dispatch) {
  auto* sub = app.add_subcommand("check", "Check that every joint an object declares fits on the grid");
  auto o = add_registry_options(sub);
  auto object = std::make_shared<std::string>();
  sub->add_option("object", *object, "SERIAL[@VERSION] or a part.json of a component or object")->required();
  on_run(sub, dispatch, [o, object] { return run(*o, *object); });
}

}  // namespace archipel::cli
