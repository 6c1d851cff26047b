// The OpenCASCADE path of measure_file: read, find the natural frame, measure in it.
#include "occt/brep_measure.hpp"

#include <exception>

#include <BRepBuilderAPI_Transform.hxx>
#include <Standard_ErrorHandler.hxx>
#include <Standard_Failure.hxx>
#include <TopExp.hxx>
#include <TopTools_IndexedMapOfShape.hxx>

#include "archipel/core/materials.hpp"
#include "frame/frame_choice.hpp"
#include "occt/holes.hpp"
#include "occt/natural_frame.hpp"
#include "occt/occt_read.hpp"

namespace archipel::core::detail {
namespace {

std::size_t count_faces(const TopoDS_Shape& shape) {
  TopTools_IndexedMapOfShape faces;
  TopExp::MapShapes(shape, TopAbs_FACE, faces);
  return static_cast<std::size_t>(faces.Extent());
}

Result<PartMeasurement> measure_shape(LoadedShape loaded, GeometryFormat format,
                                      const MeasureOptions& options) {
  const Tolerances& tol = options.tolerances;
  if (options.progress) options.progress("finding the natural frame and the holes", 0);
  auto frame = find_natural_frame(loaded.shape, tol);
  if (!frame) return std::unexpected(frame.error());
  if (options.progress) options.progress("finding the natural frame and the holes", 0.5);
  PartMeasurement m;
  m.format = format;
  m.kind = GeometryKind::brep;
  m.source_unit = loaded.source_unit;
  m.warnings = std::move(loaded.warnings);
  m.frame = frame->frame;
  m.size_mm = frame->extents;
  m.volume_mm3 = frame->volume;
  m.thickness_mm = sheet_thickness(m.size_mm, tol);
  if (options.material) {
    if (const auto density = material_density(*options.material))
      m.mass_g = m.volume_mm3 / 1000.0 * *density;
    else
      m.warnings.push_back("unknown material \"" + *options.material + "\"; no mass computed");
  }
  const TopoDS_Shape framed = BRepBuilderAPI_Transform(loaded.shape, frame->to_frame, false).Shape();
  m.holes = find_holes(framed, tol);
  m.face_count = count_faces(loaded.shape);
  if (options.progress) options.progress("finding the natural frame and the holes", 1);
  return m;
}

}  // namespace

Result<PartMeasurement> measure_brep(const std::filesystem::path& path, GeometryFormat format,
                                     const MeasureOptions& options) {
  auto loaded = read_occt_shape(path, format, options);
  if (!loaded) return std::unexpected(loaded.error());
  try {
    OCC_CATCH_SIGNALS
    auto measured = measure_shape(std::move(*loaded), format, options);
    if (!measured) return std::unexpected(with_origin(measured.error(), path.string()));
    return measured;
  } catch (const Standard_Failure& e) {
    return fail(Errc::io, std::string("OpenCASCADE could not measure the shape: ") +
                              (e.GetMessageString() ? e.GetMessageString() : "unknown failure"),
                path.string());
  } catch (const std::exception& e) {
    return fail(Errc::io, std::string("could not measure the shape: ") + e.what(), path.string());
  }
}

}  // namespace archipel::core::detail
