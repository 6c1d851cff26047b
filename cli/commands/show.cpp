// archipel show SERIAL[@VERSION]: one published version, its files, lineage and verdict.
#include <iostream>

#include <fmt/format.h>

#include "commands.hpp"
#include "commands/registry_options.hpp"
#include "output.hpp"

namespace archipel::cli {

namespace {

// Terminal-safe: a published name may hold ESC sequences.
std::string str(const nlohmann::json& doc, const char* key) {
  return doc.is_object() && doc.contains(key) && doc[key].is_string() ? printable(doc[key].get<std::string>()) : "";
}

void print_version(const registry::VersionInfo& v) {
  const auto& m = v.manifest;
  std::cout << printable(v.serial) << "@" << printable(v.version) << "  " << str(m, "name") << "\n";
  auto row = [](const char* label, const std::string& value) {
    if (!value.empty()) std::cout << fmt::format("  {:<10}{}\n", label, value);
  };
  row("kind", str(m, "kind"));
  if (m.contains("designer")) {
    row("designer", str(m["designer"], "name") + " <" + str(m["designer"], "email") + ">");
  }
  row("licence", str(m, "licence"));
  row("versions", printable(fmt::format("{}", fmt::join(v.versions, ", "))));
  if (v.yanked) row("yanked", printable(*v.yanked));
  if (m.contains("lineage") && m["lineage"].contains("derived_from")) {
    for (const auto& l : m["lineage"]["derived_from"]) {
      row("derived", fmt::format("{} from {}@{}", str(l, "relation"), str(l, "serial"), str(l, "version")));
    }
  }
  if (m.contains("files")) {
    for (const auto& f : m["files"]) row("file", fmt::format("{}  sha256 {}", str(f, "path"), str(f, "sha256")));
  }
  if (v.measured.is_object()) row("verdict", str(v.measured, "verdict"));
  row("folder", printable(v.folder));
  row("commit", v.commit);
  row("signed", printable(signer_text(v.signer)));
  for (const auto& owner : v.owners) row("owner", printable(registry::describe(owner)));
}

// The effective terms (ancestors and members included), one verdict per use.
nlohmann::json rights_summary(const core::RightsReport& r) {
  nlohmann::json out = nlohmann::json::object();
  for (const auto& a : r.answers) out[std::string(core::to_string(a.use))] = core::to_string(a.verdict);
  return out;
}

std::string rights_line(const core::RightsReport& r) {
  std::vector<std::string> parts;
  for (const auto& a : r.answers) parts.push_back(fmt::format("{} {}", core::to_string(a.use), core::to_string(a.verdict)));
  return fmt::format("{} (archipel rights {}@{})", fmt::join(parts, ", "), r.root.serial, r.root.version);
}

}  // namespace

nlohmann::json owners_json(const std::vector<registry::Identity>& who) {
  auto out = nlohmann::json::array();
  for (const auto& w : who) {
    out.push_back({{"principal", w.principal}, {"key", w.key.line()}, {"fingerprint", w.key.fingerprint()}});
  }
  return out;
}

void register_show(CLI::App& app, Dispatch& dispatch) {
  auto* sub = app.add_subcommand("show", "Show a published part (the latest version not yanked by default)");
  auto o = add_registry_options(sub);
  auto ref = std::make_shared<std::string>();
  sub->add_option("serial", *ref, "SERIAL or SERIAL@VERSION")->required();
  on_run(sub, dispatch, [o, ref]() -> int {
    auto parsed = registry::parse_serial_ref(*ref);
    if (!parsed) return report_error(parsed.error());
    auto reg = open_registry(*o);
    if (!reg) return report_error(reg.error());
    auto info = reg->show(*parsed);
    if (!info) return report_error(info.error());
    auto rights = reg->rights(registry::SerialRef{parsed->serial, info->version});
    if (!rights) return report_error(rights.error());
    if (o->json) {
      print_json(nlohmann::json{{"serial", info->serial}, {"version", info->version}, {"folder", info->folder},
                  {"versions", info->versions}, {"yanked", info->yanked ? nlohmann::json(*info->yanked) : nullptr},
                  {"manifest", info->manifest}, {"measured", info->measured},
                  {"commit", info->commit}, {"signer", signer_json(info->signer)},
                  {"owners", owners_json(info->owners)}, {"rights", rights_summary(*rights)}});
    } else {
      print_version(*info);
      std::cout << fmt::format("  {:<10}{}\n", "rights", rights_line(*rights));
    }
    return exit_ok;
  });
}

}  // namespace archipel::cli
