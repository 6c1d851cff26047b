// archipel lineage SERIAL [--json|--dot]: ancestors and descendants as a tree.
#include <algorithm>
#include <iostream>

#include <fmt/format.h>

#include "commands.hpp"
#include "commands/registry_options.hpp"
#include "output.hpp"

namespace archipel::cli {

namespace {

std::string label(const registry::LineageNode& n) {
  return fmt::format("{}@{} \"{}\" ({}, {})", n.serial, n.version, n.name, n.designer, n.licence);
}

nlohmann::json node_json(const registry::LineageNode& n) {
  return {{"serial", n.serial}, {"version", n.version}, {"name", n.name}, {"designer", n.designer},
          {"licence", n.licence}, {"relation", n.relation}, {"parent", n.parent}, {"depth", n.depth}};
}

void print_tree(const registry::Lineage& l) {
  // Ancestors from the oldest down to the part, then the descendants under it.
  std::vector<registry::LineageNode> up = l.ancestors;
  std::stable_sort(up.begin(), up.end(), [](const auto& a, const auto& b) { return a.depth < b.depth; });
  int top = up.empty() ? 0 : -up.front().depth;
  auto indent = [](int level) { return level == 0 ? std::string{} : std::string(3 * (level - 1), ' ') + "└─ "; };
  for (const auto& a : up) std::cout << indent(top + a.depth) << label(a) << "\n";
  std::cout << indent(top) << label(l.self) << "  <- this part\n";
  for (const auto& d : l.descendants) {
    std::cout << indent(top + d.depth) << label(d) << "  " << d.relation << " of " << d.parent << "\n";
  }
}

void print_dot(const registry::Lineage& l) {
  std::cout << "digraph lineage {\n  rankdir=TB;\n  node [shape=box];\n";
  auto node = [](const registry::LineageNode& n, bool self) {
    std::cout << fmt::format("  \"{}\" [label=\"{}@{}\\n{}\\n{}\"{}];\n", n.serial, n.serial, n.version,
                             n.name, n.licence, self ? ", style=bold" : "");
  };
  node(l.self, true);
  for (const auto& a : l.ancestors) node(a, false);
  for (const auto& d : l.descendants) node(d, false);
  // Ancestor edges: each ancestor at depth -k feeds the nearest node at depth -k+1 above it.
  std::string below = l.self.serial;
  std::vector<std::string> chain{l.self.serial};
  for (const auto& a : l.ancestors) {
    std::size_t level = static_cast<std::size_t>(-a.depth);
    chain.resize(level);
    std::cout << fmt::format("  \"{}\" -> \"{}\" [label=\"{}\"];\n", a.serial, chain[level - 1], a.relation);
    chain.push_back(a.serial);
  }
  for (const auto& d : l.descendants) {
    std::string parent = d.parent.substr(0, d.parent.find('@'));
    std::cout << fmt::format("  \"{}\" -> \"{}\" [label=\"{}\"];\n", parent, d.serial, d.relation);
  }
  std::cout << "}\n";
}

}  // namespace

void register_lineage(CLI::App& app, Dispatch& dispatch) {
  auto* sub = app.add_subcommand("lineage", "Show a part's ancestors and descendants");
  auto o = add_registry_options(sub);
  auto serial = std::make_shared<std::string>();
  auto dot = std::make_shared<bool>(false);
  sub->add_option("serial", *serial, "SERIAL")->required();
  sub->add_flag("--dot", *dot, "Print a Graphviz graph");
  on_run(sub, dispatch, [o, serial, dot]() -> int {
    auto parsed = registry::parse_serial(*serial);
    if (!parsed) return report_error(parsed.error());
    auto reg = open_registry(*o);
    if (!reg) return report_error(reg.error());
    auto l = reg->lineage(*parsed);
    if (!l) return report_error(l.error());
    if (o->json) {
      auto up = nlohmann::json::array(), down = nlohmann::json::array();
      for (const auto& a : l->ancestors) up.push_back(node_json(a));
      for (const auto& d : l->descendants) down.push_back(node_json(d));
      print_json(nlohmann::json{{"part", node_json(l->self)}, {"ancestors", up}, {"descendants", down}});
    } else if (*dot) {
      print_dot(*l);
    } else {
      print_tree(*l);
    }
    return exit_ok;
  });
}

}  // namespace archipel::cli
