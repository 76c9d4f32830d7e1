#include "core/structure/rdf.hpp"

#include <cmath>
#include <iomanip>
#include <stdexcept>

#include "core/system/kmath.hpp"
#include "support/atomic_write.hpp"

namespace betarelax {

RdfAccumulator::RdfAccumulator(const System& sys, double r_max, int n_bins)
    : n_replicas_(sys.n_replicas),
      n_atoms_(sys.n_atoms),
      n_types_(sys.n_types),
      n_bins_(n_bins),
      r_max_(r_max),
      type_names_(sys.type_names),
      type_count_(sys.n_types, 0),
      counts_("rdf::counts", sys.n_replicas, sys.n_types * (sys.n_types + 1) / 2, n_bins),
      volume_sum_(sys.n_replicas, 0.0),
      frames_(sys.n_replicas, 0) {
  if (!(r_max > 0) || n_bins < 1) throw std::invalid_argument("rdf: r_max and the bin count must be positive");
  auto type = Kokkos::create_mirror_view_and_copy(Kokkos::HostSpace(), sys.type);
  for (int i = 0; i < n_atoms_; ++i) ++type_count_[type(i)];
}

void RdfAccumulator::add_frame(const System& sys) {
  auto len_h = Kokkos::create_mirror_view_and_copy(Kokkos::HostSpace(), sys.box_len);
  for (int r = 0; r < n_replicas_; ++r) {
    const double shortest = std::min({len_h(r, 0), len_h(r, 1), len_h(r, 2)});
    if (r_max_ > 0.5 * shortest * (1 + 1e-12)) {
      throw std::invalid_argument("rdf: r_max " + std::to_string(r_max_) + " Å exceeds half the shortest box edge (" +
                                  std::to_string(0.5 * shortest) + " Å) of replica " + std::to_string(r));
    }
    volume_sum_[r] += len_h(r, 0) * len_h(r, 1) * len_h(r, 2);
    ++frames_[r];
  }
  const int n = n_atoms_, nt = n_types_, nb = n_bins_;
  const double rmaxsq = r_max_ * r_max_, inv_dr = n_bins_ / r_max_;
  auto x = sys.x;
  auto len = sys.box_len;
  auto type = sys.type;
  auto counts = counts_;
  // Every ordered pair (i, j ≠ i) once, from i's side: integer atomics, so
  // the histogram is exact whatever the schedule.
  Kokkos::parallel_for(
      "rdf::histogram", Kokkos::RangePolicy<ExecSpace>(0, size_t(n) * n_replicas_), KOKKOS_LAMBDA(const size_t k) {
        const int r = static_cast<int>(k / n);
        const int i = static_cast<int>(k - size_t(r) * n);
        const double lx = len(r, 0), ly = len(r, 1), lz = len(r, 2);
        const int ti = type(i);
        for (int j = 0; j < n; ++j) {
          if (j == i) continue;
          const size_t kj = size_t(r) * n + j;
          const double dx = kmath::min_image(x(k, 0) - x(kj, 0), lx, 1.0 / lx);
          const double dy = kmath::min_image(x(k, 1) - x(kj, 1), ly, 1.0 / ly);
          const double dz = kmath::min_image(x(k, 2) - x(kj, 2), lz, 1.0 / lz);
          const double rsq = dx * dx + dy * dy + dz * dz;
          if (rsq >= rmaxsq) continue;
          int bin = static_cast<int>(kmath::sqrt(rsq) * inv_dr);
          bin = bin < nb ? bin : nb - 1;
          Kokkos::atomic_increment(&counts(r, type_pair_index(ti, type(j), nt), bin));
        }
      });
}

RdfTable RdfAccumulator::table(int replica) const {
  RdfTable t;
  const int np = n_types_ * (n_types_ + 1) / 2;
  auto counts = Kokkos::create_mirror_view_and_copy(Kokkos::HostSpace(), counts_);
  t.dr = r_max_ / n_bins_;
  t.frames = frames_[replica];
  t.r.resize(n_bins_);
  t.total.assign(n_bins_, 0.0);
  t.part.assign(np, std::vector<double>(n_bins_, 0.0));
  t.part_names.resize(np);
  t.coordination.assign(size_t(n_types_) * n_types_, std::vector<double>(n_bins_, 0.0));
  if (t.frames == 0) return t;
  const double mean_volume = volume_sum_[replica] / t.frames;
  const double n = n_atoms_;
  std::vector<double> pairs_norm(np, 0.0);
  for (int a = 0; a < n_types_; ++a) {
    for (int b = a; b < n_types_; ++b) {
      const int p = type_pair_index(a, b, n_types_);
      const double na = type_count_[a], nb = type_count_[b];
      pairs_norm[p] = a == b ? na * (na - 1) : 2 * na * nb;
      const auto name = [&](int q) { return q < int(type_names_.size()) ? type_names_[q] : std::to_string(q + 1); };
      t.part_names[p] = name(a) + "-" + name(b);
    }
  }
  std::vector<double> cumulative(np, 0.0);
  for (int bin = 0; bin < n_bins_; ++bin) {
    const double lo = bin * t.dr, hi = (bin + 1) * t.dr;
    t.r[bin] = 0.5 * (lo + hi);
    const double shell = 4.0 * M_PI / 3.0 * (hi * hi * hi - lo * lo * lo);
    double all = 0;
    for (int p = 0; p < np; ++p) {
      const double c = static_cast<double>(counts(replica, p, bin)) / t.frames;
      all += c;
      cumulative[p] += c;
      t.part[p][bin] = pairs_norm[p] > 0 ? mean_volume * c / (pairs_norm[p] * shell) : 0.0;
    }
    t.total[bin] = n > 1 ? mean_volume * all / (n * (n - 1) * shell) : 0.0;
    // Coordination from the exact per-atom pair counts: an unlike pair's
    // ordered count holds both directions, so half of it is a → b.
    for (int a = 0; a < n_types_; ++a) {
      for (int b = 0; b < n_types_; ++b) {
        const int p = type_pair_index(a, b, n_types_);
        const double ordered = a == b ? cumulative[p] : 0.5 * cumulative[p];
        t.coordination[size_t(a) * n_types_ + b][bin] = type_count_[a] > 0 ? ordered / type_count_[a] : 0.0;
      }
    }
  }
  return t;
}

void write_rdf_csv(const std::string& path, const RdfTable& t) {
  const int nt = static_cast<int>(std::lround(std::sqrt(double(t.coordination.size()))));
  atomic_write(path, [&](std::ostream& os) {
    os << "r_A,g_total";
    for (const auto& name : t.part_names) os << ",g_" << name;
    std::vector<std::string> names(nt);
    for (int a = 0; a < nt; ++a) {
      for (int b = a; b < nt; ++b) {
        const std::string& pn = t.part_names[type_pair_index(a, b, nt)];
        names[a] = pn.substr(0, pn.find('-'));
        if (b != a) names[b] = pn.substr(pn.find('-') + 1);
      }
    }
    for (int a = 0; a < nt; ++a)
      for (int b = 0; b < nt; ++b) os << ",cn_" << names[b] << "_around_" << names[a];
    os << "\n" << std::setprecision(10);
    for (size_t bin = 0; bin < t.r.size(); ++bin) {
      os << t.r[bin] << "," << t.total[bin];
      for (const auto& g : t.part) os << "," << g[bin];
      for (const auto& cn : t.coordination) os << "," << cn[bin];
      os << "\n";
    }
  });
}

}  // namespace betarelax
