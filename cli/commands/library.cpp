// SPDX-License-Identifier: Apache-2.0
// archipel library seed [--registry R] [--limit N] [--signing-key KEY] [--json]
// Publishes the standard set of generated parts (docs/library.md, "The standard set"): 62 parts
// across every family, release OSG 1.0, fixed serials OSG-P0001... in a namespace of their own.
// A registry that does not exist is created with namespace OSG; in a registry of another namespace
// the parts keep their OSG serials (a mirror). Parts already there are skipped, so running it again
// changes nothing.
#include <stdlib.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <iostream>
#include <map>
#include <memory>

#include <fmt/format.h>

#include "archipel/core/families.hpp"
#include "archipel/core/safe_fs.hpp"
#include "archipel/registry/registry.hpp"
#include "archipel/registry/serial.hpp"
#include "archipel/registry/signing.hpp"
#include "commands.hpp"
#include "commands/make_part.hpp"
#include "commands/registry_options.hpp"
#include "output.hpp"

namespace archipel::cli {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;
using nlohmann::ordered_json;

constexpr const char* seed_namespace = "OSG";
constexpr const char* seed_release = "osg-1.0";  // tag of every part of this release
constexpr const char* seed_version = "1.0.0";

// One part of the set: the family and its parameters as on the command line. The position in the
// list is the serial number: entries are only ever appended (a new release adds parts or versions).
struct SeedPart {
  const char* family;
  std::map<std::string, std::string> parameters;
};

const std::vector<SeedPart>& seed_set() {
  static const std::vector<SeedPart> set = [] {
    std::vector<SeedPart> s;
    for (const char* size : {"1x1", "2x1", "2x2", "3x1", "3x2", "3x3", "4x1", "4x2", "4x3", "4x4"})
      s.push_back({"os-plate", {{"size", size}}});
    s.push_back({"os-plate", {{"size", "3x3"}, {"pattern", "perimeter"}}});
    s.push_back({"os-plate", {{"size", "4x4"}, {"pattern", "perimeter"}}});
    s.push_back({"os-plate", {{"size", "2x2"}, {"pattern", "corners"}}});
    s.push_back({"os-plate", {{"size", "4x2"}, {"pattern", "corners"}}});
    s.push_back({"os-plate", {{"size", "2x1"}, {"thickness", "6"}}});
    for (const char* size : {"1", "2", "3", "4", "5", "6", "8", "10"}) s.push_back({"os-strip", {{"size", size}}});
    for (const char* size : {"1x1x1", "2x1x1", "1x2x1", "2x2x2"}) s.push_back({"os-bracket", {{"size", size}}});
    for (const char* d : {"40", "80", "120", "160"}) s.push_back({"os-disc", {{"diameter", d}}});
    for (const char* l : {"10", "20", "40", "80"}) s.push_back({"os-spacer", {{"length", l}}});
    for (const char* size : {"1x1x2", "1x1x3", "1x1x6", "2x1x3", "2x2x3", "3x1x3", "2x2x6"})
      s.push_back({"gridfinity-bin", {{"size", size}}});
    s.push_back({"gridfinity-bin", {{"size", "1x1x3"}, {"magnets", "on"}}});
    s.push_back({"gridfinity-bin", {{"size", "2x1x3"}, {"magnets", "on"}}});
    for (const char* size : {"1x1", "2x1", "2x2", "3x3"}) s.push_back({"gridfinity-baseplate", {{"size", size}}});
    s.push_back({"gridfinity-baseplate", {{"size", "2x2"}, {"magnets", "on"}}});
    s.push_back({"gridfinity-baseplate", {{"size", "3x3"}, {"magnets", "on"}}});
    for (const char* size : {"3", "5", "7", "9", "11", "15"}) s.push_back({"bitbeam-beam", {{"size", size}}});
    for (const char* size : {"3x3", "5x3", "5x5", "7x5"}) s.push_back({"bitbeam-plate", {{"size", size}}});
    s.push_back({"bitbeam-plate", {{"size", "5x5"}, {"thickness", "8"}}});
    return s;
  }();
  return set;
}

struct SeedArgs {
  long limit = 0;  // 0: the whole set
};

struct Seeded {
  std::string serial, name, family, status, verdict;  // status: published or present
};

// The registry, created with namespace OSG when the folder does not exist.
core::Result<std::pair<registry::Registry, bool>> open_or_create(const RegistryOptions& o) {
  const fs::path path = registry::registry_location(o.registry);
  std::error_code ec;
  if (fs::exists(fs::symlink_status(path, ec))) {
    auto reg = open_registry(o);
    if (!reg) return std::unexpected(reg.error());
    return std::pair{std::move(*reg), false};
  }
  auto key = registry::resolve_signing_key(o.signing_key);
  if (!key) return std::unexpected(key.error());
  registry::RegistryConfig config;
  config.ns = seed_namespace;
  config.name = "Archipel standard library";
  auto reg = registry::Registry::init(path, config, *key);
  if (!reg) return std::unexpected(reg.error());
  reg->set_signing_key(std::move(*key));
  return std::pair{std::move(*reg), true};
}

int run_seed(const RegistryOptions& o, const SeedArgs& args) {
  const auto start = std::chrono::steady_clock::now();
  const auto& set = seed_set();
  if (args.limit < 0 || args.limit > static_cast<long>(set.size()))
    return report_error({core::Errc::usage, fmt::format("--limit must be 1 to {} (the parts of the set)", set.size()),
                         {}, {}});
  const std::size_t count = args.limit == 0 ? set.size() : static_cast<std::size_t>(args.limit);
  auto catalogue = core::load_families();
  if (!catalogue) return report_error(catalogue.error());
  auto opened = open_or_create(o);
  if (!opened) return report_error(opened.error());
  auto& [reg, created] = *opened;
  const bool own = reg.config().ns == seed_namespace;
  core::ScratchDir scratch("archipel-seed");
  if (scratch.path().empty()) return report_error({core::Errc::io, "cannot create a temporary folder", {}, {}});
  std::vector<Seeded> done;
  for (std::size_t i = 0; i < count; ++i) {
    const SeedPart& entry = set[i];
    const std::string serial = fmt::format("{}-P{:04}", seed_namespace, i + 1);
    auto family = core::find_family(*catalogue, entry.family);
    if (!family) return report_error(family.error());
    auto plan = core::plan_part(**family, entry.parameters);
    if (!plan) return report_error(core::with_origin(plan.error(), serial));
    auto parsed = registry::parse_serial(serial);
    if (!parsed) return report_error(parsed.error());
    auto versions = reg.versions(*parsed);
    if (!versions) return report_error(versions.error());
    if (std::ranges::find(*versions, seed_version) != versions->end()) {
      auto stored = reg.show(registry::SerialRef{*parsed, seed_version});
      if (!stored) return report_error(stored.error());
      const std::string name = stored->manifest.value("name", "");
      if (name != plan->name)
        return report_error({core::Errc::invalid,
                             fmt::format("{} holds \"{}\", but the set puts {} there: this registry's {} serials "
                                         "hold other parts",
                                         serial, name, plan->name, seed_namespace),
                             reg.path().string(), {}});
      done.push_back({serial, plan->name, entry.family, "present", ""});
      if (!o.json) std::cout << fmt::format("{} {}: already published\n", serial, plan->name);
      continue;
    }
    const fs::path folder = scratch.path() / plan->name;
    std::error_code ec;
    fs::create_directories(folder, ec);
    if (ec) return report_error({core::Errc::io, "cannot create the folder: " + ec.message(), folder.string(), {}});
    auto made = generate_part(*catalogue, **family, *plan, (*family)->material, folder, [&](ordered_json& doc) {
      if (!own) doc["serial"] = serial;  // a mirror keeps the set's serial; OSG itself assigns it
      doc["tags"].push_back(seed_release);
    });
    if (!made) return report_error(made.error());
    if (made->report.verdict == core::Verdict::fails)
      return report_error({core::Errc::io, "the generated part does not conform (a generator defect; please report it)",
                           serial + " " + plan->name, {}});
    registry::PublishOptions options;
    options.write_serial = false;
    auto published = reg.publish(folder / "part.json", options);
    if (!published) return report_error(published.error());
    if (published->serial != serial)
      return report_error({core::Errc::invalid,
                           fmt::format("{} was published as {}, but the set fixes {}: this registry's {} serials "
                                       "hold other parts",
                                       plan->name, published->serial, serial, seed_namespace),
                           reg.path().string(), {}});
    const std::string verdict{core::verdict_name(made->report.verdict)};
    done.push_back({serial, plan->name, entry.family, "published", verdict});
    if (!o.json) std::cout << fmt::format("{} {}: published ({})\n", serial, plan->name, verdict);
    fs::remove_all(folder, ec);
  }
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  const auto published = static_cast<std::size_t>(
      std::ranges::count_if(done, [](const Seeded& s) { return s.status == "published"; }));
  if (o.json) {
    ordered_json parts = ordered_json::array();
    for (const auto& s : done) {
      ordered_json p{{"serial", s.serial}, {"name", s.name}, {"family", s.family}, {"status", s.status}};
      if (!s.verdict.empty()) p["verdict"] = s.verdict;
      parts.push_back(std::move(p));
    }
    print_ordered_json(ordered_json{{"registry", reg.path().string()}, {"namespace", reg.config().ns},
                                    {"created", created}, {"release", seed_release}, {"set", set.size()},
                                    {"published", published}, {"present", done.size() - published},
                                    {"seconds", std::round(seconds * 10) / 10}, {"parts", parts}});
  } else {
    std::cout << fmt::format("Seeded release {} into {}{}: {} parts ({} published, {} already there) of the {} "
                             "in the set, in {:.1f} s\n",
                             seed_release, reg.path().string(), created ? " (created, namespace OSG)" : "",
                             done.size(), published, done.size() - published, set.size(), seconds);
  }
  return exit_ok;
}

}  // namespace

void register_library(CLI::App& app, Dispatch& dispatch) {
  auto* group = app.add_subcommand("library", "The standard library of generated parts");
  group->require_subcommand(1);
  auto* seed = group->add_subcommand(
      "seed", "Publish the standard set (release osg-1.0, serials OSG-P0001...) into a registry, once");
  auto o = add_registry_options(seed);
  add_signing_option(seed, *o);
  auto args = std::make_shared<SeedArgs>();
  seed->add_option("--limit", args->limit, "Seed only the first N parts of the set (tests, quick demos)");
  on_run(seed, dispatch, [o, args] { return run_seed(*o, *args); });
}

}  // namespace archipel::cli
