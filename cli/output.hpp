#pragma once
/// \file
/// Everything the CLI prints goes through here: errors, JSON, exit codes.

#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "archipel/core/measurement.hpp"
#include "archipel/core/result.hpp"

namespace archipel::cli {

/// The documented exit codes (README, "Exit codes").
enum ExitCode : int {
  exit_ok = 0,        ///< success
  exit_findings = 1,  ///< findings, a failing verdict, or a refusal
  exit_usage = 2,     ///< the command line is wrong
  exit_io = 3,        ///< I/O, git or environment failure
};

/// `text` made safe for a terminal: C0 controls (ESC, BEL, newline...), DEL, C1 controls and
/// bytes that are not UTF-8 become `\xNN`; bidirectional overrides and isolates (U+202A..U+202E,
/// U+2066..U+2069) become `\uNNNN`. Every human output of text from a manifest or a registry
/// goes through this (--json output is JSON-escaped instead).
[[nodiscard]] std::string printable(std::string_view text);

/// The exit code that belongs to an error's kind.
[[nodiscard]] int exit_code_for(const core::Error& error);

/// Prints `archipel: error: <origin>:<pointer>: <message>` on stderr and returns its exit code.
int report_error(const core::Error& error);

/// Prints `archipel: warning: <text>` on stderr.
void print_warning(const std::string& text);

/// Prints each warning as `archipel: warning: <where>: [<rule>] <message>` on stderr.
void print_warnings(const std::string& where, const std::vector<core::Warning>& warnings);

/// Prints a JSON document on stdout, indented, followed by a newline.
void print_json(const nlohmann::json& doc);

/// Prints a JSON document on stdout keeping its key order, indented, followed by a newline.
void print_ordered_json(const nlohmann::ordered_json& doc);

/// Prints a JSON document written as a braced list, `print_json({{"key", value}})`: without this
/// overload such a call is ambiguous between the two above.
void print_json(nlohmann::json::initializer_list_t doc);

/// True when stdout is a terminal (progress and colour only then).
[[nodiscard]] bool stdout_is_terminal();

/// True when stderr is a terminal.
[[nodiscard]] bool stderr_is_terminal();

}  // namespace archipel::cli
