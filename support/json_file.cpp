#include "support/json_file.hpp"

#include <fstream>

#include "support/atomic_write.hpp"
#include "support/input_error.hpp"

namespace betarelax {

nlohmann::json read_json_file(const std::string& path, const std::string& hint) {
  std::ifstream in(path);
  if (!in) throw InputError(path + ": cannot read" + (hint.empty() ? "" : " (" + hint + ")"));
  try {
    return nlohmann::json::parse(in);
  } catch (const nlohmann::json::exception& e) {
    throw InputError(path + ": not valid JSON: " + e.what());
  }
}

void write_json_file(const std::string& path, const nlohmann::json& j) {
  atomic_write(path, [&](std::ostream& os) { os << j.dump(2) << "\n"; });
}

}  // namespace betarelax
