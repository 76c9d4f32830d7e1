#pragma once
/// The one exception type for bad input: its message names the file and the
/// line, field or atom at fault, so that the CLI can print it and exit non-zero.
#include <stdexcept>
#include <string>

namespace betarelax {

class InputError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

/// "file:line: what" in the form compilers use, so editors can jump to it.
inline InputError input_error(const std::string& file, long line, const std::string& what) {
  return InputError(file + ":" + std::to_string(line) + ": " + what);
}

}  // namespace betarelax
