// Densities of common maker materials, typical values in g/cm³.
#include "archipel/core/materials.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <utility>

namespace archipel::core {
namespace {

constexpr std::array<std::pair<std::string_view, double>, 11> densities{{
    {"abs", 1.04},
    {"acrylic", 1.18},
    {"aluminium", 2.70},
    {"brass", 8.5},
    {"hdpe", 0.95},
    {"mdf", 0.75},
    {"petg", 1.27},
    {"pla", 1.24},
    {"plywood", 0.6},
    {"stainless", 8.0},
    {"steel", 7.85},
}};

std::string canonical(std::string_view name) {
  std::string out(name);
  std::ranges::transform(out, out.begin(), [](unsigned char c) { return std::tolower(c); });
  if (out == "aluminum") return "aluminium";
  if (out == "stainless-steel" || out == "stainless steel") return "stainless";
  return out;
}

}  // namespace

std::optional<double> material_density(std::string_view name) {
  const std::string key = canonical(name);
  for (const auto& [material, density] : densities)
    if (material == key) return density;
  return std::nullopt;
}

std::vector<std::string> material_names() {
  std::vector<std::string> names;
  for (const auto& entry : densities) names.emplace_back(entry.first);
  return names;
}

}  // namespace archipel::core
