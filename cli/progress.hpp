#pragma once
/// \file
/// Progress of long work on one line of stderr, only when stderr is a terminal.

#include <chrono>
#include <string>

#include "archipel/core/geometry.hpp"

namespace archipel::cli {

/// Shows `archipel: <what>: reading 42%` on stderr while a measurement runs and erases it when
/// destroyed. Nothing at all when stderr is not a terminal (piped, redirected, in tests).
class ProgressLine {
 public:
  explicit ProgressLine(std::string what);
  ~ProgressLine();
  ProgressLine(const ProgressLine&) = delete;
  ProgressLine& operator=(const ProgressLine&) = delete;

  /// A callback for MeasureOptions::progress; empty when stderr is not a terminal.
  [[nodiscard]] core::MeasureProgress callback();

 private:
  void show(std::string_view stage, double fraction);

  std::string what_;
  bool enabled_;
  bool shown_ = false;
  std::string last_;
  std::chrono::steady_clock::time_point last_time_{};
};

}  // namespace archipel::cli
