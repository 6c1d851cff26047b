#include <doctest/doctest.h>

#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "archipel/core/safe_fs.hpp"

namespace fs = std::filesystem;
using archipel::core::write_file_atomic;

namespace {
std::string slurp(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}
fs::path fresh_dir(const char* name) {
  fs::path dir = fs::temp_directory_path() / (std::string("archipel-safe-fs-") + name + "-" +
                                               std::to_string(::getpid()));
  fs::remove_all(dir);
  fs::create_directories(dir);
  return dir;
}
}  // namespace

TEST_CASE("write_file_atomic writes, replaces, and leaves no temporary file") {
  fs::path dir = fresh_dir("write");
  REQUIRE(write_file_atomic(dir / "a.json", "one"));
  CHECK(slurp(dir / "a.json") == "one");
  REQUIRE(write_file_atomic(dir / "a.json", "two, longer"));
  CHECK(slurp(dir / "a.json") == "two, longer");
  CHECK(std::distance(fs::directory_iterator(dir), fs::directory_iterator()) == 1);
  fs::remove_all(dir);
}

TEST_CASE("write_file_atomic replaces a symbolic link instead of writing through it") {
  fs::path dir = fresh_dir("link");
  {
    std::ofstream victim(dir / "victim.sh");
    victim << "original";
  }
  fs::create_symlink(dir / "victim.sh", dir / "part.json");
  REQUIRE(write_file_atomic(dir / "part.json", "new"));
  CHECK(slurp(dir / "victim.sh") == "original");
  CHECK_FALSE(fs::is_symlink(fs::symlink_status(dir / "part.json")));
  CHECK(slurp(dir / "part.json") == "new");
  fs::remove_all(dir);
}

TEST_CASE("write_file_atomic refuses a missing folder and a folder at the target") {
  fs::path dir = fresh_dir("errors");
  auto missing = write_file_atomic(dir / "nope" / "a.json", "x");
  REQUIRE_FALSE(missing);
  CHECK(missing.error().code == archipel::core::Errc::io);
  CHECK(missing.error().origin == (dir / "nope" / "a.json").string());
  fs::create_directory(dir / "taken");
  auto taken = write_file_atomic(dir / "taken", "x");
  REQUIRE_FALSE(taken);
  CHECK(fs::is_directory(dir / "taken"));
  CHECK(std::distance(fs::directory_iterator(dir), fs::directory_iterator()) == 1);
  fs::remove_all(dir);
}
