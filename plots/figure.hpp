#pragma once
/// One paper figure on disk: its data as CSV, a gnuplot script that reads
/// them and draws the figure twice (pngcairo and pdfcairo), and the PNG and
/// PDF that script made — so a user restyles a figure by editing the .gp and
/// running `gnuplot fig4.gp` in the figures folder, without re-running
/// anything. gnuplot runs through gnuplot-iostream.
#include <string>
#include <utility>
#include <vector>

namespace betarelax::plots {

struct FigureContext {
  std::string results_dir;  ///< the results directory (input)
  std::string out_dir;      ///< where figures go (results_dir/figures)
  std::string profile;      ///< smoke | standard | gpu | paper
  std::string provenance;   ///< one line: git revision, backend, profile
  bool validated = true;    ///< false: every figure carries a visible NOT VALIDATED mark
  /// What the numbers are not, for every figure's subtitle and the report's
  /// first line: the profile's caveat (smoke: not physics) and a potential
  /// other than the paper's; empty for a physics run on the paper's potential.
  std::string caveat;
};

/// What a figure function made, or why it made nothing.
struct Figure {
  std::string name;     ///< fig1 … fig5
  std::string caption;  ///< what it shows (report.md)
  bool drawn = false;
  std::string why_not;  ///< when not drawn: the missing input
  std::vector<std::string> files;  ///< png, pdf, gp, csv (paths)
};

/// A data file of a figure: name (e.g. "fig4a_spectra.csv") and CSV text.
using DataFile = std::pair<std::string, std::string>;

/// Writes the data files and <name>.gp (the `body` between terminal set-up
/// and close, drawn once per format; it may use multiplot), runs gnuplot in
/// the figures folder, and checks that <name>.png and <name>.pdf exist and
/// are not empty (std::runtime_error naming the script otherwise).
Figure draw_figure(const FigureContext& ctx, const std::string& name, const std::string& caption,
                   const std::vector<DataFile>& data, const std::string& body, int width_px = 1200,
                   int height_px = 900);

/// The multiplot title every figure carries: its title, then the profile and
/// provenance line (a gnuplot string literal, quotes included). Bodies start
/// with "set multiplot layout R,C title " + figure_title(...).
std::string figure_title(const FigureContext& ctx, const std::string& title);

/// A figure that could not be drawn, with the reason.
Figure not_drawn(const std::string& name, const std::string& caption, const std::string& why);

/// Plain text for a double-quoted gnuplot string in enhanced mode: quotes
/// and backslashes escaped, markup characters (_ ^ { } @ & ~) literal.
std::string gp_text(const std::string& s);
/// Enhanced-text markup for a double-quoted gnuplot string: only quotes and
/// backslashes escaped.
std::string gp_markup(const std::string& s);

}  // namespace betarelax::plots
