#pragma once
/// Writing a file so that a crash never leaves a half-written result: the text
/// goes to PATH.tmp.<pid>, is flushed and checked, then renamed over PATH.
#include <functional>
#include <ostream>
#include <string>

namespace betarelax {

/// Calls `write` on a stream to a temporary file and renames it to `path`;
/// throws std::runtime_error naming the path if anything fails.
void atomic_write(const std::string& path, const std::function<void(std::ostream&)>& write,
                  bool binary = false);

}  // namespace betarelax
