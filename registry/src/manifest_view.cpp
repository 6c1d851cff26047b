#include "manifest_view.hpp"

namespace archipel::registry::detail {
using nlohmann::json;

std::string text(const json& doc, const char* key) {
  if (!doc.is_object()) return {};
  auto it = doc.find(key);
  return it != doc.end() && it->is_string() ? it->get<std::string>() : std::string{};
}

static const json& member(const json& doc, const char* key) {
  static const json null;
  if (!doc.is_object()) return null;
  auto it = doc.find(key);
  return it != doc.end() ? *it : null;
}

std::string designer_name(const json& m) { return text(member(m, "designer"), "name"); }
std::string designer_email(const json& m) { return text(member(m, "designer"), "email"); }

std::vector<FileEntry> files(const json& m) {
  std::vector<FileEntry> out;
  const json& list = member(m, "files");
  if (!list.is_array()) return out;
  for (std::size_t i = 0; i < list.size(); ++i) {
    const json& f = list[i];
    out.push_back({text(f, "path"), text(f, "role"), text(f, "sha256"), text(f, "unit"), i});
  }
  return out;
}

std::vector<Link> derived_from(const json& m) {
  std::vector<Link> out;
  const json& list = member(member(m, "lineage"), "derived_from");
  if (!list.is_array()) return out;
  for (const json& l : list) out.push_back({text(l, "serial"), text(l, "version"), text(l, "relation")});
  return out;
}

std::vector<Member> composition(const json& m) {
  std::vector<Member> out;
  const json& list = member(m, "composition");
  if (!list.is_array()) return out;
  for (const json& c : list) {
    const json& q = member(c, "quantity");
    out.push_back({text(c, "serial"), text(c, "version"), q.is_number_integer() ? q.get<long>() : 1L});
  }
  return out;
}

static std::vector<std::string> names_in(const json& list, const char* key) {
  std::vector<std::string> out;
  if (list.is_object()) {
    if (auto v = text(list, key); !v.empty()) out.push_back(v);
  } else if (list.is_array()) {
    for (const json& item : list) {
      if (item.is_string()) out.push_back(item.get<std::string>());
      else if (auto v = text(item, key); !v.empty()) out.push_back(v);
    }
  }
  return out;
}

std::vector<std::string> materials(const json& m) { return names_in(member(m, "materials"), "name"); }
std::vector<std::string> processes(const json& m) { return names_in(member(m, "fabrication"), "process"); }
std::vector<std::string> tags(const json& m) { return names_in(member(m, "tags"), "name"); }

std::string grid_standard(const json& m) {
  const json& g = member(m, "grid");
  if (g.is_string()) return g.get<std::string>();
  return text(g, "standard");
}

std::array<double, 3> dimensions(const json& m) {
  const json& d = member(m, "dimensions");
  std::array<double, 3> out{};
  const char* keys[3] = {"width_mm", "depth_mm", "height_mm"};
  for (int i = 0; i < 3; ++i) {
    const json& v = member(d, keys[i]);
    if (v.is_number()) out[i] = v.get<double>();
  }
  return out;
}

}  // namespace archipel::registry::detail
