#pragma once
/// \file
/// A registry of parts: a bare git repository holding `registry.json` and, sharded by serial,
/// one folder per published version (`part.json`, its files as blobs, `measured.json`).
/// See docs/registry.md for the layout. Every write is one commit moving refs/heads/main by
/// compare-and-swap: concurrent writers retry on the new tip and no update is lost.

#include <array>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "archipel/core/measurement.hpp"
#include "archipel/core/result.hpp"
#include "archipel/core/rights.hpp"
#include "archipel/registry/serial.hpp"
#include "archipel/registry/signing.hpp"

namespace archipel::registry {

/// What a registry accepts.
struct Policy {
  std::vector<std::string> allowed_licences;  ///< SPDX ids; empty: every known licence
  bool accept_nonconforming = false;  ///< may a part failing its grid be published (with a flag)
  std::uint64_t max_file_bytes = 50ull * 1000 * 1000;  ///< largest file accepted
  /// Unsigned commits are errors for `verify` (true for every registry made with signatures;
  /// false, when absent, for registries made before: their unsigned commits are warnings).
  bool require_signatures = true;
};

/// Someone who may sign changes: a principal (usually an email) and an SSH public key.
struct Identity {
  std::string principal;
  PublicKey key;
};

/// "principal (SHA256:...)" for messages.
[[nodiscard]] std::string describe(const Identity& who);
/// "a, b" of `describe` for each, or "nobody".
[[nodiscard]] std::string describe(const std::vector<Identity>& who);

/// The content of `registry.json`.
struct RegistryConfig {
  std::string ns = "LOCAL";             ///< serial namespace, e.g. "BXL"
  std::string name = "Local registry";  ///< human name
  std::string grid = "openstructures";  ///< default grid standard id
  Policy policy;
  std::vector<Identity> maintainers;    ///< may change registry.json (and create serials)
  std::string publishers = "open";      ///< "open": any key creates serials; "maintainers"
};

/// `registry.json` as a JSON document (keys sorted, byte-identical from run to run).
[[nodiscard]] nlohmann::json to_json(const RegistryConfig& config);
/// Reads `registry.json`, checked against schemas/registry.schema.json.
[[nodiscard]] core::Result<RegistryConfig> parse_config(const nlohmann::json& doc,
                                                        const std::string& origin);

/// `$ARCHIPEL_REGISTRY`, else `$XDG_DATA_HOME/archipel/registry`, else
/// `~/.local/share/archipel/registry`. `flag` (from `--registry`) wins over all of them.
[[nodiscard]] std::filesystem::path registry_location(const std::optional<std::string>& flag);

/// One file stored with a version.
struct StoredFile {
  std::string path;    ///< relative to the version folder (as in the manifest)
  std::string sha256;  ///< hex digest
  std::uint64_t bytes = 0;
};

/// What a publish (or fork) did.
struct Published {
  std::string serial;           ///< e.g. "BXL-P0042"
  std::string version;          ///< e.g. "1.0.0"
  std::string name;             ///< the part's name
  bool new_serial = false;      ///< the serial was assigned by this publish
  bool unchanged = false;       ///< the same content was already published: nothing done
  bool serial_written = false;  ///< the serial was written back into the user's part.json
  /// The manifest had no serial but the same content (part.json minus serial) was already
  /// published: an earlier publish committed it and did not write its serial back (killed, or
  /// the write-back failed). Its serial is reused, never a second one.
  bool found_by_content = false;
  std::vector<std::string> recovered;  ///< leftovers of crashed writers removed on the way
  std::string commit;           ///< commit id (the existing tip when unchanged)
  std::string folder;           ///< the version folder in the tree
  std::string verdict;          ///< "pass", "warn", "fail" or "not-measured"
  std::string content_sha256;   ///< sha256 of the stored part.json
  int retries = 0;              ///< compare-and-swap retries needed
  std::vector<StoredFile> files;
  /// What the user must be told: the licence's warnings, where the licence claims more than its
  /// ancestors allow (core::overclaims; the publish goes ahead), then each geometry file's (its
  /// measurement's and its grid findings of severity warning), the message naming the file.
  std::vector<core::Warning> warnings;
};

/// Options of `publish`.
struct PublishOptions {
  bool allow_nonconforming = false;  ///< publish a failing part when the policy accepts it
  bool write_serial = true;          ///< write an assigned serial back into the manifest file
};

/// Options of `fork`.
struct ForkOptions {
  std::string designer;                ///< "Name <email>"
  std::optional<std::string> name;     ///< default: the parent's name + " (fork)"
  std::optional<std::string> licence;  ///< default: the parent's licence
  std::string version = "1.0.0";       ///< the child's first version
};

/// Who signed a commit, and what the signature is worth.
struct SignerInfo {
  SignatureState state = SignatureState::unsigned_;
  std::string principal;    ///< the owner or maintainer whose key signed ("" when unknown)
  std::string fingerprint;  ///< of the signing key ("" when unsigned)
  std::string reason;       ///< why the state is not good
};

/// One published version as stored.
struct VersionInfo {
  std::string serial;
  std::string version;
  std::string folder;                  ///< path in the tree
  nlohmann::json manifest;             ///< part.json
  nlohmann::json measured;             ///< measured.json (null when absent)
  std::optional<std::string> yanked;   ///< the yank reason when yanked
  std::vector<std::string> versions;   ///< every version of the serial, oldest first
  std::string commit;                  ///< the commit that published this version
  SignerInfo signer;                   ///< who signed that commit
  std::vector<Identity> owners;        ///< the serial's owners now
};

/// One serial in `list`.
struct PartSummary {
  std::string serial;
  std::string latest;                 ///< latest version not yanked ("" when all are yanked)
  std::string name, kind, designer, licence;
  std::vector<std::string> versions;  ///< oldest first
  std::vector<std::string> yanked;    ///< yanked versions
};

/// One commit touching a serial.
struct HistoryEntry {
  std::string commit, author, email, message;  ///< author: the designer credited
  std::int64_t time = 0;  ///< seconds since the epoch
  SignerInfo signer;      ///< who published
};

/// One node of a lineage.
struct LineageNode {
  std::string serial, version, name, designer, licence, relation;  ///< relation to its parent
  std::string parent;                                              ///< "SERIAL@VERSION" or ""
  int depth = 0;  ///< <0 ancestors (-1 the parent), 0 the part, >0 descendants
};

/// Ancestors (closest first) and descendants (depth-first) of one serial.
struct Lineage {
  std::vector<LineageNode> ancestors;
  LineageNode self;
  std::vector<LineageNode> descendants;
};

/// A search request; empty fields do not filter.
struct SearchQuery {
  std::string text;                          ///< full-text (FTS5) over name, description, tags...
  std::string material, designer, grid, process;
  std::string licence_allows;                ///< "commercial" or "derivatives"
  std::optional<std::array<double, 3>> max_size;  ///< width, depth, height in millimetres
  int limit = 50;
};

/// One search hit (the latest version of the serial that is not yanked).
struct SearchHit {
  std::string serial, version, name, designer, licence, grid;
  std::array<double, 3> size{};  ///< declared (or measured) width, depth, height
};

/// One component or object using a part, directly (depth 1) or through sub-components.
/// Only the current version of each parent counts: its latest version not yanked, or, when every
/// version is yanked, its highest version listing the member (then `yanked` is set).
struct Usage {
  std::string parent;          ///< the user's serial, e.g. "BXL-O0001"
  std::string parent_version;  ///< its version that lists `via`
  std::string parent_name;     ///< its name
  std::string parent_kind;     ///< "component" or "object" (as in its part.json)
  std::string requirement;     ///< the version requirement the parent puts on `via`
  std::string via;             ///< the member through which it uses the part (the part itself at depth 1)
  long quantity = 1;           ///< how many of the part one parent holds along this path
  bool yanked = false;         ///< the parent version is yanked
  int depth = 1;               ///< 1: direct user; 2+: through depth-1 sub-components
};

/// How the index was brought up to date.
struct IndexStatus {
  std::string commit;       ///< the indexed commit
  bool rebuilt = false;     ///< built from scratch
  std::size_t changed = 0;  ///< versions (re)indexed
  std::filesystem::path path;
};

/// One integrity problem found by `verify`.
struct Problem {
  std::string where;    ///< path in the tree, object id, or "commit <id>"
  std::string message;
};

/// What `verify` checked.
struct VerifyReport {
  std::size_t versions = 0, files = 0, objects = 0, links = 0;
  std::size_t commits = 0;          ///< commits whose signature and change were checked
  std::size_t cached_commits = 0;   ///< commits skipped: verified before (the cache)
  std::vector<Problem> problems;
  std::vector<Problem> warnings;    ///< e.g. unsigned commits of an old registry
};

/// An open registry.
class Registry {
 public:
  /// Creates a registry at `path` (must not exist, or be an empty folder) with one commit,
  /// signed by `key` (default: resolve_signing_key), whose holder becomes the first maintainer.
  [[nodiscard]] static core::Result<Registry> init(const std::filesystem::path& path,
                                                   RegistryConfig config,
                                                   std::optional<SigningKey> key = {});
  /// Opens the registry at `path`.
  [[nodiscard]] static core::Result<Registry> open(const std::filesystem::path& path);

  Registry(Registry&&) noexcept;
  Registry& operator=(Registry&&) noexcept;
  ~Registry();

  /// The registry's folder.
  [[nodiscard]] const std::filesystem::path& path() const;
  /// Its `registry.json`.
  [[nodiscard]] const RegistryConfig& config() const;
  /// The tip commit id ("" for none).
  [[nodiscard]] core::Result<std::string> tip() const;

  /// Signs every later write with `key` (otherwise resolve_signing_key(nothing) at first write).
  void set_signing_key(SigningKey key);
  /// The owners of `serial` at the tip (empty: none recorded).
  [[nodiscard]] core::Result<std::vector<Identity>> owners(const Serial& serial) const;
  /// Adds an owner to `serial` (signed by a current owner); false when already an owner.
  [[nodiscard]] core::Result<bool> add_owner(const Serial& serial, const Identity& owner);
  /// Removes the owner with that principal or key fingerprint (never the last one).
  [[nodiscard]] core::Result<Identity> remove_owner(const Serial& serial, const std::string& who);

  /// Publishes the part described by the manifest at `manifest_path`.
  [[nodiscard]] core::Result<Published> publish(const std::filesystem::path& manifest_path,
                                                const PublishOptions& options = {});
  /// A new part derived from `parent`, under a new serial.
  [[nodiscard]] core::Result<Published> fork(const SerialRef& parent, const ForkOptions& options);
  /// Flags a version as yanked; it stays retrievable.
  [[nodiscard]] core::Result<std::string> yank(const SerialRef& ref, const std::string& reason);

  /// One version (the latest not yanked when `ref` has none).
  [[nodiscard]] core::Result<VersionInfo> show(const SerialRef& ref) const;
  /// Every serial, in serial order (answered from the index, refreshed first).
  [[nodiscard]] core::Result<std::vector<PartSummary>> list() const;
  /// The same, handed to `each` one at a time (nothing held in memory for 100 000 serials).
  [[nodiscard]] core::Result<void> list(const std::function<void(const PartSummary&)>& each) const;
  /// Every published version of `serial`, yanked ones included, oldest first (empty: absent).
  [[nodiscard]] core::Result<std::vector<std::string>> versions(const Serial& serial) const;
  /// Commits touching `serial`, newest first.
  [[nodiscard]] core::Result<std::vector<HistoryEntry>> history(const Serial& serial) const;
  /// Writes a version's part.json, files and measured.json under `out`; returns the paths.
  [[nodiscard]] core::Result<std::vector<std::string>> get(const SerialRef& ref,
                                                           const std::filesystem::path& out) const;
  /// The bytes of one file of a published version (`ref` names the version); `path` as listed in
  /// its part.json, or "part.json" itself. Io error when absent.
  [[nodiscard]] core::Result<std::string> read_file(const SerialRef& ref, const std::string& path) const;
  /// Ancestors and descendants of `serial`.
  [[nodiscard]] core::Result<Lineage> lineage(const Serial& serial);

  /// Brings the search index up to date with the tip (incrementally when it can).
  [[nodiscard]] core::Result<IndexStatus> refresh_index();
  /// Searches the index (refreshing it first).
  [[nodiscard]] core::Result<std::vector<SearchHit>> search(const SearchQuery& query);

  /// Every component and object using `serial`, depth-first (each path once, cycles cut),
  /// answered from the reverse composition index (refreshed first). Invalid error when the
  /// serial is not in the registry.
  [[nodiscard]] core::Result<std::vector<Usage>> where_used(const Serial& serial);

  /// The highest version of `serial` matching the requirement `requirement` (semver, as in
  /// `composition`) that is not yanked; when only yanked versions match, the highest of those;
  /// nothing when the serial is absent or no version matches.
  [[nodiscard]] core::Result<std::optional<VersionInfo>> resolve(const std::string& serial,
                                                                 const std::string& requirement) const;
  /// A lookup for the rights engine answering from this registry (which must outlive it).
  [[nodiscard]] core::RightsLookup rights_lookup() const;
  /// Effective rights of one version: its whole derivation graph and composition (core/rights.hpp).
  [[nodiscard]] core::Result<core::RightsReport> rights(const SerialRef& ref) const;

  /// Checks every file hash, manifest, lineage link and git object, and the whole history
  /// (docs/trust.md); commits verified before are skipped unless `use_cache` is false.
  [[nodiscard]] core::Result<VerifyReport> verify(bool use_cache = true) const;
  /// Measures every version's geometry again and compares with its measured.json: a
  /// difference under the same `measured_by` is a problem (tampering), under another a warning.
  [[nodiscard]] core::Result<void> remeasure(VerifyReport& report) const;

  struct Impl;  ///< private state (the git store)

 private:
  explicit Registry(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace archipel::registry
