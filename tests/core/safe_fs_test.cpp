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

namespace {
void put(const fs::path& p, const std::string& text) {
  std::ofstream out(p, std::ios::binary);
  out << text;
}
std::string message_of(const archipel::core::Result<archipel::core::UniqueFd>& r) {
  return r ? std::string("opened") : r.error().message;
}
}  // namespace

using archipel::core::open_beneath;

TEST_CASE("open_beneath opens a regular file inside the folder and reads it") {
  fs::path dir = fresh_dir("beneath-ok");
  fs::create_directories(dir / "part" / "sub");
  put(dir / "part" / "sub" / "plate.stl", "solid\nendsolid\n");
  auto fd = open_beneath(dir / "part", "sub/plate.stl");
  REQUIRE(fd);
  auto bytes = archipel::core::read_fd(fd->get(), 100, "plate.stl");
  REQUIRE(bytes);
  CHECK(*bytes == "solid\nendsolid\n");
  auto big = archipel::core::read_fd(fd->get(), 3, "plate.stl");
  REQUIRE_FALSE(big);
  CHECK(big.error().message == "file is too large (15 bytes; the limit is 3 bytes)");
  fs::remove_all(dir);
}

TEST_CASE("open_beneath refuses links at any level, hard links, leaving the folder and non-files") {
  fs::path dir = fresh_dir("beneath-refuse");
  fs::create_directories(dir / "part" / "real");
  fs::create_directories(dir / "outside");
  put(dir / "outside" / "secret.txt", "secret");
  put(dir / "part" / "real" / "a.stl", "a");
  fs::create_symlink(dir / "outside" / "secret.txt", dir / "part" / "link.stl");
  fs::create_directory_symlink(dir / "outside", dir / "part" / "linked");
  fs::create_hard_link(dir / "outside" / "secret.txt", dir / "part" / "hard.stl");
  const fs::path part = dir / "part";
  CHECK(message_of(open_beneath(part, "link.stl")) == "\"link.stl\" is a symbolic link; links are refused");
  CHECK(message_of(open_beneath(part, "linked/secret.txt")) ==
        "\"linked/secret.txt\" passes through the symbolic link \"linked\"; links are refused");
  CHECK(message_of(open_beneath(part, "hard.stl")) ==
        "\"hard.stl\" has 2 hard links; a part file must have exactly one (copy it instead of linking it)");
  CHECK(message_of(open_beneath(part, "../outside/secret.txt")) ==
        "\"../outside/secret.txt\" leaves the folder or is not normalised");
  CHECK(message_of(open_beneath(part, (dir / "outside" / "secret.txt").string())).ends_with(
      "is not a relative path inside the folder"));
  CHECK(message_of(open_beneath(part, "real")) == "\"real\" is not a regular file");
  CHECK(message_of(open_beneath(part, "missing.stl")) == "\"missing.stl\" does not exist");
  CHECK(open_beneath(part, "missing.stl").error().code == archipel::core::Errc::io);
  CHECK(open_beneath(part, "link.stl").error().code == archipel::core::Errc::invalid);
  fs::remove_all(dir);
}

TEST_CASE("open_beneath refuses a FIFO without waiting for a writer") {
  fs::path dir = fresh_dir("beneath-fifo");
  REQUIRE(::mkfifo((dir / "pipe.stl").c_str(), 0600) == 0);
  CHECK(message_of(open_beneath(dir, "pipe.stl")) == "\"pipe.stl\" is not a regular file");
  fs::remove_all(dir);
}

TEST_CASE("sealed_memory_file holds the bytes and cannot be changed") {
  auto fd = archipel::core::sealed_memory_file("exact bytes", "x");
  REQUIRE(fd);
  auto back = archipel::core::read_fd(fd->get(), 100, "x");
  REQUIRE(back);
  CHECK(*back == "exact bytes");
  CHECK(::pwrite(fd->get(), "X", 1, 0) < 0);
  CHECK(::ftruncate(fd->get(), 0) != 0);
}
