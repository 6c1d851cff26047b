// Names git treats specially, in every spelling a file system may fold onto them. Our own code,
// following git's is_ntfs_dotgit / is_ntfs_dot_generic (path.c) and is_hfs_dotgit (utf8.c): git
// refuses such names in `fsck --strict` and on checkout; libgit2 refuses some of them only when
// writing a tree, as a late error. Refusing them in the manifest check gives one clear line.
#include <array>
#include <cstdint>
#include <string>
#include <string_view>

#include <fmt/format.h>

#include "archipel/core/manifest.hpp"

namespace archipel::core {
namespace {

// The code points HFS+ ignores when comparing names (git's next_hfs_char).
bool hfs_ignorable(std::uint32_t cp) {
  return (cp >= 0x200c && cp <= 0x200f) || (cp >= 0x202a && cp <= 0x202e) ||
         (cp >= 0x206a && cp <= 0x206f) || cp == 0xfeff;
}

// Decodes the UTF-8 at text[i] (the manifest is valid UTF-8: checked when it was read); a
// malformed byte is returned as itself.
std::uint32_t next_code_point(std::string_view text, std::size_t& i) {
  const auto byte = [&](std::size_t k) { return static_cast<unsigned char>(text[k]); };
  const unsigned char c = byte(i);
  const std::size_t len = c < 0x80 ? 1 : (c & 0xE0) == 0xC0 ? 2 : (c & 0xF0) == 0xE0 ? 3 : (c & 0xF8) == 0xF0 ? 4 : 1;
  if (len == 1 || i + len > text.size()) return byte(i++);
  std::uint32_t cp = c & (0x7F >> len);
  for (std::size_t k = 1; k < len; ++k) cp = (cp << 6) | (byte(i + k) & 0x3F);
  i += len;
  return cp;
}

// The name with HFS+-ignorable code points removed and ASCII letters lowered.
std::string hfs_folded(std::string_view name, bool& had_ignorable) {
  std::string out;
  for (std::size_t i = 0; i < name.size();) {
    const std::size_t start = i;
    const std::uint32_t cp = next_code_point(name, i);
    if (hfs_ignorable(cp)) {
      had_ignorable = true;
      continue;
    }
    for (std::size_t k = start; k < i; ++k) {
      const char c = name[k];
      out += (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
    }
  }
  return out;
}

// What NTFS makes of a name: an alternate data stream (":...") dropped, then trailing dots and
// spaces dropped.
std::string ntfs_base(std::string_view folded) {
  std::string out(folded.substr(0, folded.find(':')));
  while (!out.empty() && (out.back() == '.' || out.back() == ' ')) out.pop_back();
  return out;
}

struct Special {
  std::string_view name;       // without the leading dot
  std::string_view short_fallback;  // git's hashed 8.3 prefix (six characters)
};
constexpr std::array<Special, 5> specials{{{"git", "git~1"},
                                           {"gitmodules", "gi7eba"},
                                           {"gitattributes", "gi7d29"},
                                           {"gitignore", "gi250a"},
                                           {"mailmap", "maba30"}}};

// An 8.3 short name NTFS may give to `.name`: the first six letters then ~1..~4, or the hashed
// fall-back prefix then ~ and digits (eight characters in all), as git's is_ntfs_dot_generic.
bool is_short_name(std::string_view base, const Special& s) {
  if (s.name == "git") return base == "git~1";
  if (base.size() == 8 && base.substr(0, 6) == s.name.substr(0, 6) && base[6] == '~' && base[7] >= '1' &&
      base[7] <= '4')
    return true;
  if (base.size() != 8) return false;
  const auto tilde = base.find('~');
  if (tilde == std::string_view::npos || tilde > 6 || base.substr(0, tilde) != s.short_fallback.substr(0, tilde))
    return false;
  if (base[tilde + 1] < '1' || base[tilde + 1] > '9') return false;
  for (std::size_t k = tilde + 2; k < base.size(); ++k)
    if (base[k] < '0' || base[k] > '9') return false;
  return true;
}

}  // namespace

std::optional<std::string> git_special_name_reason(std::string_view component) {
  const auto quoted = fmt::format("\"{}\"", component);
  bool had_ignorable = false;
  const std::string folded = hfs_folded(component, had_ignorable);
  const std::string base = ntfs_base(folded);
  for (const Special& s : specials) {
    if (base == "." + std::string(s.name) || is_short_name(base, s))
      return fmt::format("{} is a name git treats specially (read as .{} by git or by some file systems); refused",
                         quoted, s.name);
  }
  if (had_ignorable)
    return fmt::format("{} holds an invisible Unicode character that macOS ignores in file names; refused", quoted);
  if (!component.empty() && (component.back() == '.' || component.back() == ' '))
    return fmt::format("{} ends with a dot or a space, which Windows drops from file names; refused", quoted);
  return std::nullopt;
}

}  // namespace archipel::core
