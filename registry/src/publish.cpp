// publish: read and check a manifest and its files, measure them, and commit them.
#include <sys/stat.h>

#include <set>
#include <system_error>

#include <fmt/format.h>

#include "archipel/core/json.hpp"
#include "archipel/core/manifest.hpp"
#include "archipel/core/safe_fs.hpp"
#include "archipel/core/warnings.hpp"
#include "manifest_view.hpp"
#include "measure.hpp"
#include "publish.hpp"
#include "rights_checks.hpp"
#include "test_hooks.hpp"

namespace archipel::registry {
namespace fs = std::filesystem;
using core::Result;
using nlohmann::json;

namespace {

bool reserved(const std::string& path) {
  return path == detail::manifest_name || path == detail::measured_name ||
         path == detail::yanked_name;
}

// A manifest path must stay inside the part folder: relative, normalised, no "..", not a name the
// registry reserves. Links, hard links and non-files are refused when the file is opened.
Result<fs::path> checked_path(const fs::path& dir, const detail::FileEntry& f,
                              const std::string& origin) {
  std::string pointer = fmt::format("/files/{}/path", f.index);
  auto refuse = [&](const std::string& why) {
    return core::fail(core::Errc::invalid, fmt::format("\"{}\" {}", f.path, why), origin, pointer);
  };
  fs::path rel(f.path);
  if (f.path.empty() || rel.is_absolute() || f.path.find('\\') != std::string::npos) {
    return refuse("must be a relative path inside the part folder");
  }
  for (const auto& part : rel) {
    if (part == ".." || part == "." || part.empty()) return refuse("leaves the part folder");
  }
  if (reserved(f.path)) return refuse("is a name the registry reserves");
  return dir / rel;
}

Result<void> add_files(detail::Prepared& part, const fs::path& dir, const Policy& policy,
                       const git::Store& store) {
  std::set<std::string> seen;
  // Objects may list no files: never add a "files": null the schema would refuse.
  if (!part.manifest.contains("files")) return {};
  json& list = part.manifest["files"];
  for (const auto& f : detail::files(part.manifest)) {
    auto full = checked_path(dir, f, part.origin);
    if (!full) return std::unexpected(full.error());
    std::string pointer = fmt::format("/files/{}", f.index);
    if (!seen.insert(f.path).second) {
      return core::fail(core::Errc::invalid, fmt::format("\"{}\" is listed twice", f.path),
                        part.origin, pointer + "/path");
    }
    // No link at any level (even one swapped in now), a regular file with one link, read once.
    auto fd = core::open_beneath(dir, f.path);
    if (!fd) return core::fail(fd.error().code, fd.error().message, part.origin, pointer + "/path");
    struct stat st{};
    if (::fstat(fd->get(), &st) == 0 && static_cast<std::uint64_t>(st.st_size) > policy.max_file_bytes) {
      return core::fail(core::Errc::invalid,
                        fmt::format("\"{}\" is {} bytes, over the registry's limit of {} bytes",
                                    f.path, st.st_size, policy.max_file_bytes),
                        part.origin, pointer + "/path");
    }
    auto bytes = core::read_fd(fd->get(), policy.max_file_bytes, full->string());
    if (!bytes) return std::unexpected(bytes.error());
    if (f.role == "geometry") {  // measured from a sealed copy: exactly the bytes hashed and stored
      auto copy = core::sealed_memory_file(*bytes, full->string());
      if (!copy) return std::unexpected(copy.error());
      part.contents.insert_or_assign(f.path, std::move(*copy));
    }
    std::string digest = detail::sha256_hex(*bytes);
    if (!f.sha256.empty() && f.sha256 != digest) {
      return core::fail(core::Errc::invalid,
                        fmt::format("\"{}\" has sha256 {}, not the declared {}", f.path, digest,
                                    f.sha256),
                        part.origin, pointer + "/sha256");
    }
    auto known = store.has_blob(*bytes);
    if (!known) return std::unexpected(known.error());
    part.blobs_known = part.blobs_known && *known;
    auto blob = store.write_blob(*bytes);
    if (!blob) return std::unexpected(blob.error());
    list[f.index]["sha256"] = digest;
    part.blobs.emplace_back(f.path, *blob);
    part.files.push_back({f.path, digest, bytes->size()});
  }
  return {};
}

Result<detail::Prepared> read_part(const fs::path& manifest_path, const RegistryConfig& config) {
  std::string origin = manifest_path.string();
  auto doc = core::read_json_file(manifest_path, core::max_manifest_bytes);
  if (!doc) return std::unexpected(doc.error());
  // The manifest library checks schema, SPDX expression, semver, path safety and references.
  if (auto typed = core::parse_manifest(*doc, origin); !typed) return std::unexpected(typed.error());
  detail::Prepared part;
  part.origin = origin;
  part.find_by_content = true;
  part.manifest = std::move(*doc);
  part.name = detail::text(part.manifest, "name");
  part.version = detail::text(part.manifest, "version");
  part.author_name = detail::designer_name(part.manifest);
  part.author_email = detail::designer_email(part.manifest);
  part.kind = kind_letter(detail::text(part.manifest, "kind")).value_or('P');
  if (part.version.empty()) {
    return core::fail(core::Errc::invalid, "a published part needs a \"version\"", origin, "/version");
  }
  if (part.author_name.empty() || part.author_email.empty()) {
    return core::fail(core::Errc::invalid, "a published part needs a designer with name and email",
                      origin, "/designer");
  }
  if (auto s = detail::text(part.manifest, "serial"); !s.empty()) {
    auto serial = parse_serial(s);
    if (!serial) return core::fail(core::Errc::invalid, serial.error().message, origin, "/serial");
    part.serial = *serial;
  }
  auto licence = detail::check_licence_policy(config.policy, detail::text(part.manifest, "licence"),
                                              origin);
  if (!licence) return std::unexpected(licence.error());
  return part;
}

// Writes the assigned serial into the user's manifest, right after "version", atomically.
Result<void> write_serial_back(const fs::path& manifest_path, const std::string& serial) {
  auto text = core::read_file_bytes(manifest_path, core::max_manifest_bytes, manifest_path.string());
  if (!text) return std::unexpected(text.error());
  // The strict reader first (duplicate keys, trailing bytes...), then the order-keeping one.
  auto checked = core::parse_json(*text, manifest_path.string());
  auto doc = checked ? nlohmann::ordered_json::parse(*text, nullptr, false) : nlohmann::ordered_json();
  if (!checked || doc.is_discarded() || !doc.is_object()) {
    return core::fail(core::Errc::io, "changed while publishing", manifest_path.string());
  }
  nlohmann::ordered_json out = nlohmann::ordered_json::object();
  for (auto& [key, value] : doc.items()) {
    if (key == "serial") continue;
    out[key] = value;
    if (key == "version") out["serial"] = serial;
  }
  if (!out.contains("serial")) out["serial"] = serial;
  // Never through a link: a part folder may carry a hostile link beside part.json (issue 9).
  auto written = core::write_file_atomic(
      manifest_path, out.dump(2, ' ', false, nlohmann::ordered_json::error_handler_t::strict) + "\n");
  if (!written)
    return core::fail(core::Errc::io, "cannot write the serial back: " + written.error().message,
                      manifest_path.string());
  return {};
}

}  // namespace

Result<Published> Registry::publish(const fs::path& manifest_path, const PublishOptions& options) {
  auto part = read_part(manifest_path, impl_->config);
  if (!part) return std::unexpected(part.error());
  fs::path dir = manifest_path.parent_path().empty() ? fs::path(".") : manifest_path.parent_path();
  if (auto ok = add_files(*part, dir, impl_->config.policy, impl_->store); !ok) {
    return std::unexpected(ok.error());
  }
  auto warnings = detail::check_rights(*this, *impl_, *part);
  if (!warnings) return std::unexpected(warnings.error());
  auto measured = detail::measure_part(part->manifest, dir, part->contents, impl_->config,
                                       options.allow_nonconforming, part->origin);
  if (!measured) return std::unexpected(measured.error());
  part->measured = std::move(measured->document);
  part->verdict = measured->verdict;
  auto published = detail::commit_prepared(*impl_, *part);
  if (!published) return published;
  if (auto licence = core::parse_licence(detail::text(part->manifest, "licence")))
    published->warnings = core::licence_rule_warnings(*licence);
  for (auto& w : *warnings) published->warnings.push_back({"licence.overclaims", std::move(w)});
  for (auto& w : measured->warnings) published->warnings.push_back(std::move(w));
  detail::crash_hook("commit");
  if ((published->new_serial || published->found_by_content) && options.write_serial) {
    if (auto ok = write_serial_back(manifest_path, published->serial); !ok) {
      return std::unexpected(ok.error());
    }
    published->serial_written = true;
  }
  return published;
}

}  // namespace archipel::registry
