// where_used: the users of a part, answered from the reverse composition index (`members`).
#include <algorithm>
#include <map>
#include <set>

#include <fmt/format.h>

#include "index.hpp"

namespace archipel::registry {
using core::Result;

namespace {

// The current version of each parent among `rows`: its latest not yanked, else (every version
// yanked) its highest version listing the member. Rows of older versions are dropped.
std::vector<detail::MemberRow> current_rows(std::vector<detail::MemberRow> rows) {
  std::map<std::string, detail::MemberRow> best;
  for (auto& r : rows) {
    if (r.has_latest && !r.latest) continue;
    auto it = best.find(r.parent);
    if (it == best.end()) best.emplace(r.parent, std::move(r));
    else if (detail::compare_versions(r.parent_version, it->second.parent_version) > 0) it->second = std::move(r);
  }
  std::vector<detail::MemberRow> out;
  for (auto& [_, r] : best) out.push_back(std::move(r));
  return out;  // by parent serial (map order)
}

// Depth-first up the composition graph; `path` holds the serials on the way (a cycle stops there).
Result<void> walk_up(const detail::Index& index, const std::string& serial, long quantity, int depth,
                     std::set<std::string>& path, std::vector<Usage>& out) {
  auto rows = index.users(serial);
  if (!rows) return std::unexpected(rows.error());
  for (auto& r : current_rows(std::move(*rows))) {
    if (path.contains(r.parent)) continue;  // a cycle: the parent is already below on this path
    out.push_back({r.parent, r.parent_version, r.name, r.kind, r.requirement, serial, quantity * r.quantity,
                   r.yanked, depth});
    path.insert(r.parent);
    auto ok = walk_up(index, r.parent, quantity * r.quantity, depth + 1, path, out);
    path.erase(r.parent);
    if (!ok) return ok;
  }
  return {};
}

}  // namespace

Result<std::vector<Usage>> Registry::where_used(const Serial& serial) {
  auto index = detail::Index::open(*impl_);
  if (!index) return std::unexpected(index.error());
  if (auto ok = index->refresh(*impl_); !ok) return std::unexpected(ok.error());
  const std::string sn = serial.to_string();
  auto self = index->node(sn);
  if (!self) return std::unexpected(self.error());
  if (self->version.empty()) return core::fail(core::Errc::invalid, fmt::format("{} is not in this registry", sn));
  std::vector<Usage> out;
  std::set<std::string> path{sn};
  if (auto ok = walk_up(*index, sn, 1, 1, path, out); !ok) return std::unexpected(ok.error());
  return out;
}

}  // namespace archipel::registry
