// SSHSIG: our in-process verifier agrees with `ssh-keygen -Y verify` on good, bad and foreign
// signatures, for ed25519 and ecdsa keys made by ssh-keygen; RSA is refused.
#include <doctest/doctest.h>

#include "fixture.hpp"
#include "sign/sshsig.hpp"

using namespace archipel;
using namespace archipel::registry;
using namespace archipel::test;

namespace {

std::string read_text(const fs::path& p) {
  std::ifstream f(p, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(f), {});
}

// `ssh-keygen -Y verify` of `sig` over `message` for `principal` with `pub` as allowed signer.
int ssh_keygen_verify(const fs::path& dir, const std::string& pub_line, const std::string& sig,
                      const std::string& message) {
  write_file(dir / "allowed", "tester@example.org " + pub_line + "\n");
  write_file(dir / "msg", message);
  write_file(dir / "msg.sig", sig);
  return sh("ssh-keygen -Y verify -f '" + (dir / "allowed").string() + "' -I tester@example.org -n git -s '" +
            (dir / "msg.sig").string() + "' < '" + (dir / "msg").string() + "' >/dev/null 2>&1");
}

// The armored signature with one byte of its signature value flipped.
std::string flip_signature_byte(const std::string& armored) {
  std::string body;
  std::istringstream lines(armored);
  for (std::string line; std::getline(lines, line);) {
    if (!line.starts_with("-----")) body += line;
  }
  auto blob = *sign::base64_decode(body);
  blob[blob.size() - 5] = char(blob[blob.size() - 5] ^ 0x01);
  return sign::armor(blob);
}

}  // namespace

TEST_CASE("ed25519 and ecdsa: our verifier agrees with ssh-keygen -Y verify") {
  TempDir tmp;
  for (std::string type : {"ed25519", "ecdsa -b 256", "ecdsa -b 384", "ecdsa -b 521"}) {
    CAPTURE(type);
    std::string name = type.substr(0, type.find(' ')) + type.substr(type.size() - 3);
    auto key = resolve_signing_key(make_key(tmp.path, name, "tester@example.org", type).string());
    REQUIRE(key);
    auto other = resolve_signing_key(make_key(tmp.path, name + "-other", "other@example.org", type).string());
    REQUIRE(other);
    CHECK(key->principal == "tester@example.org");
    std::string message = "tree 0123\nauthor A <a@b> 0 +0000\n\npublish " + type + "\n";
    auto sig = sign_message(*key, message);
    REQUIRE(sig);
    CHECK(sig->starts_with("-----BEGIN SSH SIGNATURE-----\n"));
    // good
    auto ours = verify_sshsig(*sig, message);
    CHECK(ours.valid);
    CHECK(ours.signer.same_key(key->key));
    CHECK(ours.signer.fingerprint() == key->key.fingerprint());
    CHECK(ssh_keygen_verify(tmp.path, key->key.line(), *sig, message) == 0);
    // bad: one byte of the message changed
    std::string altered = message;
    altered[5] = 'X';
    CHECK_FALSE(verify_sshsig(*sig, altered).valid);
    CHECK(ssh_keygen_verify(tmp.path, key->key.line(), *sig, altered) != 0);
    // bad: one byte of the signature changed
    auto flipped = flip_signature_byte(*sig);
    CHECK_FALSE(verify_sshsig(flipped, message).valid);
    CHECK(ssh_keygen_verify(tmp.path, key->key.line(), flipped, message) != 0);
    // foreign: valid, but by another key than the one allowed
    auto theirs = sign_message(*other, message);
    REQUIRE(theirs);
    auto foreign = verify_sshsig(*theirs, message);
    CHECK(foreign.valid);
    CHECK_FALSE(foreign.signer.same_key(key->key));
    CHECK(ssh_keygen_verify(tmp.path, key->key.line(), *theirs, message) != 0);
    // another namespace is not a git signature
    CHECK_FALSE(verify_sshsig(*sig, message, "file").valid);
  }
}

TEST_CASE("the in-process Ed25519 signer writes what ssh-keygen -Y verify accepts") {
  TempDir tmp;
  sign::Ed25519Seed seed;
  for (std::size_t i = 0; i < seed.seed.size(); ++i) seed.seed[i] = static_cast<unsigned char>(i * 7 + 1);
  auto pub = sign::ed25519_public(seed);
  REQUIRE(pub);
  auto sig = sign::ed25519_sign(seed, "hello\n");
  REQUIRE(sig);
  CHECK(verify_sshsig(*sig, "hello\n").valid);
  CHECK(ssh_keygen_verify(tmp.path, pub->line(), *sig, "hello\n") == 0);
  CHECK(ssh_keygen_verify(tmp.path, pub->line(), *sig, "hellO\n") != 0);
}

TEST_CASE("keys: RSA refused, a public key file accepted, fingerprints as ssh-keygen -l prints them") {
  TempDir tmp;
  auto rsa = resolve_signing_key(make_key(tmp.path, "rsa", "r@example.org", "rsa -b 2048").string());
  REQUIRE_FALSE(rsa);
  CHECK(rsa.error().message.starts_with("ssh-rsa keys are not accepted"));
  auto priv = make_key(tmp.path, "ed", "ed@example.org");
  auto pub = resolve_signing_key(priv.string() + ".pub");
  REQUIRE(pub);
  CHECK(pub->principal == "ed@example.org");
  sh("ssh-keygen -l -f '" + priv.string() + ".pub' | cut -d' ' -f2 > '" + (tmp.path / "fp").string() + "'");
  CHECK(pub->key.fingerprint() + "\n" == read_text(tmp.path / "fp"));
  auto missing = resolve_signing_key((tmp.path / "nope").string());
  REQUIRE_FALSE(missing);
  CHECK(missing.error().code == core::Errc::usage);
  CHECK_FALSE(parse_public_key("ssh-ed25519 AAAAnotbase64!!"));
  CHECK_FALSE(parse_public_key("ssh-ed25519 " + pub->key.base64.substr(0, 20)));
}
