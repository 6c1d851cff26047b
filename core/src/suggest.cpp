#include "archipel/core/suggest.hpp"

#include <algorithm>
#include <limits>

namespace archipel::core {
namespace {

char lower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }

std::string without_punctuation(std::string_view s) {
  std::string out;
  for (char c : s)
    if (c != '-' && c != '.' && c != '_') out += c;
  return out;
}

}  // namespace

std::size_t edit_distance(std::string_view a, std::string_view b) {
  std::vector<std::size_t> row(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j) row[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    std::size_t diagonal = row[0];
    row[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      const std::size_t above = row[j];
      const std::size_t cost = lower(a[i - 1]) == lower(b[j - 1]) ? 0 : 1;
      row[j] = std::min({above + 1, row[j - 1] + 1, diagonal + cost});
      diagonal = above;
    }
  }
  return row[b.size()];
}

std::string closest_match(std::string_view query, const std::vector<std::string_view>& candidates) {
  const std::size_t limit = std::max<std::size_t>(2, query.size() / 4);
  const std::string bare = without_punctuation(query);
  std::size_t best = std::numeric_limits<std::size_t>::max();
  std::string_view found;
  for (const auto candidate : candidates) {
    const std::size_t d = std::min(edit_distance(query, candidate),
                                   edit_distance(bare, without_punctuation(candidate)));
    if (d < best) {
      best = d;
      found = candidate;
    }
  }
  return best <= limit ? std::string(found) : std::string();
}

}  // namespace archipel::core
