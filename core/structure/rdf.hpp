#pragma once
/// Radial distribution functions of every replica, total and partial
/// (Cu–Cu, Cu–Zr, Zr–Zr for the paper's alloy), accumulated over frames.
///
/// Normalisation: for a pair of types (a, b), g_ab(r) = V · n_ab(r) /
/// (M_ab · 4π/3 (r_hi³ − r_lo³)), where n_ab(r) counts ordered pairs (i, j),
/// i ≠ j, with one atom of each type in the shell, and M_ab = N_a(N_a − 1) for
/// a = b, 2 N_a N_b otherwise; the total uses N(N − 1). With these pair counts
/// an ideal gas gives g = 1 exactly in expectation at any N. Distances are
/// minimum-image, so r_max must not exceed half the shortest box edge.
#include <string>
#include <vector>

#include "core/system/system.hpp"

namespace betarelax {

/// Index of the unordered type pair (a, b) among n_types(n_types+1)/2.
KOKKOS_INLINE_FUNCTION int type_pair_index(int a, int b, int n_types) {
  if (a > b) {
    const int t = a;
    a = b;
    b = t;
  }
  return a * n_types - a * (a - 1) / 2 + (b - a);
}

/// One replica's RDF averaged over the frames it saw.
struct RdfTable {
  std::vector<double> r;                  ///< bin centres (Å)
  std::vector<double> total;              ///< g(r)
  std::vector<std::vector<double>> part;  ///< g_ab(r), one per type pair in type_pair_index order
  std::vector<std::string> part_names;    ///< e.g. "Cu-Cu", "Cu-Zr", "Zr-Zr"
  double dr = 0;
  int frames = 0;
  /// Running coordination number of b around a: 4π ρ_b ∫_0^r g_ab r'² dr'
  /// (ρ_b = N_b / V, averaged over frames), at each bin's upper edge.
  std::vector<std::vector<double>> coordination;  ///< [a * n_types + b][bin]
};

/// Histograms pair distances of every replica, frame after frame, on the
/// device (integer counts: the result does not depend on the thread count).
class RdfAccumulator {
 public:
  RdfAccumulator(const System& sys, double r_max, int n_bins);
  /// Adds the current positions of every replica as one frame.
  void add_frame(const System& sys);
  RdfTable table(int replica) const;
  double r_max() const { return r_max_; }

 private:
  int n_replicas_ = 0, n_atoms_ = 0, n_types_ = 0, n_bins_ = 0;
  double r_max_ = 0;
  std::vector<std::string> type_names_;
  std::vector<int> type_count_;
  Kokkos::View<unsigned long long***, MemSpace> counts_;  ///< (R, type pairs, bins)
  std::vector<double> volume_sum_;                        ///< per replica, Σ V over frames
  std::vector<int> frames_;
};

/// Writes r, g_total, g_<pair>..., and the coordination numbers as CSV (atomically).
void write_rdf_csv(const std::string& path, const RdfTable& t);

}  // namespace betarelax
