#pragma once
/// The first of several folders that holds a file: how the suite finds its
/// own experiment files and reference data (environment override, source
/// tree, install prefix).
#include <string>
#include <vector>

namespace betarelax {

/// `folders` in order, with $`env_var` (when set) tried first; throws
/// InputError naming every path tried and the variable to set.
std::string find_file_in(const std::string& name, const std::string& env_var, const std::vector<std::string>& folders);

}  // namespace betarelax
