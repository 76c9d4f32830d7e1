#pragma once
/// The characteristic positions of a glass's radial distribution function
/// (paper §III, Fig. 2a): first peak, first minimum, the split second peak
/// and the second minimum. The cluster-size experiment uses them as cutoffs
/// of the boosted atom group, so they are found by a fixed rule, stated here:
///
///  1. g(r) is smoothed with a Gaussian of width `smoothing` (Å);
///  2. the first peak is the global maximum of the smoothed g;
///  3. the first minimum is the lowest point between the first peak and the
///     next point where g climbs back above 1;
///  4. the second shell runs from the first minimum to the next local minimum
///     with g < 1 (the second minimum); its local maxima whose prominence
///     (height above the deeper of the minima beside them) exceeds
///     `prominence` are the second-peak components: two of them is the split
///     second peak of metallic glasses;
///  5. every extremum is refined by a parabola through the three bins around it.
#include <string>
#include <vector>

namespace betarelax {

struct RdfLandmarkParams {
  double smoothing = 0.05;   ///< Gaussian σ (Å)
  double prominence = 0.02;  ///< minimum sub-peak prominence in g units
};

struct RdfLandmarks {
  double first_peak = 0, first_peak_height = 0;
  double first_minimum = 0, first_minimum_height = 0;
  std::vector<double> second_peaks;  ///< one, or two for a split second peak (Å)
  std::vector<double> second_peak_heights;
  double second_minimum = 0;  ///< 0 when the range ends first
  bool found = false;         ///< false when g has no first peak and minimum in range
};

/// Gaussian smoothing of an evenly spaced curve (reflecting ends).
std::vector<double> smooth_gaussian(const std::vector<double>& y, double dx, double sigma);

/// Landmarks of a curve g(r) sampled at bin centres `r` (evenly spaced).
RdfLandmarks rdf_landmarks(const std::vector<double>& r, const std::vector<double>& g,
                           const RdfLandmarkParams& params = {});

/// The position of the global maximum of the smoothed curve (a partial RDF's first peak), refined.
double first_peak_position(const std::vector<double>& r, const std::vector<double>& g, double smoothing);

}  // namespace betarelax
