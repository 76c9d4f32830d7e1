#pragma once
/// JSON files of the suite, read and written one way: a read error names the
/// file (missing, unreadable, not JSON), a write is atomic (support/atomic_write.hpp).
#include <string>

#include <nlohmann/json.hpp>

namespace betarelax {

/// Throws InputError "path: cannot read[ (hint)]" or "path: not valid JSON: ...".
/// `hint` says what makes the file (e.g. "run the glass preparation first").
nlohmann::json read_json_file(const std::string& path, const std::string& hint = "");

/// Two-space indented with a final newline, written atomically.
void write_json_file(const std::string& path, const nlohmann::json& j);

}  // namespace betarelax
