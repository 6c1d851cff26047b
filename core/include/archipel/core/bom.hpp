#pragma once
/// \file
/// Bill of materials: resolves a component's or object's `composition` recursively, pins exact
/// versions, multiplies quantities, and reports cycles, missing or yanked members and members on
/// another grid standard. Storage-agnostic: the registry supplies a lookup function.

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "archipel/core/result.hpp"

namespace archipel::core {

/// One line of a `composition` list.
struct BomMember {
  std::string serial;        ///< e.g. "BXL-P0042"
  std::string requirement;   ///< a version requirement, e.g. "^1.0"
  long quantity = 1;         ///< how many per parent
};

/// A resolved part, component or object, as the lookup returns it.
struct BomNode {
  std::string serial;
  std::string version;       ///< the exact version the requirement resolved to
  std::string name;
  std::string kind;          ///< "part", "component" or "object"
  std::string grid;          ///< grid standard id, empty when the part has none
  bool yanked = false;       ///< true when only a yanked version matched
  std::vector<BomMember> members;
};

/// Resolves (serial, requirement) to a node: a value, nothing (no such serial or no matching
/// version), or an error (the registry could not be read).
using BomLookup = std::function<Result<std::optional<BomNode>>(const std::string& serial,
                                                               const std::string& requirement)>;

/// One pinned line of the flattened bill: total quantity of serial@version in the whole object.
struct BomLine {
  std::string serial, version, name, kind, grid;
  long quantity = 0;
};

/// Something wrong in the composition tree.
struct BomProblem {
  std::string kind;     ///< "cycle", "missing", "yanked", "other-grid"
  std::string path;     ///< the chain of serials from the root, joined by " > "
  std::string message;  ///< one sentence
};

/// The resolved bill of materials.
struct BomReport {
  BomNode root;
  std::vector<BomLine> lines;        ///< leaves and sub-assemblies, sorted by serial then version
  std::vector<BomProblem> problems;  ///< empty when the bill is sound
  nlohmann::json tree;               ///< the resolved tree, for --json
};

/// Resolves the tree under (serial, requirement). Errors only when the lookup fails or the
/// root does not exist.
[[nodiscard]] Result<BomReport> resolve_bom(const std::string& serial, const std::string& requirement,
                                            const BomLookup& lookup);

/// `--json` form.
[[nodiscard]] nlohmann::json to_json(const BomReport& report);

/// CSV for the workshop: serial,version,name,kind,grid,quantity (RFC 4180 quoting).
[[nodiscard]] std::string to_csv(const BomReport& report);

}  // namespace archipel::core
