#pragma once
// Shared by the registry tests: a fresh temporary folder and registry per test, part folders
// written in code, and the real git client as an independent checker.

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <random>
#include <stdexcept>
#include <string>

#include <nlohmann/json.hpp>

#include "archipel/registry/registry.hpp"

namespace archipel::test {

namespace fs = std::filesystem;

/// A temporary folder removed at the end of the test.
struct TempDir {
  fs::path path;
  TempDir() {
    std::random_device rd;
    path = fs::temp_directory_path() / ("archipel-registry-test-" + std::to_string(rd()) + std::to_string(rd()));
    fs::create_directories(path);
  }
  ~TempDir() {
    std::error_code ec;
    fs::remove_all(path, ec);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
};

/// Writes `text` to `path`, creating folders.
inline void write_file(const fs::path& path, const std::string& text) {
  fs::create_directories(path.parent_path());
  std::ofstream(path, std::ios::binary) << text;
}

/// Runs a shell command; its exit status.
inline int sh(const std::string& cmd) { return std::system(cmd.c_str()); }

/// Makes an SSH key pair `dir/name` (and `.pub`) of `type` ("ed25519", "ecdsa -b 384", "rsa")
/// commented `principal`; returns the private key's path.
inline fs::path make_key(const fs::path& dir, const std::string& name,
                         const std::string& principal = "tester@example.org",
                         const std::string& type = "ed25519") {
  fs::create_directories(dir);
  fs::path key = dir / name;
  std::string cmd = "ssh-keygen -q -t " + type + " -N '' -C '" + principal + "' -f '" + key.string() +
                    "' </dev/null >/dev/null";
  if (sh(cmd) != 0) throw std::runtime_error("ssh-keygen failed: " + cmd);
  return key;
}

/// Every registry test signs with a throw-away key made once per test process and handed
/// over as $ARCHIPEL_SIGNING_KEY (unless the caller set one), as a publisher's would be.
struct ProcessSigningKey {
  fs::path dir;
  ProcessSigningKey() {
    if (const char* set = std::getenv("ARCHIPEL_SIGNING_KEY"); set != nullptr && *set != '\0') return;
    std::random_device rd;
    dir = fs::temp_directory_path() / ("archipel-test-key-" + std::to_string(rd()) + std::to_string(rd()));
    auto key = make_key(dir, "id_ed25519", "ada@example.org");
    ::setenv("ARCHIPEL_SIGNING_KEY", key.c_str(), 1);
    // Remembered tips go to a folder of this process, not the user's.
    ::setenv("XDG_STATE_HOME", (dir / "state").c_str(), 1);
    ::setenv("XDG_CACHE_HOME", (dir / "cache").c_str(), 1);
  }
  ~ProcessSigningKey() {
    std::error_code ec;
    if (!dir.empty()) fs::remove_all(dir, ec);
  }
};
inline ProcessSigningKey process_signing_key;

/// A minimal valid manifest with one STL file called plate.stl (a fabrication file: not
/// measured, so that tests of the store need no real geometry).
inline nlohmann::json plate_manifest(const std::string& name = "OS plate 120x40",
                                     const std::string& licence = "CC-BY-4.0") {
  return {{"schema", 1},
          {"kind", "part"},
          {"name", name},
          {"version", "1.0.0"},
          {"designer", {{"name", "Ada Lovelace"}, {"email", "ada@example.org"}}},
          {"licence", licence},
          {"materials", {{{"name", "plywood"}, {"form", "sheet"}, {"thickness_mm", 4}}}},
          {"dimensions", {{"width_mm", 120}, {"depth_mm", 40}, {"height_mm", 4}}},
          {"grid", {{"standard", "openstructures"}, {"size", {3, 1}}}},
          {"files", {{{"path", "plate.stl"}, {"role", "fabrication"}, {"format", "stl"}, {"unit", "mm"}}}},
          {"fabrication", {{{"process", "laser-cutting"}, {"file", "plate.stl"}}}},
          {"description", "A flat plate"},
          {"tags", {"plate"}}};
}

/// Writes a part folder `dir` with `manifest` and a small plate.stl; returns part.json's path.
inline fs::path write_part(const fs::path& dir, const nlohmann::json& manifest,
                           const std::string& stl = "solid plate\nendsolid plate\n") {
  write_file(dir / "plate.stl", stl);
  write_file(dir / "part.json", manifest.dump(2) + "\n");
  return dir / "part.json";
}

/// A fresh registry in `root/reg` with namespace BXL.
inline registry::Registry make_registry(const fs::path& root, registry::RegistryConfig config = {}) {
  if (config.ns == "LOCAL") config.ns = "BXL";
  return std::move(*registry::Registry::init(root / "reg", config));
}

/// Exit status of `git fsck --strict` on `repo` (0: clean), quiet.
inline int git_fsck(const fs::path& repo) {
  std::string cmd = "git -C '" + repo.string() + "' fsck --strict --no-progress >/dev/null 2>&1";
  return std::system(cmd.c_str());
}

}  // namespace archipel::test
