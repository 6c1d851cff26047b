// Holes from cylindrical and conical faces. A modelled hole is usually two half-cylinder faces;
// they are grouped by axis line, radius and overlapping axial range. Whether each end of the hole
// is open is decided locally from the faces bordering it, which stays fast on plates with many
// holes. Coaxial cylinders and cones that follow each other (a counterbore, a countersink, a
// groove) are then chained into one hole (in_process/hole_chains).
#include "occt/holes.hpp"

#include "in_process/hole_chains.hpp"

#include <algorithm>
#include <cmath>
#include <numbers>
#include <optional>
#include <tuple>

#include <BRepAdaptor_Curve.hxx>
#include <BRepAdaptor_Surface.hxx>
#include <BRepIntCurveSurface_Inter.hxx>
#include <BRepTools.hxx>
#include <BRep_Tool.hxx>
#include <GCPnts_QuasiUniformDeflection.hxx>
#include <NCollection_DataMap.hxx>
#include <TopExp.hxx>
#include <TopExp_Explorer.hxx>
#include <TopTools_IndexedDataMapOfShapeListOfShape.hxx>
#include <TopTools_ListOfShape.hxx>
#include <TopTools_ShapeMapHasher.hxx>
#include <TopoDS.hxx>
#include <TopoDS_Wire.hxx>
#include <gp_Lin.hxx>
#include <Adaptor3d_Curve.hxx>

namespace archipel::core::detail {
namespace {

// One cylinder or cone: the union of the faces that make it up.
struct Cylinder {
  gp_Dir dir;                 // canonical: largest component positive
  gp_Pnt base;                // point of the axis line nearest the frame origin
  double radius = 0;          // a cone: its larger radius
  double t0 = 0, t1 = 0;      // axial range, measured from `base` along `dir`
  bool cone = false;
  double semi_angle = 0;      // a cone's half angle
  double r0 = 0, r1 = 0;      // a cone's radii at t0 and t1
  double angle = 0;           // angular span covered by its faces (2π for a full cylinder)
  bool concave = false;       // material outside: a hole
  std::vector<TopoDS_Face> faces;
};

gp_Dir canonical(const gp_Dir& d) {
  const std::array<double, 3> c{d.X(), d.Y(), d.Z()};
  const auto largest = std::ranges::max_element(c, {}, [](double v) { return std::abs(v); });
  return *largest < 0 ? d.Reversed() : d;
}

// The face's exact extent along the axis line (base, dir), from its edges: the UV box of a face
// trimmed by B-spline pcurves (a tilted hole's ellipses) is loose by tenths of a millimetre.
struct AxialRange {
  double lo = 1e300, hi = -1e300;  // extent along the axis
  double r_lo = 0, r_hi = 0;       // distance from the axis at each end
};

AxialRange axial_range(const TopoDS_Face& face, const gp_Pnt& base, const gp_Dir& dir) {
  AxialRange out;
  double& lo = out.lo;
  double& hi = out.hi;
  const auto add = [&](const gp_Pnt& p) {
    const gp_Vec v(base, p);
    const double t = v.Dot(gp_Vec(dir));
    const double r = (v - gp_Vec(dir) * t).Magnitude();
    if (t < lo) out.r_lo = r;
    if (t > hi) out.r_hi = r;
    lo = std::min(lo, t);
    hi = std::max(hi, t);
  };
  for (TopExp_Explorer e(face, TopAbs_EDGE); e.More(); e.Next()) {
    const TopoDS_Edge& edge = TopoDS::Edge(e.Current());
    if (BRep_Tool::Degenerated(edge)) continue;
    BRepAdaptor_Curve curve(edge);
    const GeomAbs_CurveType type = curve.GetType();
    if (type == GeomAbs_Line || (type == GeomAbs_Circle && curve.Circle().Axis().Direction().IsParallel(dir, 1e-9))) {
      add(curve.Value(curve.FirstParameter()));
      add(curve.Value(curve.LastParameter()));
      continue;
    }
    GCPnts_QuasiUniformDeflection sampler(curve, 1e-4);
    if (!sampler.IsDone()) continue;
    for (int k = 1; k <= sampler.NbPoints(); ++k) add(sampler.Value(k));
  }
  return out;
}

gp_Pnt closest_to_origin(const gp_Pnt& p, const gp_Dir& d) {
  const gp_Vec v(p.XYZ());
  return gp_Pnt((v - gp_Vec(d) * v.Dot(d)).XYZ());
}

// A cylinder or cone from one face; concave when the material's outward normal points at the
// axis.
// What a surface turning about an axis is: a cylinder or a cone. IGES files of trimmed surfaces
// carry them as surfaces of revolution of a line.
struct Revolution {
  gp_Ax1 axis;
  bool cone = false;
  double radius = 0;      // a cylinder's
  double semi_angle = 0;  // a cone's
};

std::optional<Revolution> revolution_of(const BRepAdaptor_Surface& surface) {
  switch (surface.GetType()) {
    case GeomAbs_Cylinder: return Revolution{surface.Cylinder().Axis(), false, surface.Cylinder().Radius(), 0};
    case GeomAbs_Cone: return Revolution{surface.Cone().Axis(), true, 0, std::abs(surface.Cone().SemiAngle())};
    case GeomAbs_SurfaceOfRevolution: {
      const auto basis = surface.BasisCurve();
      if (basis->GetType() != GeomAbs_Line) return std::nullopt;
      const gp_Ax1 axis = surface.AxeOfRevolution();
      const gp_Lin line = basis->Line();
      const double angle = line.Direction().Angle(axis.Direction());
      const double semi = std::min(angle, std::numbers::pi - angle);
      if (semi <= 1e-9) return Revolution{axis, false, gp_Lin(axis).Distance(line.Location()), 0};
      // A cone only when the line meets the axis (coplanar): otherwise a hyperboloid.
      if (gp_Lin(axis).Distance(line) > 1e-7) return std::nullopt;
      return Revolution{axis, true, 0, semi};
    }
    default: return std::nullopt;
  }
}

std::optional<Cylinder> face_cylinder(const TopoDS_Face& face) {
  BRepAdaptor_Surface surface(face);
  const auto revolution = revolution_of(surface);
  if (!revolution) return std::nullopt;
  const bool cone = revolution->cone;
  const gp_Ax1 axis = revolution->axis;
  double u0 = 0, u1 = 0, v0 = 0, v1 = 0;
  BRepTools::UVBounds(face, u0, u1, v0, v1);
  gp_Pnt p;
  gp_Vec du, dv;
  surface.D1((u0 + u1) / 2, (v0 + v1) / 2, p, du, dv);
  gp_Vec normal = du.Crossed(dv);
  if (face.Orientation() == TopAbs_REVERSED) normal.Reverse();
  Cylinder c;
  c.cone = cone;
  c.dir = canonical(axis.Direction());
  c.base = closest_to_origin(axis.Location(), c.dir);
  const gp_Vec to_axis = gp_Vec(p, c.base) - gp_Vec(c.dir) * gp_Vec(p, c.base).Dot(c.dir);
  c.concave = normal.Dot(to_axis) > 0;
  const AxialRange range = axial_range(face, c.base, c.dir);
  c.t0 = range.lo;
  c.t1 = range.hi;
  if (cone) {
    c.semi_angle = revolution->semi_angle;
    c.r0 = range.r_lo;
    c.r1 = range.r_hi;
    c.radius = std::max(c.r0, c.r1);
    if (c.t0 > c.t1) return std::nullopt;  // a cone without edges: no extent to chain
  } else {
    c.radius = revolution->radius;
  }
  if (c.t0 > c.t1) {  // a face without edges: its UV box
    const double start = gp_Vec(c.base, axis.Location()).Dot(c.dir);
    const double sign = axis.Direction().Dot(c.dir);
    c.t0 = std::min(start + sign * v0, start + sign * v1);
    c.t1 = std::max(start + sign * v0, start + sign * v1);
  }
  c.angle = u1 - u0;
  c.faces.push_back(face);
  return c;
}

bool same_cylinder(const Cylinder& a, const Cylinder& b, const Tolerances& tol) {
  if (a.cone != b.cone) return false;
  if (a.cone && (!near(a.semi_angle, b.semi_angle, tol.angular_rad * 100) ||
                 !near(a.t0, b.t0, tol.hole_group_mm) || !near(a.t1, b.t1, tol.hole_group_mm)))
    return false;
  return a.concave == b.concave && near(a.radius, b.radius, tol.hole_group_mm) &&
         a.dir.IsParallel(b.dir, tol.angular_rad) && a.base.Distance(b.base) <= tol.hole_group_mm &&
         a.t0 <= b.t1 + tol.hole_group_mm && b.t0 <= a.t1 + tol.hole_group_mm;
}

std::vector<Cylinder> full_cylinders(const TopoDS_Shape& shape, const Tolerances& tol) {
  std::vector<Cylinder> groups;
  for (TopExp_Explorer it(shape, TopAbs_FACE); it.More(); it.Next()) {
    auto c = face_cylinder(TopoDS::Face(it.Current()));
    if (!c) continue;
    auto g = std::ranges::find_if(groups, [&](const Cylinder& x) { return same_cylinder(x, *c, tol); });
    if (g == groups.end()) {
      groups.push_back(*c);
      continue;
    }
    g->t0 = std::min(g->t0, c->t0);
    g->t1 = std::max(g->t1, c->t1);
    g->angle += c->angle;
    g->faces.push_back(c->faces.front());
  }
  // Fillets and rounded edges are partial cylinders: only full turns are holes or bosses.
  std::erase_if(groups, [](const Cylinder& c) { return c.angle < 2 * std::numbers::pi * 0.999; });
  return groups;
}

class EndClassifier {
 public:
  EndClassifier(const TopoDS_Shape& shape, const Tolerances& tol) : tol_(tol) {
    TopExp::MapShapesAndAncestors(shape, TopAbs_EDGE, TopAbs_FACE, edge_faces_);
  }

  // {entry end closed, far end closed} for the ends at t0 and t1.
  std::pair<bool, bool> closed_ends(const Cylinder& c) {
    bool closed0 = false, closed1 = false;
    for (const TopoDS_Face& face : c.faces)
      for (TopExp_Explorer e(face, TopAbs_EDGE); e.More(); e.Next()) {
        const TopoDS_Edge& edge = TopoDS::Edge(e.Current());
        const double t = edge_position(edge, c);
        const bool at0 = std::abs(t - c.t0) <= std::abs(t - c.t1);
        const gp_Pnt end = c.base.Translated(gp_Vec(c.dir) * (at0 ? c.t0 : c.t1));
        const gp_Dir outward = at0 ? c.dir.Reversed() : c.dir;
        for (const TopoDS_Shape& other : edge_faces_.FindFromKey(edge)) {
          const TopoDS_Face& neighbour = TopoDS::Face(other);
          if (std::ranges::any_of(c.faces, [&](const TopoDS_Face& f) { return f.IsSame(neighbour); }))
            continue;
          if (closes(neighbour, edge, end, outward)) (at0 ? closed0 : closed1) = true;
        }
      }
    return {closed0, closed1};
  }

 private:
  static double edge_position(const TopoDS_Edge& edge, const Cylinder& c) {
    BRepAdaptor_Curve curve(edge);
    const gp_Pnt mid = curve.Value((curve.FirstParameter() + curve.LastParameter()) / 2);
    return gp_Vec(c.base, mid).Dot(c.dir);
  }

  // A planar neighbour closes the end when the circle is its outer boundary (a hole's bottom),
  // not an inner one (the face around a hole's mouth); any other neighbour closes it when the
  // axis, continued outward, meets it (a drill-point cone, a ball end).
  bool closes(const TopoDS_Face& face, const TopoDS_Edge& edge, const gp_Pnt& end, const gp_Dir& outward) {
    if (BRepAdaptor_Surface(face, false).GetType() == GeomAbs_Plane) {
      const TopoDS_Wire& outer = outer_wire(face);
      for (TopExp_Explorer w(outer, TopAbs_EDGE); w.More(); w.Next())
        if (w.Current().IsSame(edge)) return true;
      return false;
    }
    BRepIntCurveSurface_Inter inter;
    for (inter.Init(face, gp_Lin(end, outward), tol_.linear_mm); inter.More(); inter.Next())
      if (inter.W() >= -tol_.linear_mm) return true;
    return false;
  }

  const TopoDS_Wire& outer_wire(const TopoDS_Face& face) {
    if (const TopoDS_Wire* found = outer_.Seek(face)) return *found;
    return *outer_.Bound(face, BRepTools::OuterWire(face));
  }

  Tolerances tol_;
  TopTools_IndexedDataMapOfShapeListOfShape edge_faces_;
  NCollection_DataMap<TopoDS_Shape, TopoDS_Wire, TopTools_ShapeMapHasher> outer_;
};

Vec3 to_vec(const gp_XYZ& p) { return {p.X(), p.Y(), p.Z()}; }

HoleSegment to_segment(const Cylinder& c, EndClassifier& ends) {
  HoleSegment s;
  s.dir = to_vec(c.dir.XYZ());
  s.base = to_vec(c.base.XYZ());
  s.t0 = c.t0;
  s.t1 = c.t1;
  s.boss = !c.concave;
  s.cone = c.cone;
  s.d0 = 2 * (c.cone ? c.r0 : c.radius);
  s.d1 = 2 * (c.cone ? c.r1 : c.radius);
  if (c.cone) return s;
  Hole& hole = s.hole;
  hole.diameter_mm = 2 * c.radius;
  hole.depth_mm = c.t1 - c.t0;
  hole.boss = !c.concave;
  gp_Dir axis = c.dir;
  double entry = c.t0;
  if (c.concave) {
    const auto [closed0, closed1] = ends.closed_ends(c);
    s.open0 = !closed0;
    s.open1 = !closed1;
    hole.through = !closed0 && !closed1;
    if (closed0 && !closed1) {  // open at t1: enter there, pointing into the material
      axis.Reverse();
      entry = c.t1;
    }
  }
  hole.axis = to_vec(axis.XYZ());
  hole.center_mm = to_vec(c.base.XYZ() + c.dir.XYZ() * entry);
  return s;
}

}  // namespace

std::vector<Hole> find_holes(const TopoDS_Shape& framed, const Tolerances& tolerances) {
  EndClassifier ends(framed, tolerances);
  std::vector<HoleSegment> segments;
  for (const Cylinder& c : full_cylinders(framed, tolerances)) segments.push_back(to_segment(c, ends));
  std::vector<Hole> holes = chain_holes(std::move(segments), tolerances);
  const auto key = [&](const Hole& h) {
    std::array<double, 4> k{};
    for (int i = 0; i < 3; ++i) k[i] = std::round(h.center_mm[i] / tolerances.linear_mm);
    k[3] = std::round(h.diameter_mm / tolerances.linear_mm);
    return k;
  };
  std::ranges::sort(holes, [&](const Hole& a, const Hole& b) { return key(a) < key(b); });
  return holes;
}

}  // namespace archipel::core::detail
