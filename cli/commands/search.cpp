// archipel search [TEXT] [filters]: answered from the SQLite index, refreshed by commit id.
#include <cstdio>
#include <iostream>

#include <fmt/format.h>

#include "commands.hpp"
#include "commands/registry_options.hpp"
#include "output.hpp"

namespace archipel::cli {

namespace {

core::Result<std::array<double, 3>> parse_size(const std::string& text) {
  std::array<double, 3> out{};
  char x1 = 0, x2 = 0;
  int used = 0;
  if (std::sscanf(text.c_str(), "%lf%c%lf%c%lf%n", &out[0], &x1, &out[1], &x2, &out[2], &used) != 5 ||
      static_cast<std::size_t>(used) != text.size() || x1 != 'x' || x2 != 'x' || out[0] <= 0 ||
      out[1] <= 0 || out[2] <= 0) {
    return core::fail(core::Errc::usage,
                      fmt::format("--max-size takes WxDxH in millimetres, e.g. 200x100x50, not \"{}\"", text));
  }
  return out;
}

}  // namespace

void register_search(CLI::App& app, Dispatch& dispatch) {
  auto* sub = app.add_subcommand("search", "Search the registry (latest versions not yanked)");
  auto o = add_registry_options(sub);
  auto q = std::make_shared<registry::SearchQuery>();
  auto size = std::make_shared<std::string>();
  sub->add_option("text", q->text, "Words to find in name, description, tags, materials, designer");
  sub->add_option("--material", q->material, "Material name contains M");
  sub->add_option("--licence-allows", q->licence_allows, "commercial or derivatives")
      ->check(CLI::IsMember({"commercial", "derivatives"}));
  sub->add_option("--designer", q->designer, "Designer name contains D");
  sub->add_option("--grid", q->grid, "Grid standard id");
  sub->add_option("--max-size", *size, "Fits in WxDxH millimetres (any axis order)");
  sub->add_option("--process", q->process, "Fabrication process contains P");
  sub->add_option("--limit", q->limit, "Most hits shown (default 50)");
  on_run(sub, dispatch, [o, q, size]() -> int {
    if (!size->empty()) {
      auto parsed = parse_size(*size);
      if (!parsed) return report_error(parsed.error());
      q->max_size = *parsed;
    }
    auto reg = open_registry(*o);
    if (!reg) return report_error(reg.error());
    auto hits = reg->search(*q);
    if (!hits) return report_error(hits.error());
    if (o->json) {
      auto out = nlohmann::json::array();
      for (const auto& h : *hits) {
        out.push_back({{"serial", h.serial}, {"version", h.version}, {"name", h.name},
                       {"designer", h.designer}, {"licence", h.licence}, {"grid", h.grid},
                       {"size", h.size}});
      }
      print_json(out);
      return exit_ok;
    }
    if (hits->empty()) std::cout << "No match\n";
    for (const auto& h : *hits) {
      std::cout << fmt::format("{}@{}  {}  ({}, {}, {:g}x{:g}x{:g} mm)\n", printable(h.serial),
                               printable(h.version), printable(h.name), printable(h.designer),
                               printable(h.licence), h.size[0], h.size[1], h.size[2]);
    }
    return exit_ok;
  });
}

}  // namespace archipel::cli
