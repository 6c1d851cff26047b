// SPDX-License-Identifier: Apache-2.0
// Remotes as git names them (the registry's git config), transfers with libgit2 (fetch into a
// side ref, push without force), credentials (ssh-agent, then ~/.ssh/id_ed25519 and id_ecdsa)
// and the ssh host-key check against a known_hosts file; transfer progress on a terminal.
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <sstream>

#include <fmt/format.h>
#include <openssl/evp.h>
#include <unistd.h>

#include "federation/internal.hpp"
#include "federation/records.hpp"

namespace archipel::registry {
namespace fs = std::filesystem;
using core::Result;

namespace detail {

std::string tracking_ref(const std::string& remote) { return "refs/remotes/" + remote + "/main"; }
std::string fetch_ref(const std::string& remote) { return "refs/archipel/fetch/" + remote; }

std::optional<git_oid> ref_id(const git::Store& store, const std::string& ref) {
  git_oid id;
  if (git_reference_name_to_id(&id, store.repo(), ref.c_str()) < 0) return std::nullopt;
  return id;
}

Result<void> set_ref(const git::Store& store, const std::string& ref, const std::optional<git_oid>& id,
                     const std::string& why) {
  if (!id) {
    int rc = git_reference_remove(store.repo(), ref.c_str());
    if (rc < 0 && rc != GIT_ENOTFOUND) return std::unexpected(git::last_error(rc, "cannot delete " + ref, store.path().string()));
    return {};
  }
  git_reference* raw = nullptr;
  if (int rc = git_reference_create(&raw, store.repo(), ref.c_str(), &*id, 1, why.c_str()); rc < 0) {
    return std::unexpected(git::last_error(rc, "cannot write " + ref, store.path().string()));
  }
  git_reference_free(raw);
  return {};
}

namespace {

using RemoteHandle = git::Handle<git_remote, git_remote_free>;

Result<RemoteHandle> lookup(const git::Store& store, const std::string& name) {
  git_remote* raw = nullptr;
  if (git_remote_lookup(&raw, store.repo(), name.c_str()) < 0) {
    auto all = list_remotes(store.path());
    std::string names;
    for (const auto& r : all.value_or(std::vector<Remote>{})) names += (names.empty() ? "" : ", ") + r.name;
    return core::fail(core::Errc::usage,
                      fmt::format("no remote named \"{}\" (remotes: {}); add one with 'archipel remote add NAME URL'",
                                  name, names.empty() ? "none" : names),
                      store.path().string());
  }
  return RemoteHandle(raw);
}

// Credentials, tried in order: the ssh agent, then ~/.ssh/id_ed25519 and ~/.ssh/id_ecdsa.
struct Auth {
  int attempt = 0;
};

int credentials(git_credential** out, const char* /*url*/, const char* user_from_url, unsigned int allowed,
                void* payload) {
  auto* auth = static_cast<Auth*>(payload);
  const char* env_user = std::getenv("USER");
  std::string user = user_from_url != nullptr ? user_from_url : (env_user != nullptr ? env_user : "git");
  if ((allowed & GIT_CREDENTIAL_USERNAME) != 0u) return git_credential_username_new(out, user.c_str());
  if ((allowed & GIT_CREDENTIAL_SSH_KEY) == 0u) return GIT_PASSTHROUGH;
  const char* home = std::getenv("HOME");
  fs::path ssh = fs::path(home != nullptr ? home : "/") / ".ssh";
  while (auth->attempt < 3) {
    int n = auth->attempt++;
    if (n == 0) {
      if (std::getenv("SSH_AUTH_SOCK") != nullptr) return git_credential_ssh_key_from_agent(out, user.c_str());
      continue;
    }
    fs::path key = ssh / (n == 1 ? "id_ed25519" : "id_ecdsa");
    std::error_code ec;
    if (!fs::exists(key, ec)) continue;
    fs::path pub = key;
    pub += ".pub";
    return git_credential_ssh_key_new(out, user.c_str(), fs::exists(pub, ec) ? pub.c_str() : nullptr, key.c_str(), "");
  }
  git_error_set_str(GIT_ERROR_SSH, "no ssh key accepted (tried ssh-agent, ~/.ssh/id_ed25519, ~/.ssh/id_ecdsa)");
  return GIT_EAUTH;
}

// The known_hosts file: $ARCHIPEL_KNOWN_HOSTS, else ~/.ssh/known_hosts.
fs::path known_hosts() {
  if (const char* env = std::getenv("ARCHIPEL_KNOWN_HOSTS"); env != nullptr && *env != '\0') return env;
  const char* home = std::getenv("HOME");
  return fs::path(home != nullptr ? home : "/") / ".ssh" / "known_hosts";
}

std::string decode_base64(const std::string& text) {
  std::string out(text.size(), '\0');
  int n = EVP_DecodeBlock(reinterpret_cast<unsigned char*>(out.data()),
                          reinterpret_cast<const unsigned char*>(text.data()), static_cast<int>(text.size()));
  if (n < 0) return {};
  std::size_t pad = 0;
  for (auto it = text.rbegin(); it != text.rend() && *it == '='; ++it) ++pad;
  out.resize(static_cast<std::size_t>(n) - pad);
  return out;
}

// True when a host field of known_hosts ("h1,[h2]:2222") names `host` (any port).
bool names_host(const std::string& field, const std::string& host) {
  std::istringstream parts(field);
  std::string h;
  while (std::getline(parts, h, ',')) {
    if (h == host || h.rfind("[" + host + "]:", 0) == 0) return true;
  }
  return false;
}

int check_certificate(git_cert* cert, int valid, const char* host, void* /*payload*/) {
  if (cert->cert_type != GIT_CERT_HOSTKEY_LIBSSH2) return valid != 0 ? 0 : GIT_PASSTHROUGH;
  auto* hostkey = reinterpret_cast<git_cert_hostkey*>(cert);
  if ((hostkey->type & GIT_CERT_SSH_RAW) == 0) {
    git_error_set_str(GIT_ERROR_SSH, "the ssh host key cannot be checked (no raw key)");
    return GIT_ECERTIFICATE;
  }
  std::string raw(hostkey->hostkey, hostkey->hostkey_len);
  std::ifstream f(known_hosts());
  std::string line;
  while (std::getline(f, line)) {
    std::istringstream words(line);
    std::string hosts, type, key;
    if (!(words >> hosts >> type >> key) || hosts.starts_with("#") || hosts.starts_with("|")) continue;
    if (names_host(hosts, host) && decode_base64(key) == raw) return 0;
  }
  git_error_set_str(GIT_ERROR_SSH, fmt::format("the ssh host key of {} is not in {} (add it with ssh-keyscan, "
                                               "after checking its fingerprint)",
                                               host, known_hosts().string())
                                       .c_str());
  return GIT_ECERTIFICATE;
}

// Progress on a terminal only (stderr; stdout stays the report, or the --json document).
// Prints "VERB objects i/n" when the percentage changes; the final line once.
void progress_line(const char* verb, unsigned current, unsigned total, std::size_t bytes) {
  static int last = -1;
  if (total == 0) return;
  int percent = static_cast<int>(100.0 * current / total);
  if (percent == last) return;
  last = percent;
  std::fprintf(stderr, "\rarchipel: %s objects %u/%u (%d%%), %zu KiB%s", verb, current, total, percent, bytes / 1024,
               current == total ? "\n" : "");
}

int fetch_progress(const git_indexer_progress* p, void*) {
  progress_line("receiving", p->received_objects, p->total_objects, p->received_bytes);
  return 0;
}

int push_progress(unsigned int current, unsigned int total, size_t bytes, void*) {
  progress_line("sending", current, total, bytes);
  return 0;
}

void set_callbacks(git_remote_callbacks& cb, Auth& auth) {
  cb.credentials = credentials;
  cb.certificate_check = check_certificate;
  cb.payload = &auth;
  if (::isatty(STDERR_FILENO) == 1) {
    cb.transfer_progress = fetch_progress;
    cb.push_transfer_progress = push_progress;
  }
}

}  // namespace

Result<std::string> remote_url(const git::Store& store, const std::string& name) {
  auto remote = lookup(store, name);
  if (!remote) return std::unexpected(remote.error());
  const char* url = git_remote_url(remote->get());
  return std::string(url != nullptr ? url : "");
}

Result<std::optional<git_oid>> fetch_main(const git::Store& store, const std::string& name) {
  auto named = lookup(store, name);
  if (!named) return std::unexpected(named.error());
  // An anonymous remote of the same URL: a named one would also update refs/remotes/NAME/* by
  // its configured refspec, before verification.
  git_remote* raw = nullptr;
  if (int rc = git_remote_create_anonymous(&raw, store.repo(), git_remote_url(named->get())); rc < 0) {
    return std::unexpected(git::last_error(rc, "cannot open remote " + name, store.path().string()));
  }
  RemoteHandle remote(raw);
  Auth auth;
  git_fetch_options opts = GIT_FETCH_OPTIONS_INIT;
  set_callbacks(opts.callbacks, auth);
  opts.prune = GIT_FETCH_NO_PRUNE;
  opts.download_tags = GIT_REMOTE_DOWNLOAD_TAGS_NONE;
  std::string spec = "+refs/heads/main:" + fetch_ref(name);
  char* specs[] = {spec.data()};
  git_strarray refspecs{specs, 1};
  // A stale side ref from a killed pull must not pass for this fetch's result.
  if (auto ok = set_ref(store, fetch_ref(name), std::nullopt, ""); !ok) return std::unexpected(ok.error());
  if (int rc = git_remote_fetch(remote.get(), &refspecs, &opts, "archipel fetch"); rc < 0) {
    return std::unexpected(git::last_error(rc, "cannot fetch from " + std::string(git_remote_url(remote.get())),
                                           store.path().string()));
  }
  return ref_id(store, fetch_ref(name));
}

Result<void> push_main(const git::Store& store, const std::string& name, const git_oid& id) {
  auto remote = lookup(store, name);
  if (!remote) return std::unexpected(remote.error());
  const std::string side = "refs/archipel/push/" + name;
  if (auto ok = set_ref(store, side, id, "archipel push"); !ok) return ok;
  Auth auth;
  git_push_options opts = GIT_PUSH_OPTIONS_INIT;
  set_callbacks(opts.callbacks, auth);
  // The server's refusal of the ref (a hook, a non-fast-forward) becomes the push's error.
  opts.callbacks.push_update_reference = [](const char* ref, const char* st, void*) -> int {
    if (st != nullptr) git_error_set_str(GIT_ERROR_REFERENCE, fmt::format("{}: {}", ref, st).c_str());
    return st != nullptr ? GIT_ENONFASTFORWARD : 0;
  };
  std::string spec = side + ":" + git::main_ref;
  char* specs[] = {spec.data()};
  git_strarray refspecs{specs, 1};
  int rc = git_remote_push(remote->get(), &refspecs, &opts);
  (void)set_ref(store, side, std::nullopt, "");
  if (rc < 0) {
    const git_error* e = git_error_last();
    std::string why = e != nullptr && e->message != nullptr ? e->message : "unknown error";
    if (rc == GIT_ENONFASTFORWARD || why.find("fast-forward") != std::string::npos ||
        why.find("fast forward") != std::string::npos) {
      return core::fail(core::Errc::invalid, "the remote refused the push: " + why, git_remote_url(remote->get()));
    }
    return std::unexpected(git::last_error(rc, "cannot push to " + std::string(git_remote_url(remote->get())),
                                           store.path().string()));
  }
  return {};
}

std::map<std::string, std::vector<std::string>> all_pins(const git::Store& store) {
  std::map<std::string, std::vector<std::string>> out;
  git_config* raw = nullptr;
  if (git_repository_config_snapshot(&raw, store.repo()) < 0) return out;
  git_config_iterator* it = nullptr;
  if (git_config_iterator_glob_new(&it, raw, "^archipel\\.pin\\.") == 0) {
    git_config_entry* e = nullptr;
    while (git_config_next(&e, it) == 0) {
      std::string ns = std::string(e->name).substr(std::string("archipel.pin.").size());
      for (auto& c : ns) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
      std::istringstream words(e->value != nullptr ? e->value : "");
      std::string w;
      while (words >> w) out[ns].push_back(w);
    }
    git_config_iterator_free(it);
  }
  git_config_free(raw);
  return out;
}

}  // namespace detail

Result<std::vector<Remote>> list_remotes(const fs::path& registry) {
  auto store = git::Store::open(registry);
  if (!store) return std::unexpected(store.error());
  git_strarray names{};
  if (int rc = git_remote_list(&names, store->repo()); rc < 0) {
    return std::unexpected(git::last_error(rc, "cannot list the remotes", registry.string()));
  }
  std::vector<Remote> out;
  for (std::size_t i = 0; i < names.count; ++i) {
    auto url = detail::remote_url(*store, names.strings[i]);
    out.push_back({names.strings[i], url.value_or("")});
  }
  git_strarray_dispose(&names);
  return out;
}

Result<void> remove_remote(const fs::path& registry, const std::string& name) {
  auto store = git::Store::open(registry);
  if (!store) return std::unexpected(store.error());
  if (auto url = detail::remote_url(*store, name); !url) return std::unexpected(url.error());
  if (int rc = git_remote_delete(store->repo(), name.c_str()); rc < 0) {
    return std::unexpected(git::last_error(rc, "cannot remove remote " + name, registry.string()));
  }
  (void)detail::set_ref(*store, detail::tracking_ref(name), std::nullopt, "");
  (void)detail::set_ref(*store, detail::fetch_ref(name), std::nullopt, "");
  return {};
}

}  // namespace archipel::registry
