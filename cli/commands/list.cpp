// archipel list: every serial in the registry with its latest version.
#include <iostream>
#include <iterator>

#include <fmt/format.h>

#include "commands.hpp"
#include "commands/registry_options.hpp"
#include "output.hpp"

namespace archipel::cli {

void register_list(CLI::App& app, Dispatch& dispatch) {
  auto* sub = app.add_subcommand("list", "List the parts in the registry");
  auto o = add_registry_options(sub);
  on_run(sub, dispatch, [o]() -> int {
    auto reg = open_registry(*o);
    if (!reg) return report_error(reg.error());
    // Streamed from the index, one serial at a time: 100 000 parts never sit in memory at once.
    std::size_t count = 0;
    std::string buffer;  // written in blocks of 64 kB: one stream operation per line costs more
    auto flush = [&] {
      std::cout.write(buffer.data(), static_cast<std::streamsize>(buffer.size()));
      buffer.clear();
    };
    auto ok = reg->list([&](const registry::PartSummary& p) {
      if (o->json) {
        nlohmann::json one = {{"serial", p.serial}, {"latest", p.latest}, {"name", p.name}, {"kind", p.kind},
                              {"designer", p.designer}, {"licence", p.licence}, {"versions", p.versions},
                              {"yanked", p.yanked}};
        // As print_json indents the whole array: each element two spaces further in.
        std::string text = one.dump(2, ' ', false, nlohmann::json::error_handler_t::replace);
        buffer += count == 0 ? "[\n  " : ",\n  ";
        for (char c : text) {
          buffer += c;
          if (c == '\n') buffer += "  ";
        }
      } else {
        fmt::format_to(std::back_inserter(buffer), "{:<12} {:<8} {}  ({}, {})\n", printable(p.serial),
                       p.latest.empty() ? "yanked" : printable(p.latest), printable(p.name),
                       printable(p.designer), printable(p.licence));
      }
      if (buffer.size() >= 65536) flush();
      ++count;
    });
    flush();
    if (o->json && (ok || count > 0)) std::cout << (count == 0 ? "[]\n" : "\n]\n");
    if (!ok) return report_error(ok.error());
    if (!o->json && count == 0) std::cout << "No parts in " << reg->path().string() << "\n";
    return exit_ok;
  });
}

}  // namespace archipel::cli
