// Effective rights over the registry: member resolution, the rights lookup, and the checks
// publish and fork run before committing.
#include <algorithm>
#include <set>

#include <fmt/format.h>

#include "archipel/core/semver.hpp"
#include "index.hpp"
#include "manifest_view.hpp"
#include "rights_checks.hpp"

namespace archipel::registry {
using core::Result;

Result<std::optional<VersionInfo>> Registry::resolve(const std::string& serial, const std::string& requirement) const {
  auto parsed = parse_serial(serial);
  if (!parsed) return std::optional<VersionInfo>{};
  if (requirement.starts_with("=") && core::Version::parse(requirement.substr(1))) {
    // An exact version (ancestors, pinned members): read it directly, without listing versions.
    auto info = show(SerialRef{*parsed, requirement.substr(1)});
    if (info) return std::optional<VersionInfo>{std::move(*info)};
    if (info.error().code == core::Errc::invalid) return std::optional<VersionInfo>{};
    return std::unexpected(info.error());
  }
  auto req = core::VersionRequirement::parse(requirement);
  if (!req) return std::unexpected(req.error());
  auto names = versions(*parsed);
  if (!names) return std::unexpected(names.error());
  std::vector<std::pair<core::Version, std::string>> sorted;
  for (const auto& n : *names)
    if (auto v = core::Version::parse(n); v && req->matches(*v)) sorted.emplace_back(*v, n);
  std::ranges::sort(sorted, [](const auto& l, const auto& r) { return r.first < l.first; });
  std::optional<VersionInfo> yanked;
  for (const auto& [v, name] : sorted) {
    auto info = show(SerialRef{*parsed, name});
    if (!info) {
      if (info.error().code == core::Errc::invalid) continue;
      return std::unexpected(info.error());
    }
    if (!info->yanked) return std::optional<VersionInfo>{std::move(*info)};
    if (!yanked) yanked = std::move(*info);
  }
  return yanked;
}

core::RightsLookup Registry::rights_lookup() const {
  return [this](const std::string& serial, const std::string& requirement) -> Result<std::optional<core::RightsNode>> {
    auto info = resolve(serial, requirement);
    if (!info) return std::unexpected(info.error());
    if (!*info) return std::optional<core::RightsNode>{};
    auto node = detail::rights_node((*info)->manifest, (*info)->serial);
    node.version = (*info)->version;
    return std::optional<core::RightsNode>{std::move(node)};
  };
}

Result<core::RightsReport> Registry::rights(const SerialRef& ref) const {
  auto info = show(ref);
  if (!info) return std::unexpected(info.error());
  auto node = detail::rights_node(info->manifest, info->serial);
  node.version = info->version;
  return core::evaluate_rights(node, rights_lookup());
}

namespace detail {

core::RightsNode rights_node(const nlohmann::json& m, const std::string& serial) {
  core::RightsNode n;
  n.serial = serial.empty() ? "(new part)" : serial;
  n.version = text(m, "version");
  n.name = text(m, "name");
  n.kind = text(m, "kind");
  n.designer = designer_name(m);
  n.licence = text(m, "licence");
  for (const auto& l : derived_from(m)) n.derived_from.emplace_back(l.serial, l.version);
  for (const auto& c : composition(m)) n.members.push_back({c.serial, c.requirement, c.quantity});
  return n;
}

namespace {

// An ancestor forbidding derivatives refuses the publish, as fork does.
Result<void> refuse_no_derivatives(const core::RightsReport& report, const Prepared& part) {
  for (const auto& r : report.answer(core::Use::derive).reasons) {
    if (r.relation != core::RightsRelation::ancestor || r.clause != "derivatives") continue;
    return core::fail(core::Errc::invalid,
                      fmt::format("derived_from reaches {}, which is under {}: it allows no derivatives", r.subject,
                                  r.licence),
                      part.origin, "/lineage/derived_from");
  }
  return {};
}

// Files byte-identical to files of another serial with stricter terms, and no lineage to it.
Result<void> refuse_laundering(const Registry& reg, const Registry::Impl& impl, const core::RightsReport& report,
                               const Prepared& part) {
  std::set<std::string> lineage;
  for (const auto& s : report.subjects)
    if (s.relation == core::RightsRelation::self || s.relation == core::RightsRelation::ancestor) lineage.insert(s.serial);
  const std::string own = part.serial ? part.serial->to_string() : "";
  const std::string licence = text(part.manifest, "licence");
  std::optional<Index> index;
  for (const auto& f : files(part.manifest)) {
    if ((f.role != "geometry" && f.role != "fabrication") || f.sha256.empty()) continue;
    if (!index) {
      auto opened = Index::open(impl);
      if (!opened) return std::unexpected(opened.error());
      if (auto ok = opened->refresh(impl); !ok) return std::unexpected(ok.error());
      index = std::move(*opened);
    }
    auto copies = index->same_files(f.sha256);
    if (!copies) return std::unexpected(copies.error());
    for (const auto& c : *copies) {
      if (c.serial == own || lineage.contains(c.serial)) continue;
      auto ref = parse_serial_ref(c.serial + "@" + c.version);
      if (!ref) continue;
      auto theirs = reg.rights(*ref);
      if (!theirs) return std::unexpected(theirs.error());
      for (const auto& s : theirs->subjects) {
        if (s.relation != core::RightsRelation::self && s.relation != core::RightsRelation::ancestor) continue;
        // Terms that reach this part through its own lineage already bind it (a sibling fork).
        if (lineage.contains(s.serial) || !core::stricter_than(s.licence, licence)) continue;
        return core::fail(core::Errc::invalid,
                          fmt::format("\"{}\" is byte-identical to \"{}\" of {}@{}, whose terms ({}) are stricter "
                                      "than {}: declare lineage.derived_from {}@{} or publish your own files",
                                      f.path, c.path, c.serial, c.version, s.licence, licence, c.serial, c.version),
                          part.origin, fmt::format("/files/{}/path", f.index));
      }
    }
  }
  return {};
}

}  // namespace

Result<std::vector<std::string>> check_rights(const Registry& reg, const Registry::Impl& impl, const Prepared& part) {
  auto node = rights_node(part.manifest, part.serial ? part.serial->to_string() : "");
  auto report = core::evaluate_rights(node, reg.rights_lookup());
  if (!report) return std::unexpected(report.error());
  if (auto ok = refuse_no_derivatives(*report, part); !ok) return std::unexpected(ok.error());
  if (auto ok = refuse_laundering(reg, impl, *report, part); !ok) return std::unexpected(ok.error());
  return core::overclaims(*report);
}

}  // namespace detail
}  // namespace archipel::registry
