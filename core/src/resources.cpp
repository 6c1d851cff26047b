#include "archipel/core/resources.hpp"

#include <algorithm>

namespace archipel::core {

std::optional<std::string_view> resource(std::string_view name) {
  for (const auto& r : detail::embedded_resources())
    if (r.name == name) return r.data;
  return std::nullopt;
}

std::vector<Resource> resources_under(std::string_view prefix) {
  std::vector<Resource> out;
  for (const auto& r : detail::embedded_resources())
    if (r.name.starts_with(prefix)) out.push_back(r);
  std::ranges::sort(out, {}, &Resource::name);
  return out;
}

}  // namespace archipel::core
