// Fig. 3 (§IV.A): convergence with the number of samples at 300 K — (a)
// box-and-whisker of ΔF versus n; (b), (c) the spectra after the first 50
// and 100 samples with their log-normal fits (maximum likelihood, from the
// raw samples.csv rows in sample order).
#include <algorithm>
#include <filesystem>

#include "plots/figure_data.hpp"
#include "plots/figures.hpp"
#include "support/csv_table.hpp"
#include "validation/lognormal_fit.hpp"
#include "validation/spectrum_stats.hpp"

namespace betarelax::plots {
namespace fs = std::filesystem;

Figure fig3_sample_count(const FigureContext& ctx, const nlohmann::json& derived) {
  const std::string caption =
      "Fig. 3: dF box-and-whisker vs number of samples (a); spectra after the first 50 and 100 samples with "
      "log-normal fits (b, c)";
  const fs::path samples = fs::path(ctx.results_dir) / "sample_count" / "samples.csv";
  if (!derived.contains("campaigns") || !derived.at("campaigns").contains("sample_count") || !fs::exists(samples))
    return not_drawn("fig3", caption, "no sample-count campaign (analysis/derived.json, sample_count/samples.csv)");
  const auto& sc = derived.at("campaigns").at("sample_count");
  std::string box = "n,whisker_low,q1,median,q3,whisker_high\n";
  for (const auto& b : sc.at("box_vs_n")) {
    const auto& s = b.at("spectrum");
    box += num(b.at("n")) + "," + num(s.at("whisker_low_eV")) + "," + num(s.at("q1_eV")) + "," + num(s.at("median_eV")) + "," +
           num(s.at("q3_eV")) + "," + num(s.at("whisker_high_eV")) + "\n";
  }
  // Resolved barriers in sample order (the order the campaign ran them).
  auto rows = read_csv_table(samples.string(), true).rows;
  std::sort(rows.begin(), rows.end(), [](const auto& a, const auto& b) { return std::stol(a.at("id")) < std::stol(b.at("id")); });
  std::vector<double> df;
  for (const auto& r : rows)
    if (r.at("status") == "transition" && !r.at("dF_eV").empty()) df.push_back(std::stod(r.at("dF_eV")));
  const double bin = sc.at("options").at("histogram_bin_eV").get<double>();
  std::vector<long> after = sc.at("options").at("spectra_after").get<std::vector<long>>();
  std::vector<DataFile> data = {{"fig3a_box.csv", box}};
  std::string body = "  set multiplot layout 1,3 title " + figure_title(ctx, "Fig. 3: number of samples, 300 K") + "\n";
  body += "  set title '(a) {/Symbol D}F vs number of samples'\n  set xlabel 'samples n'\n  set ylabel '{/Symbol D}F (eV)'\n"
          "  set boxwidth 0.6 relative\n  set offsets 1,1,0,0\n";
  body += "  plot 'fig3a_box.csv' skip 1 using 1:3:2:6:5 with candlesticks whiskerbars lc rgb '#2040c0' notitle, "
          "'' skip 1 using 1:4:4:4:4 with candlesticks lw 2 lc rgb 'black' notitle\n  set offsets 0,0,0,0\n";
  const char* panel[2] = {"(b)", "(c)"};
  for (size_t k = 0; k < 2; ++k) {
    const long n = k < after.size() ? std::min<long>(after[k], static_cast<long>(df.size())) : static_cast<long>(df.size());
    const std::vector<double> first(df.begin(), df.begin() + n);
    std::string hist = "dF_eV,count\n", fit = "dF_eV,count\n", label = "no resolved samples", fit_line;
    if (!first.empty()) {
      const validation::Histogram h = validation::histogram(first, bin);
      for (size_t i = 0; i < h.counts.size(); ++i) hist += num(h.low + (i + 0.5) * h.width) + "," + num(h.counts[i]) + "\n";
      label = "after " + std::to_string(n) + " samples";
      if (first.size() >= 3) {
        const validation::LognormalFit lf = validation::fit_lognormal(first);
        const double lo = *std::min_element(first.begin(), first.end()) - 3 * bin,
                     hi = *std::max_element(first.begin(), first.end()) + 3 * bin;
        for (const auto& [x, y] : lognormal_counts(lf.mu, lf.sigma, n, bin, lo, hi)) fit += num(x) + "," + num(y) + "\n";
        fit_line = "log-normal {/Symbol m} = " + fixed(lf.mu, 2) + ", {/Symbol s} = " + fixed(lf.sigma, 2) + ", p = " + fixed(lf.p_value, 2);
      }
    }
    const std::string tag = "fig3" + std::string(k == 0 ? "b" : "c");
    data.push_back({tag + "_spectrum.csv", hist});
    data.push_back({tag + "_fit.csv", fit});
    // The fit's parameters in the panel title: a key would cover the bars.
    body += std::string("  set title \"") + panel[k] + " " + gp_markup(label) + (fit_line.empty() ? "" : "\\n" + gp_markup(fit_line)) + "\"\n  set xlabel '{/Symbol D}F (eV)'\n"
            "  set ylabel 'count'\n  set style fill solid 0.5\n  set boxwidth " + num(bin) + " absolute\n  unset key\n";
    if (first.empty()) {
      body += "  set label 5 'no resolved samples' at graph 0.5,0.5 center\n  plot [0:1][0:1] NaN notitle\n  unset label 5\n";
      continue;
    }
    body += "  plot '" + tag + "_spectrum.csv' skip 1 using 1:2 with boxes lc rgb '#3060c0' notitle";
    if (first.size() >= 3) body += ", '" + tag + "_fit.csv' skip 1 using 1:2 with lines lw 2 lc rgb 'black' notitle";
    body += "\n";
  }
  return draw_figure(ctx, "fig3", caption, data, body, 1500, 550);
}

}  // namespace betarelax::plots
