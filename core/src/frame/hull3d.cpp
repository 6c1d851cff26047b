// Convex hull through Qhull's reentrant C library (libqhull_r, Debian's libqhull-dev). Qhull
// reports failures through its error file, which goes to /dev/null: nothing is printed.
#include "frame/hull3d.hpp"

#include <cstdio>
#include <memory>

extern "C" {
#include <libqhull_r/qhull_ra.h>
}

namespace archipel::core::detail {
namespace {

struct FileCloser {
  void operator()(std::FILE* f) const { std::fclose(f); }
};

}  // namespace

std::vector<Vec3> hull_vertices(std::span<const Vec3> points) {
  std::vector<Vec3> all(points.begin(), points.end());
  if (points.size() < 8) return all;  // nothing to gain, and qhull needs 4 points off a plane
  const std::unique_ptr<std::FILE, FileCloser> quiet(std::fopen("/dev/null", "w"));
  if (!quiet) return all;
  static_assert(sizeof(Vec3) == 3 * sizeof(coordT));
  std::vector<Vec3> copy = all;  // qhull may reorder its input
  qhT qh_storage;
  qhT* qh = &qh_storage;
  qh_zero(qh, quiet.get());
  char options[] = "qhull Pp";
  const int status = qh_new_qhull(qh, 3, static_cast<int>(copy.size()),
                                  reinterpret_cast<coordT*>(copy.data()), False, options, nullptr,
                                  quiet.get());
  std::vector<Vec3> out;
  if (status == 0) {
    vertexT* vertex = nullptr;
    FORALLvertices {
      const int id = qh_pointid(qh, vertex->point);
      if (id >= 0 && static_cast<std::size_t>(id) < all.size()) out.push_back(all[static_cast<std::size_t>(id)]);
    }
  }
  qh_freeqhull(qh, !qh_ALL);
  int curlong = 0, totlong = 0;
  qh_memfreeshort(qh, &curlong, &totlong);
  return status == 0 && out.size() >= 4 ? out : all;
}

}  // namespace archipel::core::detail
