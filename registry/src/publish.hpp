#pragma once
// What publish and fork share: a part ready to be written into a version folder, and the
// transaction that assigns its serial and commits it.

#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "archipel/core/safe_fs.hpp"
#include "impl.hpp"

namespace archipel::registry::detail {

/// A part ready to commit: its manifest (serial not yet set when new) and its blobs.
struct Prepared {
  nlohmann::json manifest;
  std::vector<std::pair<std::string, git_oid>> blobs;  ///< path in the version folder → blob
  std::vector<StoredFile> files;
  nlohmann::json measured;        ///< measured.json (null: none)
  std::string verdict = "not-measured";
  std::optional<Serial> serial;   ///< from the manifest (a later version of a known part)
  char kind = 'P';
  std::string version, name, author_name, author_email;
  std::string verb = "publish";   ///< first word of the commit message
  std::string origin;             ///< the manifest file, for errors
  /// Without a serial, look for the same content already published (publish, not fork).
  bool find_by_content = false;
  bool blobs_known = true;        ///< every file's blob was stored before this publish wrote it
  /// Geometry file path → sealed copy of the bytes hashed and stored, which is what is measured.
  std::map<std::string, core::UniqueFd> contents;
};

/// Assigns the serial when needed and commits `part`, retrying on a moved tip.
[[nodiscard]] core::Result<Published> commit_prepared(Registry::Impl& impl, const Prepared& part);

/// The next unused serial number of `kind` in `ns` at `tree`.
[[nodiscard]] core::Result<std::uint64_t> next_number(const git::Store& store, const git_tree* tree,
                                                      const std::string& ns, char kind);

/// Every SPDX id in a licence expression (operators and parentheses removed).
[[nodiscard]] std::vector<std::string> licence_ids(const std::string& expression);

/// Refuses a licence expression using an id outside `policy` (no-op when the list is empty).
[[nodiscard]] core::Result<void> check_licence_policy(const Policy& policy,
                                                      const std::string& expression,
                                                      const std::string& origin);

}  // namespace archipel::registry::detail
