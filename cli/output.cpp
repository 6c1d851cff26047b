#include "output.hpp"

#include <cstdio>
#include <iostream>

#include <unistd.h>

#include "archipel/core/warnings.hpp"

namespace archipel::cli {

int exit_code_for(const core::Error& error) {
  switch (error.code) {
    case core::Errc::invalid: return exit_findings;
    case core::Errc::usage: return exit_usage;
    case core::Errc::io: return exit_io;
  }
  return exit_io;
}

int report_error(const core::Error& error) {
  std::cout.flush();
  std::cerr << "archipel: error: " << error.to_string() << '\n';
  return exit_code_for(error);
}

void print_warning(const std::string& text) {
  std::cerr << "archipel: warning: " << text << '\n';
}

void print_warnings(const std::string& where, const std::vector<core::Warning>& warnings) {
  for (const auto& w : warnings) print_warning(core::warning_line(where, w));
}

void print_json(const nlohmann::json& doc) {
  // error_handler::replace: a string that is not UTF-8 must never abort the output.
  std::cout << doc.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) << '\n';
}

void print_ordered_json(const nlohmann::ordered_json& doc) {
  std::cout << doc.dump(2, ' ', false, nlohmann::ordered_json::error_handler_t::replace) << '\n';
}

void print_json(nlohmann::json::initializer_list_t doc) { print_json(nlohmann::json(doc)); }

bool stdout_is_terminal() { return ::isatty(STDOUT_FILENO) == 1; }
bool stderr_is_terminal() { return ::isatty(STDERR_FILENO) == 1; }

}  // namespace archipel::cli
