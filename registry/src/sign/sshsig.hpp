#pragma once
// SSHSIG internals shared by the verifier, the signer and the bench generator: base64, the SSH
// wire format, and an in-process Ed25519 signer (used where ssh-keygen per signature is too slow).

#include <array>
#include <optional>
#include <string>
#include <string_view>

#include "archipel/registry/signing.hpp"

namespace archipel::registry::sign {

/// Standard base64 without line breaks (with padding).
[[nodiscard]] std::string base64_encode(std::string_view bytes);
/// Decodes standard base64 (padding optional, no whitespace); nothing when malformed.
[[nodiscard]] std::optional<std::string> base64_decode(std::string_view text);

/// Appends an SSH "string" (uint32 length + bytes).
void put_string(std::string& out, std::string_view bytes);

/// The armored form of an SSHSIG blob (base64 wrapped at 70 columns, as ssh-keygen writes it).
[[nodiscard]] std::string armor(std::string_view blob);

/// What SSHSIG signs: MAGIC, namespace, reserved, hash algorithm, H(message).
[[nodiscard]] std::string signed_data(std::string_view ns, std::string_view hash_alg,
                                      std::string_view message);

/// An Ed25519 key held in memory (32-byte seed), for signing without ssh-keygen.
struct Ed25519Seed {
  std::array<unsigned char, 32> seed{};
};

/// The public key of `seed`.
[[nodiscard]] core::Result<PublicKey> ed25519_public(const Ed25519Seed& seed);

/// An armored SSHSIG signature of `message` in `ns` with `seed` (sha512), byte-identical in
/// format to `ssh-keygen -Y sign`.
[[nodiscard]] core::Result<std::string> ed25519_sign(const Ed25519Seed& seed, std::string_view message,
                                                     std::string_view ns = "git");

}  // namespace archipel::registry::sign
