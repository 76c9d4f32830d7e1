#include "experiments/common/glass_folder.hpp"

#include <cmath>
#include <cstdio>
#include <filesystem>

#include "core/io/lammps_data.hpp"
#include "support/input_error.hpp"
#include "support/kelvin_text.hpp"
#include "support/json_file.hpp"
#include "support/sha256.hpp"

namespace betarelax::experiments {

namespace fs = std::filesystem;

namespace {
constexpr const char* kRunFirst =
    "run the glass preparation (or betarelax glass import) first, or point input.glass_dir / --glass at its results";
}

std::string GlassFolder::stem(double temperature) { return "glass_" + std::to_string(std::lround(temperature)) + "K"; }

std::string GlassFolder::glass(double temperature) const { return (fs::path(dir) / (stem(temperature) + ".data")).string(); }

std::string GlassFolder::inherent(double temperature) const {
  return (fs::path(dir) / (stem(temperature) + "_inherent.data")).string();
}

std::string GlassFolder::structure() const { return (fs::path(dir) / "structure.json").string(); }

std::string GlassFolder::record() const { return (fs::path(dir) / "glass_preparation.json").string(); }

Configuration GlassFolder::read_glass(double temperature) const {
  const std::string path = glass(temperature);
  if (!fs::exists(path)) throw InputError(path + ": no glass at " + kelvin_text(temperature) + " (" + kRunFirst + ")");
  return read_lammps_data(path);
}

Configuration GlassFolder::read_inherent(double temperature, const std::string& why) const {
  const std::string path = inherent(temperature);
  if (!fs::exists(path)) {
    throw InputError(path + ": no inherent structure at " + kelvin_text(temperature) + " (" + why + "; " + kRunFirst + ")");
  }
  return read_lammps_data(path);
}

nlohmann::json GlassFolder::read_structure() const { return read_json_file(structure(), kRunFirst); }

nlohmann::json GlassFolder::same_potential(const std::string& potential) const {
  const std::string sha = sha256_file(potential);
  const std::string path = record();
  const nlohmann::json j = read_json_file(path, "the glass record names the potential the glass was made with");
  if (!j.contains("potential") || !j["potential"].contains("sha256")) {
    throw InputError(path + ": no potential.sha256 (made by an older betarelax): cannot tell which potential made the glass");
  }
  const std::string glass_sha = j["potential"]["sha256"].get<std::string>();
  if (glass_sha != sha) {
    throw InputError(path + ": the glass was made with potential " + j["potential"].value("path", std::string("?")) +
                     " (sha256 " + glass_sha + "), this run uses " + potential + " (sha256 " + sha +
                     "): barriers on a glass relaxed with another potential mean nothing; use the glass's potential or make a new glass");
  }
  return {{"path", potential}, {"sha256", sha}};
}

}  // namespace betarelax::experiments
