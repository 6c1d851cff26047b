// The natural frame: a part modelled rotated or far from the origin measures the same as one
// modelled on the axes, because every measurement is taken in a frame found from the part itself.
#include "occt/natural_frame.hpp"

#include <algorithm>
#include <cmath>
#include <optional>
#include <ranges>
#include <vector>

#include <BRepAdaptor_Surface.hxx>
#include <BRepBndLib.hxx>
#include <BRepBuilderAPI_Transform.hxx>
#include <BRepGProp.hxx>
#include <Bnd_Box.hxx>
#include <GProp_GProps.hxx>
#include <GProp_PrincipalProps.hxx>
#include <TopExp_Explorer.hxx>
#include <TopoDS.hxx>
#include <gp_Ax3.hxx>

namespace archipel::core::detail {
namespace {

struct DirectionGroup {
  gp_Vec sum;        // area-weighted sum of the normals, all turned to one side
  double area = 0;
};

struct Basis {
  std::array<gp_Dir, 3> axes;
  std::array<double, 3> area{};  // planar-face area facing each axis
  std::string method;
};

// Planar-face normals grouped by direction (sign ignored), largest total area first.
std::vector<DirectionGroup> planar_groups(const TopoDS_Shape& shape, double angular) {
  std::vector<DirectionGroup> groups;
  for (TopExp_Explorer it(shape, TopAbs_FACE); it.More(); it.Next()) {
    const TopoDS_Face& face = TopoDS::Face(it.Current());
    BRepAdaptor_Surface surface(face, false);
    if (surface.GetType() != GeomAbs_Plane) continue;
    GProp_GProps props;
    BRepGProp::SurfaceProperties(face, props);
    const gp_Dir normal = surface.Plane().Axis().Direction();
    auto group = std::ranges::find_if(
        groups, [&](const DirectionGroup& g) { return gp_Dir(g.sum).IsParallel(normal, angular); });
    if (group == groups.end()) group = groups.insert(groups.end(), DirectionGroup{gp_Vec(0, 0, 0), 0});
    const double sign = group->area > 0 && gp_Dir(group->sum).Dot(normal) < 0 ? -1.0 : 1.0;
    group->sum += gp_Vec(normal) * (sign * props.Mass());
    group->area += props.Mass();
  }
  std::ranges::sort(groups, [](const auto& a, const auto& b) { return a.area > b.area; });
  return groups;
}

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

double volume_of(const TopoDS_Shape& shape, const GProp_GProps& props) {
  return has_solid(shape) ? std::abs(props.Mass()) : 0.0;
}

gp_Vec in_plane(const gp_Vec& v, const gp_Dir& normal) { return v - gp_Vec(normal) * v.Dot(normal); }

// The principal axis of least inertia lying in the plane, when the in-plane inertia is not round.
std::optional<gp_Dir> inertia_direction(const GProp_GProps& props, const gp_Dir& normal, double angular) {
  const GProp_PrincipalProps principal = props.PrincipalProperties();
  double i1 = 0, i2 = 0, i3 = 0;
  principal.Moments(i1, i2, i3);
  const std::array<std::pair<double, gp_Vec>, 3> axes{{{i1, principal.FirstAxisOfInertia()},
                                                        {i2, principal.SecondAxisOfInertia()},
                                                        {i3, principal.ThirdAxisOfInertia()}}};
  std::vector<std::pair<double, gp_Vec>> flat;
  for (const auto& [moment, axis] : axes)
    if (std::abs(axis.Dot(normal)) <= angular) flat.push_back({moment, axis});
  if (flat.size() != 2) return std::nullopt;
  const double scale = std::max(std::abs(flat[0].first), std::abs(flat[1].first));
  if (std::abs(flat[0].first - flat[1].first) <= 1e-6 * scale) return std::nullopt;
  const auto& least = flat[0].first < flat[1].first ? flat[0] : flat[1];
  return gp_Dir(in_plane(least.second, normal));
}

// For round parts: the direction from the centre of mass to the nearest off-centre cylinder
// axis parallel to `normal` (a bolt-circle hole), so the frame turns with the part.
std::optional<gp_Dir> feature_direction(const TopoDS_Shape& shape, const gp_Pnt& centre,
                                        const gp_Dir& normal, const Tolerances& tol) {
  std::optional<gp_Vec> best;
  for (TopExp_Explorer it(shape, TopAbs_FACE); it.More(); it.Next()) {
    BRepAdaptor_Surface surface(TopoDS::Face(it.Current()), false);
    if (surface.GetType() != GeomAbs_Cylinder) continue;
    const gp_Ax1 axis = surface.Cylinder().Axis();
    if (!axis.Direction().IsParallel(normal, tol.angular_rad)) continue;
    const gp_Vec offset = in_plane(gp_Vec(centre, axis.Location()), normal);
    if (offset.Magnitude() <= tol.hole_group_mm) continue;
    // Equally near features (a symmetric bolt circle) are interchangeable; prefer the file's +x.
    const bool nearer = !best || offset.Magnitude() < best->Magnitude() - tol.linear_mm;
    const bool tie = best && near(offset.Magnitude(), best->Magnitude(), tol.linear_mm);
    if (nearer || (tie && offset.X() > best->X() + tol.linear_mm)) best = offset;
  }
  if (!best) return std::nullopt;
  return gp_Dir(*best);
}

gp_Dir file_axis_direction(const gp_Dir& normal) {
  for (const gp_Vec candidate : {gp_Vec(1, 0, 0), gp_Vec(0, 1, 0)}) {
    const gp_Vec v = in_plane(candidate, normal);
    if (v.Magnitude() > 1e-3) return gp_Dir(v);
  }
  return gp_Dir(in_plane(gp_Vec(0, 0, 1), normal));
}

Basis planar_basis(const TopoDS_Shape& shape, const std::vector<DirectionGroup>& groups,
                   const GProp_GProps& props, const Tolerances& tol) {
  const gp_Dir d1(groups.front().sum);
  Basis basis{{d1, d1, d1}, {groups.front().area, 0, 0}, "planar-faces"};
  std::optional<gp_Dir> d2;
  for (const auto& group : groups | std::views::drop(1)) {
    if (!gp_Dir(group.sum).IsNormal(d1, tol.angular_rad)) continue;
    d2 = gp_Dir(in_plane(group.sum, d1));
    basis.area[1] = group.area;
    break;
  }
  if (!d2 && (d2 = inertia_direction(props, d1, tol.angular_rad))) basis.method += "+principal-axes";
  if (!d2 && (d2 = feature_direction(shape, props.CentreOfMass(), d1, tol))) basis.method += "+holes";
  if (!d2) {
    d2 = file_axis_direction(d1);
    basis.method += "+file-axes";
  }
  basis.axes[1] = *d2;
  basis.axes[2] = d1.Crossed(*d2);
  for (const auto& group : groups)
    if (gp_Dir(group.sum).IsParallel(basis.axes[2], tol.angular_rad))
      basis.area[2] += group.area;
  return basis;
}

Basis inertia_basis(const GProp_GProps& props) {
  const GProp_PrincipalProps principal = props.PrincipalProperties();
  const gp_Dir d1(principal.FirstAxisOfInertia());
  gp_Dir d2(in_plane(principal.SecondAxisOfInertia(), d1));
  return Basis{{d1, d2, d1.Crossed(d2)}, {}, "principal-axes"};
}

// One axis of the frame being chosen: its direction, the box along it, the planar area facing
// it, and how far the centre of mass sits from the middle of the box along it.
struct Axis {
  gp_Dir dir;
  double min, max, area, offset;
  void flip() { *this = {dir.Reversed(), -max, -min, area, -offset}; }
  bool undecided(double tol) const { return std::abs(offset) <= tol; }
};

// Largest component positive: the file's own sense, for axes the part's mass leaves open.
bool file_positive(const gp_Dir& d) {
  const std::array<double, 3> c{d.X(), d.Y(), d.Z()};
  return *std::ranges::max_element(c, {}, [](double v) { return std::abs(v); }) > 0;
}

// Signs: the centre of mass at or below the middle of the box; where the part is symmetric,
// the file's positive sense. The frame must stay right-handed: flip an undecided axis (y, x,
// then z) or else the one the mass decides least.
void orient_axes(std::array<Axis, 3>& axes, const Tolerances& tol) {
  for (auto& a : axes)
    if (a.offset > tol.linear_mm || (a.undecided(tol.linear_mm) && !file_positive(a.dir))) a.flip();
  if (axes[0].dir.Crossed(axes[1].dir).Dot(axes[2].dir) > 0) return;
  for (int i : {1, 0, 2})
    if (axes[i].undecided(tol.linear_mm)) return axes[i].flip();
  std::ranges::min_element(axes, {}, [](const Axis& a) { return std::abs(a.offset); })->flip();
}

gp_Trsf rotation_to(const gp_Dir& x, const gp_Dir& z) {
  gp_Trsf trsf;
  trsf.SetTransformation(gp_Ax3(gp_Pnt(0, 0, 0), z, x));
  return trsf;
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
  const auto groups = planar_groups(shape, tol.angular_rad);
  Basis basis = groups.empty() ? inertia_basis(props) : planar_basis(shape, groups, props, tol);

  // Measure along the three directions, then order them: longest first; on a tie, the direction
  // with less planar area first (so a plate's broad faces face z).
  const auto box = exact_box(shape, rotation_to(basis.axes[0], basis.axes[2]));
  const gp_Pnt centre = props.CentreOfMass().Transformed(rotation_to(basis.axes[0], basis.axes[2]));
  std::array<Axis, 3> axes;
  for (int i = 0; i < 3; ++i)
    axes[i] = {basis.axes[i], box[i], box[i + 3], basis.area[i],
               centre.Coord(i + 1) - (box[i] + box[i + 3]) / 2};
  std::ranges::stable_sort(axes, [&](const Axis& a, const Axis& b) {
    const double ea = a.max - a.min, eb = b.max - b.min;
    if (!near(ea, eb, tol.linear_mm)) return ea > eb;
    return a.area < b.area - tol.linear_mm;
  });
  orient_axes(axes, tol);
  NaturalFrame out;
  const gp_Trsf rotation = rotation_to(axes[0].dir, axes[2].dir);
  gp_Trsf shift;
  shift.SetTranslation(gp_Vec(-axes[0].min, -axes[1].min, -axes[2].min));
  out.to_frame = shift * rotation;
  const gp_Pnt origin = gp_Pnt(axes[0].min, axes[1].min, axes[2].min).Transformed(rotation.Inverted());
  out.frame.origin = {origin.X(), origin.Y(), origin.Z()};
  const auto vec = [](const gp_Dir& d) { return Vec3{d.X(), d.Y(), d.Z()}; };
  out.frame.x_axis = vec(axes[0].dir);
  out.frame.y_axis = vec(axes[1].dir);
  out.frame.z_axis = vec(axes[2].dir);
  out.frame.method = basis.method;
  for (int i = 0; i < 3; ++i) out.extents[i] = axes[i].max - axes[i].min;
  out.volume = volume_of(shape, props);
  return out;
}

}  // namespace archipel::core::detail
