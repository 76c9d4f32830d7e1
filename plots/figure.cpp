#include "plots/figure.hpp"

#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>

#include <gnuplot-iostream.h>

namespace betarelax::plots {
namespace fs = std::filesystem;

std::string gp_text(const std::string& s) {
  // Inside a double-quoted gnuplot string, for enhanced text: quotes and
  // backslashes escaped, and _ ^ { } @ & ~ taken literally ("\\_").
  std::string out;
  for (char c : s) {
    if (c == '"' || c == '\\') out += '\\';
    if (std::string("_^{}@&~").find(c) != std::string::npos) out += "\\\\";
    out += c;
  }
  return out;
}

std::string gp_markup(const std::string& s) {
  std::string out;
  for (char c : s) {
    if (c == '"' || c == '\\') out += '\\';
    out += c;
  }
  return out;
}

std::string figure_title(const FigureContext& ctx, const std::string& title) {
  const std::string caveat = ctx.caveat.empty() ? "" : "\\n{/*0.7 " + gp_text(ctx.caveat) + "}";
  return "\"" + gp_text(title) + "\\n{/*0.7 profile " + gp_text(ctx.profile) + " | " + gp_text(ctx.provenance) + "}" + caveat + "\"";
}

Figure not_drawn(const std::string& name, const std::string& caption, const std::string& why) {
  Figure f;
  f.name = name;
  f.caption = caption;
  f.why_not = why;
  return f;
}

Figure draw_figure(const FigureContext& ctx, const std::string& name, const std::string& caption,
                   const std::vector<DataFile>& data, const std::string& body, int width_px, int height_px) {
  const fs::path dir(ctx.out_dir);
  fs::create_directories(dir);
  Figure f;
  f.name = name;
  f.caption = caption;
  for (const auto& [file, text] : data) {
    std::ofstream((dir / file).string()) << text;
    f.files.push_back((dir / file).string());
  }
  const std::string script = name + ".gp";
  {
    std::ofstream gp((dir / script).string());
    gp << "# " << caption << "\n# Data: ";
    for (const auto& [file, text] : data) gp << file << " ";
    gp << "\n# Redraw with: gnuplot " << script << " (in this folder)\n"
       << "do for [format in \"png pdf\"] {\n"
       << "  reset\n  set datafile separator ','\n  set datafile missing 'nan'\n"
       << "  if (format eq \"png\") { set terminal pngcairo size " << width_px << "," << height_px
       << " enhanced font 'DejaVu Sans,11' } else { set terminal pdfcairo size " << width_px / 150.0 << "in,"
       << height_px / 150.0 << "in enhanced font 'DejaVu Sans,8' }\n"
       << "  set output '" << name << ".'.format\n";
    if (!ctx.validated) {
      // A figure from results that did not pass validation says so on its face.
      gp << "  set label 999 \"NOT VALIDATED\" at screen 0.5,0.5 center rotate by 25 front tc rgb '#d00000' "
            "font 'DejaVu Sans,48'\n";
    }
    gp << body << "\n  unset multiplot\n  set output\n}\n";
  }
  f.files.push_back((dir / script).string());
  {
    Gnuplot gp("gnuplot 2>'" + (dir / (name + ".log")).string() + "'");
    gp << "cd '" << dir.string() << "'\nload '" << script << "'\n";
  }  // closing the pipe waits for gnuplot to finish
  for (const char* ext : {".png", ".pdf"}) {
    const fs::path out = dir / (name + ext);
    if (!fs::exists(out) || fs::file_size(out) == 0) {
      std::ifstream log((dir / (name + ".log")).string());
      std::stringstream ss;
      ss << log.rdbuf();
      throw std::runtime_error((dir / script).string() + ": gnuplot made no " + ext + " (" + ss.str() + ")");
    }
    f.files.push_back(out.string());
  }
  f.drawn = true;
  return f;
}

}  // namespace betarelax::plots
