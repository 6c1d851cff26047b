// Bench baseline: Assimp's import alone (aiProcess_Triangulate), nothing measured; with --weld,
// also Assimp's own vertex welding (aiProcess_JoinIdenticalVertices), the natural baseline for a
// reader that welds.
#include <cstdio>
#include <cstring>

#include <assimp/Importer.hpp>
#include <assimp/postprocess.h>
#include <assimp/scene.h>

int main(int argc, char** argv) {
  const bool weld = argc == 3 && std::strcmp(argv[1], "--weld") == 0;
  if (argc != 2 && !weld) {
    std::fprintf(stderr, "usage: bare_assimp_import [--weld] FILE\n");
    return 2;
  }
  Assimp::Importer importer;
  const unsigned flags = aiProcess_Triangulate | (weld ? aiProcess_JoinIdenticalVertices : 0u);
  const aiScene* scene = importer.ReadFile(argv[argc - 1], flags);
  if (scene == nullptr) {
    std::fprintf(stderr, "bare_assimp_import: %s\n", importer.GetErrorString());
    return 3;
  }
  unsigned faces = 0, vertices = 0;
  for (unsigned m = 0; m < scene->mNumMeshes; ++m) {
    faces += scene->mMeshes[m]->mNumFaces;
    vertices += scene->mMeshes[m]->mNumVertices;
  }
  std::printf("%u triangles, %u vertices\n", faces, vertices);
  return 0;
}
