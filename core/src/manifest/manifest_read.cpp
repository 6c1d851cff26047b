// Reading a manifest file and checking the files it lists against its folder.
#include <system_error>

#include <fmt/format.h>

#include "archipel/core/hash.hpp"
#include "archipel/core/json.hpp"
#include "archipel/core/manifest.hpp"
#include "archipel/core/safe_fs.hpp"

namespace archipel::core {
namespace {

namespace fs = std::filesystem;

// Walks `relative` from `root` one component at a time, refusing links anywhere on the way.
Result<void> check_listed_path(const fs::path& root, const std::string& relative,
                               const std::string& origin, const std::string& pointer) {
  fs::path current = root;
  std::string walked;
  for (std::size_t start = 0; start <= relative.size();) {
    auto end = relative.find('/', start);
    if (end == std::string::npos) end = relative.size();
    walked = relative.substr(0, end);
    current /= relative.substr(start, end - start);
    std::error_code ec;
    const auto status = fs::symlink_status(current, ec);
    if (ec || !fs::exists(status))
      return fail(Errc::invalid, fmt::format("listed file \"{}\" does not exist", relative), origin, pointer);
    if (fs::is_symlink(status)) {
      if (end == relative.size())
        return fail(Errc::invalid, fmt::format("\"{}\" is a symbolic link; links are refused", relative),
                    origin, pointer);
      return fail(Errc::invalid, fmt::format("\"{}\" passes through the symbolic link \"{}\"; links are refused",
                                             relative, walked), origin, pointer);
    }
    if (end == relative.size() && !fs::is_regular_file(status))
      return fail(Errc::invalid, fmt::format("\"{}\" is not a regular file", relative), origin, pointer);
    start = end + 1;
  }
  return {};
}

// Opens the file as publish will (no link at any level, one hard link) and checks its digest.
Result<void> check_hash(const fs::path& root, const FileEntry& file, const std::string& origin,
                        const std::string& path_pointer, const std::string& pointer) {
  auto fd = open_beneath(root, file.path);
  if (!fd) return fail(fd.error().code, fd.error().message, origin, path_pointer);
  if (!file.sha256) return {};
  auto actual = sha256_file("/proc/self/fd/" + std::to_string(fd->get()));
  if (!actual) return fail(Errc::io, fmt::format("\"{}\": {}", file.path, actual.error().message), origin, pointer);
  if (*actual != *file.sha256)
    return fail(Errc::invalid, fmt::format("\"{}\" has sha256 {}, but the manifest says {}", file.path,
                                           *actual, *file.sha256), origin, pointer);
  return {};
}

}  // namespace

Result<void> check_manifest_files(const Manifest& manifest, const fs::path& root,
                                  const std::string& origin) {
  for (std::size_t i = 0; i < manifest.files.size(); ++i) {
    const FileEntry& file = manifest.files[i];
    if (auto ok = check_listed_path(root, file.path, origin, fmt::format("/files/{}/path", i)); !ok)
      return ok;
    if (auto ok = check_hash(root, file, origin, fmt::format("/files/{}/path", i),
                             fmt::format("/files/{}/sha256", i)); !ok)
      return ok;
  }
  return {};
}

Result<Manifest> read_manifest(const fs::path& path) {
  const std::string origin = path.string();
  auto doc = read_json_file(path, max_manifest_bytes, origin);
  if (!doc) return std::unexpected(doc.error());
  auto manifest = parse_manifest(*doc, origin);
  if (!manifest) return manifest;
  const fs::path root = path.has_parent_path() ? path.parent_path() : fs::path(".");
  if (auto ok = check_manifest_files(*manifest, root, origin); !ok) return std::unexpected(ok.error());
  return manifest;
}

}  // namespace archipel::core
