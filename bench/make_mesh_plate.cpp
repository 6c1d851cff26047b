// Bench generator: a binary STL plate with an nx x ny grid of round through holes, each hole a
// polygon of `segments` sides (a multiple of 4). Each grid cell is a square annulus whose outer
// ring samples the square at the hole's angles, so neighbouring cells share their vertices.
// usage: make_mesh_plate NX NY SEGMENTS OUT.stl   (pitch 10 mm, hole 5 mm, thickness 3 mm)
#include <array>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <numbers>
#include <vector>

namespace {

using P = std::array<double, 3>;
constexpr double pitch = 10, radius = 2.5, thickness = 3;

struct Writer {
  std::vector<std::array<P, 3>> tris;
  void tri(const P& a, const P& b, const P& c) { tris.push_back({a, b, c}); }
  void quad(const P& a, const P& b, const P& c, const P& d) { tri(a, b, c), tri(a, c, d); }
  bool save(const char* path) const {
    std::ofstream out(path, std::ios::binary);
    char header[80] = "archipel bench plate";
    out.write(header, 80);
    const auto n = static_cast<std::uint32_t>(tris.size());
    out.write(reinterpret_cast<const char*>(&n), 4);
    for (const auto& t : tris) {
      float v[12] = {0, 0, 0};
      for (int k = 0; k < 3; ++k)
        for (int i = 0; i < 3; ++i) v[3 + 3 * k + i] = static_cast<float>(t[k][i]);
      out.write(reinterpret_cast<const char*>(v), 48);
      out.write("\0\0", 2);
    }
    return static_cast<bool>(out);
  }
};

// The point of the cell's square boundary in direction theta from the cell centre.
P square_point(double cx, double cy, double theta, double z) {
  const double c = std::cos(theta), s = std::sin(theta), h = pitch / 2;
  const double t = h / std::max(std::abs(c), std::abs(s));
  return {cx + t * c, cy + t * s, z};
}

void cell(Writer& w, double cx, double cy, int segments) {
  for (int i = 0; i < segments; ++i) {
    const double a0 = 2 * std::numbers::pi * i / segments + std::numbers::pi / 4;
    const double a1 = 2 * std::numbers::pi * (i + 1) / segments + std::numbers::pi / 4;
    const P h0b{cx + radius * std::cos(a0), cy + radius * std::sin(a0), 0};
    const P h1b{cx + radius * std::cos(a1), cy + radius * std::sin(a1), 0};
    const P h0t{h0b[0], h0b[1], thickness}, h1t{h1b[0], h1b[1], thickness};
    const P s0b = square_point(cx, cy, a0, 0), s1b = square_point(cx, cy, a1, 0);
    const P s0t = square_point(cx, cy, a0, thickness), s1t = square_point(cx, cy, a1, thickness);
    w.quad(h0t, s0t, s1t, h1t);  // top, facing +z
    w.quad(h0b, h1b, s1b, s0b);  // bottom, facing -z
    w.quad(h0b, h0t, h1t, h1b);  // hole wall, facing the axis
  }
}

// The plate's outer side walls: the boundary cells' square samples, bottom to top.
void sides(Writer& w, int nx, int ny, int segments) {
  for (int gx = 0; gx < nx; ++gx)
    for (int gy = 0; gy < ny; ++gy) {
      const double cx = pitch * (gx + 0.5), cy = pitch * (gy + 0.5);
      for (int i = 0; i < segments; ++i) {
        const double a0 = 2 * std::numbers::pi * i / segments + std::numbers::pi / 4;
        const double a1 = 2 * std::numbers::pi * (i + 1) / segments + std::numbers::pi / 4;
        const double mid = 0.5 * (a0 + a1);
        const double c = std::cos(mid), s = std::sin(mid);
        const bool outer = (std::abs(c) > std::abs(s))
                               ? (c > 0 ? gx == nx - 1 : gx == 0)
                               : (s > 0 ? gy == ny - 1 : gy == 0);
        if (!outer) continue;
        const P b0 = square_point(cx, cy, a0, 0), b1 = square_point(cx, cy, a1, 0);
        const P t0 = square_point(cx, cy, a0, thickness), t1 = square_point(cx, cy, a1, thickness);
        w.quad(b0, b1, t1, t0);
      }
    }
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 5) {
    std::fprintf(stderr, "usage: make_mesh_plate NX NY SEGMENTS OUT.stl\n");
    return 2;
  }
  const int nx = std::atoi(argv[1]), ny = std::atoi(argv[2]), segments = std::atoi(argv[3]);
  if (nx < 1 || ny < 1 || segments < 8 || segments % 4 != 0) {
    std::fprintf(stderr, "make_mesh_plate: NX, NY >= 1 and SEGMENTS a multiple of 4 >= 8\n");
    return 2;
  }
  Writer w;
  for (int gx = 0; gx < nx; ++gx)
    for (int gy = 0; gy < ny; ++gy) cell(w, pitch * (gx + 0.5), pitch * (gy + 0.5), segments);
  sides(w, nx, ny, segments);
  if (!w.save(argv[4])) return 3;
  std::printf("%zu triangles\n", w.tris.size());
  return 0;
}
