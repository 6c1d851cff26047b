#include "licence_rules.hpp"

#include "archipel/core/licence.hpp"

namespace archipel::registry::detail {

std::optional<Terms> licence_terms(const std::string& id) {
  const core::LicenceInfo* info = core::find_licence(id);
  if (info == nullptr) return std::nullopt;
  return Terms{info->derivatives, info->commercial, info->share_alike, info->share_alike_compatible};
}

}  // namespace archipel::registry::detail
