#pragma once
/// \file
/// SSH signatures as git makes them (`gpg.format=ssh`): OpenSSH public keys, SSHSIG signatures
/// (the format of `ssh-keygen -Y sign`), verified in-process, and the publisher's signing key.
/// Ed25519 and ECDSA (nistp256/384/521) keys are accepted; RSA is refused (its SHA-1 signatures
/// are refused by current OpenSSH, and a registry should not depend on which digest was used).

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

#include "archipel/core/result.hpp"

namespace archipel::registry {

/// An OpenSSH public key ("ssh-ed25519 AAAA... comment").
struct PublicKey {
  std::string type;     ///< "ssh-ed25519", "ecdsa-sha2-nistp256", ...
  std::string base64;   ///< the key blob, base64 as in authorized_keys
  std::string comment;  ///< the text after the key (often an email), may be empty

  /// "type base64" (no comment): the form recorded in owners.json and registry.json.
  [[nodiscard]] std::string line() const { return type + " " + base64; }
  /// "SHA256:..." as `ssh-keygen -l` prints it.
  [[nodiscard]] std::string fingerprint() const;
  /// Same key (type and blob; the comment does not count).
  [[nodiscard]] bool same_key(const PublicKey& other) const {
    return type == other.type && base64 == other.base64;
  }
};

/// Parses one public key line; RSA, DSA and security-key types are refused (Errc::invalid).
[[nodiscard]] core::Result<PublicKey> parse_public_key(std::string_view text,
                                                       const std::string& origin = {});

/// What a signature says about a commit.
enum class SignatureState {
  good,         ///< valid, by a key the registry knows for that change
  bad,          ///< present but does not verify (or is not an SSHSIG for namespace "git")
  unsigned_,    ///< no signature
  unknown_key,  ///< valid, but by a key the registry does not know for that change
};

/// "good", "bad", "unsigned", "unknown-key".
[[nodiscard]] std::string to_string(SignatureState state);

/// An SSHSIG signature checked against a message.
struct CheckedSignature {
  bool valid = false;    ///< the signature verifies over the message in the namespace
  PublicKey signer;      ///< the key the signature names (set even when not valid, if parsed)
  std::string reason;    ///< why it is not valid
};

/// Verifies an armored SSHSIG signature (`-----BEGIN SSH SIGNATURE-----`) over `message` in
/// namespace `ns`, in-process. Never fails: a malformed signature is reported as not valid.
[[nodiscard]] CheckedSignature verify_sshsig(std::string_view armored, std::string_view message,
                                             std::string_view ns = "git");

/// The key a publisher signs with.
struct SigningKey {
  std::filesystem::path path;  ///< what `ssh-keygen -Y sign -f` is given (private or public key)
  PublicKey key;               ///< its public half
  std::string principal;       ///< who it is (the key's comment, else its fingerprint)
};

/// The signing key: `flag` (--signing-key), else `$ARCHIPEL_SIGNING_KEY`, else git's
/// `user.signingkey` when `gpg.format` is `ssh`. Nothing found: Errc::usage naming the three
/// ways (and `archipel key new`). A private key's public half is read from `PATH.pub`, or
/// asked of `ssh-keygen -y`.
[[nodiscard]] core::Result<SigningKey> resolve_signing_key(const std::optional<std::string>& flag);

/// Signs `message` with `key` in namespace "git" by running `ssh-keygen -Y sign`, as git does;
/// checks that the signature is by `key.key` and returns it armored.
[[nodiscard]] core::Result<std::string> sign_message(const SigningKey& key, std::string_view message);

/// Creates a new ed25519 key pair at `path` (and `path.pub`) with `ssh-keygen -t ed25519`,
/// without a passphrase, commented with `principal`. Refuses to overwrite.
[[nodiscard]] core::Result<SigningKey> create_key(const std::filesystem::path& path,
                                                  const std::string& principal);

}  // namespace archipel::registry
