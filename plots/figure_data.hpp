#pragma once
/// Small helpers the figure functions share: CSV text, number formatting,
/// a log-normal density scaled to a histogram, and the results files.
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace betarelax::plots {

/// Number for a CSV or a gnuplot script (17 significant digits; "nan" for non-finite).
std::string num(double x);
/// "%.2f"-style text for legends.
std::string fixed(double x, int digits);

/// The bins of a histogram in derived.json (keys low_eV/bin_eV or low/width).
struct HistogramBins {
  double low, width;
  size_t count;
};
HistogramBins histogram_bins(const nlohmann::json& h);

/// Histogram rows "center_eV,count" from {low_eV|low, bin_eV|width, counts}.
std::string histogram_rows(const nlohmann::json& h, const std::string& prefix = "");

/// The log-normal density of ln-mean mu and ln-std sigma, times n·bin (a
/// curve over a histogram of n samples in bins of `bin`), on [lo, hi].
std::vector<std::pair<double, double>> lognormal_counts(double mu, double sigma, long n, double bin, double lo,
                                                        double hi, int points = 200);

/// A JSON file, or null when it does not exist.
nlohmann::json read_json_if(const std::string& path);

}  // namespace betarelax::plots
