// The OpenCASCADE path of measure_file: read, find the natural frame, measure in it.
#include "occt/brep_measure.hpp"

#include <exception>

#include <BRepBuilderAPI_Transform.hxx>
#include <Standard_ErrorHandler.hxx>
#include <Standard_Failure.hxx>
#include <BRepAdaptor_Surface.hxx>
#include <BRepGProp.hxx>
#include <GProp_GProps.hxx>
#include <TopExp.hxx>
#include <TopExp_Explorer.hxx>
#include <TopoDS.hxx>
#include <TopTools_IndexedMapOfShape.hxx>

#include "archipel/core/materials.hpp"
#include "frame/frame_choice.hpp"
#include "in_process/wall_thickness.hpp"
#include "occt/holes.hpp"
#include "occt/natural_frame.hpp"
#include "occt/occt_read.hpp"
#include "occt/openings.hpp"

namespace archipel::core::detail {
namespace {

std::size_t count_faces(const TopoDS_Shape& shape) {
  TopTools_IndexedMapOfShape faces;
  TopExp::MapShapes(shape, TopAbs_FACE, faces);
  return static_cast<std::size_t>(faces.Extent());
}

// The planar faces, for the wall thickness of an angle or a bent sheet.
std::vector<PlaneRegion> planar_faces(const TopoDS_Shape& shape) {
  std::vector<PlaneRegion> out;
  for (TopExp_Explorer it(shape, TopAbs_FACE); it.More(); it.Next()) {
    const TopoDS_Face& face = TopoDS::Face(it.Current());
    BRepAdaptor_Surface surface(face, false);
    if (surface.GetType() != GeomAbs_Plane) continue;
    const gp_Pln plane = surface.Plane();
    gp_Dir n = plane.Axis().Direction();
    if (!plane.Direct()) n.Reverse();  // a left-handed placement turns the parametric normal
    if (face.Orientation() == TopAbs_REVERSED) n.Reverse();
    GProp_GProps props;
    BRepGProp::SurfaceProperties(face, props);
    const gp_XYZ o = plane.Location().XYZ();
    out.push_back({{n.X(), n.Y(), n.Z()}, n.XYZ().Dot(o), props.Mass()});
  }
  return out;
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
  if (!m.thickness_mm) m.thickness_mm = wall_thickness(planar_faces(loaded.shape), m.size_mm, tol);
  if (options.material) {
    if (const auto density = material_density(*options.material))
      m.mass_g = m.volume_mm3 / 1000.0 * *density;
    else
      m.warnings.push_back({"material.unknown", "unknown material \"" + *options.material + "\"; no mass computed"});
  }
  const TopoDS_Shape framed = BRepBuilderAPI_Transform(loaded.shape, frame->to_frame, false).Shape();
  m.holes = find_holes(framed, tol);
  m.openings = find_openings(framed, m.size_mm, tol);
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
