#include "member_lookup.hpp"

#include <algorithm>

#include "archipel/core/semver.hpp"

namespace archipel::cli {
namespace {

using core::Result;
using VersionList = std::vector<std::pair<core::Version, std::string>>;

// Versions of the serial (yanked ones too), highest first; nothing when the serial is absent.
Result<std::optional<VersionList>> versions_of(registry::Registry& reg, const registry::Serial& serial) {
  auto names = reg.versions(serial);
  if (!names) return std::unexpected(names.error());
  if (names->empty()) return std::optional<VersionList>{};
  VersionList out;
  for (const auto& n : *names)
    if (auto v = core::Version::parse(n)) out.emplace_back(*v, n);
  std::ranges::sort(out, [](const auto& l, const auto& r) { return r.first < l.first; });
  return std::optional<VersionList>{std::move(out)};
}

}  // namespace

Result<std::optional<registry::VersionInfo>> resolve_member(registry::Registry& reg, const std::string& serial,
                                                           const std::string& requirement) {
  auto parsed = registry::parse_serial(serial);
  if (!parsed) return std::optional<registry::VersionInfo>{};
  auto req = core::VersionRequirement::parse(requirement);
  if (!req) return std::unexpected(req.error());
  auto versions = versions_of(reg, *parsed);
  if (!versions) return std::unexpected(versions.error());
  if (!*versions) return std::optional<registry::VersionInfo>{};
  std::optional<registry::VersionInfo> yanked;
  for (const auto& [v, name] : **versions) {
    if (!req->matches(v)) continue;
    auto info = reg.show(registry::SerialRef{*parsed, name});
    if (!info) {
      if (info.error().code == core::Errc::invalid) continue;
      return std::unexpected(info.error());
    }
    if (!info->yanked) return std::optional<registry::VersionInfo>{std::move(*info)};
    if (!yanked) yanked = std::move(*info);
  }
  return yanked;
}

core::BomNode bom_node(const registry::VersionInfo& info) {
  const auto& m = info.manifest;
  core::BomNode node;
  node.serial = info.serial;
  node.version = info.version;
  node.name = m.value("name", "");
  node.kind = m.value("kind", "part");
  if (m.contains("grid") && m["grid"].is_object()) node.grid = m["grid"].value("standard", "");
  node.yanked = info.yanked.has_value();
  if (m.contains("composition") && m["composition"].is_array())
    for (const auto& c : m["composition"])
      node.members.push_back({c.value("serial", ""), c.value("version", "*"), c.value("quantity", 1L)});
  return node;
}

core::BomLookup bom_lookup(registry::Registry& reg) {
  return [&reg](const std::string& serial, const std::string& requirement) -> Result<std::optional<core::BomNode>> {
    auto info = resolve_member(reg, serial, requirement);
    if (!info) return std::unexpected(info.error());
    if (!*info) return std::optional<core::BomNode>{};
    return std::optional<core::BomNode>{bom_node(**info)};
  };
}

}  // namespace archipel::cli
