// archipel history SERIAL: the commits that published, forked or yanked its versions.
#include <ctime>
#include <iostream>

#include <fmt/format.h>

#include "commands.hpp"
#include "commands/registry_options.hpp"
#include "output.hpp"

namespace archipel::cli {

namespace {

std::string iso_time(std::int64_t t) {
  std::time_t tt = static_cast<std::time_t>(t);
  std::tm tm{};
  gmtime_r(&tt, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

}  // namespace

nlohmann::json signer_json(const registry::SignerInfo& s) {
  return {{"state", registry::to_string(s.state)}, {"principal", s.principal},
          {"fingerprint", s.fingerprint}, {"reason", s.reason}};
}

std::string signer_text(const registry::SignerInfo& s) {
  if (s.state == registry::SignatureState::good) return fmt::format("good, {} ({})", s.principal, s.fingerprint);
  if (s.state == registry::SignatureState::unsigned_) return "unsigned";
  std::string who = s.fingerprint.empty() ? "" : " " + s.fingerprint;
  return fmt::format("{}{} ({})", registry::to_string(s.state), who, s.reason);
}

void register_history(CLI::App& app, Dispatch& dispatch) {
  auto* sub = app.add_subcommand("history", "Show the commits that touched a part, newest first");
  auto o = add_registry_options(sub);
  auto serial = std::make_shared<std::string>();
  sub->add_option("serial", *serial, "SERIAL")->required();
  on_run(sub, dispatch, [o, serial]() -> int {
    auto parsed = registry::parse_serial(*serial);
    if (!parsed) return report_error(parsed.error());
    auto reg = open_registry(*o);
    if (!reg) return report_error(reg.error());
    auto entries = reg->history(*parsed);
    if (!entries) return report_error(entries.error());
    if (o->json) {
      auto out = nlohmann::json::array();
      for (const auto& e : *entries) {
        out.push_back({{"commit", e.commit}, {"author", e.author}, {"email", e.email},
                       {"time", iso_time(e.time)}, {"message", e.message},
                       {"signer", signer_json(e.signer)}});
      }
      print_json(out);
      return exit_ok;
    }
    for (const auto& e : *entries) {
      std::cout << fmt::format("{} {} {} <{}>\n    {}\n    signed: {}\n",
                               printable(e.commit.substr(0, 12)), iso_time(e.time), printable(e.author),
                               printable(e.email), printable(e.message), printable(signer_text(e.signer)));
    }
    return exit_ok;
  });
}

}  // namespace archipel::cli
