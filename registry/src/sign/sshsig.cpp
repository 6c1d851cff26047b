// SSHSIG (OpenSSH's PROTOCOL.sshsig) verified in-process with OpenSSL 3: a 100k-commit history
// cannot afford one `ssh-keygen -Y verify` process per commit. OpenSSL has no SSH wire-format
// parser, so the few length-prefixed fields are read here by hand; the cryptography is OpenSSL's.
#include "sign/sshsig.hpp"

#include <cstdint>
#include <memory>

#include <fmt/format.h>
#include <openssl/bn.h>
#include <openssl/core_names.h>
#include <openssl/ec.h>
#include <openssl/evp.h>
#include <openssl/params.h>

namespace archipel::registry {
using core::Result;

namespace {

struct PkeyFree { void operator()(EVP_PKEY* p) const { EVP_PKEY_free(p); } };
struct MdCtxFree { void operator()(EVP_MD_CTX* p) const { EVP_MD_CTX_free(p); } };
struct PkeyCtxFree { void operator()(EVP_PKEY_CTX* p) const { EVP_PKEY_CTX_free(p); } };
struct SigFree { void operator()(ECDSA_SIG* p) const { ECDSA_SIG_free(p); } };
using Pkey = std::unique_ptr<EVP_PKEY, PkeyFree>;
using MdCtx = std::unique_ptr<EVP_MD_CTX, MdCtxFree>;
using PkeyCtx = std::unique_ptr<EVP_PKEY_CTX, PkeyCtxFree>;
using EcdsaSig = std::unique_ptr<ECDSA_SIG, SigFree>;

constexpr std::string_view magic = "SSHSIG";

// Reads SSH wire-format fields (RFC 4251 uint32 and string) from a buffer.
struct Reader {
  std::string_view data;
  bool u32(std::uint32_t& v) {
    if (data.size() < 4) return false;
    v = (std::uint32_t(std::uint8_t(data[0])) << 24) | (std::uint32_t(std::uint8_t(data[1])) << 16) |
        (std::uint32_t(std::uint8_t(data[2])) << 8) | std::uint32_t(std::uint8_t(data[3]));
    data.remove_prefix(4);
    return true;
  }
  bool str(std::string_view& s) {
    std::uint32_t n = 0;
    if (!u32(n) || data.size() < n) return false;
    s = data.substr(0, n);
    data.remove_prefix(n);
    return true;
  }
};

struct Curve {
  std::string_view type, ident, group;
  const EVP_MD* (*digest)();
};

const Curve* curve_of(std::string_view type) {
  static const Curve curves[] = {
      {"ecdsa-sha2-nistp256", "nistp256", "P-256", EVP_sha256},
      {"ecdsa-sha2-nistp384", "nistp384", "P-384", EVP_sha384},
      {"ecdsa-sha2-nistp521", "nistp521", "P-521", EVP_sha512},
  };
  for (const auto& c : curves) {
    if (c.type == type) return &c;
  }
  return nullptr;
}

std::string digest(const EVP_MD* md, std::string_view bytes) {
  unsigned char out[EVP_MAX_MD_SIZE];
  unsigned int n = 0;
  EVP_Digest(bytes.data(), bytes.size(), out, &n, md, nullptr);
  return std::string(reinterpret_cast<const char*>(out), n);
}

// The OpenSSL key of an SSH public key blob; nothing when it is not a supported key.
Pkey load_key(std::string_view blob) {
  Reader r{blob};
  std::string_view type;
  if (!r.str(type)) return {};
  if (type == "ssh-ed25519") {
    std::string_view pk;
    if (!r.str(pk) || pk.size() != 32 || !r.data.empty()) return {};
    return Pkey(EVP_PKEY_new_raw_public_key(EVP_PKEY_ED25519, nullptr,
                                            reinterpret_cast<const unsigned char*>(pk.data()), 32));
  }
  const Curve* curve = curve_of(type);
  std::string_view ident, q;
  if (curve == nullptr || !r.str(ident) || ident != curve->ident || !r.str(q) || !r.data.empty()) {
    return {};
  }
  std::string group(curve->group);
  std::string point(q);
  OSSL_PARAM params[] = {
      OSSL_PARAM_construct_utf8_string(OSSL_PKEY_PARAM_GROUP_NAME, group.data(), 0),
      OSSL_PARAM_construct_octet_string(OSSL_PKEY_PARAM_PUB_KEY, point.data(), point.size()),
      OSSL_PARAM_construct_end()};
  PkeyCtx ctx(EVP_PKEY_CTX_new_from_name(nullptr, "EC", nullptr));
  EVP_PKEY* key = nullptr;
  if (!ctx || EVP_PKEY_fromdata_init(ctx.get()) <= 0 ||
      EVP_PKEY_fromdata(ctx.get(), &key, EVP_PKEY_PUBLIC_KEY, params) <= 0) {
    return {};
  }
  return Pkey(key);
}

// An SSH ECDSA signature blob (mpint r, mpint s) as the DER OpenSSL verifies.
std::optional<std::string> ecdsa_der(std::string_view blob) {
  Reader r{blob};
  std::string_view rs, ss;
  if (!r.str(rs) || !r.str(ss) || !r.data.empty()) return std::nullopt;
  for (auto m : {rs, ss}) {
    if (m.empty() || (std::uint8_t(m[0]) & 0x80) != 0) return std::nullopt;  // negative mpint
  }
  auto* bn_r = BN_bin2bn(reinterpret_cast<const unsigned char*>(rs.data()), int(rs.size()), nullptr);
  auto* bn_s = BN_bin2bn(reinterpret_cast<const unsigned char*>(ss.data()), int(ss.size()), nullptr);
  EcdsaSig sig(ECDSA_SIG_new());
  if (!sig || bn_r == nullptr || bn_s == nullptr || ECDSA_SIG_set0(sig.get(), bn_r, bn_s) != 1) {
    BN_free(bn_r);
    BN_free(bn_s);
    return std::nullopt;
  }
  unsigned char* der = nullptr;
  int n = i2d_ECDSA_SIG(sig.get(), &der);
  if (n <= 0) return std::nullopt;
  std::string out(reinterpret_cast<const char*>(der), std::size_t(n));
  OPENSSL_free(der);
  return out;
}

bool verify_raw(std::string_view key_blob, std::string_view sig_blob, std::string_view data,
                std::string& reason) {
  Pkey key = load_key(key_blob);
  if (!key) {
    reason = "the signing key is not a supported ed25519 or ecdsa key";
    return false;
  }
  Reader r{sig_blob};
  std::string_view sig_type, sig;
  if (!r.str(sig_type) || !r.str(sig) || !r.data.empty()) {
    reason = "malformed signature blob";
    return false;
  }
  Reader kr{key_blob};
  std::string_view key_type;
  kr.str(key_type);
  if (sig_type != key_type) {
    reason = fmt::format("a {} signature from a {} key", sig_type, key_type);
    return false;
  }
  MdCtx ctx(EVP_MD_CTX_new());
  std::string der;
  const EVP_MD* md = nullptr;
  if (const Curve* curve = curve_of(key_type)) {
    auto converted = ecdsa_der(sig);
    if (!converted) {
      reason = "malformed ECDSA signature";
      return false;
    }
    der = std::move(*converted);
    sig = der;
    md = curve->digest();
  } else if (sig.size() != 64) {
    reason = "malformed Ed25519 signature";
    return false;
  }
  bool ok = ctx && EVP_DigestVerifyInit(ctx.get(), nullptr, md, nullptr, key.get()) == 1 &&
            EVP_DigestVerify(ctx.get(), reinterpret_cast<const unsigned char*>(sig.data()), sig.size(),
                             reinterpret_cast<const unsigned char*>(data.data()), data.size()) == 1;
  if (!ok) reason = "the signature does not match the signed content";
  return ok;
}

std::optional<std::string> dearmor(std::string_view armored) {
  constexpr std::string_view begin = "-----BEGIN SSH SIGNATURE-----";
  constexpr std::string_view end = "-----END SSH SIGNATURE-----";
  auto b = armored.find(begin);
  auto e = armored.find(end);
  if (b == std::string_view::npos || e == std::string_view::npos || e < b) return std::nullopt;
  std::string body;
  for (char c : armored.substr(b + begin.size(), e - b - begin.size())) {
    if (c != '\n' && c != '\r' && c != ' ') body.push_back(c);
  }
  return sign::base64_decode(body);
}

}  // namespace

namespace sign {

std::string base64_encode(std::string_view bytes) {
  std::string out(4 * ((bytes.size() + 2) / 3), '\0');
  int n = EVP_EncodeBlock(reinterpret_cast<unsigned char*>(out.data()),
                          reinterpret_cast<const unsigned char*>(bytes.data()), int(bytes.size()));
  out.resize(std::size_t(n));
  return out;
}

std::optional<std::string> base64_decode(std::string_view text) {
  std::string padded(text);
  while (padded.size() % 4 != 0) padded.push_back('=');
  std::size_t pad = 0;
  for (auto it = padded.rbegin(); it != padded.rend() && *it == '=' && pad < 2; ++it) ++pad;
  std::string out(3 * padded.size() / 4, '\0');
  int n = EVP_DecodeBlock(reinterpret_cast<unsigned char*>(out.data()),
                          reinterpret_cast<const unsigned char*>(padded.data()), int(padded.size()));
  if (n < 0 || std::size_t(n) < pad) return std::nullopt;
  out.resize(std::size_t(n) - pad);
  return out;
}

void put_string(std::string& out, std::string_view bytes) {
  auto n = std::uint32_t(bytes.size());
  for (int shift : {24, 16, 8, 0}) out.push_back(char((n >> shift) & 0xff));
  out.append(bytes);
}

std::string armor(std::string_view blob) {
  std::string b64 = base64_encode(blob);
  std::string out = "-----BEGIN SSH SIGNATURE-----\n";
  for (std::size_t i = 0; i < b64.size(); i += 70) out += b64.substr(i, 70) + "\n";
  return out + "-----END SSH SIGNATURE-----\n";
}

std::string signed_data(std::string_view ns, std::string_view hash_alg, std::string_view message) {
  std::string out(magic);
  put_string(out, ns);
  put_string(out, "");
  put_string(out, hash_alg);
  put_string(out, digest(hash_alg == "sha256" ? EVP_sha256() : EVP_sha512(), message));
  return out;
}

Result<PublicKey> ed25519_public(const Ed25519Seed& seed) {
  Pkey key(EVP_PKEY_new_raw_private_key(EVP_PKEY_ED25519, nullptr, seed.seed.data(), seed.seed.size()));
  unsigned char pk[32];
  std::size_t n = sizeof pk;
  if (!key || EVP_PKEY_get_raw_public_key(key.get(), pk, &n) != 1) {
    return core::fail(core::Errc::io, "cannot derive an Ed25519 public key");
  }
  std::string blob;
  put_string(blob, "ssh-ed25519");
  put_string(blob, std::string_view(reinterpret_cast<const char*>(pk), n));
  return PublicKey{"ssh-ed25519", base64_encode(blob), ""};
}

Result<std::string> ed25519_sign(const Ed25519Seed& seed, std::string_view message, std::string_view ns) {
  auto pub = ed25519_public(seed);
  if (!pub) return std::unexpected(pub.error());
  Pkey key(EVP_PKEY_new_raw_private_key(EVP_PKEY_ED25519, nullptr, seed.seed.data(), seed.seed.size()));
  std::string data = signed_data(ns, "sha512", message);
  unsigned char sig[64];
  std::size_t n = sizeof sig;
  MdCtx ctx(EVP_MD_CTX_new());
  if (!key || !ctx || EVP_DigestSignInit(ctx.get(), nullptr, nullptr, nullptr, key.get()) != 1 ||
      EVP_DigestSign(ctx.get(), sig, &n, reinterpret_cast<const unsigned char*>(data.data()),
                     data.size()) != 1) {
    return core::fail(core::Errc::io, "Ed25519 signing failed");
  }
  std::string sig_blob;
  put_string(sig_blob, "ssh-ed25519");
  put_string(sig_blob, std::string_view(reinterpret_cast<const char*>(sig), n));
  std::string blob(magic);
  for (int i = 0; i < 3; ++i) blob.push_back('\0');
  blob.push_back('\1');
  put_string(blob, *base64_decode(pub->base64));
  put_string(blob, ns);
  put_string(blob, "");
  put_string(blob, "sha512");
  put_string(blob, sig_blob);
  return armor(blob);
}

}  // namespace sign

std::string PublicKey::fingerprint() const {
  auto blob = sign::base64_decode(base64).value_or("");
  std::string b64 = sign::base64_encode(digest(EVP_sha256(), blob));
  while (!b64.empty() && b64.back() == '=') b64.pop_back();
  return "SHA256:" + b64;
}

Result<PublicKey> parse_public_key(std::string_view text, const std::string& origin) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == '\n' || text.back() == '\r' || text.back() == ' ')) {
    text.remove_suffix(1);
  }
  auto sp = text.find(' ');
  PublicKey key;
  key.type = std::string(text.substr(0, sp));
  std::string_view rest = sp == std::string_view::npos ? std::string_view{} : text.substr(sp + 1);
  auto sp2 = rest.find(' ');
  key.base64 = std::string(rest.substr(0, sp2));
  if (sp2 != std::string_view::npos) key.comment = std::string(rest.substr(sp2 + 1));
  if (key.type == "ssh-rsa" || key.type == "ssh-dss") {
    return core::fail(core::Errc::invalid,
                      fmt::format("{} keys are not accepted: use an ed25519 key ('archipel key new' "
                                  "makes one) or an ecdsa key",
                                  key.type),
                      origin);
  }
  if (key.type != "ssh-ed25519" && curve_of(key.type) == nullptr) {
    return core::fail(core::Errc::invalid,
                      fmt::format("\"{}\" is not an ssh-ed25519 or ecdsa-sha2-nistp256/384/521 public key",
                                  key.type.substr(0, 40)),
                      origin);
  }
  auto blob = sign::base64_decode(key.base64);
  std::string_view inner;
  Reader r{blob ? std::string_view(*blob) : std::string_view{}};
  if (!blob || !r.str(inner) || inner != key.type || !load_key(*blob)) {
    return core::fail(core::Errc::invalid, fmt::format("malformed {} public key", key.type), origin);
  }
  return key;
}

std::string to_string(SignatureState state) {
  switch (state) {
    case SignatureState::good: return "good";
    case SignatureState::bad: return "bad";
    case SignatureState::unsigned_: return "unsigned";
    case SignatureState::unknown_key: return "unknown-key";
  }
  return "bad";
}

CheckedSignature verify_sshsig(std::string_view armored, std::string_view message, std::string_view ns) {
  CheckedSignature out;
  auto blob = dearmor(armored);
  if (!blob) {
    out.reason = "not an SSH signature";
    return out;
  }
  Reader r{*blob};
  std::uint32_t version = 0;
  std::string_view key_blob, sig_ns, reserved, hash_alg, sig_blob;
  if (blob->substr(0, magic.size()) != magic) {
    out.reason = "not an SSHSIG signature";
    return out;
  }
  r.data.remove_prefix(magic.size());
  if (!r.u32(version) || !r.str(key_blob) || !r.str(sig_ns) || !r.str(reserved) || !r.str(hash_alg) ||
      !r.str(sig_blob) || !r.data.empty() || version != 1) {
    out.reason = "malformed SSHSIG signature";
    return out;
  }
  Reader kr{key_blob};
  std::string_view key_type;
  kr.str(key_type);
  out.signer = PublicKey{std::string(key_type), sign::base64_encode(key_blob), ""};
  if (sig_ns != ns) {
    out.reason = fmt::format("signature for namespace \"{}\", not \"{}\"", sig_ns, ns);
    return out;
  }
  if (hash_alg != "sha512" && hash_alg != "sha256") {
    out.reason = fmt::format("unsupported hash algorithm \"{}\"", hash_alg);
    return out;
  }
  out.valid = verify_raw(key_blob, sig_blob, sign::signed_data(ns, hash_alg, message), out.reason);
  return out;
}

}  // namespace archipel::registry
