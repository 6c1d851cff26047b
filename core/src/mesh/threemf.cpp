// 3MF: the root model part's unit, and the triangles its build places. The model XML is read
// as a stream (expat): objects with meshes or components, and build items, with their transforms.
#include "mesh/threemf.hpp"

#include <cctype>
#include <charconv>
#include <cmath>
#include <map>
#include <optional>
#include <string>

#include <fmt/format.h>

#include "mesh/threemf_package.hpp"

namespace archipel::core::detail {
namespace {

constexpr std::string_view production_path =
    "http://schemas.microsoft.com/3dmanufacturing/production/2015/06|path";

std::optional<LengthUnit> threemf_unit(std::string_view name) {
  if (name == "micron") return LengthUnit::um;
  if (name == "millimeter") return LengthUnit::mm;
  if (name == "centimeter") return LengthUnit::cm;
  if (name == "inch") return LengthUnit::inch;
  if (name == "foot") return LengthUnit::ft;
  if (name == "meter") return LengthUnit::m;
  return std::nullopt;
}

class UnitHandler : public XmlHandler {
 public:
  bool seen = false;
  std::optional<std::string> unit;
  std::string start(const XmlElement& e) override {
    if (e.name != "model") return "the root element is not <model>";
    seen = true;
    if (const char* u = e.attribute("unit")) unit = u;
    return {};
  }
  bool finished() const override { return seen; }
};

// p' = l · p + t, with l row-major.
struct Affine {
  std::array<double, 9> l{1, 0, 0, 0, 1, 0, 0, 0, 1};
  Vec3 t{};
  [[nodiscard]] Vec3 apply(const Vec3& p) const {
    return {l[0] * p[0] + l[1] * p[1] + l[2] * p[2] + t[0], l[3] * p[0] + l[4] * p[1] + l[5] * p[2] + t[1],
            l[6] * p[0] + l[7] * p[1] + l[8] * p[2] + t[2]};
  }
  // outer ∘ inner: inner applied first.
  [[nodiscard]] Affine then(const Affine& outer) const {
    Affine r;
    for (int i = 0; i < 3; ++i)
      for (int j = 0; j < 3; ++j)
        r.l[3 * i + j] = outer.l[3 * i] * l[j] + outer.l[3 * i + 1] * l[3 + j] + outer.l[3 * i + 2] * l[6 + j];
    r.t = outer.apply(t);
    return r;
  }
};

std::optional<double> finite_number(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '+')) text.remove_prefix(1);
  double v = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
  if (ec != std::errc{} || end != text.data() + text.size() || !std::isfinite(v)) return std::nullopt;
  return v;
}

std::optional<std::uint32_t> index_number(const char* text) {
  if (text == nullptr) return std::nullopt;
  const std::string_view s(text);
  std::uint32_t v = 0;
  const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc{} || end != s.data() + s.size()) return std::nullopt;
  return v;
}

// A 3MF matrix: "m00 m01 m02 m10 m11 m12 m20 m21 m22 m30 m31 m32", applied to row vectors
// (p' = [x y z 1] · M), so column j of M is row j of our l.
std::optional<Affine> parse_transform(const char* text) {
  if (text == nullptr) return Affine{};
  std::array<double, 12> m{};
  std::string_view s(text);
  for (double& v : m) {
    while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
    std::size_t n = 0;
    while (n < s.size() && !std::isspace(static_cast<unsigned char>(s[n]))) ++n;
    const auto x = finite_number(s.substr(0, n));
    if (!x) return std::nullopt;
    v = *x;
    s.remove_prefix(n);
  }
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  if (!s.empty()) return std::nullopt;
  Affine a;
  for (int i = 0; i < 3; ++i)
    for (int j = 0; j < 3; ++j) a.l[3 * i + j] = m[3 * j + i];
  a.t = {m[9], m[10], m[11]};
  return a;
}

struct Reference {
  std::string part;  // empty: the part the reference is in
  std::uint32_t object = 0;
  Affine transform;
};

struct Object {
  bool placeable = true;  // type model (the default); support and other objects are not the part
  std::vector<Vec3> vertices;
  std::vector<Triangle> triangles;
  std::vector<Reference> components;
};

struct ModelPart {
  std::map<std::uint32_t, Object> objects;
  std::vector<Reference> items;
};

std::string part_of(const char* path) {
  std::string_view p = path ? path : "";
  while (!p.empty() && p.front() == '/') p.remove_prefix(1);
  return std::string(p);
}

class ModelHandler : public XmlHandler {
 public:
  explicit ModelHandler(ModelPart& part) : part_(part) {}

  std::string start(const XmlElement& e) override {
    if (e.name == "object") return start_object(e);
    if (e.name == "vertex") return vertex(e);
    if (e.name == "triangle") return triangle(e);
    if (e.name == "component" || e.name == "item") return reference(e);
    return {};
  }
  void end(std::string_view name) override {
    if (name == "object") current_ = nullptr;
  }

 private:
  std::string start_object(const XmlElement& e) {
    const auto id = index_number(e.attribute("id"));
    if (!id) return "an <object> without a valid id";
    auto [it, fresh] = part_.objects.try_emplace(*id);
    if (!fresh) return fmt::format("two objects with the id {}", *id);
    current_ = &it->second;
    const char* type = e.attribute("type");
    current_->placeable = type == nullptr || std::string_view(type) == "model";
    return {};
  }
  std::string vertex(const XmlElement& e) {
    if (current_ == nullptr) return "a <vertex> outside an object";
    Vec3 p{};
    const char* names[] = {"x", "y", "z"};
    for (int i = 0; i < 3; ++i) {
      const char* text = e.attribute(names[i]);
      const auto v = text ? finite_number(text) : std::nullopt;
      if (!v) return fmt::format("vertex {} has a coordinate {} that is not a finite number",
                                 current_->vertices.size(), names[i]);
      p[i] = *v;
    }
    current_->vertices.push_back(p);
    return {};
  }
  std::string triangle(const XmlElement& e) {
    if (current_ == nullptr) return "a <triangle> outside an object";
    Triangle t{};
    const char* names[] = {"v1", "v2", "v3"};
    for (int i = 0; i < 3; ++i) {
      const auto v = index_number(e.attribute(names[i]));
      if (!v || *v >= current_->vertices.size())
        return fmt::format("triangle {} refers to a vertex that does not exist", current_->triangles.size());
      t[i] = *v;
    }
    current_->triangles.push_back(t);
    return {};
  }
  std::string reference(const XmlElement& e) {
    const auto id = index_number(e.attribute("objectid"));
    const auto transform = parse_transform(e.attribute("transform"));
    if (!id) return fmt::format("a <{}> without a valid objectid", e.name);
    if (!transform) return fmt::format("a <{}> whose transform is not 12 finite numbers", e.name);
    Reference r{part_of(e.attribute(production_path)), *id, *transform};
    if (e.name == "item") {
      part_.items.push_back(std::move(r));
      return {};
    }
    if (current_ == nullptr) return "a <component> outside an object";
    current_->components.push_back(std::move(r));
    return {};
  }

  ModelPart& part_;
  Object* current_ = nullptr;
};

// Resolves the build into triangles, reading the model parts components point into on demand.
class Placer {
 public:
  Placer(Package& package, const PackageLimits& limits) : package_(package), limits_(limits) {}

  Result<ThreeMfMesh> place_build(const std::string& root) {
    auto part = load(root);
    if (!part) return std::unexpected(part.error());
    const std::vector<Reference> items = (*part)->items;
    for (const Reference& item : items)
      if (auto r = place(item.part.empty() ? root : item.part, item.object, item.transform, 0); !r)
        return std::unexpected(r.error());
    return std::move(out_);
  }

 private:
  Result<ModelPart*> load(const std::string& name) {
    auto it = parts_.find(name);
    if (it != parts_.end()) return &it->second;
    ModelPart& part = parts_[name];
    ModelHandler handler(part);
    if (auto r = package_.parse(name, handler); !r) return std::unexpected(r.error());
    return &part;
  }

  Result<void> place(const std::string& name, std::uint32_t id, const Affine& transform, int depth) {
    if (depth > limits_.max_depth)
      return fail(Errc::io, fmt::format("3MF components nested deeper than {} levels (a cycle?)", limits_.max_depth),
                  package_.origin());
    auto part = load(name);
    if (!part) return std::unexpected(part.error());
    const auto found = (*part)->objects.find(id);
    if (found == (*part)->objects.end())
      return fail(Errc::io, fmt::format("3MF part {} has no object {}", name, id), package_.origin());
    const Object& object = found->second;
    if (!object.placeable) return {};
    if (out_.triangles.size() + object.triangles.size() > limits_.max_placed_triangles)
      return fail(Errc::io, fmt::format("3MF build places more than {} triangles", limits_.max_placed_triangles),
                  package_.origin());
    const auto base = static_cast<std::uint32_t>(out_.vertices.size());
    for (const Vec3& p : object.vertices) out_.vertices.push_back(transform.apply(p));
    for (const Triangle& t : object.triangles) out_.triangles.push_back({t[0] + base, t[1] + base, t[2] + base});
    for (const Reference& c : object.components)
      if (auto r = place(c.part.empty() ? name : c.part, c.object, c.transform.then(transform), depth + 1); !r)
        return r;
    return {};
  }

  Package& package_;
  PackageLimits limits_;
  std::map<std::string, ModelPart> parts_;
  ThreeMfMesh out_;
};

Result<std::string> root_part(Package& package) {
  auto root = package.root_model();
  if (!root) return root;
  if (!package.has_part(*root))
    return fail(Errc::io, "3MF package without a 3D model part (" + *root + ")", package.origin());
  return root;
}

}  // namespace

Result<LengthUnit> read_3mf_unit(const std::filesystem::path& path, const PackageLimits& limits) {
  auto package = Package::open(path, limits);
  if (!package) return std::unexpected(package.error());
  const auto root = root_part(*package);
  if (!root) return std::unexpected(root.error());
  UnitHandler handler;
  if (auto r = package->parse(*root, handler, 64 * 1024); !r) return std::unexpected(r.error());
  if (!handler.seen) return fail(Errc::io, "3MF model part " + *root + " has no <model> element", path.string());
  if (!handler.unit) return LengthUnit::mm;
  if (auto u = threemf_unit(*handler.unit)) return *u;
  return fail(Errc::io, "3MF model declares an unknown unit \"" + *handler.unit + "\"", path.string());
}

Result<ThreeMfMesh> read_3mf_mesh(const std::filesystem::path& path, const PackageLimits& limits) {
  auto package = Package::open(path, limits);
  if (!package) return std::unexpected(package.error());
  const auto root = root_part(*package);
  if (!root) return std::unexpected(root.error());
  return Placer(*package, limits).place_build(*root);
}

}  // namespace archipel::core::detail
