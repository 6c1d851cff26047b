#include "archipel/core/semver.hpp"

#include <algorithm>
#include <charconv>
#include <limits>
#include <optional>

#include <fmt/format.h>

namespace archipel::core {
namespace {

constexpr std::string_view version_hint = "expected MAJOR.MINOR.PATCH, e.g. 1.2.0";

bool is_digits(std::string_view s) {
  return !s.empty() && std::ranges::all_of(s, [](char c) { return c >= '0' && c <= '9'; });
}

bool is_identifier_char(char c) {
  return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '-';
}

std::vector<std::string_view> split(std::string_view s, char sep) {
  std::vector<std::string_view> out;
  for (std::size_t start = 0;;) {
    const auto end = s.find(sep, start);
    out.push_back(s.substr(start, end == std::string_view::npos ? end : end - start));
    if (end == std::string_view::npos) return out;
    start = end + 1;
  }
}

std::unexpected<Error> bad_version(std::string_view text, std::string_view why) {
  return fail(Errc::invalid, fmt::format("\"{}\" is not a semantic version ({})", text, why));
}

// A numeric version part: digits, no leading zero, fits in 64 bits.
Result<std::uint64_t> parse_number(std::string_view text, std::string_view part) {
  if (!is_digits(part)) return bad_version(text, version_hint);
  if (part.size() > 1 && part[0] == '0')
    return bad_version(text, fmt::format("\"{}\" has a leading zero", part));
  std::uint64_t value = 0;
  const auto [ptr, ec] = std::from_chars(part.data(), part.data() + part.size(), value);
  if (ec != std::errc{} || ptr != part.data() + part.size())
    return bad_version(text, fmt::format("\"{}\" is too large", part));
  return value;
}

// Dot-separated identifiers of a pre-release (numeric ones without leading zeros) or a build.
std::optional<std::string> identifiers_problem(std::string_view ids, bool prerelease) {
  for (const auto id : split(ids, '.')) {
    if (id.empty()) return "empty identifier";
    if (!std::ranges::all_of(id, is_identifier_char))
      return fmt::format("\"{}\" may hold only letters, digits and hyphens", id);
    if (prerelease && is_digits(id) && id.size() > 1 && id[0] == '0')
      return fmt::format("\"{}\" has a leading zero", id);
  }
  return std::nullopt;
}

// Pre-release precedence: numeric identifiers compare numerically and sort before text ones.
std::strong_ordering compare_prerelease(std::string_view a, std::string_view b) {
  if (a.empty() || b.empty()) return a.empty() <=> b.empty();  // no pre-release sorts last
  const auto xs = split(a, '.'), ys = split(b, '.');
  for (std::size_t i = 0; i < xs.size() && i < ys.size(); ++i) {
    const bool xn = is_digits(xs[i]), yn = is_digits(ys[i]);
    if (xn != yn) return xn ? std::strong_ordering::less : std::strong_ordering::greater;
    if (xn && xs[i].size() != ys[i].size()) return xs[i].size() <=> ys[i].size();
    if (const auto c = xs[i].compare(ys[i]); c != 0) return c <=> 0;
  }
  return xs.size() <=> ys.size();
}

}  // namespace

Result<Version> Version::parse(std::string_view text) {
  std::string_view rest = text;
  Version v;
  if (const auto plus = rest.find('+'); plus != std::string_view::npos) {
    v.build = std::string(rest.substr(plus + 1));
    rest = rest.substr(0, plus);
    if (const auto why = identifiers_problem(v.build, false)) return bad_version(text, *why);
  }
  if (const auto dash = rest.find('-'); dash != std::string_view::npos) {
    v.prerelease = std::string(rest.substr(dash + 1));
    rest = rest.substr(0, dash);
    if (const auto why = identifiers_problem(v.prerelease, true)) return bad_version(text, *why);
  }
  const auto parts = split(rest, '.');
  if (parts.size() != 3) return bad_version(text, version_hint);
  std::uint64_t* fields[] = {&v.major, &v.minor, &v.patch};
  for (std::size_t i = 0; i < 3; ++i) {
    auto n = parse_number(text, parts[i]);
    if (!n) return std::unexpected(n.error());
    *fields[i] = *n;
  }
  return v;
}

std::string Version::to_string() const {
  std::string out = fmt::format("{}.{}.{}", major, minor, patch);
  if (!prerelease.empty()) out += "-" + prerelease;
  if (!build.empty()) out += "+" + build;
  return out;
}

std::strong_ordering Version::operator<=>(const Version& other) const {
  if (const auto c = major <=> other.major; c != 0) return c;
  if (const auto c = minor <=> other.minor; c != 0) return c;
  if (const auto c = patch <=> other.patch; c != 0) return c;
  return compare_prerelease(prerelease, other.prerelease);
}

bool VersionComparator::holds(const Version& candidate) const {
  const auto c = candidate <=> version;
  switch (op) {
    case Op::eq: return c == 0;
    case Op::lt: return c < 0;
    case Op::le: return c <= 0;
    case Op::gt: return c > 0;
    case Op::ge: return c >= 0;
  }
  return false;
}

namespace {

using Op = VersionComparator::Op;

// A possibly partial version: `1`, `1.2`, `1.x`, `1.2.*`, or a full one with pre-release.
struct Partial {
  std::size_t count = 0;  // how many leading numeric parts were given (0 to 3)
  Version version;        // missing parts are zero
};

std::unexpected<Error> bad_requirement(std::string_view text, std::string_view why) {
  return fail(Errc::invalid, fmt::format("\"{}\" is not a version requirement ({})", text, why));
}

bool is_wildcard(std::string_view s) { return s == "x" || s == "X" || s == "*"; }

Result<Partial> parse_partial(std::string_view whole, std::string_view text) {
  Partial p;
  const auto plain_end = text.find_first_of("-+");
  const auto parts = split(text.substr(0, plain_end), '.');
  if (parts.size() > 3) return bad_requirement(whole, fmt::format("\"{}\" has too many parts", text));
  std::uint64_t* fields[] = {&p.version.major, &p.version.minor, &p.version.patch};
  bool wild = false;
  for (std::size_t i = 0; i < parts.size(); ++i) {
    if (is_wildcard(parts[i])) { wild = true; continue; }
    if (wild) return bad_requirement(whole, fmt::format("\"{}\" has a number after a wildcard", text));
    auto n = parse_number(parts[i], parts[i]);
    if (!n || *n == std::numeric_limits<std::uint64_t>::max())
      return bad_requirement(whole, fmt::format("\"{}\" is not a version", text));
    *fields[i] = *n;
    p.count = i + 1;
  }
  if (plain_end != std::string_view::npos) {
    if (p.count != 3)
      return bad_requirement(whole, fmt::format("\"{}\": a pre-release needs a full version", text));
    auto full = Version::parse(text);
    if (!full) return bad_requirement(whole, fmt::format("\"{}\" is not a version", text));
    p.version = *full;
  }
  return p;
}

Version bump(const Version& v, std::size_t part) {
  if (part == 0) return {v.major + 1, 0, 0, {}, {}};
  if (part == 1) return {v.major, v.minor + 1, 0, {}, {}};
  return {v.major, v.minor, v.patch + 1, {}, {}};
}

// The comparators for one operator and one (partial) version.
std::vector<VersionComparator> expand(std::string_view op, const Partial& p) {
  const Version& v = p.version;
  if (p.count == 0) return {};  // `*`, `^*`, `>=*`: any version
  if (op == ">=") return {{Op::ge, v}};
  if (op == "<") return {{Op::lt, v}};
  if (op == ">") return {p.count == 3 ? VersionComparator{Op::gt, v}
                                      : VersionComparator{Op::ge, bump(v, p.count - 1)}};
  if (op == "<=") return {p.count == 3 ? VersionComparator{Op::le, v}
                                       : VersionComparator{Op::lt, bump(v, p.count - 1)}};
  if (op == "^") {
    std::size_t first = v.major > 0 || p.count == 1 ? 0 : (v.minor > 0 || p.count == 2 ? 1 : 2);
    return {{Op::ge, v}, {Op::lt, bump(v, first)}};
  }
  if (op == "~") return {{Op::ge, v}, {Op::lt, bump(v, p.count == 1 ? 0 : 1)}};
  if (p.count == 3) return {{Op::eq, v}};  // `=` or no operator
  return {{Op::ge, v}, {Op::lt, bump(v, p.count - 1)}};
}

// Splits "  >= 1.0.0 <2" into {">=1.0.0", "<2"}: an operator standing alone joins the next word.
std::vector<std::string> words(std::string_view text) {
  std::vector<std::string> out;
  std::string pending;
  std::size_t i = 0;
  while (i < text.size()) {
    while (i < text.size() && (text[i] == ' ' || text[i] == '\t')) ++i;
    const auto start = i;
    while (i < text.size() && text[i] != ' ' && text[i] != '\t') ++i;
    if (start == i) break;
    pending += text.substr(start, i - start);
    if (pending.find_first_not_of("<>=^~") != std::string::npos) {
      out.push_back(std::move(pending));
      pending.clear();
    }
  }
  if (!pending.empty()) out.push_back(std::move(pending));
  return out;
}

}  // namespace

Result<VersionRequirement> VersionRequirement::parse(std::string_view text) {
  const auto first = text.find_first_not_of(" \t");
  const auto last = text.find_last_not_of(" \t");
  VersionRequirement req;
  if (first == std::string_view::npos)
    return bad_requirement(text, "it is empty; use * for any version");
  req.text = std::string(text.substr(first, last - first + 1));
  for (const auto& word : words(req.text)) {
    const auto op_len = word.find_first_not_of("<>=^~");
    const std::string_view op = std::string_view(word).substr(0, op_len);
    if (op_len == std::string::npos)
      return bad_requirement(req.text, fmt::format("\"{}\" has no version", word));
    if (op != "" && op != "=" && op != ">=" && op != ">" && op != "<" && op != "<=" && op != "^" &&
        op != "~")
      return bad_requirement(req.text, fmt::format("unknown operator \"{}\"", op));
    auto partial = parse_partial(req.text, std::string_view(word).substr(op_len));
    if (!partial) return std::unexpected(partial.error());
    if (partial->count == 0 && (op == "<" || op == ">"))
      return bad_requirement(req.text, fmt::format("\"{}\" matches nothing", word));
    for (auto& c : expand(op, *partial)) req.comparators.push_back(std::move(c));
  }
  return req;
}

bool VersionRequirement::matches(const Version& version) const {
  if (!std::ranges::all_of(comparators, [&](const auto& c) { return c.holds(version); }))
    return false;
  if (version.prerelease.empty()) return true;
  // A pre-release is only chosen when the requirement names one of the same release.
  return std::ranges::any_of(comparators, [&](const VersionComparator& c) {
    return !c.version.prerelease.empty() && c.version.major == version.major &&
           c.version.minor == version.minor && c.version.patch == version.patch;
  });
}

}  // namespace archipel::core
