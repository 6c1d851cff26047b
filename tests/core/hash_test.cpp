#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>

#include <unistd.h>

#include "archipel/core/hash.hpp"

using namespace archipel::core;

TEST_CASE("sha256_hex matches the FIPS 180-2 test vectors") {
  CHECK(sha256_hex("") == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  CHECK(sha256_hex("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

TEST_CASE("sha256_file hashes a file larger than one read chunk, and reports a missing file") {
  const auto path = std::filesystem::temp_directory_path() / ("archipel_hash_test_" + std::to_string(::getpid()) + ".bin");
  const std::string bytes(200000, 'a');
  std::ofstream(path, std::ios::binary) << bytes;
  auto digest = sha256_file(path);
  REQUIRE(digest);
  CHECK(*digest == sha256_hex(bytes));
  std::filesystem::remove(path);
  auto missing = sha256_file(path);
  REQUIRE_FALSE(missing);
  CHECK(missing.error().code == Errc::io);
  CHECK(missing.error().origin == path.string());
}
