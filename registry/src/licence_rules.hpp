#pragma once
// The licence terms the registry enforces on forks (derivatives allowed, share-alike).

#include <optional>
#include <string>
#include <vector>

namespace archipel::registry::detail {

/// What one SPDX licence allows, as far as forking is concerned.
struct Terms {
  bool derivatives = true;   ///< may a derived work be made
  bool commercial = true;    ///< may it be used commercially
  bool share_alike = false;  ///< must derived works use a compatible licence
  std::vector<std::string> share_alike_compatible;  ///< licences a derived work may use
};

/// The terms of the SPDX licence `id`, or nothing when it is unknown.
[[nodiscard]] std::optional<Terms> licence_terms(const std::string& id);

}  // namespace archipel::registry::detail
