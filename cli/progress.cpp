#include "progress.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include <fmt/format.h>

#include "output.hpp"

namespace archipel::cli {

ProgressLine::ProgressLine(std::string what) : what_(std::move(what)), enabled_(stderr_is_terminal()) {}

ProgressLine::~ProgressLine() {
  if (shown_) std::fputs("\r\033[K", stderr);  // erase the line: the result follows cleanly
  std::fflush(stderr);
}

core::MeasureProgress ProgressLine::callback() {
  if (!enabled_) return {};
  return [this](std::string_view stage, double fraction) { show(stage, fraction); };
}

void ProgressLine::show(std::string_view stage, double fraction) {
  const auto now = std::chrono::steady_clock::now();
  const int percent = static_cast<int>(std::lround(std::clamp(fraction, 0.0, 1.0) * 100));
  std::string line = fmt::format("archipel: {}: {} {}%", what_, stage, percent);
  // At most ten updates a second, and none that would print the same line again.
  if (line == last_ || (shown_ && now - last_time_ < std::chrono::milliseconds(100) && percent != 100)) return;
  std::fputs(("\r\033[K" + line).c_str(), stderr);
  std::fflush(stderr);
  shown_ = true;
  last_ = std::move(line);
  last_time_ = now;
}

}  // namespace archipel::cli
