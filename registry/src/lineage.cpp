// lineage and search, both answered from the index after bringing it up to date.
#include <set>

#include <fmt/format.h>

#include "index.hpp"

namespace archipel::registry {
using core::Result;

Result<IndexStatus> Registry::refresh_index() {
  auto index = detail::Index::open(*impl_);
  if (!index) return std::unexpected(index.error());
  return index->refresh(*impl_);
}

Result<std::vector<SearchHit>> Registry::search(const SearchQuery& query) {
  auto index = detail::Index::open(*impl_);
  if (!index) return std::unexpected(index.error());
  if (auto ok = index->refresh(*impl_); !ok) return std::unexpected(ok.error());
  auto hits = index->search(query);
  if (!hits || query.licence_allows.empty()) return hits;
  // The index knows the derivation graph; members of components and objects are asked here.
  const auto use = query.licence_allows == "commercial" ? core::Use::sell_product : core::Use::derive;
  std::vector<SearchHit> kept;
  for (auto& h : *hits) {
    auto ref = parse_serial_ref(h.serial + "@" + h.version);
    if (ref && ref->serial.kind != 'P') {
      auto report = rights(*ref);
      if (!report) return std::unexpected(report.error());
      auto verdict = report->answer(use).verdict;
      if (verdict != core::RightsVerdict::allowed && verdict != core::RightsVerdict::allowed_with_obligations) continue;
    }
    kept.push_back(std::move(h));
  }
  return kept;
}

namespace {

// Walks parents (depth -1, -2, ...) or children (1, 2, ...) depth-first, each serial once.
Result<void> walk(const detail::Index& index, const std::string& serial, int depth, bool up,
                  std::set<std::string>& seen, std::vector<LineageNode>& out) {
  auto edges = index.edges(serial, up);
  if (!edges) return std::unexpected(edges.error());
  std::set<std::string> done;
  for (const auto& e : *edges) {
    const std::string& next = up ? e.parent : e.child;
    if (!done.insert(next).second) continue;
    auto node = index.node(next);
    if (!node) return std::unexpected(node.error());
    node->depth = depth;
    node->relation = e.relation;
    node->parent = up ? "" : e.parent + "@" + e.parent_version;
    if (up) node->version = e.parent_version;
    bool fresh = seen.insert(next).second;
    out.push_back(*node);
    if (!fresh) continue;  // a cycle or a shared ancestor: shown once, not walked again
    if (auto ok = walk(index, next, up ? depth - 1 : depth + 1, up, seen, out); !ok) return ok;
  }
  return {};
}

}  // namespace

Result<Lineage> Registry::lineage(const Serial& serial) {
  auto index = detail::Index::open(*impl_);
  if (!index) return std::unexpected(index.error());
  if (auto ok = index->refresh(*impl_); !ok) return std::unexpected(ok.error());
  Lineage out;
  auto self = index->node(serial.to_string());
  if (!self) return std::unexpected(self.error());
  if (self->version.empty()) {
    return core::fail(core::Errc::invalid, fmt::format("{} is not in this registry", serial.to_string()));
  }
  out.self = *self;
  std::set<std::string> seen{serial.to_string()};
  if (auto ok = walk(*index, serial.to_string(), -1, true, seen, out.ancestors); !ok) {
    return std::unexpected(ok.error());
  }
  seen = {serial.to_string()};
  if (auto ok = walk(*index, serial.to_string(), 1, false, seen, out.descendants); !ok) {
    return std::unexpected(ok.error());
  }
  return out;
}

}  // namespace archipel::registry
