#pragma once
// What each libFuzzer harness runs on one input, shared with the doctest regression test
// (tests/core/fuzz_regression_test.cpp) that replays every input kept in tests/data/fuzz/.
// Each returns false when a property that must hold on every input is broken (the harness then
// traps); crashes, sanitizer reports and time-outs are caught by the tools themselves.
#include <sys/mman.h>
#include <unistd.h>

#include <string>
#include <string_view>

#include "archipel/core/geometry_in_process.hpp"
#include "archipel/core/grid.hpp"
#include "archipel/core/json.hpp"
#include "archipel/core/licence.hpp"
#include "archipel/core/manifest.hpp"
#include "archipel/core/semver.hpp"

namespace archipel::fuzz {

/// The manifest reader, as `archipel manifest check` reads part.json; what it accepts must be
/// written out as JSON that reads back.
inline bool manifest(std::string_view bytes) {
  auto doc = core::parse_json(bytes, "part.json");
  if (!doc) return true;
  auto parsed = core::parse_manifest(*doc, "part.json");
  if (!parsed) return true;
  return core::parse_json(core::manifest_text(*parsed), "again.json").has_value();
}

/// The grid-standard reader, as `archipel grid show FILE` reads a custom grid, and its roles.
inline bool grid(std::string_view bytes) {
  auto doc = core::parse_json(bytes, "grid.json");
  if (!doc) return true;
  auto parsed = core::parse_grid(*doc, "grid.json");
  if (!parsed) return true;
  (void)core::allowed_hole_diameters(*parsed);
  for (const auto& role : parsed->roles) {
    if (!core::apply_role(*parsed, role.name)) return false;  // a role it lists must apply
  }
  return true;
}

/// SPDX expressions: the canonical text of an accepted expression parses again to the same text,
/// ids and terms.
inline bool licence(std::string_view bytes) {
  auto expr = core::parse_licence(bytes);
  if (!expr) return true;
  const std::string canonical = core::to_string(*expr);
  auto again = core::parse_licence(canonical);
  if (!again || core::to_string(*again) != canonical || core::ids(*again) != core::ids(*expr)) return false;
  const auto a = core::terms(*expr), b = core::terms(*again);
  (void)core::licence_warnings(*expr);
  return a.commercial == b.commercial && a.derivatives == b.derivatives && a.share_alike == b.share_alike;
}

/// Versions and requirements; input "VERSION\nREQUIREMENT". A version's text parses again to the
/// same version; comparison is antisymmetric.
inline bool semver(std::string_view bytes) {
  const auto newline = bytes.find('\n');
  const std::string_view first = bytes.substr(0, newline);
  const std::string_view second = newline == std::string_view::npos ? std::string_view{} : bytes.substr(newline + 1);
  auto version = core::Version::parse(first);
  auto requirement = core::VersionRequirement::parse(second);
  auto other = core::Version::parse(second);
  if (requirement) (void)core::VersionRequirement::parse(requirement->to_string());
  if (!version) return true;
  auto again = core::Version::parse(version->to_string());
  if (!again || !(*again == *version) || !again->same_text(*version)) return false;
  if (requirement) (void)requirement->matches(*version);
  if (!other) return true;
  const auto ab = *version <=> *other, ba = *other <=> *version;
  return (ab < 0) == (ba > 0) && (ab == 0) == (ba == 0);
}

/// Archipel's mesh path as the geometry worker runs it (format detection, PLY precheck, Assimp
/// import, welding, topology, holes, frame, sections; our own 3MF reader), on bytes held in a
/// memfd named by `extension` (stl, obj, ply, 3mf: the format tie-breaker).
inline bool mesh(std::string_view bytes, const char* extension) {
  static const int fd = ::memfd_create("archipel-fuzz-mesh", MFD_CLOEXEC);
  if (fd < 0 || ::ftruncate(fd, 0) != 0) return false;
  if (!bytes.empty() && ::pwrite(fd, bytes.data(), bytes.size(), 0) != static_cast<ssize_t>(bytes.size()))
    return false;
  core::MeasureOptions options;
  options.unit = core::LengthUnit::mm;
  options.max_bytes = 1 << 20;
  (void)core::measure_file_in_process("/proc/self/fd/" + std::to_string(fd),
                                      std::string("fuzz.") + extension, options);
  return true;
}

}  // namespace archipel::fuzz
