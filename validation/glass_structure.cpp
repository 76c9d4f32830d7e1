#include "validation/glass_structure.hpp"

#include <cmath>
#include <cstdio>
#include <fstream>
#include <sstream>

#include <toml++/toml.h>

#include "generated/install_paths.hpp"
#include "support/find_file.hpp"
#include "support/input_error.hpp"
#include "support/kelvin_text.hpp"
#include "support/json_file.hpp"
#include "support/units.hpp"

namespace betarelax::validation {
namespace {

double need(const toml::table& t, const std::string& path, const std::string& file) {
  auto v = t.at_path(path).value<double>();
  if (!v) throw InputError(file + ": " + path + ": missing or not a number");
  return *v;
}

std::string words(const toml::table& t, const std::string& path) { return t.at_path(path).value_or(std::string()); }

/// Empty when the glass has the composition the literature values describe
/// (a record without a composition is the suite's own Cu50Zr50 glass);
/// otherwise why the density and peak checks do not apply.
std::string composition_mismatch(const nlohmann::json& glass, const toml::table& ref, const std::string& file) {
  if (!glass.contains("composition")) return "";
  const toml::table* want = ref["composition"].as_table();
  if (!want) throw InputError(file + ": composition: missing (the atom fractions the literature values describe)");
  const double tol = need(ref, "composition_tolerance", file);
  nlohmann::json have = nlohmann::json::object();  // a type declared without atoms is not part of the glass
  for (const auto& [element, fraction] : glass.at("composition").items())
    if (fraction.get<double>() > 0) have[element] = fraction;
  std::string text;
  for (const auto& [element, fraction] : have.items()) {
    char part[48];
    std::snprintf(part, sizeof part, "%s%s%.0f", text.empty() ? "" : " ", element.c_str(), 100 * fraction.get<double>());
    text += part;
  }
  bool same = have.size() == want->size();
  for (const auto& [element, fraction] : *want) {
    const std::string e(element.str());
    const double x = fraction.value<double>().value_or(-1);
    same = same && have.contains(e) && std::fabs(have.at(e).get<double>() - x) <= tol;
  }
  return same ? "" : "the literature values describe " + words(ref, "composition_name") + "; this glass is " + text;
}

}  // namespace

std::string reference_file(const std::string& name) {
  return find_file_in(name, "BETARELAX_REFERENCE_DATA", {BETARELAX_SOURCE_REFERENCE_DATA, BETARELAX_INSTALL_REFERENCE_DATA});
}

std::vector<Check> check_glass_structure(const std::string& structure_json, const std::string& reference_toml) {
  const nlohmann::json s = read_json_file(structure_json, "has the glass preparation run?");
  toml::table ref;
  try {
    ref = toml::parse_file(reference_toml);
  } catch (const toml::parse_error& e) {
    throw InputError(reference_toml + ": " + std::string(e.description()));
  }
  const double t_ref = need(ref, "temperature_K", reference_toml);
  // The glass at the reference temperature; else (an imported glass may lack
  // it) the nearest one, on which only the temperature-free check applies.
  const nlohmann::json* glass = nullptr;
  for (const auto& g : s.at("glasses")) {
    const double dt = std::fabs(g.at("temperature_K").get<double>() - t_ref);
    if (!glass || dt < std::fabs(glass->at("temperature_K").get<double>() - t_ref)) glass = &g;
  }
  if (!glass) throw InputError(structure_json + ": glasses: none to check");
  const nlohmann::json& g = *glass;
  // The glass preparation makes a glass at the reference temperature; only an
  // imported one may lack it.
  const bool at_reference = std::fabs(g.at("temperature_K").get<double>() - t_ref) <= 1e-6;
  if (!at_reference && s.value("prepared_by", std::string()) != "import") {
    throw InputError(structure_json + ": no glass at " + std::to_string(t_ref) + " K to compare");
  }
  const std::string off_temperature =
      at_reference ? std::string() : "no glass at " + kelvin_text(t_ref) + ", where the literature values hold";
  const std::string off_composition = composition_mismatch(g, ref, reference_toml);
  const std::string literature_skip = !off_temperature.empty() ? off_temperature : off_composition;
  std::vector<Check> out;

  Check q6;
  q6.name = "amorphous";
  q6.value = g.at("steinhardt_q6").at("global");
  q6.reference = 0;
  q6.tolerance = need(ref, "amorphous.q6_global_max", reference_toml);
  q6.passed = q6.value <= q6.tolerance;
  q6.text = "Steinhardt global Q6 of the inherent structure <= bound";
  q6.reason = words(ref, "amorphous.reason");
  out.push_back(q6);

  Check p;
  p.name = "zero_pressure";
  p.value = g.at("pressure_mean_bar");
  p.reference = 0;
  // Two errors add: the NVT pressure fluctuates (sigma_P, instantaneous: a
  // conservative bound on its few-ps mean), and the volume it is held at is a
  // mean over about one barostat period of NPT, so it is off by up to sigma_V,
  // which costs B_T sigma_V / V in pressure. The fluctuation formula
  // B_T = k_B T V / sigma_V^2 turns that into k_B T / sigma_V, measured by the
  // run itself.
  const double sigma_p = g.at("pressure_std_bar").get<double>();
  const double sigma_v = g.value("volume_npt_std_A3", 0.0);
  const double volume_term =
      sigma_v > 0 ? units::kB * g.at("temperature_K").get<double>() / sigma_v * units::nktv2p : 0.0;
  p.tolerance = need(ref, "pressure.max_sigmas", reference_toml) * std::hypot(sigma_p, volume_term);
  p.passed = std::fabs(p.value) <= p.tolerance;
  p.text = "mean NVT pressure (bar) within max_sigmas x sqrt(sigma_P^2 + (k_B T / sigma_V)^2) of 0: the pressure "
           "fluctuation and the error of a volume averaged over about one barostat period";
  p.reason = words(ref, "pressure.reason");
  // An imported glass is one state: no fluctuation was measured to judge its
  // pressure by, and a bound of zero would fail every glass.
  if (!(sigma_p > 0)) p.skipped = "one state given (imported): no pressure fluctuation measured";
  out.push_back(p);

  Check rho;
  rho.name = "density";
  rho.value = g.at("density_g_cm3");
  rho.reference = need(ref, "density.value_g_cm3", reference_toml);
  rho.tolerance = need(ref, "density.tolerance_relative", reference_toml) * rho.reference;
  rho.passed = std::fabs(rho.value - rho.reference) <= rho.tolerance;
  rho.text = "density (g/cm^3) at the reference temperature";
  rho.reason = words(ref, "density.reason");
  rho.source = words(ref, "density.source");
  rho.skipped = literature_skip;
  out.push_back(rho);

  const double tol = need(ref, "first_peaks_A.tolerance_A", reference_toml);
  for (const auto& [pair, value] : g.at("partial_first_peaks_A").items()) {
    Check c;
    c.name = "first_peak_" + pair;
    c.value = value.get<double>();
    c.tolerance = tol;
    c.skipped = literature_skip;
    // Pairs are named in type order (Cu-Zr or Zr-Cu): the reference in either.
    const size_t dash = pair.find('-');
    const std::string swapped = dash == std::string::npos ? pair : pair.substr(dash + 1) + "-" + pair.substr(0, dash);
    const auto value_ref = ref.at_path("first_peaks_A." + pair).value<double>();
    const auto swapped_ref = ref.at_path("first_peaks_A." + swapped).value<double>();
    if (c.skipped.empty() && !value_ref && !swapped_ref) c.skipped = "no reference value for the pair " + pair;
    if (c.skipped.empty()) {
      c.reference = value_ref ? *value_ref : *swapped_ref;
      c.passed = std::fabs(c.value - c.reference) <= tol;
    }
    c.text = pair + " partial RDF first peak (A)";
    c.reason = words(ref, "first_peaks_A.reason");
    c.source = words(ref, "first_peaks_A.source");
    out.push_back(c);
  }
  return out;
}

nlohmann::json to_json(const std::vector<Check>& checks) {
  nlohmann::json a = nlohmann::json::array();
  for (const Check& c : checks) {
    a.push_back({{"name", c.name}, {"value", c.value}, {"reference", c.reference}, {"tolerance", c.tolerance},
                 {"passed", c.passed}, {"compared", c.text}, {"reason", c.reason}, {"source", c.source}});
    if (!c.skipped.empty()) {  // neither passed nor failed
      a.back()["skipped"] = c.skipped;
      a.back()["passed"] = nullptr;
      a.back()["reference"] = nullptr;
    }
  }
  return a;
}

}  // namespace betarelax::validation
