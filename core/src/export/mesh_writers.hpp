#pragma once
// Private: a triangle mesh as binary STL or 3MF.
#include <string>

#include "archipel/core/result.hpp"
#include "mesh/mesh_types.hpp"

namespace archipel::core::detail {

/// Binary STL: a fixed 80-byte header (no date), the count, then each triangle with its unit
/// normal (zero for a degenerate one) and float32 vertices, little-endian, in millimetres.
std::string write_stl(const Mesh& mesh);

/// A 3MF package (3MF core specification 1.x): [Content_Types].xml, _rels/.rels and
/// 3D/3dmodel.model holding one object with `unit="millimeter"`, vertices at 1e-9 mm. The ZIP
/// entries are deflated in a fixed order and dated 1980-01-01 00:00, so the same mesh gives the
/// same bytes. Errors (io): libzip failed.
Result<std::string> write_3mf(const Mesh& mesh);

}  // namespace archipel::core::detail
