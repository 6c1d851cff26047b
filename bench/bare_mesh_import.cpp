// The mesh baseline of bench_geometry.sh: Assimp's import alone (no post-processing).
#include <iostream>

#include <assimp/Importer.hpp>
#include <assimp/scene.h>

int main(int argc, char** argv) {
  if (argc != 2) {
    std::cerr << "usage: archipel_bare_mesh_import FILE\n";
    return 2;
  }
  Assimp::Importer importer;
  const aiScene* scene = importer.ReadFile(argv[1], 0);
  if (scene == nullptr) return 3;
  std::size_t triangles = 0;
  for (unsigned i = 0; i < scene->mNumMeshes; ++i) triangles += scene->mMeshes[i]->mNumFaces;
  std::cout << triangles << " triangles\n";
  return 0;
}
