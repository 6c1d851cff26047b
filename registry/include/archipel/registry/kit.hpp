#pragma once
/// \file
/// Kits: everything a workshop needs to make (or a producer to sell) one or more published
/// components or objects: `kit.lock` (schemas/kit-lock.schema.json), `BOM.csv`, `NOTICE.md`,
/// `LICENSES/`, `assembly.html` and `fabrication/` (published files and the DXF and STL exports
/// the members' processes need). The same kit.lock rebuilds the same kit byte for byte. See
/// docs/rights.md.

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "archipel/core/export.hpp"
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

/// One file of a kit's `fabrication/` folder: a published file, or an export made for a process.
struct FabricationFile {
  std::string name;    ///< in fabrication/, e.g. `aluminium-3mm--EXA-P0001-1.0.0--os-plate-120x40.dxf`
  std::string bytes;   ///< its content
  std::string from;    ///< the published file it is, or was exported from
  std::string format;  ///< the published file's format, or the export's: "dxf" or "stl"
  std::vector<std::string> processes;  ///< the declared processes an export serves; empty: published
  std::optional<core::ExportReport> report;  ///< how the export was made; nothing: published file
};

/// What a member's declared processes get in `fabrication/`, and the exports that could not be
/// made (e.g. "no DXF for laser-cutting: not a sheet part: ...").
struct Fabrication {
  std::vector<FabricationFile> files;  ///< published files first, then exports, each in name order
  std::vector<std::string> warnings;
};

/// The files of `member` a workshop fabricates from: its published geometry and fabrication
/// files, then the exports its declared processes need (docs/rights.md, "fabrication/"):
/// `laser-cutting` or `waterjet` → a DXF of the sheet section, `3d-printing` → a binary STL, each
/// made by core::export_bytes from the process's file (or the part's B-rep) unless the part
/// already publishes a file of that format. Names sort by material and thickness:
/// `aluminium-3mm--EXA-P0002-1.0.0--bracket.step`. A part that is not a sheet gets no DXF (a
/// warning); other export failures are errors.
[[nodiscard]] core::Result<Fabrication> fabrication_files(const Registry& reg, const KitMember& member);

/// An export as kit.lock records it: path in the kit, source file, format, processes, sha256, and
/// the mesher's tolerances for an STL.
[[nodiscard]] nlohmann::json export_lock(const FabricationFile& file);

}  // namespace archipel::registry
