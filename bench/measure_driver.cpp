// Bench driver: measures one geometry file in this process (measure_file_in_process, no worker)
// and prints the result.
#include <cstdio>
#include <string>

#include "archipel/core/geometry_in_process.hpp"

using namespace archipel::core;

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: measure_driver FILE [UNIT]\n");
    return 2;
  }
  MeasureOptions options;
  if (argc > 2) options.unit = parse_unit(argv[2]);
  const auto m = measure_file_in_process(argv[1], options);
  if (!m) {
    std::fprintf(stderr, "measure_driver: error: %s\n", m.error().to_string().c_str());
    return static_cast<int>(m.error().code);
  }
  std::printf("format %s, unit %s, frame %s, %zu triangles\n", std::string(format_name(m->format)).c_str(),
              m->source_unit.c_str(), m->frame.method.c_str(), m->triangle_count);
  std::printf("size %.4f x %.4f x %.4f mm, volume %.3f mm3", m->size_mm[0], m->size_mm[1],
              m->size_mm[2], m->volume_mm3);
  if (m->thickness_mm) std::printf(", thickness %.4f mm", *m->thickness_mm);
  std::printf("\nframe x (%.4f %.4f %.4f) z (%.4f %.4f %.4f) origin (%.3f %.3f %.3f)\n",
              m->frame.x_axis[0], m->frame.x_axis[1], m->frame.x_axis[2], m->frame.z_axis[0],
              m->frame.z_axis[1], m->frame.z_axis[2], m->frame.origin[0], m->frame.origin[1],
              m->frame.origin[2]);
  std::printf("%zu holes\n", m->holes.size());
  for (const Hole& h : m->holes)
    std::printf("  %s d=%.4f at (%.4f %.4f %.4f) axis (%g %g %g) depth %.4f%s\n",
                h.boss ? "boss" : "hole", h.diameter_mm, h.center_mm[0], h.center_mm[1],
                h.center_mm[2], h.axis[0], h.axis[1], h.axis[2], h.depth_mm,
                h.through ? " through" : "");
  for (const auto& w : m->warnings) std::printf("warning: [%s] %s\n", w.rule.c_str(), w.message.c_str());
  return 0;
}
