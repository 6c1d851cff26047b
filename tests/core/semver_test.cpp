#include <doctest/doctest.h>

#include <algorithm>

#include "archipel/core/semver.hpp"

using namespace archipel::core;

namespace {
Version v(std::string_view text) { return Version::parse(text).value(); }
bool req(std::string_view requirement, std::string_view version) {
  return VersionRequirement::parse(requirement).value().matches(v(version));
}
std::string req_error(std::string_view requirement) {
  auto r = VersionRequirement::parse(requirement);
  return r ? std::string("(parsed)") : r.error().message;
}
std::string version_error(std::string_view text) {
  auto r = Version::parse(text);
  return r ? std::string("(parsed)") : r.error().message;
}
}  // namespace

TEST_CASE("Version::parse reads every part and to_string gives it back") {
  const Version x = v("1.22.333-rc.1+build.5");
  CHECK(x.major == 1);
  CHECK(x.minor == 22);
  CHECK(x.patch == 333);
  CHECK(x.prerelease == "rc.1");
  CHECK(x.build == "build.5");
  CHECK(x.to_string() == "1.22.333-rc.1+build.5");
  CHECK(v("0.0.0").to_string() == "0.0.0");
  CHECK(v("1.0.0-x-y.7").prerelease == "x-y.7");
  CHECK(v("18446744073709551615.0.0").major == 18446744073709551615ull);
}

TEST_CASE("Version::parse refuses what semver 2.0 refuses, saying why") {
  CHECK(version_error("1.0") == "\"1.0\" is not a semantic version (expected MAJOR.MINOR.PATCH, e.g. 1.2.0)");
  CHECK(version_error("1.0.0.0") == "\"1.0.0.0\" is not a semantic version (expected MAJOR.MINOR.PATCH, e.g. 1.2.0)");
  CHECK(version_error("v1.0.0") == "\"v1.0.0\" is not a semantic version (expected MAJOR.MINOR.PATCH, e.g. 1.2.0)");
  CHECK(version_error("01.2.3") == "\"01.2.3\" is not a semantic version (\"01\" has a leading zero)");
  CHECK(version_error("1.2.3-01") == "\"1.2.3-01\" is not a semantic version (\"01\" has a leading zero)");
  CHECK(version_error("1.2.3-") == "\"1.2.3-\" is not a semantic version (empty identifier)");
  CHECK(version_error("1.2.3+a..b") == "\"1.2.3+a..b\" is not a semantic version (empty identifier)");
  CHECK(version_error("1.2.3-é") == "\"1.2.3-é\" is not a semantic version (\"é\" may hold only letters, digits and hyphens)");
  CHECK(version_error("18446744073709551616.0.0") ==
        "\"18446744073709551616.0.0\" is not a semantic version (\"18446744073709551616\" is too large)");
  CHECK(version_error("") == "\"\" is not a semantic version (expected MAJOR.MINOR.PATCH, e.g. 1.2.0)");
  CHECK(version_error("1.2.3+01") == "(parsed)");  // leading zeros are fine in build metadata
}

TEST_CASE("precedence follows semver 2.0, section 11") {
  // The spec's own example chain.
  const char* chain[] = {"1.0.0-alpha", "1.0.0-alpha.1", "1.0.0-alpha.beta", "1.0.0-beta",
                         "1.0.0-beta.2", "1.0.0-beta.11", "1.0.0-rc.1", "1.0.0", "1.0.1",
                         "1.1.0", "2.0.0", "10.0.0"};
  for (std::size_t i = 0; i + 1 < std::size(chain); ++i) {
    CAPTURE(chain[i]);
    CHECK(v(chain[i]) < v(chain[i + 1]));
    CHECK(v(chain[i + 1]) > v(chain[i]));
  }
  CHECK(v("1.0.0+a") == v("1.0.0+b"));
  CHECK_FALSE(v("1.0.0+a").same_text(v("1.0.0+b")));
  CHECK(v("1.0.0+a").same_text(v("1.0.0+a")));
  CHECK(v("2.0.0") > v("1.99.99"));
  std::vector<Version> list{v("1.10.0"), v("1.2.0"), v("1.2.0-rc.1"), v("0.9.9")};
  std::ranges::sort(list);
  CHECK(list.front().to_string() == "0.9.9");
  CHECK(list[1].to_string() == "1.2.0-rc.1");
  CHECK(list.back().to_string() == "1.10.0");
}

TEST_CASE("exact requirements") {
  CHECK(req("1.2.3", "1.2.3"));
  CHECK(req("=1.2.3", "1.2.3"));
  CHECK_FALSE(req("1.2.3", "1.2.4"));
  CHECK_FALSE(req("=1.2.3", "1.2.2"));
  CHECK(req("1.2.3", "1.2.3+build"));
}

TEST_CASE("caret requirements keep the first non-zero part") {
  CHECK(req("^1.2", "1.2.0"));
  CHECK(req("^1.2", "1.9.7"));
  CHECK_FALSE(req("^1.2", "1.1.9"));
  CHECK_FALSE(req("^1.2", "2.0.0"));
  CHECK(req("^1.2.3", "1.2.3"));
  CHECK_FALSE(req("^1.2.3", "1.2.2"));
  CHECK(req("^0.2.3", "0.2.9"));
  CHECK_FALSE(req("^0.2.3", "0.3.0"));
  CHECK(req("^0.0.3", "0.0.3"));
  CHECK_FALSE(req("^0.0.3", "0.0.4"));
  CHECK(req("^0.0", "0.0.9"));
  CHECK_FALSE(req("^0.0", "0.1.0"));
  CHECK(req("^1", "1.99.0"));
  CHECK_FALSE(req("^1", "2.0.0"));
}

TEST_CASE("tilde requirements keep the minor version") {
  CHECK(req("~1.2.3", "1.2.3"));
  CHECK(req("~1.2.3", "1.2.99"));
  CHECK_FALSE(req("~1.2.3", "1.3.0"));
  CHECK_FALSE(req("~1.2.3", "1.2.2"));
  CHECK(req("~1.2", "1.2.0"));
  CHECK_FALSE(req("~1.2", "1.3.0"));
  CHECK(req("~1", "1.9.0"));
  CHECK_FALSE(req("~1", "2.0.0"));
}

TEST_CASE("comparison ranges: space means AND") {
  CHECK(req(">=1.0.0 <2.0.0", "1.0.0"));
  CHECK(req(">=1.0.0 <2.0.0", "1.99.99"));
  CHECK_FALSE(req(">=1.0.0 <2.0.0", "2.0.0"));
  CHECK_FALSE(req(">=1.0.0 <2.0.0", "0.9.0"));
  CHECK(req(">= 1.0.0  < 2.0.0", "1.5.0"));  // operators may stand apart
  CHECK(req(">1.2.3", "1.2.4"));
  CHECK_FALSE(req(">1.2.3", "1.2.3"));
  CHECK(req(">1.2", "1.3.0"));
  CHECK_FALSE(req(">1.2", "1.2.9"));
  CHECK(req("<=1.2.3", "1.2.3"));
  CHECK(req("<=1.2", "1.2.9"));
  CHECK_FALSE(req("<=1.2", "1.3.0"));
  CHECK(req("<2", "1.99.0"));
  CHECK_FALSE(req("<2", "2.0.0"));
}

TEST_CASE("wildcards and partial versions") {
  CHECK(req("*", "0.0.1"));
  CHECK(req("*", "99.0.0"));
  CHECK(req("1.x", "1.0.0"));
  CHECK(req("1.x", "1.99.1"));
  CHECK_FALSE(req("1.x", "2.0.0"));
  CHECK(req("1.2.x", "1.2.7"));
  CHECK_FALSE(req("1.2.x", "1.3.0"));
  CHECK(req("1.2.*", "1.2.0"));
  CHECK(req("1.2", "1.2.5"));
  CHECK(req("1", "1.5.0"));
  CHECK(req("X", "3.0.0"));
}

TEST_CASE("pre-releases match only when the requirement names one of the same release") {
  CHECK_FALSE(req("^1.0", "1.2.0-beta"));
  CHECK_FALSE(req("*", "1.0.0-alpha"));
  CHECK(req(">=1.2.0-alpha", "1.2.0-beta"));
  CHECK_FALSE(req(">=1.2.0-alpha", "1.3.0-beta"));
  CHECK(req(">=1.2.0-alpha", "1.3.0"));
  CHECK(req("=1.2.0-rc.1", "1.2.0-rc.1"));
}

TEST_CASE("bad requirements name the bad part") {
  CHECK(req_error("") == "\"\" is not a version requirement (it is empty; use * for any version)");
  CHECK(req_error("^") == "\"^\" is not a version requirement (\"^\" has no version)");
  CHECK(req_error("=>1.0.0") == "\"=>1.0.0\" is not a version requirement (unknown operator \"=>\")");
  CHECK(req_error("1.2.3.4") == "\"1.2.3.4\" is not a version requirement (\"1.2.3.4\" has too many parts)");
  CHECK(req_error("1.x.3") == "\"1.x.3\" is not a version requirement (\"1.x.3\" has a number after a wildcard)");
  CHECK(req_error(">=1.0-beta") ==
        "\">=1.0-beta\" is not a version requirement (\"1.0-beta\": a pre-release needs a full version)");
  CHECK(req_error("<*") == "\"<*\" is not a version requirement (\"<*\" matches nothing)");
  CHECK(req_error("abc") == "\"abc\" is not a version requirement (\"abc\" is not a version)");
  CHECK(req_error("^1.2 || ^2") != "(parsed)");
}

TEST_CASE("a requirement keeps its text") {
  auto r = VersionRequirement::parse("  >=1.0.0   <2.0.0 ");
  REQUIRE(r);
  CHECK(r->to_string() == ">=1.0.0   <2.0.0");
  CHECK(r->comparators.size() == 2);
  CHECK(VersionRequirement::parse("*")->comparators.empty());
}
