// The glass-stage checks (validation/glass_structure.hpp) on a structure
// record as the glass preparation writes it, then spoiled one way at a time.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <map>

#include "support/input_error.hpp"
#include "validation/glass_structure.hpp"

using namespace betarelax;

namespace {

std::string write_file(const std::string& name, const std::string& text) {
  const auto path = std::filesystem::temp_directory_path() / ("betarelax_test_" + name);
  std::ofstream(path) << text;
  return path.string();
}

}  // namespace

TEST(GlassChecks, FailWhenTheGlassIsCrystallineOrOffTheLiterature) {
  // A structure record as the glass preparation writes it, then spoiled.
  nlohmann::json g = {{"temperature_K", 300.0},
                      {"steinhardt_q6", {{"global", 0.03}}},
                      {"pressure_mean_bar", 100.0},
                      {"pressure_std_bar", 800.0},
                      {"density_g_cm3", 7.2},
                      {"partial_first_peaks_A", {{"Cu-Cu", 2.58}, {"Cu-Zr", 2.82}, {"Zr-Zr", 3.17}}}};
  const auto check = [&](const nlohmann::json& glass) {
    const auto path = write_file("structure.json", nlohmann::json{{"glasses", {glass}}}.dump());
    bool all = true;
    for (const auto& c : validation::check_glass_structure(path, validation::reference_file("glass_structure.toml")))
      all &= c.passed;
    return all;
  };
  EXPECT_TRUE(check(g));
  auto crystal = g;
  crystal["steinhardt_q6"]["global"] = 0.5;  // B2 would give 0.51
  EXPECT_FALSE(check(crystal));
  auto squeezed = g;
  squeezed["pressure_mean_bar"] = 5000.0;
  EXPECT_FALSE(check(squeezed));
  // The volume's own error widens the bound by k_B T / sigma_V: 300 K and
  // sigma_V = 20 A^3 give 2071 bar, so 2 sqrt(800^2 + 2071^2) = 4440 bar.
  auto loose_volume = g;
  loose_volume["volume_npt_std_A3"] = 20.0;
  loose_volume["pressure_mean_bar"] = -4300.0;
  EXPECT_TRUE(check(loose_volume));
  loose_volume["pressure_mean_bar"] = -4600.0;
  EXPECT_FALSE(check(loose_volume));
  auto tight_volume = g;  // a large sigma_V adds little: the bound stays near 2 sigma_P
  tight_volume["volume_npt_std_A3"] = 400.0;
  tight_volume["pressure_mean_bar"] = 1700.0;
  EXPECT_FALSE(check(tight_volume));
  auto light = g;
  light["density_g_cm3"] = 6.5;
  EXPECT_FALSE(check(light));
  auto stretched = g;
  stretched["partial_first_peaks_A"]["Zr-Zr"] = 3.5;
  EXPECT_FALSE(check(stretched));
}

TEST(GlassChecks, LiteratureChecksApplyOnlyToTheCompositionTheyDescribe) {
  nlohmann::json g = {{"temperature_K", 300.0},
                      {"composition", {{"Cu", 0.5}, {"Zr", 0.5}}},
                      {"steinhardt_q6", {{"global", 0.03}}},
                      {"pressure_mean_bar", 100.0},
                      {"pressure_std_bar", 800.0},
                      {"density_g_cm3", 6.0},  // off by 18%: fails wherever it applies
                      {"partial_first_peaks_A", {{"Cu-Cu", 2.58}, {"Cu-Zr", 2.82}, {"Zr-Zr", 3.17}}}};
  const auto checks = [&](const nlohmann::json& glass, const std::string& prepared_by = "import") {
    const auto path = write_file("structure_c.json", nlohmann::json{{"prepared_by", prepared_by}, {"glasses", {glass}}}.dump());
    std::map<std::string, validation::Check> by_name;
    for (const auto& c : validation::check_glass_structure(path, validation::reference_file("glass_structure.toml"))) by_name[c.name] = c;
    return by_name;
  };
  auto cz = checks(g);
  EXPECT_TRUE(cz["density"].skipped.empty());
  EXPECT_FALSE(cz["density"].passed);
  // Cu51Zr49 is still the reference glass (within 2 atom percent).
  g["composition"] = {{"Cu", 0.51}, {"Zr", 0.49}};
  EXPECT_TRUE(checks(g)["density"].skipped.empty());
  // Elements named Zr first: the pair Zr-Cu is the reference's Cu-Zr.
  auto zr_first = g;
  zr_first["partial_first_peaks_A"] = {{"Zr-Zr", 3.17}, {"Zr-Cu", 2.82}, {"Cu-Cu", 2.58}};
  auto zc = checks(zr_first);
  EXPECT_TRUE(zc["first_peak_Zr-Cu"].skipped.empty());
  EXPECT_TRUE(zc["first_peak_Zr-Cu"].passed);
  EXPECT_DOUBLE_EQ(zc["first_peak_Zr-Cu"].reference, 2.868);
  // A type declared without atoms is not part of the composition.
  auto empty_type = g;
  empty_type["composition"] = {{"Al", 0.0}, {"Cu", 0.5}, {"Zr", 0.5}};
  EXPECT_TRUE(checks(empty_type)["density"].skipped.empty());
  // Cu64Zr36: no literature value here; skipped, named.
  g["composition"] = {{"Cu", 0.64}, {"Zr", 0.36}};
  auto other = checks(g);
  EXPECT_NE(other["density"].skipped.find("Cu64 Zr36"), std::string::npos) << other["density"].skipped;
  EXPECT_FALSE(other["first_peak_Cu-Zr"].skipped.empty());
  EXPECT_TRUE(other["amorphous"].skipped.empty());
  // Another alloy, with pairs the reference does not list: skipped, no throw.
  g["composition"] = {{"Al", 0.7}, {"Cu", 0.3}};
  g["partial_first_peaks_A"] = {{"Al-Al", 2.8}, {"Al-Cu", 2.6}, {"Cu-Cu", 2.5}};
  auto alcu = checks(g);
  EXPECT_FALSE(alcu["first_peak_Al-Al"].skipped.empty());
  EXPECT_TRUE(alcu["zero_pressure"].skipped.empty());
  // One imported state: no pressure fluctuation, so no pressure judgement.
  g["pressure_std_bar"] = 0.0;
  EXPECT_FALSE(checks(g)["zero_pressure"].skipped.empty());
  // No glass at 300 K: only the amorphous check is made, on the nearest one.
  g["temperature_K"] = 700.0;
  g["composition"] = {{"Cu", 0.5}, {"Zr", 0.5}};
  g["pressure_std_bar"] = 800.0;
  auto warm = checks(g);
  EXPECT_TRUE(warm["amorphous"].skipped.empty());
  EXPECT_NE(warm["density"].skipped.find("no glass at 300 K"), std::string::npos) << warm["density"].skipped;
  EXPECT_TRUE(warm["zero_pressure"].skipped.empty());  // no temperature in it
  // The glass preparation always makes the 300 K glass: its absence there is an error.
  EXPECT_THROW(checks(g, "glass_preparation"), betarelax::InputError);
  // A skipped check is written as neither passed nor failed.
  const nlohmann::json written = validation::to_json({warm["density"]});
  EXPECT_TRUE(written[0]["passed"].is_null());
  EXPECT_FALSE(written[0]["skipped"].get<std::string>().empty());
}
