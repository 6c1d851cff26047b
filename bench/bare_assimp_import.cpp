// Bench baseline: Assimp's import alone (aiProcess_Triangulate), nothing measured.
#include <cstdio>

#include <assimp/Importer.hpp>
#include <assimp/postprocess.h>
#include <assimp/scene.h>

int main(int argc, char** argv) {
  if (argc != 2) {
    std::fprintf(stderr, "usage: bare_assimp_import FILE\n");
    return 2;
  }
  Assimp::Importer importer;
  const aiScene* scene = importer.ReadFile(argv[1], aiProcess_Triangulate);
  if (scene == nullptr) {
    std::fprintf(stderr, "bare_assimp_import: %s\n", importer.GetErrorString());
    return 3;
  }
  unsigned faces = 0;
  for (unsigned m = 0; m < scene->mNumMeshes; ++m) faces += scene->mMeshes[m]->mNumFaces;
  std::printf("%u triangles\n", faces);
  return 0;
}
