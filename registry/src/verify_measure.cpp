// verify --measure: every version's geometry measured again. A difference under the same
// measured_by (Archipel version and grid data) is tampering with measured.json; under another
// one the validator changed (the geometry-truth work changes measurements on purpose).
#include <cstdlib>
#include <system_error>

#include <fmt/format.h>

#include <map>

#include "archipel/core/safe_fs.hpp"
#include "impl.hpp"
#include "manifest_view.hpp"
#include "measure.hpp"

namespace archipel::registry {
namespace fs = std::filesystem;
using core::Result;
using nlohmann::json;

namespace {

// The stored measurement of `path` in measured.json (null when absent).
json stored_file(const json& measured, const std::string& path) {
  if (!measured.contains("files") || !measured["files"].is_array()) return nullptr;
  for (const auto& f : measured["files"]) {
    if (f.is_object() && f.value("path", "") == path) return f;
  }
  return nullptr;
}

Result<void> remeasure_version(const Registry::Impl& impl, const git_tree* tree, const std::string& ref,
                               const std::string& folder, VerifyReport& report) {
  auto manifest = detail::read_json(impl.store, tree, folder + "/" + detail::manifest_name);
  auto measured = detail::read_json(impl.store, tree, folder + "/" + detail::measured_name);
  if (!manifest || !measured || !*manifest || !*measured) return {};  // verify names these
  bool any = false;
  core::ScratchDir scratch("archipel-remeasure");
  std::map<std::string, core::UniqueFd> contents;  // what is measured: the stored bytes, sealed
  for (const auto& f : detail::files(**manifest)) {
    if (f.role != "geometry") continue;
    auto bytes = impl.store.read(tree, folder + "/" + f.path);
    if (!bytes || !*bytes) continue;
    std::error_code ec;
    fs::create_directories((scratch.path() / f.path).parent_path(), ec);
    if (auto ok = core::write_file_atomic(scratch.path() / f.path, **bytes); !ok) return ok;
    auto sealed = core::sealed_memory_file(**bytes, ref + "/" + f.path);
    if (!sealed) return std::unexpected(sealed.error());
    contents.emplace(f.path, std::move(*sealed));
    any = true;
  }
  if (!any) return {};
  RegistryConfig lenient = impl.config;
  lenient.policy.accept_nonconforming = true;  // a failing part is measured, not refused
  auto again = detail::measure_part(**manifest, scratch.path(), contents, lenient, true, ref);
  if (!again) {
    report.problems.push_back({ref, "cannot be measured again: " + again.error().message});
    return {};
  }
  const json& old_by = (*measured)->contains("measured_by") ? (**measured)["measured_by"] : json(nullptr);
  const json& new_by = again->document["measured_by"];
  for (const auto& now : again->document["files"]) {
    std::string path = now.value("path", "");
    json before = stored_file(**measured, path);
    ++report.files;
    if (!before.is_null() && before.value("measurement", json()) == now["measurement"] &&
        before.value("verdict", "") == now.value("verdict", "")) {
      continue;
    }
    if (old_by == new_by) {
      report.problems.push_back({folder + "/" + detail::measured_name,
                                 fmt::format("{}: the stored measurement of {} differs from a new one by the "
                                             "same validator ({}): measured.json was altered",
                                             ref, path, new_by.dump())});
    } else {
      report.warnings.push_back({folder + "/" + detail::measured_name,
                                 fmt::format("{}: {} measured differently by a newer validator (stored by {}, now {})",
                                             ref, path, old_by.is_null() ? "an unrecorded version" : old_by.dump(),
                                             new_by.dump())});
    }
  }
  return {};
}

}  // namespace

Result<void> Registry::remeasure(VerifyReport& report) const {
  auto parts = list();
  if (!parts) return std::unexpected(parts.error());
  auto snap = impl_->store.snapshot();
  if (!snap) return std::unexpected(snap.error());
  for (const auto& p : *parts) {
    auto serial = parse_serial(p.serial);
    if (!serial) continue;
    for (const auto& v : p.versions) {
      if (auto ok = remeasure_version(*impl_, snap->tree.get(), p.serial + "@" + v, serial->folder() + "/" + v, report);
          !ok) {
        return ok;
      }
    }
  }
  return {};
}

}  // namespace archipel::registry
