// What the schema cannot check: safe file paths, duplicates, and references between fields.
#include <algorithm>
#include <map>

#include <fmt/format.h>

#include "archipel/core/grid.hpp"
#include "manifest/manifest_internal.hpp"

namespace archipel::core {
namespace {

std::vector<std::string_view> path_components(std::string_view path) {
  std::vector<std::string_view> out;
  for (std::size_t start = 0;;) {
    const auto end = path.find('/', start);
    out.push_back(path.substr(start, end == std::string_view::npos ? end : end - start));
    if (end == std::string_view::npos) return out;
    start = end + 1;
  }
}

std::string normalised(std::string_view path) {
  std::string out;
  for (const auto part : path_components(path)) {
    if (part.empty() || part == ".") continue;
    if (!out.empty()) out += '/';
    out += part;
  }
  return out;
}

Result<void> check_files(const Manifest& m, const std::string& origin) {
  std::map<std::string, std::size_t, std::less<>> seen;
  for (std::size_t i = 0; i < m.files.size(); ++i) {
    const std::string pointer = fmt::format("/files/{}/path", i);
    const std::string& path = m.files[i].path;
    if (const auto why = unsafe_path_reason(path)) return fail(Errc::invalid, *why, origin, pointer);
    if (const auto it = seen.find(path); it != seen.end())
      return fail(Errc::invalid, fmt::format("duplicate file entry \"{}\" (also /files/{})", path, it->second),
                  origin, pointer);
    seen.emplace(path, i);
  }
  return {};
}

Result<void> check_fabrication(const Manifest& m, const std::string& origin) {
  for (std::size_t i = 0; i < m.fabrication.size(); ++i) {
    const auto& file = m.fabrication[i].file;
    if (!file) continue;
    if (std::ranges::find(m.files, *file, &FileEntry::path) == m.files.end())
      return fail(Errc::invalid, fmt::format("\"{}\" is not listed in /files", *file), origin,
                  fmt::format("/fabrication/{}/file", i));
  }
  return {};
}

Result<void> check_composition(const Manifest& m, const std::string& origin) {
  if (m.kind == Kind::part && !m.composition.empty())
    return fail(Errc::invalid, "a part has no composition; only components and objects do", origin,
                "/composition");
  std::map<std::string, std::size_t, std::less<>> seen;
  for (std::size_t i = 0; i < m.composition.size(); ++i) {
    const std::string& serial = m.composition[i].serial;
    if (const auto it = seen.find(serial); it != seen.end())
      return fail(Errc::invalid, fmt::format("duplicate member \"{}\" (also /composition/{})", serial, it->second),
                  origin, fmt::format("/composition/{}/serial", i));
    seen.emplace(serial, i);
  }
  return {};
}

Result<void> check_joints(const Manifest& m, const std::string& origin) {
  const auto is_member = [&](const std::string& serial) {
    return std::ranges::find(m.composition, serial, &Member::serial) != m.composition.end();
  };
  for (std::size_t i = 0; i < m.joints.size(); ++i) {
    for (const auto& [end, serial] : {std::pair{"a", m.joints[i].a}, std::pair{"b", m.joints[i].b}})
      if (!is_member(serial))
        return fail(Errc::invalid, fmt::format("\"{}\" is not a member listed in /composition", serial),
                    origin, fmt::format("/joints/{}/{}", i, end));
  }
  return {};
}

Result<void> check_lineage(const Manifest& m, const std::string& origin) {
  for (std::size_t i = 0; i < m.derived_from.size(); ++i)
    if (m.serial && m.derived_from[i].serial == *m.serial)
      return fail(Errc::invalid, "a part cannot derive from itself", origin,
                  fmt::format("/lineage/derived_from/{}/serial", i));
  return {};
}

// A role must be one of the standard's roles; only built-in standards can be checked here (a
// custom standard is checked when the part is validated against it).
Result<void> check_grid_role(const Manifest& m, const std::string& origin) {
  if (!m.grid || !m.grid->role) return {};
  const auto grid = find_grid(m.grid->standard);
  if (!grid) return {};
  if (auto view = apply_role(*grid, *m.grid->role); !view)
    return fail(Errc::invalid, view.error().message, origin, "/grid/role");
  return {};
}

}  // namespace

std::optional<std::string> unsafe_path_reason(std::string_view path) {
  const auto quoted = fmt::format("\"{}\"", path);
  if (std::ranges::any_of(path, [](char c) { return static_cast<unsigned char>(c) < 0x20 || c == 0x7f; }))
    return fmt::format("{} contains a control character", quoted);
  if (path.find('\\') != std::string_view::npos)
    return fmt::format("{} contains a backslash; separate folders with \"/\"", quoted);
  const bool drive = path.size() >= 2 && path[1] == ':' &&
                     ((path[0] >= 'A' && path[0] <= 'Z') || (path[0] >= 'a' && path[0] <= 'z'));
  if (path.starts_with('/') || drive)
    return fmt::format("{} is an absolute path; paths are relative to the manifest's folder", quoted);
  const auto parts = path_components(path);
  if (std::ranges::find(parts, "..") != parts.end())
    return fmt::format("{} leaves the manifest's folder", quoted);
  const auto n = normalised(path);
  if (n.empty()) return fmt::format("{} names no file", quoted);
  if (n != path) return fmt::format("{} is not normalised (write \"{}\")", quoted, n);
  for (const auto part : parts)
    if (auto why = git_special_name_reason(part)) {
      if (part == path) return why;
      return fmt::format("{}: {}", quoted, *why);
    }
  return std::nullopt;
}

namespace detail {

Result<void> check_manifest_semantics(const Manifest& manifest, const std::string& origin) {
  for (auto check : {check_files, check_fabrication, check_composition, check_joints, check_lineage,
                     check_grid_role})
    if (auto ok = check(manifest, origin); !ok) return ok;
  return {};
}

}  // namespace detail
}  // namespace archipel::core
