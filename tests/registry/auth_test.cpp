// Authorship and an append-only history: signed commits the real git accepts, owners, refused
// takeovers, and each tampering of issue 10 made with plain git and named by verify.
#include <doctest/doctest.h>

#include <algorithm>

#include "fixture.hpp"

using namespace archipel;
using namespace archipel::registry;
using namespace archipel::test;

namespace {

SigningKey key_of(const fs::path& dir, const std::string& name, const std::string& principal) {
  auto key = resolve_signing_key(make_key(dir, name, principal).string());
  REQUIRE(key);
  return *key;
}

// Commits `script` (shell run with GIT_INDEX_FILE holding main's tree, `r` = "git -C REPO") on
// main with plain git, signed with `signer`'s key when given, as an attacker would.
void tamper(const fs::path& repo, const std::string& script, const SigningKey* signer = nullptr) {
  std::string sign = signer ? " -c gpg.format=ssh -c user.signingkey='" + signer->path.string() + "'" : "";
  std::string cmd = "set -e; export GIT_INDEX_FILE='" + (repo / "tamper-index").string() + "'; r() { git -C '" +
                    repo.string() + "' \"$@\"; }; r read-tree main; " + script + "; tree=$(r write-tree); c=$(r" +
                    sign + " -c user.name=x -c user.email=x@x commit-tree " + (signer ? "-S " : "") +
                    "$tree -p main -m tamper); r update-ref refs/heads/main $c; rm -f \"$GIT_INDEX_FILE\"";
  REQUIRE(sh("(" + cmd + ") >/dev/null 2>&1") == 0);
}

// Replaces the blob at `path` with `content` (no single quote in it).
std::string put(const std::string& path, const std::string& content) {
  return "blob=$(printf '%s' '" + content + "' | r hash-object -w --stdin); r update-index --add --cacheinfo 100644,$blob," +
         path;
}

bool has_problem(const VerifyReport& report, const std::string& text) {
  return std::any_of(report.problems.begin(), report.problems.end(), [&](const Problem& p) {
    return (p.where + ": " + p.message).find(text) != std::string::npos;
  });
}

std::string problems_text(const VerifyReport& report) {
  std::string out;
  for (const auto& p : report.problems) out += p.where + ": " + p.message + "\n";
  return out;
}

RegistryConfig bxl() {
  RegistryConfig c;
  c.ns = "BXL";
  return c;
}

constexpr const char* v1 = "parts/BXL/P/000/BXL-P0001/1.0.0/";

}  // namespace

TEST_CASE("commits written by Archipel pass the real git verify-commit and log --show-signature") {
  TempDir tmp;
  auto reg = make_registry(tmp.path);
  auto alice = key_of(tmp.path / "keys", "alice", "alice@example.org");
  reg.set_signing_key(alice);
  REQUIRE(reg.publish(write_part(tmp.path / "a", plate_manifest())));
  write_file(tmp.path / "allowed", "alice@example.org " + alice.key.line() + "\n");
  std::string git = "git -C '" + reg.path().string() + "' -c gpg.format=ssh -c gpg.ssh.allowedSignersFile='" +
                    (tmp.path / "allowed").string() + "' ";
  CHECK(sh(git + "verify-commit main >/dev/null 2>&1") == 0);
  CHECK(sh(git + "log -1 --show-signature main 2>&1 | grep -q 'Good \"git\" signature for alice@example.org'") == 0);
  // The init commit was signed by the process key, which this allowed-signers file does not know.
  CHECK(sh(git + "verify-commit main~1 >/dev/null 2>&1") != 0);
  auto report = reg.verify();
  REQUIRE(report);
  CHECK(problems_text(*report) == "");
  CHECK(report->commits == 2);
  // Verified commits are cached: the next verify checks none again, unless told to.
  auto again = reg.verify();
  REQUIRE(again);
  CHECK(again->commits == 0);
  CHECK(again->cached_commits == 2);
  CHECK(reg.verify(false)->commits == 2);
  auto shown = reg.show(*parse_serial_ref("BXL-P0001"));
  REQUIRE(shown);
  CHECK(shown->signer.state == SignatureState::good);
  CHECK(shown->signer.principal == "alice@example.org");
  CHECK(shown->signer.fingerprint == alice.key.fingerprint());
  CHECK(shown->manifest["designer"]["name"] == "Ada Lovelace");
  REQUIRE(shown->owners.size() == 1);
  CHECK(shown->owners[0].principal == "alice@example.org");
}

TEST_CASE("a takeover is refused: Bob cannot publish a new version of Alice's part") {
  TempDir tmp;
  auto reg = make_registry(tmp.path);
  auto alice = key_of(tmp.path / "keys", "alice", "alice@example.org");
  auto bob = key_of(tmp.path / "keys", "bob", "bob@example.org");
  reg.set_signing_key(alice);
  auto first = reg.publish(write_part(tmp.path / "a", plate_manifest("Alice's plate", "CC-BY-NC-ND-4.0")));
  REQUIRE(first);
  auto copy = plate_manifest("Alice's plate", "MIT");
  copy["serial"] = first->serial;
  copy["version"] = "1.0.1";
  copy["designer"] = {{"name", "Bob"}, {"email", "bob@example.org"}};
  reg.set_signing_key(bob);
  auto taken = reg.publish(write_part(tmp.path / "b", copy));
  REQUIRE_FALSE(taken);
  CHECK(taken.error().code == core::Errc::invalid);
  CHECK(taken.error().message ==
        "BXL-P0001 belongs to alice@example.org (" + alice.key.fingerprint() +
            "): only an owner may publish a new version of it, and the signing key is bob@example.org (" +
            bob.key.fingerprint() + ")");
  auto yanked = reg.yank(*parse_serial_ref("BXL-P0001@1.0.0"), "mine now");
  REQUIRE_FALSE(yanked);
  CHECK(yanked.error().message.find("only an owner may yank it") != std::string::npos);
  auto owned = reg.add_owner(*parse_serial("BXL-P0001"), {"bob@example.org", bob.key});
  REQUIRE_FALSE(owned);
  CHECK(reg.show(*parse_serial_ref("BXL-P0001"))->manifest["licence"] == "CC-BY-NC-ND-4.0");
  // Alice adds Bob: now he may publish, and Alice may remove him again.
  reg.set_signing_key(alice);
  REQUIRE(reg.add_owner(*parse_serial("BXL-P0001"), {"bob@example.org", bob.key}));
  reg.set_signing_key(bob);
  REQUIRE(reg.publish(write_part(tmp.path / "b", copy)));
  reg.set_signing_key(alice);
  auto removed = reg.remove_owner(*parse_serial("BXL-P0001"), "bob@example.org");
  REQUIRE(removed);
  auto last = reg.remove_owner(*parse_serial("BXL-P0001"), "alice@example.org");
  REQUIRE_FALSE(last);
  CHECK(last.error().message == "alice@example.org is the last owner of BXL-P0001: add another owner first");
  auto report = reg.verify();
  REQUIRE(report);
  CHECK(problems_text(*report) == "");
}

TEST_CASE("publishers: maintainers only") {
  TempDir tmp;
  auto bob = key_of(tmp.path / "keys", "bob", "bob@example.org");
  RegistryConfig config;
  config.publishers = "maintainers";
  auto reg = make_registry(tmp.path, config);
  REQUIRE(reg.config().maintainers.size() == 1);
  CHECK(reg.config().maintainers[0].principal == "ada@example.org");
  reg.set_signing_key(bob);
  auto refused = reg.publish(write_part(tmp.path / "b", plate_manifest()));
  REQUIRE_FALSE(refused);
  CHECK(refused.error().message.starts_with("this registry accepts new parts from its maintainers only (ada@example.org"));
}

TEST_CASE("the seven tamperings of issue 10, made with plain git, are each named by verify") {
  TempDir tmp;
  auto bob = key_of(tmp.path / "keys", "bob", "bob@example.org");
  auto fresh = [&](const std::string& name) {
    auto reg = std::move(*Registry::init(tmp.path / name, bxl()));
    REQUIRE(reg.publish(write_part(tmp.path / (name + "-a"), plate_manifest())));
    auto second = plate_manifest("Second");
    REQUIRE(reg.publish(write_part(tmp.path / (name + "-b"), second)));
    const auto clean = reg.verify();
    REQUIRE(clean);
    for (const auto& p : clean->problems) MESSAGE(p.where << ": " << p.message);
    REQUIRE(clean->problems.empty());
    return reg;
  };
  auto verify = [](Registry& reg) {
    auto report = reg.verify();
    REQUIRE(report);
    return *report;
  };
  SUBCASE("a file rewritten together with its sha256 in part.json") {
    auto reg = fresh("r1");
    auto m = reg.show(*parse_serial_ref("BXL-P0001"))->manifest;
    m["files"][0]["sha256"] = "2f1a4ad1e8b4a3e9d7e5a7c2c0e7b1e8f3a8c9b1d2e3f4a5b6c7d8e9f0a1b2c3";
    tamper(reg.path(), put(std::string(v1) + "plate.stl", "evil") + "; " +
                           put(std::string(v1) + "part.json", m.dump()), &bob);
    auto report = verify(reg);
    CHECK(has_problem(report, "rewrites plate.stl of BXL-P0001@1.0.0, published earlier"));
    CHECK(has_problem(report, "rewrites part.json of BXL-P0001@1.0.0, published earlier"));
    CHECK(has_problem(report, "changes BXL-P0001, signed by " + bob.key.fingerprint() + ", who may not"));
  }
  SUBCASE("designer and licence rewritten") {
    auto reg = fresh("r2");
    auto m = reg.show(*parse_serial_ref("BXL-P0001"))->manifest;
    m["designer"] = {{"name", "Bob"}, {"email", "bob@example.org"}};
    m["licence"] = "MIT";
    tamper(reg.path(), put(std::string(v1) + "part.json", m.dump()));
    auto report = verify(reg);
    CHECK(has_problem(report, "rewrites part.json of BXL-P0001@1.0.0, published earlier"));
    CHECK(has_problem(report, "is not signed"));
  }
  SUBCASE("the verdict in measured.json faked") {
    auto reg = fresh("r3");
    tamper(reg.path(), put(std::string(v1) + "measured.json", "{\"verdict\": \"pass\"}"), &bob);
    CHECK(has_problem(verify(reg), "rewrites measured.json of BXL-P0001@1.0.0, published earlier"));
  }
  SUBCASE("a leaf version deleted, its serial then assigned again") {
    auto reg = fresh("r4");
    tamper(reg.path(), "r ls-tree -r --name-only main parts/BXL/P/000/BXL-P0002 | sed 's/^/0 0000000000000000000000000000000000000000\t/' | "
           "r update-index --index-info");
    auto again = plate_manifest("Usurper");
    tamper(reg.path(), put("parts/BXL/P/000/BXL-P0002/1.0.0/part.json", "{}"), &bob);
    auto report = verify(reg);
    CHECK(has_problem(report, "deletes BXL-P0002@1.0.0, published earlier"));
    CHECK(has_problem(report, "assigns BXL-P0002 again, after it was deleted"));
  }
  SUBCASE("the history force-rewritten from the root commit on") {
    auto reg = fresh("r5");
    std::string r = "git -C '" + reg.path().string() + "' ";
    REQUIRE(sh(r + "update-ref refs/heads/main $(" + r + "rev-list --max-parents=0 main)") == 0);
    tamper(reg.path(), put("parts/BXL/P/000/BXL-P0001/1.0.0/part.json", "{}"), &bob);
    auto report = verify(reg);
    CHECK(has_problem(report, "the history was rewritten: the tip " + reg.tip()->substr(0, 12) +
                                  " does not descend from "));
    auto refused = reg.publish(write_part(tmp.path / "r5-c", plate_manifest("Third")));
    REQUIRE_FALSE(refused);
    CHECK(refused.error().message.starts_with("refusing to publish: the history was rewritten"));
  }
  SUBCASE("the whole registry replaced by another history at the same place") {
    auto reg = fresh("r5b");
    // Made elsewhere by the forger, then put in its place.
    REQUIRE(Registry::init(tmp.path / "forge", bxl(), bob));
    fs::remove_all(tmp.path / "r5b");
    fs::rename(tmp.path / "forge", tmp.path / "r5b");
    auto forged = Registry::open(tmp.path / "r5b");
    REQUIRE(forged);
    auto report = verify(*forged);
    CHECK(has_problem(report, "the whole history was replaced: the root commit is now "));
  }
  SUBCASE("the namespace in registry.json changed") {
    auto reg = fresh("r6");
    auto config = to_json(reg.config());
    config["namespace"] = "EVL";
    tamper(reg.path(), put("registry.json", config.dump()), &bob);
    auto report = verify(reg);
    CHECK(has_problem(report, "changes the namespace from BXL to EVL"));
    CHECK(has_problem(report, "changes registry.json, signed by " + bob.key.fingerprint() + ", who may not"));
  }
  SUBCASE("a yanked.json added by someone else") {
    auto reg = fresh("r7");
    tamper(reg.path(), put(std::string(v1) + "yanked.json", "{\"reason\": \"mine\"}"), &bob);
    auto report = verify(reg);
    CHECK(problems_text(report) == "commit " + reg.tip()->substr(0, 12) + ": changes BXL-P0001, signed by " +
                                       bob.key.fingerprint() + ", who may not: allowed ada@example.org (" +
                                       reg.config().maintainers[0].key.fingerprint() + ")\n");
  }
}

TEST_CASE("a registry made before signatures stays readable: unsigned commits are warnings") {
  TempDir tmp;
  // registry.json of the old format (no maintainers, publishers or require_signatures) and an
  // unsigned publication, written with plain git as the old Archipel wrote them.
  fs::path repo = tmp.path / "old";
  std::string r = "git -C '" + repo.string() + "' ";
  write_file(tmp.path / "registry.json",
             R"({"schema": 1, "namespace": "OLD", "name": "Old", "grid": "openstructures",)"
             R"( "policy": {"allowed_licences": [], "accept_nonconforming": false, "max_file_bytes": 1000000}})");
  auto manifest = plate_manifest();
  manifest["serial"] = "OLD-P0001";
  write_part(tmp.path / "p", manifest);
  std::string digest = "4b62e2f11478836cfb0535fb30a66fffbb529f0bde805ee7f0887e6fe0f1e461";
  manifest["files"][0]["sha256"] = digest;
  write_file(tmp.path / "p" / "part.json", manifest.dump());
  std::string idx = "GIT_INDEX_FILE='" + (tmp.path / "idx").string() + "' ";
  std::string add = [&] {
    std::string out;
    for (auto [file, path] : {std::pair{"registry.json", "registry.json"},
                              {"p/part.json", "parts/OLD/P/000/OLD-P0001/1.0.0/part.json"},
                              {"p/plate.stl", "parts/OLD/P/000/OLD-P0001/1.0.0/plate.stl"}}) {
      out += idx + r + "update-index --add --cacheinfo 100644,$(" + r + "hash-object -w '" +
             (tmp.path / file).string() + "')," + path + "; ";
      if (std::string(file) == "registry.json") {
        out += "c=$(" + idx + r + "-c user.name=x -c user.email=x@x commit-tree $(" + idx + r +
               "write-tree) -m init); " + r + "update-ref refs/heads/main $c; ";
      }
    }
    return out;
  }();
  REQUIRE(sh("(set -e; git init -q --bare -b main '" + repo.string() + "'; " + add + "c=$(" + idx + r +
             "-c user.name=x -c user.email=x@x commit-tree $(" + idx + r + "write-tree) -p main -m publish); " + r +
             "update-ref refs/heads/main $c) >/dev/null 2>&1") == 0);
  auto reg = Registry::open(repo);
  REQUIRE(reg);
  CHECK_FALSE(reg->config().policy.require_signatures);
  auto report = reg->verify();
  REQUIRE(report);
  CHECK(problems_text(*report) == "");
  REQUIRE(report->warnings.size() == 2);
  CHECK(report->warnings[0].message == "is not signed (this registry was made before signatures)");
  auto shown = reg->show(*parse_serial_ref("OLD-P0001"));
  REQUIRE(shown);
  CHECK(shown->signer.state == SignatureState::unsigned_);
  // Its serial has no owner: a new version needs a maintainer, and it has none yet.
  manifest["version"] = "1.1.0";
  write_file(tmp.path / "p" / "part.json", manifest.dump());
  auto refused = reg->publish(tmp.path / "p" / "part.json");
  REQUIRE_FALSE(refused);
  CHECK(refused.error().message.starts_with("OLD-P0001 has no recorded owner (published before signatures)"));
  // A new part is signed, owned by its publisher, and verifies.
  REQUIRE(reg->publish(write_part(tmp.path / "n", plate_manifest("New"))));
  report = reg->verify();
  REQUIRE(report);
  CHECK(problems_text(*report) == "");
}
