// The kit's documents: BOM.csv, NOTICE.md and assembly.html, all byte-identical from run to run.
#include <algorithm>
#include <set>

#include <fmt/format.h>

#include "archipel/core/licence.hpp"
#include "archipel/core/version.hpp"
#include "kit_internal.hpp"
#include "manifest_view.hpp"

namespace archipel::registry::detail {
using core::Result;
using nlohmann::json;

namespace {

std::string csv(const std::string& s) {
  if (s.find_first_of(",\"\n\r") == std::string::npos) return s;
  std::string out = "\"";
  for (char c : s) out += c == '"' ? std::string("\"\"") : std::string(1, c);
  return out + "\"";
}

std::string html(const std::string& s) {
  std::string out;
  for (char c : s) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      default: out += c;
    }
  }
  return out;
}

// Markdown table cells: no pipes or line breaks from user text.
std::string cell(std::string s) {
  for (char& c : s)
    if (c == '|' || c == '\n' || c == '\r') c = ' ';
  return s;
}

std::string price_of(const json& source) {
  if (!source.contains("price")) return "";
  const auto& p = source["price"];
  return fmt::format("{:.2f} {}", p.value("amount", 0.0), p.value("currency", ""));
}

std::string label(const KitMember& m) { return m.serial + "@" + m.version; }

}  // namespace

std::string bom_csv(const KitData& kit) {
  std::string out = "section,serial,version,name,quantity,material,thickness_mm,processes,files,supplier,reference,price\r\n";
  for (const auto& m : kit.result->members) {
    const auto& doc = m.info.manifest;
    std::string material, thickness, supplier, reference, price;
    if (doc.contains("materials") && !doc["materials"].empty()) {
      material = doc["materials"][0].value("name", "");
      if (doc["materials"][0].contains("thickness_mm"))
        thickness = fmt::format("{:g}", doc["materials"][0]["thickness_mm"].get<double>());
    }
    if (doc.contains("sourcing") && !doc["sourcing"].empty()) {
      const auto& s = doc["sourcing"][0];
      supplier = s.value("supplier", "");
      reference = s.value("reference", "");
      price = price_of(s);
    }
    auto files = kit.fabricated.find(label(m));
    std::string names = files == kit.fabricated.end() ? "" : fmt::format("{}", fmt::join(files->second, " "));
    out += fmt::format("{},{},{},{},{},{},{},{},{},{},{},{}\r\n", csv(m.kind), csv(m.serial), csv(m.version),
                       csv(m.name), m.quantity, csv(material), thickness, csv(fmt::format("{}", fmt::join(processes(doc), "+"))),
                       csv(names), csv(supplier), csv(reference), csv(price));
  }
  for (const auto& h : kit.result->hardware)
    out += fmt::format("hardware,,,{},{},,,,,,,\r\n", csv(h.item), h.quantity);
  return out;
}

std::vector<std::string> kit_licence_ids(const KitResult& result) {
  std::set<std::string> out;
  for (const auto& r : result.rights)
    for (const auto& s : r.subjects) {
      auto parsed = core::parse_licence(s.licence);
      if (parsed)
        for (const auto& id : core::ids(*parsed)) out.insert(id);
    }
  return {out.begin(), out.end()};
}

namespace {

// "licence CC-BY-4.0 → CC0-1.0; files p.stl" between a version and the one it derives from.
std::string changes(const json& child, const json& parent) {
  std::vector<std::string> out;
  for (const char* key : {"name", "licence"})
    if (text(child, key) != text(parent, key)) out.push_back(fmt::format("{} \"{}\" → \"{}\"", key, text(parent, key), text(child, key)));
  if (designer_name(child) != designer_name(parent))
    out.push_back(fmt::format("designer {} → {}", designer_name(parent), designer_name(child)));
  std::set<std::pair<std::string, std::string>> before;
  for (const auto& f : files(parent)) before.emplace(f.path, f.sha256);
  std::vector<std::string> changed;
  for (const auto& f : files(child))
    if (!before.contains({f.path, f.sha256})) changed.push_back(f.path);
  if (!changed.empty()) out.push_back(fmt::format("files {}", fmt::join(changed, ", ")));
  if (child.value("materials", json()) != parent.value("materials", json())) out.push_back("materials");
  if (child.value("dimensions", json()) != parent.value("dimensions", json())) out.push_back("dimensions");
  return out.empty() ? "no declared change" : fmt::format("{}", fmt::join(out, "; "));
}

Result<void> ancestry(const Registry& reg, const json& doc, const std::string& indent, std::set<std::string>& seen,
                      std::string& out) {
  for (const auto& link : derived_from(doc)) {
    auto parent = reg.resolve(link.serial, link.version.empty() ? "*" : "=" + link.version);
    if (!parent) return std::unexpected(parent.error());
    if (!*parent) {
      out += fmt::format("{}- {} of {}@{} (not in this registry)\n", indent, link.relation, link.serial, link.version);
      continue;
    }
    const auto& p = **parent;
    out += fmt::format("{}- {} of {}@{} \"{}\" ({}, {}): {}\n", indent, link.relation, p.serial, p.version,
                       text(p.manifest, "name"), designer_name(p.manifest), text(p.manifest, "licence"),
                       changes(doc, p.manifest));
    if (seen.insert(p.serial + "@" + p.version).second)
      if (auto ok = ancestry(reg, p.manifest, indent + "  ", seen, out); !ok) return ok;
  }
  return {};
}

void obligations(const KitData& kit, std::string& out) {
  const core::Use purpose = core::parse_use(kit.result->lock.value("for", "make")).value_or(core::Use::make);
  for (const auto& r : kit.result->rights) {
    out += fmt::format("\n### {}@{} \"{}\"\n\n", r.root.serial, r.root.version, r.root.name);
    for (core::Use use : core::all_uses) {
      const auto& a = r.answer(use);
      out += fmt::format("- {}: {}{}\n", core::to_string(use), core::to_string(a.verdict), use == purpose ? " (this kit)" : "");
      for (const auto& c : a.conditions) out += fmt::format("  - if {}\n", c);
      if (use != purpose && use != core::Use::sell_kit && use != core::Use::sell_product) continue;
      for (const auto& o : a.obligations) out += fmt::format("  - {}\n", o);
    }
  }
}

}  // namespace

Result<std::string> notice_md(const KitData& kit) {
  const auto& result = *kit.result;
  const auto& lock = result.lock;
  std::vector<std::string> roots;
  for (const auto& r : result.rights) roots.push_back(fmt::format("{}@{} \"{}\"", r.root.serial, r.root.version, r.root.name));
  std::string out = fmt::format("# Notice\n\nKit of {} (x{}), for {}, built by archipel {} from the registry \"{}\" ({}) at "
                                "commit {}.\n",
                                fmt::join(roots, ", "), lock.value("quantity", 1), lock.value("for", "make"),
                                core::version(), lock["registry"].value("name", ""), lock["registry"].value("namespace", ""),
                                kit.commit);
  out += "\n## Designers to credit\n\n";
  std::set<std::string> credited;
  for (const auto& r : result.rights)
    for (const auto& c : r.credits)
      if (credited.insert(c.serial + "@" + c.version).second)
        out += fmt::format("- {}, for {}@{} ({}, {})\n", c.designer, c.serial, c.version, c.licence, core::to_string(c.relation));
  if (credited.empty()) out += "No licence in this kit asks for credit.\n";
  out += "\n## Parts\n\n| part | name | designer | licence | quantity | source |\n|---|---|---|---|---|---|\n";
  for (const auto& m : result.members)
    out += fmt::format("| {} | {} | {} | {} | {} | registry {}, {}, commit {} |\n", label(m), cell(m.name),
                       cell(designer_name(m.info.manifest)), cell(text(m.info.manifest, "licence")), m.quantity,
                       cell(lock["registry"].value("namespace", "")), m.info.folder, kit.commit.substr(0, 12));
  out += "\n## Ancestry\n\n";
  bool any = false;
  for (const auto& m : result.members) {
    if (derived_from(m.info.manifest).empty()) continue;
    any = true;
    out += fmt::format("- {} \"{}\" ({})\n", label(m), m.name, text(m.info.manifest, "licence"));
    std::set<std::string> seen{label(m)};
    if (auto ok = ancestry(*kit.reg, m.info.manifest, "  ", seen, out); !ok) return std::unexpected(ok.error());
  }
  if (!any) out += "No part of this kit derives from another.\n";
  out += "\n## Rights and obligations\n";
  obligations(kit, out);
  out += "\n## Licences\n\n";
  for (const auto& id : kit_licence_ids(result)) {
    const auto* info = core::find_licence(id);
    out += fmt::format("- {}{}: LICENSES/{}.txt\n", id, info ? " (" + info->name + ")" : "", id);
  }
  return out;
}

std::string assembly_html(const KitData& kit) {
  std::string out = "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>Assembly</title>\n"
                    "</head>\n<body>\n<h1>Assembly</h1>\n";
  if (kit.joints.empty()) out += "<p>No joint is declared: the parts are used as they are.</p>\n";
  int n = 0;
  for (const auto& j : kit.joints) {
    out += fmt::format("<h2>{}, joint {}: {} + {}</h2>\n", html(j.object), ++n, html(j.a), html(j.b));
    out += fmt::format("<p>{} placed at ({}, {}) grid units, rotation {}°{}; ", html(j.b), j.dx, j.dy, j.rotation,
                       j.flip ? ", turned over" : "");
    if (j.fits) {
      out += fmt::format("{} × {} per object, {} object{}.</p>\n{}", j.fasteners, html(j.screw), j.objects,
                         j.objects == 1 ? "" : "s", j.svg);
    } else {
      out += fmt::format("does not fit: {}.</p>\n", html(j.explanation));
    }
  }
  out += "<h2>Hardware</h2>\n<ul>\n";
  for (const auto& h : kit.result->hardware) out += fmt::format("<li>{} × {}</li>\n", h.quantity, html(h.item));
  return out + "</ul>\n</body>\n</html>\n";
}

}  // namespace archipel::registry::detail
