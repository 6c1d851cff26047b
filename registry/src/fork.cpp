// fork: a new part under a new serial, derived from a published version, with licence
// inheritance enforced (no-derivatives refused, share-alike propagated).
#include <algorithm>

#include <fmt/format.h>

#include "archipel/core/manifest.hpp"
#include "licence_rules.hpp"
#include "manifest_view.hpp"
#include "publish.hpp"
#include "rights_checks.hpp"

namespace archipel::registry {
using core::Result;
using nlohmann::json;

namespace {

Result<void> check_inheritance(const std::string& parent_ref, const std::string& parent_licence,
                               const std::string& child_licence) {
  auto child_ids = detail::licence_ids(child_licence);
  for (const auto& id : detail::licence_ids(parent_licence)) {
    auto terms = detail::licence_terms(id);
    if (!terms) continue;  // unknown ids were refused at publication
    if (!terms->derivatives) {
      return core::fail(core::Errc::invalid,
                        fmt::format("{} is under {}, which allows no derivatives: it cannot be forked",
                                    parent_ref, id));
    }
    if (!terms->share_alike) continue;
    std::vector<std::string> allowed{id};
    for (const auto& c : terms->share_alike_compatible) {
      if (c != id) allowed.push_back(c);
    }
    for (const auto& c : child_ids) {
      if (std::find(allowed.begin(), allowed.end(), c) == allowed.end()) {
        return core::fail(core::Errc::invalid,
                          fmt::format("{} is under the share-alike licence {}: the fork's licence must "
                                      "be {}{}, not \"{}\"",
                                      parent_ref, id, allowed.size() > 1 ? "one of " : "",
                                      fmt::join(allowed, ", "), child_licence));
      }
    }
  }
  return {};
}

Result<void> add_parent_files(const git::Store& store, const git_tree* tree,
                              const std::string& folder, detail::Prepared& part) {
  for (const auto& f : detail::files(part.manifest)) {
    auto e = store.entry(tree, folder + "/" + f.path);
    if (!e) return std::unexpected(e.error());
    if (!*e || (*e)->is_tree) {
      return core::fail(core::Errc::io, fmt::format("{} is missing from the registry", f.path), folder);
    }
    part.blobs.emplace_back(f.path, (*e)->id);
    part.files.push_back({f.path, f.sha256, 0});
  }
  return {};
}

}  // namespace

Result<Published> Registry::fork(const SerialRef& parent, const ForkOptions& options) {
  auto person = detail::parse_person(options.designer);
  if (!person) return std::unexpected(person.error());
  auto snap = impl_->store.snapshot();
  if (!snap) return std::unexpected(snap.error());
  const git_tree* tree = snap->tree.get();
  auto version = detail::resolve_version(impl_->store, tree, parent);
  if (!version) return std::unexpected(version.error());
  std::string parent_ref = parent.serial.to_string() + "@" + *version;
  std::string folder = parent.serial.folder() + "/" + *version;
  auto manifest = detail::read_json(impl_->store, tree, folder + "/" + detail::manifest_name);
  if (!manifest) return std::unexpected(manifest.error());
  if (!*manifest) return core::fail(core::Errc::io, "part.json is missing", folder);
  std::string parent_licence = detail::text(**manifest, "licence");
  std::string child_licence = options.licence.value_or(parent_licence);
  if (auto ok = check_inheritance(parent_ref, parent_licence, child_licence); !ok) {
    return std::unexpected(ok.error());
  }
  if (auto ok = detail::check_licence_policy(impl_->config.policy, child_licence, "--licence"); !ok) {
    return std::unexpected(ok.error());
  }
  detail::Prepared part;
  part.origin = "fork of " + parent_ref;
  part.manifest = std::move(**manifest);
  part.manifest.erase("serial");
  part.name = options.name.value_or(detail::text(part.manifest, "name") + " (fork)");
  part.version = options.version;
  part.author_name = person->first;
  part.author_email = person->second;
  part.kind = parent.serial.kind;
  part.verb = "fork";
  part.manifest["name"] = part.name;
  part.manifest["version"] = part.version;
  part.manifest["licence"] = child_licence;
  part.manifest["designer"] = json{{"name", person->first}, {"email", person->second}};
  part.manifest["lineage"]["derived_from"] =
      json::array({{{"serial", parent.serial.to_string()}, {"version", *version}, {"relation", "fork"}}});
  if (auto typed = core::parse_manifest(part.manifest, part.origin); !typed) {
    return std::unexpected(typed.error());
  }
  if (auto ok = add_parent_files(impl_->store, tree, folder, part); !ok) {
    return std::unexpected(ok.error());
  }
  auto measured = detail::read_json(impl_->store, tree, folder + "/" + detail::measured_name);
  if (!measured) return std::unexpected(measured.error());
  if (*measured) {
    part.measured = **measured;
    part.verdict = detail::text(part.measured, "verdict");
  }
  auto warnings = detail::check_rights(*this, *impl_, part);
  if (!warnings) return std::unexpected(warnings.error());
  auto published = detail::commit_prepared(*impl_, part);
  if (published)
    for (auto& w : *warnings) published->warnings.push_back({"licence.overclaims", std::move(w)});
  return published;
}

}  // namespace archipel::registry
