// archipel verify: file hashes, manifests, lineage links and git objects; exit 1 on problems.
#include <iostream>

#include "commands.hpp"
#include "commands/registry_options.hpp"
#include "output.hpp"

namespace archipel::cli {

void register_verify(CLI::App& app, Dispatch& dispatch) {
  auto* sub = app.add_subcommand("verify", "Check the registry's integrity (exit 1 when a problem is found)");
  auto o = add_registry_options(sub);
  auto no_cache = std::make_shared<bool>(false);
  sub->add_flag("--no-cache", *no_cache,
                "Check every commit again, not only those since the last verified tip");
  auto measure = std::make_shared<bool>(false);
  sub->add_flag("--measure", *measure,
                "Also measure every geometry file again and compare with measured.json");
  on_run(sub, dispatch, [o, no_cache, measure]() -> int {
    auto reg = open_registry(*o);
    if (!reg) return report_error(reg.error());
    auto report = reg->verify(!*no_cache);
    if (!report) return report_error(report.error());
    if (*measure) {
      if (auto ok = reg->remeasure(*report); !ok) return report_error(ok.error());
    }
    for (const auto& w : report->warnings) print_warning(w.where + ": " + w.message);
    if (o->json) {
      auto problems = nlohmann::json::array(), warnings = nlohmann::json::array();
      for (const auto& p : report->problems) problems.push_back({{"where", p.where}, {"message", p.message}});
      for (const auto& w : report->warnings) warnings.push_back({{"where", w.where}, {"message", w.message}});
      print_json(nlohmann::json{{"versions", report->versions}, {"files", report->files}, {"links", report->links},
                  {"objects", report->objects}, {"commits", report->commits}, {"cached_commits", report->cached_commits}, {"problems", problems},
                  {"warnings", warnings}, {"ok", report->problems.empty()}});
    } else {
      for (const auto& p : report->problems) std::cout << "problem: " << printable(p.where) << ": " << printable(p.message) << "\n";
      std::cout << (report->problems.empty() ? "ok" : std::to_string(report->problems.size()) + " problems")
                << ": " << report->versions << " versions, " << report->files << " files, "
                << report->links << " lineage links, " << report->objects << " git objects, "
                << report->commits << " commits checked"
                << (report->cached_commits > 0 ? " (" + std::to_string(report->cached_commits) + " verified before)" : "")
                << "\n";
    }
    return report->problems.empty() ? exit_ok : exit_findings;
  });
}

}  // namespace archipel::cli
