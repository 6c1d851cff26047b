#pragma once
// What the registry reads from a manifest document (part.json). Kept in one place so that the
// registry depends on the manifest format only here.

#include <array>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace archipel::registry::detail {

/// One `files[]` entry.
struct FileEntry {
  std::string path, role, sha256, unit;
  std::size_t index = 0;  ///< position in files[] (for JSON pointers)
};

/// One `lineage.derived_from[]` entry.
struct Link {
  std::string serial, version, relation;
};

/// One `composition[]` entry: a member serial, its version requirement and how many.
struct Member {
  std::string serial, requirement;
  long quantity = 1;
};

[[nodiscard]] std::string text(const nlohmann::json& doc, const char* key);
[[nodiscard]] std::string designer_name(const nlohmann::json& m);
[[nodiscard]] std::string designer_email(const nlohmann::json& m);
[[nodiscard]] std::vector<FileEntry> files(const nlohmann::json& m);
[[nodiscard]] std::vector<Link> derived_from(const nlohmann::json& m);
[[nodiscard]] std::vector<Member> composition(const nlohmann::json& m);
[[nodiscard]] std::vector<std::string> materials(const nlohmann::json& m);
[[nodiscard]] std::vector<std::string> processes(const nlohmann::json& m);
[[nodiscard]] std::vector<std::string> tags(const nlohmann::json& m);
[[nodiscard]] std::string grid_standard(const nlohmann::json& m);
/// Declared width, depth, height in millimetres (0 when not declared).
[[nodiscard]] std::array<double, 3> dimensions(const nlohmann::json& m);

}  // namespace archipel::registry::detail
