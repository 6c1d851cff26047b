// Assimp adapter: every Assimp error and exception stops here; nothing is printed (Assimp's
// default logger is the silent NullLogger and none is ever created).
#include "mesh/mesh_import.hpp"

#include <cctype>
#include <cmath>
#include <iterator>
#include <fstream>
#include <sstream>
#include <string>

#include <assimp/Importer.hpp>
#include <assimp/postprocess.h>
#include <assimp/scene.h>

#include "mesh/threemf.hpp"
#include "mesh/weld.hpp"

namespace archipel::core::detail {
namespace {

// Assimp's JoinIdenticalVertices compares normals too and cannot weld STL facets, and its
// PreTransformVertices copies every mesh: our own weld and node walk do both jobs, in one pass,
// for a third of the time on a large STL.
constexpr unsigned import_flags = aiProcess_Triangulate;

// A mesh as placed by the node graph: which mesh, under which transform.
struct Placement {
  const aiMesh* mesh;
  aiMatrix4x4 transform;
};

// Walks the node tree (iteratively: a hostile file may nest deeply) and lists every placement.
std::vector<Placement> placements(const aiScene& scene) {
  std::vector<Placement> out;
  if (scene.mRootNode == nullptr) {  // no graph: every mesh once, untransformed
    for (unsigned m = 0; m < scene.mNumMeshes; ++m) out.push_back({scene.mMeshes[m], aiMatrix4x4()});
    return out;
  }
  std::vector<std::pair<const aiNode*, aiMatrix4x4>> todo{{scene.mRootNode, scene.mRootNode->mTransformation}};
  while (!todo.empty() && out.size() < 1000000) {
    const auto [node, transform] = todo.back();
    todo.pop_back();
    for (unsigned i = 0; i < node->mNumMeshes; ++i)
      if (node->mMeshes[i] < scene.mNumMeshes) out.push_back({scene.mMeshes[node->mMeshes[i]], transform});
    for (unsigned c = 0; c < node->mNumChildren; ++c)
      if (node->mChildren[c] != nullptr)
        todo.emplace_back(node->mChildren[c], transform * node->mChildren[c]->mTransformation);
  }
  return out;
}

Result<void> check_point(const Vec3& p, double limit, const std::string& origin) {
  for (double c : p) {
    if (!std::isfinite(c))
      return fail(Errc::io, "the mesh has a coordinate that is not a finite number", origin);
    if (std::abs(c) > limit) return fail(Errc::io, "the mesh has a coordinate beyond 1000 km", origin);
  }
  return {};
}

// Welds the mesh's vertices into `welder` and appends its triangles; points and lines are
// skipped (an OBJ may carry them).
Result<void> append_mesh(const Placement& placed, double to_mm, Welder& welder, Mesh& out,
                         const std::string& origin) {
  const aiMesh& in = *placed.mesh;
  const bool identity = placed.transform.IsIdentity();
  std::vector<std::uint32_t> remap(in.mNumVertices);
  const double limit = welder.max_coordinate();
  for (unsigned i = 0; i < in.mNumVertices; ++i) {
    const aiVector3D v = identity ? in.mVertices[i] : placed.transform * in.mVertices[i];
    const Vec3 p{v.x * to_mm, v.y * to_mm, v.z * to_mm};
    if (auto ok = check_point(p, limit, origin); !ok) return ok;
    remap[i] = welder.add(p);
  }
  for (unsigned f = 0; f < in.mNumFaces; ++f) {
    const aiFace& face = in.mFaces[f];
    if (face.mNumIndices != 3) continue;
    ++out.source_triangles;
    Triangle t{};
    for (int k = 0; k < 3; ++k) {
      if (face.mIndices[k] >= in.mNumVertices)
        return fail(Errc::io, "a face refers to a vertex that does not exist", origin);
      t[k] = remap[face.mIndices[k]];
    }
    // Triangles that the weld collapsed carry no area and would break the edge pairing.
    if (t[0] != t[1] && t[1] != t[2] && t[0] != t[2]) out.triangles.push_back(t);
  }
  return {};
}

Result<Mesh> convert(const aiScene& scene, double to_mm, double weld_mm, const std::string& origin) {
  const auto placed = placements(scene);
  std::size_t vertices = 0, faces = 0;
  for (const Placement& p : placed)
    if (p.mesh != nullptr) vertices += p.mesh->mNumVertices, faces += p.mesh->mNumFaces;
  Welder welder(weld_mm, vertices / 6 + 16);  // closed STL: each vertex in about 6 triangles
  Mesh mesh;
  mesh.triangles.reserve(faces);
  for (const Placement& p : placed) {
    if (p.mesh == nullptr || p.mesh->mVertices == nullptr) continue;
    if (auto r = append_mesh(p, to_mm, welder, mesh, origin); !r) return std::unexpected(r.error());
  }
  mesh.vertices = welder.take();
  if (mesh.triangles.empty()) return fail(Errc::io, "the file holds no triangle", origin);
  return mesh;
}

// A 3MF package's placed triangles (read by Archipel, not Assimp), welded like the others.
Result<Mesh> import_3mf(const std::filesystem::path& path, double to_mm, double weld_mm) {
  const std::string origin = path.string();
  auto placed = read_3mf_mesh(path);
  if (!placed) return std::unexpected(placed.error());
  Welder welder(weld_mm, placed->vertices.size() / 2 + 16);
  std::vector<std::uint32_t> remap(placed->vertices.size());
  for (std::size_t i = 0; i < placed->vertices.size(); ++i) {
    const Vec3 p = scale(placed->vertices[i], to_mm);
    if (auto ok = check_point(p, welder.max_coordinate(), origin); !ok) return std::unexpected(ok.error());
    remap[i] = welder.add(p);
  }
  Mesh mesh;
  mesh.source_triangles = placed->triangles.size();
  mesh.triangles.reserve(placed->triangles.size());
  for (const Triangle& t : placed->triangles) {
    const Triangle w{remap[t[0]], remap[t[1]], remap[t[2]]};
    if (w[0] != w[1] && w[1] != w[2] && w[0] != w[2]) mesh.triangles.push_back(w);
  }
  mesh.vertices = welder.take();
  if (mesh.triangles.empty()) return fail(Errc::io, "the file holds no triangle", origin);
  return mesh;
}

// PLY: "element vertex N" lines; every element needs at least one byte in the body.
Result<void> precheck_ply(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::error_code ec;
  const auto size = std::filesystem::file_size(path, ec);
  std::string line;
  unsigned long long total = 0;
  for (int lines = 0; std::getline(in, line) && lines < 10000; ++lines) {
    if (line.starts_with("end_header")) return {};
    std::istringstream words(line);
    std::string keyword, name;
    unsigned long long count = 0;
    if (!(words >> keyword) || keyword != "element") continue;
    if (!(words >> name >> count))
      return fail(Errc::io, "PLY header has a malformed element line", path.string());
    total += count;
    if (count > size || total > size)
      return fail(Errc::io, "PLY header declares more elements than the file holds (" + name + ")",
                  path.string());
  }
  return fail(Errc::io, "PLY header has no end_header line", path.string());
}

std::string lower_extension(const std::filesystem::path& path) {
  std::string ext = path.extension().string();
  for (char& c : ext) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return ext.empty() ? ext : ext.substr(1);
}

// Assimp picks its reader by extension; a file whose content says otherwise (an STL named
// .obj) is handed over from memory with the right hint.
const aiScene* read_scene(Assimp::Importer& importer, const std::filesystem::path& path,
                          GeometryFormat format) {
  const std::string hint(format == GeometryFormat::threemf ? "3mf" : format_name(format));
  const std::string ext = lower_extension(path);
  const bool matches = ext == hint || (hint == "stl" && ext == "stla") || (hint == "gltf" && ext == "glb") ||
                       (hint == "glb" && ext == "gltf");
  if (matches || format == GeometryFormat::gltf) return importer.ReadFile(path.string(), import_flags);
  std::ifstream in(path, std::ios::binary);
  const std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  return importer.ReadFileFromMemory(bytes.data(), bytes.size(), import_flags, hint.c_str());
}

// Assimp's message on one line.
std::string assimp_error(const Assimp::Importer& importer) {
  std::string why = importer.GetErrorString();
  for (char& c : why)
    if (c == '\n' || c == '\r') c = ' ';
  while (!why.empty() && why.back() == ' ') why.pop_back();
  return why.empty() ? "unknown reason" : why;
}

}  // namespace

Result<void> precheck_mesh_file(const std::filesystem::path& path, GeometryFormat format) {
  if (format == GeometryFormat::ply) return precheck_ply(path);
  return {};
}

Result<Mesh> import_mesh_here(const std::filesystem::path& path, GeometryFormat format,
                              double to_mm, double weld_mm, const ResourceScope& scope) {
  const std::string origin = path.string();
  try {
    if (format == GeometryFormat::threemf) return import_3mf(path, to_mm, weld_mm);
    Assimp::Importer importer;
    const bool gltf = format == GeometryFormat::gltf || format == GeometryFormat::glb;
    auto* io = new ConfinedIOSystem(path.string(), scope, gltf);
    importer.SetIOHandler(io);  // the importer owns it
    const aiScene* scene = read_scene(importer, path, format);
    if (gltf && io->refusal() != nullptr) return fail(io->refusal()->code, io->refusal()->message, origin);
    if (scene == nullptr) return fail(Errc::io, "cannot read the mesh: " + assimp_error(importer), origin);
    if (scene->mNumMeshes == 0) return fail(Errc::io, "the file holds no mesh", origin);
    return convert(*scene, to_mm, weld_mm, origin);
  } catch (const std::bad_alloc&) {
    return fail(Errc::io, "cannot read the mesh: out of memory", origin);
  } catch (const std::exception& e) {
    return fail(Errc::io, std::string("cannot read the mesh: ") + e.what(), origin);
  } catch (...) {
    return fail(Errc::io, "cannot read the mesh: unknown failure", origin);
  }
}

}  // namespace archipel::core::detail
