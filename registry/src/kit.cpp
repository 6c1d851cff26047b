// archipel kit: resolution (pinned by kit.lock when given), rights, hardware, and writing.
#include "archipel/registry/kit.hpp"

#include <algorithm>
#include <cctype>
#include <map>

#include <fmt/format.h>

#include "archipel/core/bom.hpp"
#include "archipel/core/compat.hpp"
#include "archipel/core/fasteners.hpp"
#include "archipel/core/interface.hpp"
#include "archipel/core/licence.hpp"
#include "archipel/core/licence_rules.hpp"
#include "archipel/core/safe_fs.hpp"
#include "archipel/core/schema_check.hpp"
#include "impl.hpp"
#include "kit_internal.hpp"
#include "manifest_view.hpp"
#include "rights_checks.hpp"

namespace archipel::registry {
namespace fs = std::filesystem;
using core::Result;
using nlohmann::json;

namespace {

using Pins = std::map<std::string, std::string>;  // serial → version, from kit.lock

core::BomNode bom_node(const VersionInfo& info) {
  core::BomNode n{info.serial, info.version, detail::text(info.manifest, "name"), detail::text(info.manifest, "kind"),
                  detail::grid_standard(info.manifest), info.yanked.has_value(), {}};
  for (const auto& c : detail::composition(info.manifest)) n.members.push_back({c.serial, c.requirement, c.quantity});
  return n;
}

core::BomLookup bom_lookup(const Registry& reg, const Pins& pins) {
  return [&reg, &pins](const std::string& serial, const std::string& requirement)
             -> Result<std::optional<core::BomNode>> {
    std::string req = requirement;
    if (!pins.empty()) {
      auto it = pins.find(serial);
      if (it == pins.end()) return core::fail(core::Errc::invalid, fmt::format("kit.lock does not pin {}", serial));
      req = "=" + it->second;
    }
    auto info = reg.resolve(serial, req);
    if (!info) return std::unexpected(info.error());
    if (!*info) return std::optional<core::BomNode>{};
    return std::optional<core::BomNode>{bom_node(**info)};
  };
}

// The registry's rights lookup, with the members' versions pinned by kit.lock (ancestors are
// named by exact version already).
core::RightsLookup pinned_rights(const Registry& reg, const Pins& pins) {
  return [base = reg.rights_lookup(), &pins](const std::string& serial, const std::string& requirement) {
    auto it = pins.find(serial);
    bool exact = requirement.starts_with("=");
    return base(serial, it == pins.end() || exact ? requirement : "=" + it->second);
  };
}

Result<void> check_out(const fs::path& out) {
  std::error_code ec;
  auto st = fs::symlink_status(out, ec);
  if (fs::is_symlink(st)) return core::fail(core::Errc::invalid, "is a symbolic link: refused", out.string());
  if (!fs::exists(st)) return {};
  if (!fs::is_directory(st) || !fs::is_empty(out, ec))
    return core::fail(core::Errc::invalid, "exists and is not an empty folder", out.string());
  return {};
}

json member_lock(const KitMember& m) {
  json files = json::array();
  for (const auto& f : detail::files(m.info.manifest)) files.push_back({{"path", f.path}, {"sha256", f.sha256}});
  return {{"serial", m.serial}, {"version", m.version}, {"kind", m.kind}, {"quantity", m.quantity},
          {"part_json_sha256", detail::sha256_hex(detail::canonical(m.info.manifest))}, {"files", files}};
}

// The locked member must be the same bytes as when the lock was written (its exports are
// checked once made, check_locked_exports).
Result<void> check_locked(const KitMember& m, const json& lock) {
  for (json l : lock.at("members")) {
    if (l.at("serial") != m.serial || l.at("version") != m.version) continue;
    l.erase("exports");
    if (l != member_lock(m))
      return core::fail(core::Errc::invalid,
                        fmt::format("{}@{} differs from the one kit.lock pins (sha256 of its part.json or files)",
                                    m.serial, m.version),
                        "kit.lock", "/members");
    return {};
  }
  return core::fail(core::Errc::invalid, fmt::format("kit.lock does not pin {}@{}", m.serial, m.version), "kit.lock",
                    "/members");
}

class Builder {
 public:
  Builder(const Registry& reg, const KitRequest& req)
      : reg_(reg), req_(req), quantity_(req.quantity), purpose_(req.purpose) {
    kit_.reg = &reg;
    kit_.request = &req;
    kit_.result = &result_;
  }

  Result<KitResult> run() {
    if (auto ok = check_out(req_.out); !ok) return std::unexpected(ok.error());
    auto roots = read_roots();
    if (!roots) return std::unexpected(roots.error());
    if (quantity_ < 1) return core::fail(core::Errc::usage, "--quantity must be 1 or more");
    for (const auto& root : *roots) {
      auto info = reg_.show(root);
      if (!info) return std::unexpected(info.error());
      auto node = detail::rights_node(info->manifest, info->serial);
      node.version = info->version;
      auto report = core::evaluate_rights(node, pinned_rights(reg_, pins_));
      if (!report) return std::unexpected(report.error());
      result_.rights.push_back(*report);
      const auto& a = report->answer(purpose_);
      bool ok = a.verdict == core::RightsVerdict::allowed || a.verdict == core::RightsVerdict::allowed_with_obligations;
      if (!ok && !result_.refusal) {
        result_.refusal = a;
        result_.refused_root = report->root.serial + "@" + report->root.version;
      }
    }
    if (result_.refusal) return std::move(result_);
    for (const auto& root : *roots)
      if (auto ok = add_root(root); !ok) return std::unexpected(ok.error());
    if (auto ok = finish_members(); !ok) return std::unexpected(ok.error());
    if (auto ok = prepare_fabrication(); !ok) return std::unexpected(ok.error());
    add_joints();
    if (auto ok = write_all(); !ok) return std::unexpected(ok.error());
    return std::move(result_);
  }

 private:
  Result<std::vector<SerialRef>> read_roots() {
    std::vector<SerialRef> roots = req_.roots;
    if (req_.locked) {
      if (auto ok = core::check_against_schema(*req_.locked, "kit-lock.schema.json", "kit.lock"); !ok)
        return std::unexpected(ok.error());
      roots.clear();
      for (const auto& r : req_.locked->at("roots")) {
        auto ref = parse_serial_ref(r.at("serial").get<std::string>() + "@" + r.at("version").get<std::string>());
        if (!ref) return std::unexpected(ref.error());
        roots.push_back(*ref);
      }
      for (const auto& m : req_.locked->at("members"))
        pins_.emplace(m.at("serial").get<std::string>(), m.at("version").get<std::string>());
      quantity_ = req_.locked->at("quantity").get<long>();
      purpose_ = core::parse_use(req_.locked->at("for").get<std::string>()).value_or(core::Use::make);
    }
    if (roots.empty()) return core::fail(core::Errc::usage, "a kit needs at least one SERIAL[@VERSION]");
    return roots;
  }

  void count(const std::string& serial, const std::string& version, const std::string& kind,
             const std::string& name, long quantity) {
    auto& m = members_[{serial, version}];
    m.serial = serial;
    m.version = version;
    m.kind = kind;
    m.name = name;
    m.quantity += quantity * quantity_;
  }

  Result<void> add_root(const SerialRef& root) {
    auto info = reg_.show(root);
    if (!info) return std::unexpected(info.error());
    roots_.push_back({{"serial", info->serial}, {"version", info->version}});
    auto bom = core::resolve_bom(info->serial, "=" + info->version, bom_lookup(reg_, pins_));
    if (!bom) return std::unexpected(bom.error());
    count(bom->root.serial, bom->root.version, bom->root.kind, bom->root.name, 1);
    for (const auto& l : bom->lines) count(l.serial, l.version, l.kind, l.name, l.quantity);
    for (const auto& p : bom->problems) result_.warnings.push_back(fmt::format("{}: {} [{}]", p.kind, p.message, p.path));
    return {};
  }

  Result<void> finish_members() {
    for (auto& [key, m] : members_) {
      auto ref = parse_serial_ref(m.serial + "@" + m.version);
      if (!ref) return std::unexpected(ref.error());
      auto info = reg_.show(*ref);
      if (!info) return std::unexpected(info.error());
      m.info = std::move(*info);
      if (req_.locked)
        if (auto ok = check_locked(m, *req_.locked); !ok) return ok;
      result_.members.push_back(m);
    }
    auto tip = reg_.tip();
    if (!tip) return std::unexpected(tip.error());
    kit_.commit = req_.locked ? req_.locked->at("registry").at("commit").get<std::string>() : *tip;
    json members = json::array();
    for (const auto& m : result_.members) members.push_back(member_lock(m));
    const auto& config = reg_.config();
    result_.lock = {{"kit_lock", 1},
                    {"registry", {{"namespace", config.ns}, {"name", config.name}, {"commit", kit_.commit}}},
                    {"for", core::to_string(purpose_)},
                    {"quantity", quantity_},
                    {"roots", roots_},
                    {"members", members}};
    return {};
  }

  // Every member's fabrication files, made before anything is written; their exports go into
  // the lock, and a locked rebuild must give the exports the lock records.
  Result<void> prepare_fabrication() {
    auto& locked_members = result_.lock["members"];
    for (std::size_t i = 0; i < result_.members.size(); ++i) {
      const auto& m = result_.members[i];
      auto made = fabrication_files(reg_, m);
      if (!made) return std::unexpected(made.error());
      json exports = json::array();
      for (const auto& f : made->files)
        if (f.report) exports.push_back(export_lock(f));
      for (auto& w : made->warnings) result_.warnings.push_back(std::move(w));
      if (req_.locked)
        if (auto ok = check_locked_exports(m, exports); !ok) return ok;
      if (!exports.empty()) locked_members[i]["exports"] = std::move(exports);
      fabrication_.push_back(std::move(made->files));
    }
    return {};
  }

  // A lock that records exports must get the same bytes again (another OpenCASCADE may mesh or
  // section differently: refused rather than a kit that differs from its lock).
  Result<void> check_locked_exports(const KitMember& m, const json& exports) const {
    for (const auto& l : req_.locked->at("members")) {
      if (l.at("serial") != m.serial || l.at("version") != m.version || !l.contains("exports")) continue;
      if (l["exports"] == exports) return {};
      return core::fail(core::Errc::invalid,
                        fmt::format("the exports of {}@{} differ from those kit.lock records (sha256 of a DXF or "
                                    "STL made again; another version of the geometry libraries?)",
                                    m.serial, m.version),
                        "kit.lock", "/members");
    }
    return {};
  }

  const KitMember* member(const std::string& serial) const {
    for (const auto& m : result_.members)
      if (m.serial == serial) return &m;
    return nullptr;
  }

  std::optional<core::ConnectionInterface> interface_of(const KitMember& m) const {
    if (!m.info.measured.is_object() || !m.info.measured.contains("files")) return std::nullopt;
    for (const auto& f : m.info.measured["files"]) {
      if (!f.contains("interface")) continue;
      auto i = core::interface_from_json(f["interface"], m.serial + "@" + m.version + "/measured.json");
      if (i) return *i;
    }
    return std::nullopt;
  }

  // Each declared joint checked on the grid: the screws and nuts it takes, per declaring object.
  void add_joints() {
    for (const auto& obj : result_.members) {
      const auto& doc = obj.info.manifest;
      if (!doc.contains("joints")) continue;
      for (const auto& j : doc["joints"]) {
        detail::KitJoint k;
        k.object = obj.serial + "@" + obj.version;
        k.objects = obj.quantity;
        const auto& p = j.at("placement");
        k.dx = p.value("dx", 0), k.dy = p.value("dy", 0), k.rotation = p.value("rotation", 0);
        k.flip = p.value("flip", false);
        const KitMember* a = member(j.value("a", ""));
        const KitMember* b = member(j.value("b", ""));
        k.a = a ? a->serial + "@" + a->version : j.value("a", "");
        k.b = b ? b->serial + "@" + b->version : j.value("b", "");
        auto ia = a ? interface_of(*a) : std::nullopt;
        auto ib = b ? interface_of(*b) : std::nullopt;
        if (ia && ib) place(k, *ia, *ib);
        else k.explanation = "no measured interface for one of the members";
        if (!k.fits)
          result_.warnings.push_back(fmt::format("joint {} + {} of {}: {}", k.a, k.b, k.object, k.explanation));
        kit_.joints.push_back(std::move(k));
      }
    }
    std::map<std::string, long> items;
    for (const auto& k : kit_.joints) {
      if (!k.fits) continue;
      const long n = k.fasteners * k.objects;
      std::string size = k.screw.substr(0, k.screw.find(' '));           // "M5"
      std::string length = k.screw.substr(0, k.screw.find(" + nut"));    // "M5 x 12"
      items[fmt::format("ISO 4762 {} socket head cap screw", length)] += n;
      items[fmt::format("ISO 4032 {} hex nut", size)] += n;
      items[fmt::format("ISO 7089 {} plain washer", size)] += 2 * n;  // under the head and under the nut
    }
    for (const auto& [item, n] : items) result_.hardware.push_back({item, n});
  }

  static void place(detail::KitJoint& k, const core::ConnectionInterface& a, const core::ConnectionInterface& b) {
    core::BoltedPlacement p;
    p.dx = k.dx, p.dy = k.dy, p.rotation = k.rotation, p.flip = k.flip;
    auto report = core::check_placement(a, b, p);
    k.fits = report.reason == core::CompatReason::compatible && !report.placements.empty();
    if (!k.fits) {
      k.explanation = report.explanation;
      return;
    }
    const auto& best = report.placements.front();
    k.screw = best.screw;
    k.fasteners = static_cast<long>(best.shared.size());
    k.svg = core::render_compat_svg(a, b, best);
  }

  Result<void> write(const std::string& name, const std::string& bytes) {
    fs::path path = req_.out / name;
    std::error_code ec;
    fs::create_directories(path.parent_path(), ec);
    if (ec) return core::fail(core::Errc::io, "cannot create the folder: " + ec.message(), path.parent_path().string());
    if (auto ok = core::write_file_atomic(path, bytes); !ok) return ok;
    result_.files.push_back(name);
    return {};
  }

  Result<void> write_all() {
    for (std::size_t i = 0; i < result_.members.size(); ++i) {
      const auto& m = result_.members[i];
      for (const auto& f : fabrication_[i]) {
        if (auto ok = write("fabrication/" + f.name, f.bytes); !ok) return ok;
        kit_.fabricated[m.serial + "@" + m.version].push_back("fabrication/" + f.name);
      }
    }
    if (auto ok = write_licences(); !ok) return ok;
    auto notice = detail::notice_md(kit_);
    if (!notice) return std::unexpected(notice.error());
    for (const auto& [name, bytes] : {std::pair<std::string, std::string>{"kit.lock", result_.lock.dump(2) + "\n"},
                                      {"BOM.csv", detail::bom_csv(kit_)}, {"NOTICE.md", *notice},
                                      {"assembly.html", detail::assembly_html(kit_)}})
      if (auto ok = write(name, bytes); !ok) return ok;
    std::ranges::sort(result_.files);
    return {};
  }

  Result<void> write_licences() {
    for (const auto& id : detail::kit_licence_ids(result_)) {
      if (id.find('/') != std::string::npos || id.starts_with(".")) continue;  // never a path
      auto text = core::licence_text(id);
      if (!text) return std::unexpected(text.error());
      std::string body = text->value_or("");
      if (core::find_licence(id) == nullptr) {
        body = fmt::format("{}\n\n{} is not a licence Archipel knows: ask the designer for its terms.\n", id, id);
      } else if (!*text) {
        body = fmt::format("{}\n\nThe full text of this licence is at https://spdx.org/licenses/{}.html\n", id, id);
        result_.warnings.push_back(fmt::format("no full text of {} (the SPDX data from npm is absent): "
                                               "LICENSES/{}.txt points to spdx.org",
                                               id, id));
      }
      if (auto ok = write("LICENSES/" + id + ".txt", body); !ok) return ok;
    }
    return {};
  }

  const Registry& reg_;
  const KitRequest& req_;
  KitResult result_;
  detail::KitData kit_;
  long quantity_;
  core::Use purpose_;
  Pins pins_;
  json roots_ = json::array();
  std::map<std::pair<std::string, std::string>, KitMember> members_;
  std::vector<std::vector<FabricationFile>> fabrication_;  ///< per member, as result_.members
};

}  // namespace

Result<KitResult> build_kit(const Registry& reg, const KitRequest& request) { return Builder(reg, request).run(); }

}  // namespace archipel::registry
