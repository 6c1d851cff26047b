// The publisher's key: where it comes from (flag, environment, git config), and signing with
// `ssh-keygen -Y sign -n git`, exactly as git does for `gpg.format=ssh` (gpg-interface.c writes
// the payload to a temporary file, runs ssh-keygen on it and reads FILE.sig back).
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <system_error>
#include <vector>

#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <fmt/format.h>
#include <git2.h>

#include "archipel/core/safe_fs.hpp"
#include "git/handles.hpp"
#include "sign/sshsig.hpp"

extern char** environ;

namespace archipel::registry {
namespace fs = std::filesystem;
using core::Result;

namespace {

std::string slurp(const fs::path& path) {
  std::ifstream f(path, std::ios::binary);
  std::ostringstream s;
  s << f.rdbuf();
  return s.str();
}

struct Ran {
  int status = -1;
  std::string out, err;
};

// Runs `args` (no shell) with stdin from /dev/null, capturing stdout and stderr in `scratch`.
Result<Ran> run(const std::vector<std::string>& args, const core::ScratchDir& scratch) {
  std::string out_file = (scratch.path() / "stdout").string(), err_file = (scratch.path() / "stderr").string();
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
  posix_spawn_file_actions_addopen(&actions, 1, out_file.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
  posix_spawn_file_actions_addopen(&actions, 2, err_file.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
  std::vector<char*> argv;
  for (const auto& a : args) argv.push_back(const_cast<char*>(a.c_str()));
  argv.push_back(nullptr);
  pid_t pid = 0;
  int rc = posix_spawnp(&pid, argv[0], &actions, nullptr, argv.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  if (rc != 0) {
    return core::fail(core::Errc::io,
                      fmt::format("cannot run {} (install openssh-client): {}", args[0],
                                  std::generic_category().message(rc)));
  }
  int status = 0;
  while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  Ran ran;
  ran.status = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  ran.out = slurp(out_file);
  ran.err = slurp(err_file);
  while (!ran.err.empty() && (ran.err.back() == '\n' || ran.err.back() == '\r')) ran.err.pop_back();
  return ran;
}

fs::path expand_home(const std::string& path) {
  if (path.rfind("~/", 0) == 0) {
    const char* home = std::getenv("HOME");
    return fs::path(home != nullptr ? home : "") / path.substr(2);
  }
  return path;
}

std::string principal_of(const PublicKey& key) {
  return key.comment.empty() ? key.fingerprint() : key.comment;
}

// The public half of the private key at `path`: PATH.pub when present, else `ssh-keygen -y`.
Result<PublicKey> public_half(const fs::path& path) {
  fs::path pub = path;
  pub += ".pub";
  std::error_code ec;
  if (fs::is_regular_file(pub, ec)) return parse_public_key(slurp(pub), pub.string());
  core::ScratchDir scratch("archipel-sign");
  auto ran = run({"ssh-keygen", "-y", "-P", "", "-f", path.string()}, scratch);
  if (!ran) return std::unexpected(ran.error());
  if (ran->status != 0) {
    return core::fail(core::Errc::io,
                      fmt::format("cannot read its public key (put it in {}): {}", pub.string(), ran->err),
                      path.string());
  }
  return parse_public_key(ran->out, path.string());
}

Result<SigningKey> key_from_path(const fs::path& path, const std::string& how) {
  std::error_code ec;
  if (!fs::is_regular_file(path, ec)) {
    return core::fail(core::Errc::usage, fmt::format("signing key ({}) is not a readable file", how),
                      path.string());
  }
  std::string text = slurp(path);
  SigningKey key;
  key.path = path;
  auto parsed = text.rfind("-----BEGIN", 0) == 0 ? public_half(path) : parse_public_key(text, path.string());
  if (!parsed) return std::unexpected(parsed.error());
  key.key = std::move(*parsed);
  key.principal = principal_of(key.key);
  return key;
}

// git's own choice: user.signingkey when gpg.format is ssh (a path, or "key::" + a public key).
std::optional<std::string> git_config_key() {
  git::ensure_initialised();
  git_config* raw = nullptr;
  if (git_config_open_default(&raw) < 0) return std::nullopt;
  std::unique_ptr<git_config, decltype(&git_config_free)> config(raw, git_config_free);
  git_buf format = GIT_BUF_INIT, key = GIT_BUF_INIT;
  std::optional<std::string> out;
  if (git_config_get_string_buf(&format, raw, "gpg.format") == 0 && std::string_view(format.ptr) == "ssh" &&
      git_config_get_string_buf(&key, raw, "user.signingkey") == 0) {
    out = std::string(key.ptr);
  }
  git_buf_dispose(&format);
  git_buf_dispose(&key);
  return out;
}

}  // namespace

Result<SigningKey> resolve_signing_key(const std::optional<std::string>& flag) {
  if (flag && !flag->empty()) return key_from_path(expand_home(*flag), "--signing-key");
  if (const char* env = std::getenv("ARCHIPEL_SIGNING_KEY"); env != nullptr && *env != '\0') {
    return key_from_path(expand_home(env), "ARCHIPEL_SIGNING_KEY");
  }
  if (auto configured = git_config_key()) {
    if (configured->rfind("key::", 0) == 0) {
      auto key = parse_public_key(configured->substr(5), "git config user.signingkey");
      if (!key) return std::unexpected(key.error());
      return SigningKey{{}, *key, principal_of(*key)};
    }
    return key_from_path(expand_home(*configured), "git config user.signingkey");
  }
  return core::fail(core::Errc::usage,
                    "no signing key: pass --signing-key PATH, set ARCHIPEL_SIGNING_KEY, or set git's "
                    "user.signingkey with gpg.format=ssh ('archipel key new' makes a key)");
}

Result<std::string> sign_message(const SigningKey& key, std::string_view message) {
  core::ScratchDir scratch("archipel-sign");
  if (scratch.path().empty()) return core::fail(core::Errc::io, "cannot create a temporary folder to sign in");
  fs::path payload = scratch.path() / "commit";
  if (auto ok = core::write_file_atomic(payload, message, 0600); !ok) return std::unexpected(ok.error());
  fs::path key_file = key.path;
  if (key_file.empty()) {  // a literal public key: its private half is in ssh-agent
    key_file = scratch.path() / "key.pub";
    if (auto ok = core::write_file_atomic(key_file, key.key.line() + "\n", 0600); !ok) {
      return std::unexpected(ok.error());
    }
  }
  auto ran = run({"ssh-keygen", "-Y", "sign", "-n", "git", "-f", key_file.string(), payload.string()}, scratch);
  if (!ran) return std::unexpected(ran.error());
  fs::path sig_file = payload;
  sig_file += ".sig";
  std::error_code ec;
  if (ran->status != 0 || !fs::is_regular_file(sig_file, ec)) {
    return core::fail(core::Errc::io, fmt::format("ssh-keygen could not sign: {}", ran->err), key.path.string());
  }
  std::string armored = slurp(sig_file);
  auto checked = verify_sshsig(armored, message);
  if (!checked.valid || !checked.signer.same_key(key.key)) {
    return core::fail(core::Errc::io,
                      fmt::format("ssh-keygen signed with {} rather than the expected {}",
                                  checked.signer.fingerprint(), key.key.fingerprint()),
                      key.path.string());
  }
  return armored;
}

Result<SigningKey> create_key(const fs::path& path, const std::string& principal) {
  std::error_code ec;
  fs::path pub = path;
  pub += ".pub";
  if (fs::exists(fs::symlink_status(path, ec)) || fs::exists(fs::symlink_status(pub, ec))) {
    return core::fail(core::Errc::invalid, "already exists; not overwritten", path.string());
  }
  if (!path.parent_path().empty()) fs::create_directories(path.parent_path(), ec);
  core::ScratchDir scratch("archipel-sign");
  auto ran = run({"ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", principal, "-f", path.string()}, scratch);
  if (!ran) return std::unexpected(ran.error());
  if (ran->status != 0) {
    return core::fail(core::Errc::io, fmt::format("ssh-keygen could not create the key: {}", ran->err),
                      path.string());
  }
  return key_from_path(path, "new key");
}

}  // namespace archipel::registry
