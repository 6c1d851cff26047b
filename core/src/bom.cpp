#include "archipel/core/bom.hpp"

#include <algorithm>
#include <map>

#include <fmt/format.h>

namespace archipel::core {
namespace {

struct Walker {
  const BomLookup& lookup;
  std::string grid;                               // the root's grid standard
  std::map<std::pair<std::string, std::string>, BomLine> lines;
  std::vector<BomProblem> problems;
  std::vector<std::string> path;                  // serials from the root to here

  std::string chain(const std::string& last) const {
    std::string out;
    for (const auto& s : path) out += s + " > ";
    return out + last;
  }

  // Adds `node` times `factor` and walks its members; returns its tree for --json.
  Result<nlohmann::json> walk(const BomNode& node, long factor) {
    nlohmann::json members = nlohmann::json::array();
    path.push_back(node.serial);
    for (const auto& m : node.members) {
      auto child = visit(m, factor * m.quantity);
      if (!child) return std::unexpected(child.error());
      members.push_back(std::move(*child));
    }
    path.pop_back();
    return nlohmann::json{{"serial", node.serial}, {"version", node.version}, {"name", node.name},
                          {"kind", node.kind}, {"members", members}};
  }

  Result<nlohmann::json> visit(const BomMember& m, long quantity) {
    nlohmann::json here{{"serial", m.serial}, {"requirement", m.requirement}, {"quantity", m.quantity}};
    if (std::ranges::find(path, m.serial) != path.end()) {
      problems.push_back({"cycle", chain(m.serial), fmt::format("{} contains itself", m.serial)});
      return here;
    }
    auto found = lookup(m.serial, m.requirement);
    if (!found) return std::unexpected(found.error());
    if (!*found) {
      problems.push_back({"missing", chain(m.serial),
                          fmt::format("{} {} is not in the registry", m.serial, m.requirement)});
      return here;
    }
    const BomNode& node = **found;
    if (node.yanked)
      problems.push_back({"yanked", chain(m.serial),
                          fmt::format("{}@{} is yanked", node.serial, node.version)});
    if (!node.grid.empty() && !grid.empty() && node.grid != grid)
      problems.push_back({"other-grid", chain(m.serial),
                          fmt::format("{}@{} is on {}, the object on {}", node.serial, node.version, node.grid, grid)});
    auto& line = lines[{node.serial, node.version}];
    line = BomLine{node.serial, node.version, node.name, node.kind, node.grid, line.quantity + quantity};
    auto sub = walk(node, quantity);
    if (!sub) return std::unexpected(sub.error());
    (*sub)["requirement"] = m.requirement;
    (*sub)["quantity"] = m.quantity;
    (*sub)["total"] = quantity;
    return *sub;
  }
};

std::string csv_field(const std::string& s) {
  if (s.find_first_of(",\"\n\r") == std::string::npos) return s;
  std::string out = "\"";
  for (char c : s) out += c == '"' ? std::string("\"\"") : std::string(1, c);
  return out + "\"";
}

}  // namespace

Result<BomReport> resolve_bom(const std::string& serial, const std::string& requirement,
                              const BomLookup& lookup) {
  auto root = lookup(serial, requirement);
  if (!root) return std::unexpected(root.error());
  if (!*root) return fail(Errc::invalid, fmt::format("{} {} is not in the registry", serial, requirement));
  Walker w{lookup, (*root)->grid, {}, {}, {}};
  auto tree = w.walk(**root, 1);
  if (!tree) return std::unexpected(tree.error());
  BomReport report{**root, {}, std::move(w.problems), std::move(*tree)};
  for (auto& [key, line] : w.lines) report.lines.push_back(std::move(line));
  return report;
}

nlohmann::json to_json(const BomReport& report) {
  nlohmann::json lines = nlohmann::json::array(), problems = nlohmann::json::array();
  for (const auto& l : report.lines)
    lines.push_back({{"serial", l.serial}, {"version", l.version}, {"name", l.name}, {"kind", l.kind},
                     {"grid", l.grid}, {"quantity", l.quantity}});
  for (const auto& p : report.problems)
    problems.push_back({{"kind", p.kind}, {"path", p.path}, {"message", p.message}});
  return {{"root", {{"serial", report.root.serial}, {"version", report.root.version}, {"name", report.root.name}}},
          {"ok", report.problems.empty()},
          {"lines", lines},
          {"problems", problems},
          {"tree", report.tree}};
}

std::string to_csv(const BomReport& report) {
  std::string out = "serial,version,name,kind,grid,quantity\r\n";
  for (const auto& l : report.lines)
    out += fmt::format("{},{},{},{},{},{}\r\n", csv_field(l.serial), csv_field(l.version), csv_field(l.name),
                       csv_field(l.kind), csv_field(l.grid), l.quantity);
  return out;
}

}  // namespace archipel::core
