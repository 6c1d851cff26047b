#pragma once
/// \file
/// Kits: everything a workshop needs to make (or a producer to sell) one or more published
/// components or objects: `kit.lock` (schemas/kit-lock.schema.json), `BOM.csv`, `NOTICE.md`,
/// `LICENSES/`, `assembly.html` and `fabrication/`. The same kit.lock rebuilds the same kit byte
/// for byte. See docs/rights.md.

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "archipel/core/result.hpp"
#include "archipel/core/rights.hpp"
#include "archipel/registry/registry.hpp"

namespace archipel::registry {

/// What to build.
struct KitRequest {
  std::vector<SerialRef> roots;         ///< the components, objects or parts of the kit
  core::Use purpose = core::Use::make;  ///< make, sell_kit or sell_product
  long quantity = 1;                    ///< how many kits
  std::filesystem::path out;            ///< must not exist, or be an empty folder
  std::optional<nlohmann::json> locked; ///< a kit.lock: pins every version (roots come from it)
};

/// One version in the kit, with its total quantity.
struct KitMember {
  std::string serial, version, kind, name;
  long quantity = 0;        ///< over the whole kit, --quantity included
  VersionInfo info;         ///< as stored
};

/// One line of purchased hardware, summed over joints and quantities.
struct KitHardware {
  std::string item;         ///< "ISO 4762 M5 x 12 socket head cap screw"
  long quantity = 0;
};

/// What `build_kit` did, or why it refused.
struct KitResult {
  std::vector<core::RightsReport> rights;   ///< one per root
  std::optional<core::UseAnswer> refusal;   ///< set when the purpose is not allowed: nothing written
  std::string refused_root;                 ///< "SERIAL@VERSION" of the root refused
  nlohmann::json lock;                      ///< the kit.lock written
  std::vector<KitMember> members;           ///< sorted by serial, version
  std::vector<KitHardware> hardware;        ///< sorted by item
  std::vector<std::string> files;           ///< every file written, relative to `out`, sorted
  std::vector<std::string> warnings;        ///< e.g. a licence text not available
};

/// Resolves, checks the rights for `request.purpose` and writes the kit. Refusals for rights are
/// data (`refusal`); errors are a missing root, a bad lock, an unusable `out` or I/O.
[[nodiscard]] core::Result<KitResult> build_kit(const Registry& reg, const KitRequest& request);

/// The published files of `member` a workshop fabricates from (geometry and fabrication roles),
/// as (name in fabrication/, bytes). Names sort by material and thickness:
/// `aluminium-3mm--EXA-P0002-1.0.0--bracket.step`. The place to convert formats for the
/// member's declared processes once `archipel export` exists.
[[nodiscard]] core::Result<std::vector<std::pair<std::string, std::string>>> fabrication_files(
    const Registry& reg, const KitMember& member);

}  // namespace archipel::registry
