// The publish transaction: serial assignment, immutability of versions, lineage links, commit.
#include <algorithm>
#include <charconv>

#include <fmt/format.h>

#include "archipel/core/licence.hpp"
#include "manifest_view.hpp"
#include "owners.hpp"
#include "publish.hpp"
#include "tips.hpp"

namespace archipel::registry::detail {
using core::Result;
using nlohmann::json;

Result<std::uint64_t> next_number(const git::Store& store, const git_tree* tree,
                                  const std::string& ns, char kind) {
  auto shards = store.list(tree, kind_folder(ns, kind));
  if (!shards) return std::unexpected(shards.error());
  std::uint64_t best_shard = 0;
  bool any = false;
  for (const auto& s : *shards) {
    std::uint64_t n = 0;
    auto [end, ec] = std::from_chars(s.name.data(), s.name.data() + s.name.size(), n);
    if (ec == std::errc{} && end == s.name.data() + s.name.size() && (!any || n > best_shard)) {
      best_shard = n;
      any = true;
    }
  }
  if (!any) return std::uint64_t{1};
  auto serials = store.list(tree, fmt::format("{}/{:03}", kind_folder(ns, kind), best_shard));
  if (!serials) return std::unexpected(serials.error());
  std::uint64_t best = 0;
  for (const auto& s : *serials) {
    if (auto parsed = parse_serial(s.name)) best = std::max(best, parsed->number);
  }
  return std::max(best, best_shard * 1000) + 1;
}

std::vector<std::string> licence_ids(const std::string& expression) {
  auto parsed = core::parse_licence(expression);
  return parsed ? core::ids(*parsed) : std::vector<std::string>{};
}

Result<void> check_licence_policy(const Policy& policy, const std::string& expression,
                                  const std::string& origin) {
  if (policy.allowed_licences.empty()) return {};
  for (const auto& id : licence_ids(expression)) {
    auto base = id.ends_with("+") ? id.substr(0, id.size() - 1) : id;
    if (std::find(policy.allowed_licences.begin(), policy.allowed_licences.end(), base) ==
        policy.allowed_licences.end()) {
      return core::fail(core::Errc::invalid,
                        fmt::format("licence \"{}\" is not accepted by this registry (allowed: {})",
                                    id, fmt::join(policy.allowed_licences, ", ")),
                        origin, "/licence");
    }
  }
  return {};
}

namespace {

Result<void> check_links(const git::Store& store, const git_tree* tree, const Prepared& part) {
  auto links = derived_from(part.manifest);
  for (std::size_t i = 0; i < links.size(); ++i) {
    std::string pointer = fmt::format("/lineage/derived_from/{}/serial", i);
    auto serial = parse_serial(links[i].serial);
    if (!serial) {
      return core::fail(core::Errc::invalid, serial.error().message, part.origin, pointer);
    }
    auto versions = versions_of(store, tree, *serial);
    if (!versions) return std::unexpected(versions.error());
    if (versions->empty()) {
      return core::fail(core::Errc::invalid,
                        fmt::format("derived_from names {}, which is not in this registry",
                                    links[i].serial),
                        part.origin, pointer);
    }
    if (!links[i].version.empty() &&
        std::find(versions->begin(), versions->end(), links[i].version) == versions->end()) {
      return core::fail(core::Errc::invalid,
                        fmt::format("derived_from names {}@{}, which is not published",
                                    links[i].serial, links[i].version),
                        part.origin, fmt::format("/lineage/derived_from/{}/version", i));
    }
  }
  return {};
}

// An earlier publish of this very content whose serial never reached the user's part.json (it
// was killed after its commit, or its write-back failed): a version folder of the same kind and
// version whose part.json minus "serial" is byte-identical to ours. Costs one tree lookup per
// serial of the kind, and runs only when every file was already stored before this publish.
Result<std::optional<Serial>> published_by_content(const git::Store& store, const git_tree* tree,
                                                   const std::string& ns, const Prepared& part) {
  if (!part.find_by_content || !part.blobs_known) return std::optional<Serial>{};
  json ours = part.manifest;
  ours.erase("serial");
  const std::string wanted = canonical(ours);
  const std::string kind_dir = kind_folder(ns, part.kind);
  auto shards = store.list(tree, kind_dir);
  if (!shards) return std::unexpected(shards.error());
  for (const auto& shard : *shards) {
    auto serials = store.list(tree, kind_dir + "/" + shard.name);
    if (!serials) return std::unexpected(serials.error());
    for (const auto& s : *serials) {
      auto serial = parse_serial(s.name);
      if (!serial) continue;
      const std::string folder = serial->folder() + "/" + part.version;
      if (!part.blobs.empty()) {  // cheap filter: the first file's blob id
        auto e = store.entry(tree, folder + "/" + part.blobs.front().first);
        if (!e) return std::unexpected(e.error());
        if (!*e || git_oid_cmp(&(*e)->id, &part.blobs.front().second) != 0) continue;
      }
      auto doc = read_json(store, tree, folder + "/" + manifest_name);
      if (!doc) return std::unexpected(doc.error());
      if (!*doc || !(*doc)->is_object()) continue;
      (*doc)->erase("serial");
      if (canonical(**doc) == wanted) return std::optional<Serial>{*serial};
    }
  }
  return std::optional<Serial>{};
}

// Finds the serial of a later version, or checks that a serial from the manifest may be used.
Result<Serial> choose_serial(const Registry::Impl& impl, const git_tree* tree,
                             const Prepared& part, bool& fresh, bool& found) {
  fresh = false;
  found = false;
  if (part.serial) {
    auto versions = versions_of(impl.store, tree, *part.serial);
    if (!versions) return std::unexpected(versions.error());
    if (versions->empty() && part.serial->ns == impl.config.ns) {
      return core::fail(core::Errc::invalid,
                        fmt::format("serial {} was not assigned by this registry; remove \"serial\" "
                                    "to publish as a new part",
                                    part.serial->to_string()),
                        part.origin, "/serial");
    }
    if (part.serial->kind != part.kind) {
      return core::fail(core::Errc::invalid,
                        fmt::format("serial {} does not match kind \"{}\"", part.serial->to_string(),
                                    text(part.manifest, "kind")),
                        part.origin, "/serial");
    }
    return *part.serial;
  }
  auto earlier = published_by_content(impl.store, tree, impl.config.ns, part);
  if (!earlier) return std::unexpected(earlier.error());
  if (*earlier) {
    found = true;
    return **earlier;
  }
  auto number = next_number(impl.store, tree, impl.config.ns, part.kind);
  if (!number) return std::unexpected(number.error());
  fresh = true;
  return Serial{impl.config.ns, part.kind, *number};
}

}  // namespace

// The serial's owners.json when this commit creates the serial: its signer becomes the owner.
Result<std::optional<git_oid>> first_owner(const git::Store& store, const git_tree* tree,
                                           const Serial& serial, const SigningKey& key) {
  auto owners = read_owners(store, tree, serial);
  if (!owners) return std::unexpected(owners.error());
  auto versions = versions_of(store, tree, serial);
  if (!versions) return std::unexpected(versions.error());
  if (*owners || !versions->empty()) return std::optional<git_oid>{};
  PublicKey bare = key.key;
  bare.comment.clear();
  auto blob = store.write_blob(canonical(json{{"schema", 1}, {"owners", identities_json({{key.principal, bare}})}}));
  if (!blob) return std::unexpected(blob.error());
  return std::optional<git_oid>{*blob};
}

Result<Published> commit_prepared(Registry::Impl& impl, const Prepared& part) {
  auto key = signing_key(impl);
  if (!key) return std::unexpected(key.error());
  if (auto ok = check_history_before_write(impl.store); !ok) return std::unexpected(ok.error());
  Published out;
  out.version = part.version;
  out.name = part.name;
  out.verdict = part.verdict;
  out.files = part.files;
  auto build = [&](const git::Snapshot& snap) -> Result<std::optional<git::CommitRequest>> {
    const git_tree* tree = snap.tree.get();
    out.unchanged = false;
    if (auto ok = check_links(impl.store, tree, part); !ok) return std::unexpected(ok.error());
    bool fresh = false;
    auto serial = choose_serial(impl, tree, part, fresh, out.found_by_content);
    if (!serial) return std::unexpected(serial.error());
    json manifest = part.manifest;
    manifest["serial"] = serial->to_string();
    std::string bytes = canonical(manifest);
    out.serial = serial->to_string();
    out.new_serial = fresh;
    out.folder = serial->folder() + "/" + part.version;
    out.content_sha256 = sha256_hex(bytes);
    out.commit = snap.commit ? git::to_hex(*snap.commit) : "";
    auto existing = impl.store.read(tree, out.folder + "/" + manifest_name);
    if (!existing) return std::unexpected(existing.error());
    if (*existing) {
      if (**existing == bytes) {
        out.unchanged = true;
        return std::optional<git::CommitRequest>{};
      }
      return core::fail(core::Errc::invalid,
                        fmt::format("{}@{} is already published with other content (sha256 {}); "
                                    "publish a new version",
                                    out.serial, part.version, sha256_hex(**existing)),
                        part.origin, "/version");
    }
    if (auto ok = check_may_change(impl.store, tree, *serial, **key, "publish a new version of"); !ok) {
      return std::unexpected(core::with_origin(ok.error(), part.origin));
    }
    auto owners = first_owner(impl.store, tree, *serial, **key);
    if (!owners) return std::unexpected(owners.error());
    auto manifest_blob = impl.store.write_blob(bytes);
    if (!manifest_blob) return std::unexpected(manifest_blob.error());
    git::CommitRequest request;
    request.sign = signer_for(**key);
    if (*owners) request.changes.push_back({owners_path(*serial), **owners});
    request.changes.push_back({out.folder + "/" + manifest_name, *manifest_blob});
    for (const auto& [path, id] : part.blobs) request.changes.push_back({out.folder + "/" + path, id});
    if (!part.measured.is_null()) {
      auto measured = impl.store.write_blob(canonical(part.measured));
      if (!measured) return std::unexpected(measured.error());
      request.changes.push_back({out.folder + "/" + measured_name, *measured});
    }
    request.message = fmt::format("{} {}@{} \"{}\"", part.verb, out.serial, part.version, part.name);
    request.author_name = part.author_name;
    request.author_email = part.author_email;
    return std::optional{std::move(request)};
  };
  auto outcome = impl.store.transact(build);
  if (!outcome) return std::unexpected(outcome.error());
  if (*outcome) {
    out.commit = git::to_hex((*outcome)->commit);
    out.retries = (*outcome)->retries;
    out.recovered = std::move((*outcome)->recovered);
  }
  return out;
}

}  // namespace archipel::registry::detail
