// archipel manifest check FILE... [--json]
// archipel manifest new --name N --designer "Name <email>" --licence L [--grid ID] ... [--json]
#include <algorithm>
#include <iostream>

#include <fmt/format.h>
#include <re2/re2.h>

#include "archipel/core/json.hpp"
#include "archipel/core/manifest.hpp"
#include "archipel/core/resources.hpp"
#include "archipel/core/safe_fs.hpp"
#include "archipel/core/suggest.hpp"
#include "commands.hpp"
#include "output.hpp"

namespace archipel::cli {
namespace {

namespace fs = std::filesystem;
using core::Errc;
using core::Error;
using core::Manifest;

std::string_view code_name(Errc code) {
  switch (code) {
    case Errc::invalid: return "invalid";
    case Errc::usage: return "usage";
    case Errc::io: return "io";
  }
  return "io";
}

nlohmann::json error_json(const Error& e) {
  return {{"code", code_name(e.code)}, {"message", e.message}, {"pointer", e.pointer}};
}

nlohmann::json terms_json(const core::LicenceTerms& t) {
  return {{"commercial", t.commercial}, {"derivatives", t.derivatives},
          {"share_alike", t.share_alike}, {"attribution", t.attribution}, {"hardware", t.hardware}};
}

std::string summary(const Manifest& m) {
  return fmt::format("{} \"{}\" {}, {}", core::to_string(m.kind), m.name, m.version.to_string(), m.licence);
}

// A grid id that is not built in may be a custom standard: warn, suggesting the closest one.
void warn_unknown_grid(const std::string& where, const std::string& id) {
  const auto grids = core::resources_under("grids/");
  if (grids.empty()) return;
  std::vector<std::string> names;
  for (const auto& r : grids) names.emplace_back(fs::path(r.name).stem().string());
  if (std::ranges::find(names, id) != names.end()) return;
  const auto suggestion = core::closest_match(id, {names.begin(), names.end()});
  print_warning(fmt::format("{}: \"{}\" is not a built-in grid standard{}", where, id,
                            suggestion.empty() ? "" : fmt::format("; did you mean \"{}\"?", suggestion)));
}

// ---- manifest check -------------------------------------------------------------------------

struct CheckOptions {
  std::vector<std::string> files;
  bool json = false;
};

// Checks one file; prints its human line or error, returns its JSON entry and exit code.
// A folder stands for the part.json inside it.
std::string manifest_path(const std::string& arg) {
  std::error_code ec;
  return fs::is_directory(arg, ec) ? (fs::path(arg) / "part.json").string() : arg;
}

std::pair<nlohmann::json, int> check_one(const std::string& arg, bool json) {
  const std::string file = manifest_path(arg);
  auto manifest = core::read_manifest(file);
  if (!manifest) {
    const int code = report_error(manifest.error());
    return {{{"file", file}, {"valid", false}, {"error", error_json(manifest.error())}}, code};
  }
  const auto warnings = core::licence_warnings(manifest->licence_expression);
  for (const auto& w : warnings) print_warning(fmt::format("{}:/licence: {}", file, w));
  if (manifest->grid) warn_unknown_grid(file + ":/grid/standard", manifest->grid->standard);
  if (!json) std::cout << fmt::format("{}: ok ({})\n", file, summary(*manifest));
  nlohmann::json entry{{"file", file},
                       {"valid", true},
                       {"kind", core::to_string(manifest->kind)},
                       {"name", manifest->name},
                       {"version", manifest->version.to_string()},
                       {"licence", manifest->licence},
                       {"terms", terms_json(core::terms(manifest->licence_expression))},
                       {"warnings", warnings}};
  if (manifest->serial) entry["serial"] = *manifest->serial;
  return {entry, exit_ok};
}

int run_check(const CheckOptions& options) {
  nlohmann::json entries = nlohmann::json::array();
  int worst = exit_ok;
  for (const auto& file : options.files) {
    auto [entry, code] = check_one(file, options.json);
    entries.push_back(std::move(entry));
    if (code == exit_io || (code == exit_findings && worst == exit_ok)) worst = code;
  }
  if (options.json) print_json(nlohmann::json{{"manifests", entries}, {"ok", worst == exit_ok}});
  return worst;
}

// ---- manifest new ---------------------------------------------------------------------------

struct NewOptions {
  std::string name, designer, licence, grid, grid_size = "1x1", kind = "part", version = "0.1.0";
  std::string out = "part.json";
  bool force = false;
  bool json = false;
};

std::unexpected<Error> bad_option(const std::string& option, std::string message) {
  return std::unexpected(Error{Errc::usage, std::move(message), option, {}});
}

// RE2, not std::regex: linear time, no recursion, whatever the length of the text.
core::Result<core::Designer> parse_designer(const std::string& text) {
  static const re2::RE2 form(R"(\s*(\S.*?)\s*<([^<>\s]+)>\s*)");
  std::string name, email;
  if (!re2::RE2::FullMatch(text, form, &name, &email))
    return bad_option("--designer", fmt::format("expected \"Name <email>\", found \"{}\"", text));
  return core::Designer{name, email, std::nullopt};
}

core::Result<std::vector<int>> parse_grid_size(const std::string& text) {
  static const re2::RE2 form(R"(([1-9][0-9]{0,2})x([1-9][0-9]{0,2})(?:x([1-9][0-9]{0,2}))?)");
  std::string width, depth, height;
  if (!re2::RE2::FullMatch(text, form, &width, &depth, &height))
    return bad_option("--grid-size", fmt::format("expected WxD or WxDxH in grid units (e.g. 2x1), found \"{}\"", text));
  std::vector<int> units{std::stoi(width), std::stoi(depth)};
  if (!height.empty()) units.push_back(std::stoi(height));
  return units;
}

// Names the option an invalid skeleton field came from.
std::string option_for(const std::string& pointer) {
  for (const auto& [prefix, option] : {std::pair{"/name", "--name"}, {"/designer", "--designer"},
                                       {"/version", "--version"}, {"/grid", "--grid"}, {"/kind", "--kind"}})
    if (pointer.starts_with(prefix)) return option;
  return "--licence";
}

core::Result<Manifest> build_skeleton(const NewOptions& o) {
  for (const auto* text : {&o.name, &o.designer})
    if (core::find_invalid_utf8(*text) != std::string::npos)
      return bad_option(text == &o.name ? "--name" : "--designer", "not valid UTF-8");
  auto designer = parse_designer(o.designer);
  if (!designer) return std::unexpected(designer.error());
  auto licence = core::parse_licence(o.licence);
  if (!licence) return bad_option("--licence", licence.error().message);
  nlohmann::json doc{{"schema", core::manifest_schema_version}, {"kind", o.kind}, {"name", o.name},
                     {"version", o.version},
                     {"designer", {{"name", designer->name}, {"email", designer->email}}},
                     {"licence", o.licence}};
  if (!o.grid.empty()) {
    auto units = parse_grid_size(o.grid_size);
    if (!units) return std::unexpected(units.error());
    doc["grid"] = {{"standard", o.grid}, {"size", *units}};
  }
  auto manifest = core::parse_manifest(doc, "");
  if (!manifest) {
    const auto& e = manifest.error();
    return bad_option(option_for(e.pointer), e.message);
  }
  return manifest;
}

core::Result<void> write_text(const std::string& out, const std::string& text, bool force) {
  std::error_code ec;
  if (!force && fs::symlink_status(out, ec).type() != fs::file_type::not_found)
    return std::unexpected(Error{Errc::invalid, "already exists; use --force to overwrite", out, {}});
  if (auto ok = core::write_file_atomic(out, text); !ok)
    return std::unexpected(Error{Errc::io, "cannot write the file: " + ok.error().message, out, {}});
  return {};
}

int run_new(const NewOptions& o) {
  auto manifest = build_skeleton(o);
  if (!manifest) return report_error(manifest.error());
  if (!o.grid.empty()) warn_unknown_grid("--grid", o.grid);
  for (const auto& w : core::licence_warnings(manifest->licence_expression)) print_warning("--licence: " + w);
  const std::string text = core::manifest_text(*manifest);
  if (o.out == "-") {
    std::cout << text;
    return exit_ok;
  }
  if (auto written = write_text(o.out, text, o.force); !written) return report_error(written.error());
  if (o.json)
    print_ordered_json(nlohmann::ordered_json{{"written", o.out}, {"manifest", core::to_json(*manifest)}});
  else
    std::cout << fmt::format("wrote {} ({})\n", o.out, summary(*manifest));
  return exit_ok;
}

void register_check(CLI::App* parent, Dispatch& dispatch) {
  auto options = std::make_shared<CheckOptions>();
  auto* sub = parent->add_subcommand("check", "Validate part manifests and the files they list");
  sub->add_option("FILE", options->files, "part.json files (or folders holding one) to check")->required();
  add_json_flag(sub, options->json);
  on_run(sub, dispatch, [options] { return run_check(*options); });
}

void register_new(CLI::App* parent, Dispatch& dispatch) {
  auto o = std::make_shared<NewOptions>();
  auto* sub = parent->add_subcommand("new", "Write a valid skeleton part.json");
  sub->add_option("--name", o->name, "Name of the part")->required();
  sub->add_option("--designer", o->designer, "Designer, as \"Name <email>\"")->required();
  sub->add_option("--licence", o->licence, "SPDX licence expression, e.g. CERN-OHL-S-2.0")->required();
  sub->add_option("--grid", o->grid, "Grid standard id, e.g. openstructures");
  sub->add_option("--grid-size", o->grid_size, "Size in grid units, WxD or WxDxH (default 1x1)");
  sub->add_option("--kind", o->kind, "part, component or object (default part)")
      ->check(CLI::IsMember({"part", "component", "object"}));
  sub->add_option("--version", o->version, "Semantic version (default 0.1.0)");
  sub->add_option("--out", o->out, "File to write (default part.json; - for stdout)");
  sub->add_flag("--force", o->force, "Overwrite an existing file");
  add_json_flag(sub, o->json);
  on_run(sub, dispatch, [o] { return run_new(*o); });
}

}  // namespace

void register_manifest(CLI::App& app, Dispatch& dispatch) {
  auto* manifest = app.add_subcommand("manifest", "Check and create part manifests (part.json)");
  manifest->require_subcommand(1);
  register_check(manifest, dispatch);
  register_new(manifest, dispatch);
}

}  // namespace archipel::cli
