// SPDX-License-Identifier: Apache-2.0
#pragma once
/// \file
/// How clone, remote add, pull and push report a fetch (pull.cpp).

#include <string>

#include <nlohmann/json.hpp>

#include "archipel/registry/federation.hpp"

namespace archipel::cli {

/// The report as JSON: outcome, tips, verified commits, added versions, conflicts, problems, pins.
[[nodiscard]] nlohmann::json pull_json(const registry::PullReport& r);

/// The human report: a first line starting with `verb`, then added versions, conflicts and
/// pins; problems as "problem: WHERE: WHAT" lines.
void print_pull(const registry::PullReport& r, const std::string& verb);

/// The exit code of a pull: 1 when refused or when a version was not integrated (a conflict),
/// after printing the one-line error or warnings on stderr.
[[nodiscard]] int pull_exit(const registry::PullReport& r);

}  // namespace archipel::cli
