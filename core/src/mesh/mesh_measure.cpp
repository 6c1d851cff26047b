// Placeholder until the mesh measurement lands (issue 3): refuses with a clear error.
#include "mesh/mesh_measure.hpp"

namespace archipel::core::detail {

Result<PartMeasurement> measure_mesh(const std::filesystem::path& path, GeometryFormat format,
                                     const MeasureOptions&) {
  return fail(Errc::io, std::string(format_name(format)) + " reading is not built yet",
              path.string());
}

}  // namespace archipel::core::detail
