// The natural frame: a part modelled rotated or far from the origin measures the same as one
// modelled on the axes, because every measurement is taken in a frame found from the part itself.
#include "occt/natural_frame.hpp"

#include <algorithm>
#include <cmath>
#include <optional>
#include <vector>

#include <BRepAdaptor_Curve.hxx>
#include <BRepAdaptor_Surface.hxx>
#include <BRepBndLib.hxx>
#include <BRepBuilderAPI_Transform.hxx>
#include <BRepGProp.hxx>
#include <BRepTools.hxx>
#include <BRep_Tool.hxx>
#include <Bnd_Box.hxx>
#include <GCPnts_QuasiUniformDeflection.hxx>
#include <GProp_GProps.hxx>
#include <GProp_PrincipalProps.hxx>
#include <TopExp.hxx>
#include <TopExp_Explorer.hxx>
#include <TopTools_IndexedMapOfShape.hxx>
#include <TopoDS.hxx>
#include <gp_Ax3.hxx>

#include "frame/frame_choice.hpp"
#include "frame/hull3d.hpp"
#include "frame/vec3.hpp"

namespace archipel::core::detail {
namespace {

constexpr double edge_deflection_mm = 0.005;  // sampled edges lie within this of the true curve
constexpr double face_step_mm = 1.0;          // grid spacing on doubly curved faces (error h²/8R)
constexpr int min_face_grid = 16, max_face_grid = 256;

Vec3 vec(const gp_XYZ& p) { return {p.X(), p.Y(), p.Z()}; }

bool has_solid(const TopoDS_Shape& shape) { return TopExp_Explorer(shape, TopAbs_SOLID).More(); }

// Volume properties for solids; surface properties (for the centroid) when there are none.
GProp_GProps mass_properties(const TopoDS_Shape& shape) {
  GProp_GProps props;
  BRepGProp::VolumeProperties(shape, props);
  if (has_solid(shape) && std::abs(props.Mass()) > 1e-9) return props;
  GProp_GProps surface;
  BRepGProp::SurfaceProperties(shape, surface);
  return surface;
}

std::vector<PlanarRegion> planar_faces(const TopoDS_Shape& shape) {
  std::vector<PlanarRegion> out;
  for (TopExp_Explorer it(shape, TopAbs_FACE); it.More(); it.Next()) {
    const TopoDS_Face& face = TopoDS::Face(it.Current());
    BRepAdaptor_Surface surface(face, false);
    if (surface.GetType() != GeomAbs_Plane) continue;
    GProp_GProps props;
    BRepGProp::SurfaceProperties(face, props);
    out.push_back({vec(surface.Plane().Axis().Direction().XYZ()), props.Mass()});
  }
  return out;
}

// Faces whose extreme points may lie inside them, not on their edges: all but planes and the
// ruled surfaces (cylinders, cones, extrusions), which are linear along their rulings.
bool doubly_curved(GeomAbs_SurfaceType type) {
  return type != GeomAbs_Plane && type != GeomAbs_Cylinder && type != GeomAbs_Cone &&
         type != GeomAbs_SurfaceOfExtrusion;
}

// Points whose convex hull is the shape's, within the sampling deflection.
std::vector<Vec3> sample_points(const TopoDS_Shape& shape) {
  std::vector<Vec3> points;
  TopTools_IndexedMapOfShape vertices, edges, faces;
  TopExp::MapShapes(shape, TopAbs_VERTEX, vertices);
  TopExp::MapShapes(shape, TopAbs_EDGE, edges);
  TopExp::MapShapes(shape, TopAbs_FACE, faces);
  for (int i = 1; i <= vertices.Extent(); ++i)
    points.push_back(vec(BRep_Tool::Pnt(TopoDS::Vertex(vertices(i))).XYZ()));
  for (int i = 1; i <= edges.Extent(); ++i) {
    const TopoDS_Edge& edge = TopoDS::Edge(edges(i));
    if (BRep_Tool::Degenerated(edge)) continue;
    BRepAdaptor_Curve curve(edge);
    if (curve.GetType() == GeomAbs_Line) continue;  // its ends are vertices
    GCPnts_QuasiUniformDeflection sampler(curve, edge_deflection_mm);
    if (!sampler.IsDone()) continue;
    for (int k = 1; k <= sampler.NbPoints(); ++k) points.push_back(vec(sampler.Value(k).XYZ()));
  }
  for (int i = 1; i <= faces.Extent(); ++i) {
    const TopoDS_Face& face = TopoDS::Face(faces(i));
    BRepAdaptor_Surface surface(face);
    if (!doubly_curved(surface.GetType())) continue;
    double u0 = 0, u1 = 0, v0 = 0, v1 = 0;
    BRepTools::UVBounds(face, u0, u1, v0, v1);
    const auto at = [&](double a, double b) { return vec(surface.Value(u0 + (u1 - u0) * a, v0 + (v1 - v0) * b).XYZ()); };
    // Grid counts from the lengths of the middle iso-lines, so that samples lie about 1 mm apart.
    double length_u = 0, length_v = 0;
    for (int k = 0; k < min_face_grid; ++k) {
      length_u += norm(sub(at((k + 1.0) / min_face_grid, 0.5), at(double(k) / min_face_grid, 0.5)));
      length_v += norm(sub(at(0.5, (k + 1.0) / min_face_grid), at(0.5, double(k) / min_face_grid)));
    }
    const int nu = std::clamp(static_cast<int>(length_u / face_step_mm), min_face_grid, max_face_grid);
    const int nv = std::clamp(static_cast<int>(length_v / face_step_mm), min_face_grid, max_face_grid);
    for (int a = 0; a <= nu; ++a)
      for (int b = 0; b <= nv; ++b) points.push_back(at(double(a) / nu, double(b) / nv));
  }
  return points;
}

std::array<Vec3, 3> principal_axes(const GProp_GProps& props) {
  const GProp_PrincipalProps principal = props.PrincipalProperties();
  return {vec(principal.FirstAxisOfInertia().XYZ()), vec(principal.SecondAxisOfInertia().XYZ()),
          vec(principal.ThirdAxisOfInertia().XYZ())};
}

// For round parts: the direction from the centre of mass to the nearest off-centre cylinder axis
// parallel to `normal` (a bolt-circle hole), so the frame turns with the part.
std::optional<Vec3> feature_direction(const TopoDS_Shape& shape, const Vec3& centre,
                                      const Vec3& normal, const Tolerances& tol) {
  std::optional<Vec3> best;
  const gp_Dir n(normal[0], normal[1], normal[2]);
  for (TopExp_Explorer it(shape, TopAbs_FACE); it.More(); it.Next()) {
    BRepAdaptor_Surface surface(TopoDS::Face(it.Current()), false);
    if (surface.GetType() != GeomAbs_Cylinder) continue;
    const gp_Ax1 axis = surface.Cylinder().Axis();
    if (!axis.Direction().IsParallel(n, tol.angular_rad)) continue;
    const Vec3 offset = in_plane(sub(vec(axis.Location().XYZ()), centre), normal);
    const double size = norm(offset);
    if (size <= tol.hole_group_mm) continue;
    // Equally near features (a symmetric bolt circle) are interchangeable; prefer the file's +x.
    const double best_size = best ? norm(*best) : 0;
    const bool nearer = !best || size < best_size - tol.linear_mm;
    const bool tie = best && near(size, best_size, tol.linear_mm);
    if (nearer || (tie && offset[0] > (*best)[0] + tol.linear_mm)) best = offset;
  }
  return best;
}

gp_Trsf rotation_to(const Vec3& x, const Vec3& z) {
  gp_Trsf trsf;
  trsf.SetTransformation(gp_Ax3(gp_Pnt(0, 0, 0), gp_Dir(z[0], z[1], z[2]), gp_Dir(x[0], x[1], x[2])));
  return trsf;
}

// The axes of a right-handed basis with their exact extents, planar areas and mass offsets.
std::array<FrameAxis, 3> measured_axes(const TopoDS_Shape& shape, const FrameBasis& basis,
                                       const gp_Pnt& centre_of_mass) {
  const gp_Trsf rotation = rotation_to(basis.axes[0], basis.axes[2]);
  const auto box = exact_box(shape, rotation);
  const gp_Pnt centre = centre_of_mass.Transformed(rotation);
  std::array<FrameAxis, 3> axes;
  for (int i = 0; i < 3; ++i)
    axes[i] = {basis.axes[i], box[i], box[i + 3], basis.area[i],
               centre.Coord(i + 1) - (box[i] + box[i + 3]) / 2};
  return axes;
}

// Whether box `a` is smaller than box `b` with some extent differing by more than `tie`.
bool clearly_smaller(const std::array<FrameAxis, 3>& a, const std::array<FrameAxis, 3>& b, double tie) {
  std::array<double, 3> ea{a[0].extent(), a[1].extent(), a[2].extent()};
  std::array<double, 3> eb{b[0].extent(), b[1].extent(), b[2].extent()};
  std::ranges::sort(ea, std::greater<>{});
  std::ranges::sort(eb, std::greater<>{});
  bool same = true;
  for (int i = 0; i < 3; ++i) same = same && std::abs(ea[i] - eb[i]) <= tie;
  return !same && ea[0] * ea[1] * ea[2] < eb[0] * eb[1] * eb[2];
}

}  // namespace

std::array<double, 6> exact_box(const TopoDS_Shape& shape, const gp_Trsf& trsf) {
  const TopoDS_Shape moved = BRepBuilderAPI_Transform(shape, trsf, false).Shape();
  Bnd_Box box;
  BRepBndLib::AddOptimal(moved, box, false, false);
  std::array<double, 6> b{};
  box.Get(b[0], b[1], b[2], b[3], b[4], b[5]);
  return b;
}

Result<NaturalFrame> find_natural_frame(const TopoDS_Shape& shape, const Tolerances& tol) {
  const GProp_GProps props = mass_properties(shape);
  const Vec3 centre = vec(props.CentreOfMass().XYZ());
  FrameInput input;
  std::vector<Vec3> samples = sample_points(shape);
  const auto finite = [](const Vec3& p) { return std::isfinite(p[0]) && std::isfinite(p[1]) && std::isfinite(p[2]); };
  if (!std::ranges::all_of(samples, finite) || !finite(centre))
    return fail(Errc::io, "the shape has a coordinate that is not a finite number (corrupt file)", {});
  input.points = hull_vertices(samples);
  input.planes = planar_faces(shape);
  input.principal = principal_axes(props);
  FrameBasis basis = choose_basis(input, {tol.frame_tie_mm, tol.round_mm});
  if (basis.round_axis) {
    const Vec3 n = basis.axes[*basis.round_axis];
    if (const auto towards = feature_direction(shape, centre, n, tol))
      basis = turn_round_basis(basis, *towards, "planar-faces+holes");
    else
      basis = turn_round_basis(basis, file_axis_in_plane(n), "planar-faces+file-axes");
  }
  auto axes = measured_axes(shape, basis, props.CentreOfMass());
  if (basis.method != "file-axes" && !basis.round_axis) {
    // The candidates were compared on sampled points; the exact boxes settle it: the file's axes
    // unless the chosen box is smaller by more than the tie on some extent.
    FrameBasis file{{{{1, 0, 0}, {0, 1, 0}, {0, 0, 1}}}, {}, "file-axes", std::nullopt};
    file.area = facing_areas(file.axes, input.planes);
    const auto file_axes = measured_axes(shape, file, props.CentreOfMass());
    if (!clearly_smaller(axes, file_axes, tol.frame_tie_mm)) axes = file_axes, basis.method = "file-axes";
  }
  axes = order_axes(axes, {tol.frame_tie_mm, tol.sheet_ratio, tol.linear_mm});
  NaturalFrame out;
  const gp_Trsf rotation = rotation_to(axes[0].dir, axes[2].dir);
  gp_Trsf shift;
  shift.SetTranslation(gp_Vec(-axes[0].min, -axes[1].min, -axes[2].min));
  out.to_frame = shift * rotation;
  const gp_Pnt origin = gp_Pnt(axes[0].min, axes[1].min, axes[2].min).Transformed(rotation.Inverted());
  out.frame.origin = vec(origin.XYZ());
  out.frame.x_axis = axes[0].dir;
  out.frame.y_axis = axes[1].dir;
  out.frame.z_axis = axes[2].dir;
  out.frame.method = basis.method;
  for (int i = 0; i < 3; ++i) out.extents[i] = axes[i].extent();
  out.volume = has_solid(shape) ? std::abs(props.Mass()) : 0.0;
  return out;
}

}  // namespace archipel::core::detail
