#pragma once
// Private: the only files Assimp may open. The mesh itself, and for a glTF its external buffers
// when they lie inside the part folder, opened with open_beneath (no link at any level, one hard
// link); nothing else: an OBJ's material library is never opened (Archipel needs no material).
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include <assimp/IOSystem.hpp>

#include "archipel/core/result.hpp"
#include "archipel/core/safe_fs.hpp"

namespace archipel::core::detail {

/// Where a mesh's companion files may be read from: `folder`, holding the mesh at
/// `path_in_folder` ("parts/plate.gltf"). Empty: the mesh file's own folder.
struct ResourceScope {
  std::filesystem::path folder;
  std::string path_in_folder;
};

/// An Assimp IOSystem that opens `main` (the path Assimp is given) and, when `allow_companions`,
/// files named relative to it that open_beneath accepts inside the scope's folder.
class ConfinedIOSystem final : public Assimp::IOSystem {
 public:
  ConfinedIOSystem(std::string main, const ResourceScope& scope, bool allow_companions);
  bool Exists(const char* file) const override;
  char getOsSeparator() const override { return '/'; }
  Assimp::IOStream* Open(const char* file, const char* mode) override;
  void Close(Assimp::IOStream* file) override;
  /// Why the first companion file Assimp asked for was refused (nullptr when none was).
  [[nodiscard]] const Error* refusal() const { return refusals_.empty() ? nullptr : &refusals_.front(); }

 private:
  // The companion's path inside the scope's folder, or an error saying why it is refused.
  [[nodiscard]] Result<UniqueFd> open_companion(const std::string& file) const;

  std::string main_;
  std::string main_dir_;    // main_ up to and including its last '/', or empty
  std::string folder_dir_;  // path_in_folder's folder inside the scope, with a trailing '/', or empty
  UniqueFd folder_;
  bool allow_companions_;
  std::vector<Error> refusals_;
};

}  // namespace archipel::core::detail
