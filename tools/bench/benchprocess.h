// SPDX-License-Identifier: MIT
// Small process helpers shared by the benchmark's parts: run a program and read its
// output, and read a field of the flat JSON objects the parts exchange.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace bench {

// Runs `arguments` (argv[0] looked up in PATH) with its stdout passed, chunk by chunk, to
// `onOutput`; stderr is inherited. Returns the exit code, or -1 if it could not run.
int runProcess(const std::vector<std::string>& arguments, const std::function<void(std::string_view)>& onOutput);

// The value of "key" in a flat JSON object (no nesting), as text: a string's content
// without quotes, or a number as written. Enough for what python_bench.py and
// timeline_bench write; not a JSON parser.
std::optional<std::string> jsonField(const std::string& json, const std::string& key);

// The same, as a number (nullopt when missing or not a number).
std::optional<double> jsonNumber(const std::string& json, const std::string& key);

} // namespace bench
