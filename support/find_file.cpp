#include "support/find_file.hpp"

#include <cstdlib>
#include <filesystem>

#include "support/input_error.hpp"

namespace betarelax {

std::string find_file_in(const std::string& name, const std::string& env_var, const std::vector<std::string>& folders) {
  namespace fs = std::filesystem;
  std::vector<fs::path> places;
  if (const char* env = std::getenv(env_var.c_str())) places.emplace_back(env);
  for (const auto& f : folders) places.emplace_back(f);
  std::string tried;
  for (const fs::path& dir : places) {
    if (fs::is_regular_file(dir / name)) return (dir / name).string();
    tried += (tried.empty() ? "" : ", ") + (dir / name).string();
  }
  throw InputError(name + " not found (tried " + tried + "); set " + env_var);
}

}  // namespace betarelax
