#include "output.hpp"

#include <cstdint>
#include <cstdio>
#include <iostream>

#include <unistd.h>

#include <fmt/format.h>

#include "archipel/core/warnings.hpp"

namespace archipel::cli {
namespace {

// Length of the well-formed UTF-8 sequence at text[i] and its code point, or 0.
std::size_t utf8_at(std::string_view text, std::size_t i, std::uint32_t& cp) {
  const auto byte = [&](std::size_t k) { return static_cast<unsigned char>(text[k]); };
  const unsigned char c = byte(i);
  std::size_t len = (c & 0xE0) == 0xC0 ? 2 : (c & 0xF0) == 0xE0 ? 3 : (c & 0xF8) == 0xF0 ? 4 : 0;
  if (len == 0 || i + len > text.size()) return 0;
  cp = c & (0x7F >> len);
  for (std::size_t k = 1; k < len; ++k) {
    if ((byte(i + k) & 0xC0) != 0x80) return 0;
    cp = (cp << 6) | (byte(i + k) & 0x3F);
  }
  static constexpr std::uint32_t min_cp[] = {0, 0, 0x80, 0x800, 0x10000};
  if (cp < min_cp[len] || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return 0;
  return len;
}

}  // namespace

std::string printable(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size();) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (c < 0x80) {
      if (c < 0x20 || c == 0x7F) out += fmt::format("\\x{:02x}", c);
      else out += static_cast<char>(c);
      ++i;
      continue;
    }
    std::uint32_t cp = 0;
    const std::size_t len = utf8_at(text, i, cp);
    if (len == 0) {
      out += fmt::format("\\x{:02x}", c);
      ++i;
    } else if (cp <= 0x9F) {  // C1 controls (CSI is U+009B)
      out += fmt::format("\\x{:02x}", cp);
      i += len;
    } else if ((cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069)) {
      out += fmt::format("\\u{:04x}", cp);
      i += len;
    } else {
      out.append(text.substr(i, len));
      i += len;
    }
  }
  return out;
}

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
  std::cerr << "archipel: error: " << printable(error.to_string()) << '\n';
  return exit_code_for(error);
}

void print_warning(const std::string& text) {
  std::cerr << "archipel: warning: " << printable(text) << '\n';
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
