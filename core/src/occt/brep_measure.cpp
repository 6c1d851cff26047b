// Placeholder until the B-rep measurement lands (issue 3): refuses with a clear error.
#include "occt/brep_measure.hpp"

namespace archipel::core::detail {

Result<PartMeasurement> measure_brep(const std::filesystem::path& path, GeometryFormat format,
                                     const MeasureOptions&) {
  return fail(Errc::io, std::string(format_name(format)) + " reading is not built yet",
              path.string());
}

}  // namespace archipel::core::detail
