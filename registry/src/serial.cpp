#include "archipel/registry/serial.hpp"

#include <charconv>

#include <fmt/format.h>

namespace archipel::registry {

std::string Serial::to_string() const { return fmt::format("{}-{}{:04}", ns, kind, number); }

std::string Serial::folder() const {
  return fmt::format("{}/{:03}/{}", kind_folder(ns, kind), number / 1000, to_string());
}

std::string SerialRef::to_string() const {
  return version ? serial.to_string() + "@" + *version : serial.to_string();
}

bool valid_namespace(std::string_view ns) {
  if (ns.size() < 2 || ns.size() > 8 || ns[0] < 'A' || ns[0] > 'Z') return false;
  for (char c : ns) {
    if (!((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'))) return false;
  }
  return true;
}

std::optional<char> kind_letter(std::string_view kind) {
  if (kind == "part") return 'P';
  if (kind == "component") return 'C';
  if (kind == "object") return 'O';
  return std::nullopt;
}

std::string kind_folder(std::string_view ns, char kind) { return fmt::format("parts/{}/{}", ns, kind); }

core::Result<Serial> parse_serial(std::string_view text) {
  auto bad = [&] {
    return core::fail(core::Errc::usage,
                      fmt::format("\"{}\" is not a serial (expected NS-P0042: namespace, '-', "
                                  "P, C or O, at least four digits)",
                                  text));
  };
  auto dash = text.rfind('-');
  if (dash == std::string_view::npos || dash + 6 > text.size()) return bad();
  Serial s;
  s.ns = std::string(text.substr(0, dash));
  s.kind = text[dash + 1];
  auto digits = text.substr(dash + 2);
  if (!valid_namespace(s.ns) || (s.kind != 'P' && s.kind != 'C' && s.kind != 'O')) return bad();
  if (digits.size() > 12 || (digits.size() > 4 && digits[0] == '0')) return bad();
  auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), s.number);
  if (ec != std::errc{} || end != digits.data() + digits.size() || s.number == 0) return bad();
  return s;
}

core::Result<SerialRef> parse_serial_ref(std::string_view text) {
  auto at = text.find('@');
  auto serial = parse_serial(text.substr(0, at));
  if (!serial) return std::unexpected(serial.error());
  SerialRef ref{*serial, std::nullopt};
  if (at != std::string_view::npos) {
    ref.version = std::string(text.substr(at + 1));
    if (ref.version->empty()) {
      return core::fail(core::Errc::usage, fmt::format("\"{}\" has an empty version", text));
    }
  }
  return ref;
}

}  // namespace archipel::registry
