#include <doctest/doctest.h>

#include "archipel/registry/serial.hpp"

using namespace archipel::registry;

TEST_CASE("serials print with four digits at least and shard by thousands") {
  CHECK(Serial{"BXL", 'P', 42}.to_string() == "BXL-P0042");
  CHECK(Serial{"BXL", 'P', 42}.folder() == "parts/BXL/P/000/BXL-P0042");
  CHECK(Serial{"OS2", 'C', 12345}.to_string() == "OS2-C12345");
  CHECK(Serial{"OS2", 'C', 12345}.folder() == "parts/OS2/C/012/OS2-C12345");
  CHECK(Serial{"BXL", 'O', 1234567}.folder() == "parts/BXL/O/1234/BXL-O1234567");
}

TEST_CASE("serials parse back, references carry an optional version") {
  auto s = parse_serial("BXL-P0042");
  REQUIRE(s);
  CHECK(*s == Serial{"BXL", 'P', 42});
  auto r = parse_serial_ref("BXL-C0007@1.2.0-rc.1");
  REQUIRE(r);
  CHECK(r->serial.kind == 'C');
  CHECK(r->version == "1.2.0-rc.1");
  CHECK(r->to_string() == "BXL-C0007@1.2.0-rc.1");
}

TEST_CASE("malformed serials are usage errors naming the text") {
  for (const char* bad : {"", "BXL", "BXL-P42", "bxl-P0042", "BXL-X0042", "BXL-P0000", "BXL-P00042", "B-P0042",
                          "BXL-P00a2"}) {
    auto s = parse_serial(bad);
    REQUIRE_FALSE(s);
    CHECK(s.error().code == archipel::core::Errc::usage);
  }
  CHECK(parse_serial("BXL-P42").error().message ==
        "\"BXL-P42\" is not a serial (expected NS-P0042: namespace, '-', P, C or O, at least four digits)");
  CHECK(parse_serial_ref("BXL-P0042@").error().message == "\"BXL-P0042@\" has an empty version");
}

TEST_CASE("namespaces and kinds") {
  CHECK(valid_namespace("BXL"));
  CHECK(valid_namespace("OS2"));
  CHECK_FALSE(valid_namespace("B"));
  CHECK_FALSE(valid_namespace("2OS"));
  CHECK_FALSE(valid_namespace("TOOLONGNS"));
  CHECK(kind_letter("component") == 'C');
  CHECK_FALSE(kind_letter("thing"));
}
