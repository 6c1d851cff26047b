#pragma once
// Shared by kit.cpp (resolution, lock, hardware, writing) and kit_documents.cpp (BOM.csv,
// NOTICE.md, assembly.html, LICENSES/).

#include <map>
#include <string>
#include <utility>
#include <vector>

#include "archipel/registry/kit.hpp"

namespace archipel::registry::detail {

/// One declared joint, checked on the grid, for assembly.html and the hardware list.
struct KitJoint {
  std::string object;        ///< "SERIAL@VERSION" declaring it
  std::string a, b;          ///< member labels "SERIAL@VERSION"
  int dx = 0, dy = 0, rotation = 0;
  bool flip = false;
  bool fits = false;
  std::string screw;         ///< "M5 x 12 + nut" when it fits
  long fasteners = 0;        ///< per object
  long objects = 0;          ///< how many of the declaring object the kit holds
  std::string svg;           ///< the placement drawn (empty when it does not fit)
  std::string explanation;   ///< why not, when it does not fit
};

/// Everything the documents are written from.
struct KitData {
  const Registry* reg = nullptr;
  const KitRequest* request = nullptr;
  KitResult* result = nullptr;
  std::string commit;
  std::vector<KitJoint> joints;
  std::map<std::string, std::vector<std::string>> fabricated;  ///< "SERIAL@VERSION" → fabrication/ names
};

/// BOM.csv: fabricated parts, sub-assemblies, then purchased hardware (RFC 4180, CRLF).
[[nodiscard]] std::string bom_csv(const KitData& kit);
/// NOTICE.md: designers, licences, sources, ancestry and changes, obligations.
[[nodiscard]] core::Result<std::string> notice_md(const KitData& kit);
/// assembly.html: each joint's placement and fastener.
[[nodiscard]] std::string assembly_html(const KitData& kit);
/// The licence ids of every subject of every rights report, sorted.
[[nodiscard]] std::vector<std::string> kit_licence_ids(const KitResult& result);

}  // namespace archipel::registry::detail
