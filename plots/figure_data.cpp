#include "plots/figure_data.hpp"
#include "support/json_file.hpp"

#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>

namespace betarelax::plots {

std::string num(double x) {
  if (!std::isfinite(x)) return "nan";
  char buf[40];
  std::snprintf(buf, sizeof buf, "%.17g", x);
  return buf;
}

std::string fixed(double x, int digits) {
  char buf[40];
  std::snprintf(buf, sizeof buf, "%.*f", digits, x);
  return buf;
}

HistogramBins histogram_bins(const nlohmann::json& h) {
  return {h.contains("low_eV") ? h.at("low_eV").get<double>() : h.at("low").get<double>(),
          h.contains("bin_eV") ? h.at("bin_eV").get<double>() : h.at("width").get<double>(), h.at("counts").size()};
}

std::string histogram_rows(const nlohmann::json& h, const std::string& prefix) {
  const auto [low, bin, n] = histogram_bins(h);
  std::string out;
  const auto& counts = h.at("counts");
  for (size_t i = 0; i < n; ++i)
    out += prefix + num(low + (i + 0.5) * bin) + "," + num(counts[i].get<double>()) + "\n";
  return out;
}

std::vector<std::pair<double, double>> lognormal_counts(double mu, double sigma, long n, double bin, double lo,
                                                        double hi, int points) {
  std::vector<std::pair<double, double>> out;
  lo = std::max(lo, 1e-6);
  for (int k = 0; k <= points; ++k) {
    const double x = lo + (hi - lo) * k / points;
    const double z = (std::log(x) - mu) / sigma;
    out.emplace_back(x, n * bin * std::exp(-0.5 * z * z) / (x * sigma * std::sqrt(2 * M_PI)));
  }
  return out;
}

nlohmann::json read_json_if(const std::string& path) {
  if (!std::filesystem::exists(path)) return nullptr;
  return read_json_file(path);
}

}  // namespace betarelax::plots
