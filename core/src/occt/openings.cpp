// Openings from the inner wires of planar faces (see openings.hpp). The same outline
// classification as the mesh path, so that both paths name an opening alike.
#include "occt/openings.hpp"

#include <algorithm>
#include <cmath>
#include <optional>

#include <BRepAdaptor_Curve.hxx>
#include <BRepAdaptor_Surface.hxx>
#include <BRepTools.hxx>
#include <BRepTools_WireExplorer.hxx>
#include <BRep_Tool.hxx>
#include <GCPnts_QuasiUniformDeflection.hxx>
#include <TopExp.hxx>
#include <TopExp_Explorer.hxx>
#include <TopTools_IndexedDataMapOfShapeListOfShape.hxx>
#include <TopoDS.hxx>
#include <TopoDS_Wire.hxx>

#include "in_process/outline_shape.hpp"

namespace archipel::core::detail {
namespace {

constexpr double sample_deflection_mm = 0.002;

struct Mouth {
  int axis = 2;
  double at = 0;  // position of the face along the axis
  OutlineShape shape;
  TopoDS_Face face;
  TopoDS_Wire wire;
  double lo = 0, hi = 0;  // extent of the faces around it along the axis
  bool paired = false;
};

std::optional<int> square_axis(const gp_Dir& n) {
  for (int k = 0; k < 3; ++k)
    if (std::abs(n.Coord(k + 1)) > 1 - 1e-9) return k;
  return std::nullopt;
}

// A round hole's mouth: one circle, whatever the number of its edges.
bool single_circle(const TopoDS_Wire& wire) {
  std::optional<gp_Circ> first;
  for (TopExp_Explorer e(wire, TopAbs_EDGE); e.More(); e.Next()) {
    BRepAdaptor_Curve c(TopoDS::Edge(e.Current()));
    if (c.GetType() != GeomAbs_Circle) return false;
    const gp_Circ circ = c.Circle();
    if (!first) first = circ;
    else if (std::abs(circ.Radius() - first->Radius()) > 1e-6 ||
             circ.Location().Distance(first->Location()) > 1e-6)
      return false;
  }
  return first.has_value();
}

std::vector<std::array<double, 2>> outline_points(const TopoDS_Wire& wire, const TopoDS_Face& face,
                                                  int axis) {
  std::vector<std::array<double, 2>> out;
  const int iu = (axis + 1) % 3, iv = (axis + 2) % 3;
  for (BRepTools_WireExplorer w(wire, face); w.More(); w.Next()) {
    const TopoDS_Edge& edge = w.Current();
    if (BRep_Tool::Degenerated(edge)) continue;
    BRepAdaptor_Curve curve(edge);
    std::vector<gp_Pnt> pts;
    if (curve.GetType() == GeomAbs_Line) {
      pts = {curve.Value(curve.FirstParameter()), curve.Value(curve.LastParameter())};
    } else {
      GCPnts_QuasiUniformDeflection sampler(curve, sample_deflection_mm);
      if (!sampler.IsDone()) continue;
      for (int k = 1; k <= sampler.NbPoints(); ++k) pts.push_back(sampler.Value(k));
    }
    if (edge.Orientation() == TopAbs_REVERSED) std::ranges::reverse(pts);
    pts.pop_back();  // the next edge starts there
    for (const gp_Pnt& p : pts) out.push_back({p.Coord(iu + 1), p.Coord(iv + 1)});
  }
  return out;
}

std::vector<Mouth> mouths_of(const TopoDS_Shape& shape, const Vec3& size, const Tolerances& tol) {
  std::vector<Mouth> out;
  for (TopExp_Explorer it(shape, TopAbs_FACE); it.More(); it.Next()) {
    const TopoDS_Face& face = TopoDS::Face(it.Current());
    BRepAdaptor_Surface surface(face, false);
    if (surface.GetType() != GeomAbs_Plane) continue;
    const gp_Pln plane = surface.Plane();
    const auto axis = square_axis(plane.Axis().Direction());
    if (!axis) continue;
    const TopoDS_Wire outer = BRepTools::OuterWire(face);
    for (TopExp_Explorer w(face, TopAbs_WIRE); w.More(); w.Next()) {
      const TopoDS_Wire& wire = TopoDS::Wire(w.Current());
      if (wire.IsSame(outer) || single_circle(wire)) continue;
      const auto points = outline_points(wire, face, *axis);
      if (points.size() < 3) continue;
      const auto shape_of = classify_outline(points, tol);
      if (!shape_of || is_part_inside(*shape_of, size[(*axis + 1) % 3], size[(*axis + 2) % 3])) continue;
      out.push_back({*axis, plane.Location().Coord(*axis + 1), *shape_of, face, wire});
    }
  }
  return out;
}

// The extent along the axis of the faces that share the mouth's edges (its walls).
void wall_extent(Mouth& m, const TopTools_IndexedDataMapOfShapeListOfShape& edge_faces) {
  m.lo = m.hi = m.at;
  for (TopExp_Explorer e(m.wire, TopAbs_EDGE); e.More(); e.Next()) {
    const int index = edge_faces.FindIndex(e.Current());
    if (index == 0) continue;
    for (const TopoDS_Shape& f : edge_faces.FindFromIndex(index)) {
      if (f.IsSame(m.face)) continue;
      for (TopExp_Explorer v(f, TopAbs_VERTEX); v.More(); v.Next()) {
        const double c = BRep_Tool::Pnt(TopoDS::Vertex(v.Current())).Coord(m.axis + 1);
        m.lo = std::min(m.lo, c);
        m.hi = std::max(m.hi, c);
      }
    }
  }
}

bool same_outline(const Mouth& a, const Mouth& b, const Tolerances& tol) {
  const double d = std::max(tol.outline_mm, tol.hole_group_mm);
  return a.axis == b.axis && a.shape.shape == b.shape.shape &&
         std::abs(a.shape.centre[0] - b.shape.centre[0]) <= d &&
         std::abs(a.shape.centre[1] - b.shape.centre[1]) <= d &&
         std::abs(a.shape.width - b.shape.width) <= d && std::abs(a.shape.length - b.shape.length) <= d;
}

Opening to_opening(const Mouth& m, bool through, bool from_top) {
  const int iu = (m.axis + 1) % 3, iv = (m.axis + 2) % 3;
  Opening o;
  o.shape = m.shape.shape;
  o.width_mm = m.shape.width;
  o.length_mm = m.shape.length;
  o.sides = m.shape.sides;
  o.depth_mm = m.hi - m.lo;
  o.through = through;
  o.center_mm[m.axis] = from_top ? m.hi : m.lo;
  o.center_mm[iu] = m.shape.centre[0];
  o.center_mm[iv] = m.shape.centre[1];
  o.axis = {0, 0, 0};
  o.axis[m.axis] = from_top ? -1 : 1;
  o.direction = {0, 0, 0};
  o.direction[iu] = m.shape.direction[0];
  o.direction[iv] = m.shape.direction[1];
  return o;
}

}  // namespace

std::vector<Opening> find_openings(const TopoDS_Shape& framed, const Vec3& size,
                                   const Tolerances& tolerances) {
  std::vector<Mouth> mouths = mouths_of(framed, size, tolerances);
  std::vector<Opening> out;
  if (mouths.empty()) return out;
  TopTools_IndexedDataMapOfShapeListOfShape edge_faces;
  TopExp::MapShapesAndAncestors(framed, TopAbs_EDGE, TopAbs_FACE, edge_faces);
  for (Mouth& m : mouths) wall_extent(m, edge_faces);
  const double tol = std::max(tolerances.outline_mm, tolerances.hole_group_mm);
  for (std::size_t i = 0; i < mouths.size(); ++i) {
    Mouth& m = mouths[i];
    if (m.paired) continue;
    const bool at_lo = std::abs(m.at - m.lo) <= std::abs(m.at - m.hi);
    const double far = at_lo ? m.hi : m.lo;
    bool through = false;
    for (std::size_t j = i + 1; j < mouths.size() && !through; ++j) {
      Mouth& other = mouths[j];
      if (other.paired || std::abs(other.at - far) > tol || !same_outline(m, other, tolerances)) continue;
      other.paired = through = true;
    }
    out.push_back(to_opening(m, through, !through && !at_lo));
  }
  const auto key = [&](const Opening& o) {
    std::array<double, 3> k{};
    for (int i = 0; i < 3; ++i) k[i] = std::round(o.center_mm[i] / tolerances.hole_group_mm);
    return k;
  };
  std::ranges::sort(out, [&](const Opening& a, const Opening& b) { return key(a) < key(b); });
  return out;
}

}  // namespace archipel::core::detail
