#pragma once
/// A glass preparation's results folder: the hand-off from the glass stage to
/// the sampling stages, and the one place its file names are made. The glass
/// preparation writes these files; the single sample, the campaigns and ART
/// read them through here.
#include <string>

#include <nlohmann/json.hpp>

#include "core/system/system.hpp"

namespace betarelax::experiments {

struct GlassFolder {
  std::string dir;

  /// "glass_<T>K", T rounded to the kelvin: the stem of every per-T file.
  static std::string stem(double temperature);
  /// glass_<T>K.data: the NVT sampling state at T.
  std::string glass(double temperature) const;
  /// glass_<T>K_inherent.data: its inherent structure (FIRE minimum).
  std::string inherent(double temperature) const;
  /// structure.json: RDF landmarks, order, pressure and density per T.
  std::string structure() const;
  /// glass_preparation.json: the plan and provenance (the potential's sha256).
  std::string record() const;

  /// The glass at T; throws InputError naming the file when it is missing.
  Configuration read_glass(double temperature) const;
  /// The inherent structure at T; `why` says what needs it, for the error.
  Configuration read_inherent(double temperature, const std::string& why) const;
  /// structure.json, parsed; throws InputError naming the file.
  nlohmann::json read_structure() const;
  /// Refuses (InputError naming both files and hashes) a sampling run whose
  /// potential is not the one this glass was made with; returns {path,
  /// sha256} of `potential` for the run's record.
  nlohmann::json same_potential(const std::string& potential) const;
};

}  // namespace betarelax::experiments
