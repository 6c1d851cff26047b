#include "licence_rules.hpp"

#include <map>

namespace archipel::registry::detail {

// Interim table until the manifest work's licence list (core/licence.hpp) is merged.
std::optional<Terms> licence_terms(const std::string& id) {
  static const std::map<std::string, Terms> table = {
      {"CC0-1.0", {}},
      {"MIT", {}},
      {"Apache-2.0", {}},
      {"CERN-OHL-P-2.0", {}},
      {"CC-BY-4.0", {}},
      {"CC-BY-SA-4.0", {true, true, true, {"GPL-3.0-only", "GPL-3.0-or-later"}}},
      {"CC-BY-NC-4.0", {true, false, false, {}}},
      {"CC-BY-NC-SA-4.0", {true, false, true, {}}},
      {"CC-BY-ND-4.0", {false, true, false, {}}},
      {"CC-BY-NC-ND-4.0", {false, false, false, {}}},
      {"CERN-OHL-S-2.0", {true, true, true, {}}},
      {"CERN-OHL-W-2.0", {true, true, true, {}}},
      {"GPL-3.0-only", {true, true, true, {"GPL-3.0-or-later"}}},
      {"GPL-3.0-or-later", {true, true, true, {"GPL-3.0-only"}}},
  };
  auto it = table.find(id);
  if (it == table.end()) return std::nullopt;
  return it->second;
}

}  // namespace archipel::registry::detail
