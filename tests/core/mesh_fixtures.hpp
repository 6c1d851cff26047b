#pragma once
// Test support: triangle meshes built in code from OpenCASCADE primitives, and writers for
// every mesh format the Assimp path reads (binary/ASCII STL, OBJ, PLY, 3MF, glTF).
#include <array>
#include <filesystem>
#include <string>
#include <vector>

namespace archipel::test {

using P3 = std::array<double, 3>;
/// A triangle soup: three corners a triangle, counter-clockwise seen from outside.
using Soup = std::vector<std::array<P3, 3>>;

/// An 80 x 40 x 4 mm plate with two through holes of 5 mm at (10, 10) and (70, 30) and a
/// blind hole of 6 mm, 2 mm deep from the top face, at (40, 20), tessellated at 0.01 mm.
Soup plate_with_holes();

/// A box of the given sizes at the origin (12 triangles).
Soup box(double x, double y, double z);

/// A disc of diameter 30 and thickness 3 with a through hole of 8 mm at its centre.
Soup washer();

/// A 40 x 40 x 3 plate with a pin of diameter 6, 5 mm tall, standing at its centre.
Soup plate_with_pin();

/// The shapes above, for comparing the B-rep and mesh paths on one shape, and:
/// `tilted`: a 60 x 40 x 6 plate with a Ø6 through hole at (30, 20) whose axis leans 30° from z
/// towards +x; `bin`: a 41.5 x 41.5 x 100 open box standing on its floor (walls and floor 1.2);
/// `perforated`: a 100 x 60 x 3 plate with 5 x 3 Ø5.5 through holes on a 20 mm pitch, 10 mm
/// from the edges.
enum class Part { plate, washer, pin, tilted, bin, perforated };

/// Where a part is placed in the file: rotated about `axis` (through the origin), then moved.
struct Placement {
  P3 axis{0, 0, 1};
  double degrees = 0;
  P3 offset{};
};

/// The placed part, tessellated at 0.01 mm.
Soup tessellated(Part part, const Placement& placement);

/// The placed part written as an OpenCASCADE BREP file.
std::filesystem::path write_brep(Part part, const Placement& placement,
                                 const std::filesystem::path& path);

/// Rotates every corner by `degrees` about `axis` (through the origin), then translates.
Soup moved(const Soup& soup, const P3& axis, double degrees, const P3& offset);

/// Multiplies every coordinate by `factor`.
Soup scaled(const Soup& soup, double factor);

/// Writers; each returns the path written (under `dir`).
std::filesystem::path write_binary_stl(const Soup& soup, const std::filesystem::path& path);
std::filesystem::path write_ascii_stl(const Soup& soup, const std::filesystem::path& path);
std::filesystem::path write_obj(const Soup& soup, const std::filesystem::path& path);
std::filesystem::path write_ply(const Soup& soup, const std::filesystem::path& path);
/// A 3MF package whose model declares `unit` ("millimeter", "inch", ...; empty: no attribute).
std::filesystem::path write_3mf(const Soup& soup, const std::filesystem::path& path,
                                const std::string& unit);
/// A 3MF package with only the given members (name, content), for broken packages.
std::filesystem::path write_zip(const std::filesystem::path& path,
                                const std::vector<std::pair<std::string, std::string>>& members);
/// A glTF 2.0 file with an embedded base64 buffer (coordinates written as given: metres).
std::filesystem::path write_gltf(const Soup& soup, const std::filesystem::path& path);
/// The same as a binary GLB (JSON chunk, then the binary chunk).
std::filesystem::path write_glb(const Soup& soup, const std::filesystem::path& path);

/// Writes `bytes` to `path`.
std::filesystem::path write_bytes(const std::filesystem::path& path, const std::string& bytes);

/// A fresh empty directory under the system's temporary folder.
std::filesystem::path fresh_dir(const std::string& name);

}  // namespace archipel::test
