#include "experiments/art/art_event.hpp"

#include <cmath>

#include <algorithm>

#include "core/cv/rmsd_cv.hpp"
#include "core/system/counter_rng.hpp"

namespace betarelax::experiments {
namespace {

double dot(const std::vector<double>& a, const std::vector<double>& b) {
  double s = 0;
  for (size_t i = 0; i < a.size(); ++i) s += a[i] * b[i];
  return s;
}

std::vector<double> along(const std::vector<double>& x, double step, const std::vector<double>& v) {
  std::vector<double> y(x);
  for (size_t i = 0; i < y.size(); ++i) y[i] += step * v[i];
  return y;
}

/// Rows within r of atom `center`, minimum image.
std::vector<int> region_around(const std::vector<double>& x, int center, double r, const double* len) {
  std::vector<int> rows;
  const size_t n = x.size() / 3;
  for (size_t i = 0; i < n; ++i) {
    double d2 = 0;
    for (int d = 0; d < 3; ++d) {
      double dx = x[3 * i + d] - x[3 * size_t(center) + d];
      dx -= len[d] * std::round(dx / len[d]);
      d2 += dx * dx;
    }
    if (d2 <= r * r) rows.push_back(static_cast<int>(i));
  }
  return rows;
}

double atom_distance(const std::vector<double>& a, const std::vector<double>& b, size_t row) {
  double s = 0;
  for (size_t d = 3 * row; d < 3 * row + 3; ++d) s += (a[d] - b[d]) * (a[d] - b[d]);
  return std::sqrt(s);
}

/// The group's atoms of x, flattened (the CV of Eq. 1 sees these).
std::vector<double> group_xyz(const std::vector<double>& x, const std::vector<int>& rows) {
  std::vector<double> out;
  for (int r : rows)
    for (int d = 0; d < 3; ++d) out.push_back(x[3 * size_t(r) + d]);
  return out;
}

/// Takes a search's outcome into `out` (its force calls count as the
/// search's) and its mode into `mode`; false, with the status set, unless it
/// ended on a saddle.
bool take_search(const ArtEvent& s, ArtEventResult& out, std::vector<double>& mode) {
  out.force_calls += s.force_calls;
  out.search_force_calls += s.force_calls;
  out.eigenvalue = s.eigenvalue;
  out.region_weight = s.region_weight;
  if (s.status != "saddle") {
    out.status = s.status;
    return false;
  }
  out.saddle = s.saddle;
  out.e_saddle = s.energy_saddle;
  mode = s.eigenvector;
  return true;
}

}  // namespace

double max_atom_distance(const std::vector<double>& a, const std::vector<double>& b) {
  double largest = 0;
  for (size_t i = 0; 3 * i + 2 < a.size(); ++i) largest = std::max(largest, atom_distance(a, b, i));
  return largest;
}

double max_atom_distance(const std::vector<double>& a, const std::vector<double>& b, const std::vector<int>& rows) {
  if (rows.empty()) return max_atom_distance(a, b);
  double largest = 0;
  for (int r : rows) largest = std::max(largest, atom_distance(a, b, size_t(r)));
  return largest;
}

std::vector<int> art_region(const std::vector<double>& x, const std::vector<int>& group, double shell, const double* len) {
  std::vector<int> rows;
  for (int g : group) {
    const std::vector<int> near = region_around(x, g, shell, len);
    rows.insert(rows.end(), near.begin(), near.end());
  }
  std::sort(rows.begin(), rows.end());
  rows.erase(std::unique(rows.begin(), rows.end()), rows.end());
  return rows;
}

std::vector<double> art_push(const ArtBasin& basin, uint64_t seed) {
  std::vector<double> push(basin.x.size(), 0.0);
  for (int row : basin.push_rows)
    for (int d = 0; d < 3; ++d) push[3 * size_t(row) + d] = 2 * rng::uniform(seed, rng::kArtPush, 0, row, d) - 1;
  return push;
}

ArtEventResult run_art_event(const EnergyForce& ef, const ArtBasin& basin, const ArtGlassParams& p, uint64_t seed) {
  ArtEventResult out;
  out.e_back = basin.energy;
  std::vector<char> region;
  if (!basin.region_rows.empty()) {
    region.assign(basin.x.size(), 0);
    for (int r : basin.region_rows) region[3 * size_t(r)] = region[3 * size_t(r) + 1] = region[3 * size_t(r) + 2] = 1;
  }
  std::vector<double> mode;
  const ArtEvent search = art_find_saddle(ef, basin.x, art_push(basin, seed), p.search, region);
  if (!take_search(search, out, mode)) return out;
  std::vector<double> f(basin.x.size());
  ef(out.saddle, f);
  ++out.force_calls;

  // First order: the second-lowest eigenvalue, with the negative mode (and
  // the translations) deflated, must be positive. A second unstable mode
  // need not lie near the event, so Lanczos starts from a random vector over
  // all atoms and runs a larger Krylov space to a tight tolerance.
  std::vector<double> start(basin.x.size());
  for (size_t k = 0; k < start.size(); ++k) start[k] = 2 * rng::uniform(seed, rng::kArtPush, 1, k, 0) - 1;
  ArtParams verify = p.search;
  verify.lanczos_iterations = p.verify_lanczos_iterations;
  verify.lanczos_tolerance = 1e-6;
  LowestMode second = lanczos_lowest_mode(ef, out.saddle, f, start, verify, &mode);
  out.force_calls += second.force_calls;
  // A second unstable mode off the group's region is another spot sitting
  // at its own inflection (a soft two-level spot the climb drove there), not
  // part of the group's event: that spot is slid down its mode (the lower
  // side, over_saddle along it) and the group's saddle converged again, at
  // most kRetries times; the force calls count as the search's.
  constexpr int kRetries = 3;
  for (int retry = 0; retry < kRetries && !(second.eigenvalue > 0) && !region.empty() &&
                      region_weight(second.vector, region) < p.search.min_region_weight;
       ++retry) {
    const std::vector<double> up = along(out.saddle, p.search.over_saddle, second.vector),
                              down = along(out.saddle, -p.search.over_saddle, second.vector);
    std::vector<double> g(basin.x.size());
    const double e_up = ef(up, g), e_down = ef(down, g);
    out.force_calls += 2;
    out.search_force_calls += 2;
    if (!take_search(art_converge_saddle(ef, e_up < e_down ? up : down, mode, p.search, region), out, mode)) return out;
    ef(out.saddle, f);
    ++out.force_calls;
    second = lanczos_lowest_mode(ef, out.saddle, f, start, verify, &mode);
    out.force_calls += second.force_calls;
  }
  out.second_eigenvalue = second.eigenvalue;
  ArtParams per_atom = p.search;
  per_atom.atom_dims = 3;
  out.saddle_fmax = force_measure(f, per_atom);

  // Displacement from the minimum to the saddle: which atoms the event moves.
  const size_t n = basin.x.size() / 3;
  for (size_t i = 0; i < n; ++i) {
    const double di = atom_distance(out.saddle, basin.x, i);
    if (di > p.displaced_A) ++out.displaced_atoms;
    if (di > out.max_displacement_A) out.max_displacement_A = di, out.most_displaced_row = static_cast<int>(i);
  }
  const std::vector<double> group_min = group_xyz(basin.x, basin.push_rows);
  out.group_rmsd_saddle_A = rmsd_host(group_xyz(out.saddle, basin.push_rows), group_min, basin.box_len);
  // The group's event happens on the group: a saddle led by an atom outside
  // its region is another spot's (counted, with its energy, never verified).
  if (!basin.region_rows.empty() &&
      !std::binary_search(basin.region_rows.begin(), basin.region_rows.end(), out.most_displaced_row)) {
    out.status = "off_group";
    return out;
  }
  if (!(second.eigenvalue > 0)) {
    out.status = "higher_order_saddle";
    return out;
  }

  // Connected: over the saddle backwards to the initial minimum, forwards to
  // another one. The mode points away from the initial minimum.
  std::vector<double> d(out.saddle);
  for (size_t i = 0; i < d.size(); ++i) d[i] -= basin.x[i];
  if (dot(mode, d) < 0)
    for (double& m : mode) m = -m;
  const Relaxed back = art_relax(ef, along(out.saddle, -p.search.over_saddle, mode), p.search);
  const Relaxed forward = art_relax(ef, along(out.saddle, p.search.over_saddle, mode), p.search);
  out.force_calls += back.force_calls + forward.force_calls;
  if (!back.converged || !forward.converged) {
    out.status = "relaxation_not_converged";
    return out;
  }
  out.final_minimum = forward.x;
  out.e_final = forward.energy;
  out.group_rmsd_final_A = rmsd_host(group_xyz(forward.x, basin.push_rows), group_min, basin.box_len);
  for (size_t i = 0; i < n; ++i) {
    const double di = atom_distance(forward.x, basin.x, i);
    out.moved_2A += di > 2.0;
    out.moved_0p5A += di > 0.5;
  }
  // The same minimum for the group: its atoms back where they were. Atoms
  // elsewhere may have settled into another state of a soft spot on the way
  // (recorded as back_outside_A), so the barrier is measured from the
  // minimum the saddle connects back to (E_back), not from basin.energy.
  std::vector<char> in_group(n, 0);
  for (int r : basin.push_rows) in_group[r] = 1;
  for (size_t i = 0; i < n; ++i)
    if (!in_group[i]) out.back_outside_A = std::max(out.back_outside_A, atom_distance(back.x, basin.x, i));
  if (max_atom_distance(back.x, basin.x, basin.push_rows) > p.same_minimum_A) {
    out.status = "not_connected_to_initial";
    return out;
  }
  out.e_back = back.energy;
  out.back_minimum = back.x;
  if (max_atom_distance(forward.x, basin.x, basin.push_rows) <= p.same_minimum_A) {
    out.status = "returns_to_initial";
    return out;
  }

  // The partial Hessian of the region around the event, at the saddle and at
  // the minimum it relaxes back to: Vineyard's ν*. Holding the atoms outside fixed can only raise
  // eigenvalues (Cauchy interlacing), so two negative modes in the region
  // mean a higher-order saddle, and none means the mode reaches further: the
  // radius doubles until the region holds it, or would exceed
  // hessian_max_atoms (then no prefactor), or is the whole cell.
  const size_t n_atoms = basin.x.size() / 3;
  const long before_hessian = out.force_calls;
  for (double radius = p.hessian_radius_A; radius > 0; radius *= 2) {
    const std::vector<int> rows = region_around(basin.x, out.most_displaced_row, radius, basin.box_len);
    if (static_cast<long>(rows.size()) > p.hessian_max_atoms) break;
    std::vector<double> masses;
    for (int r : rows) masses.push_back(basin.atom_mass[r]);
    const NormalModes at_saddle =
        normal_modes(partial_hessian(ef, out.saddle, rows, p.hessian_step_A, &out.force_calls), masses);
    out.hessian_negative = at_saddle.negative;
    out.hessian_atoms = static_cast<int>(rows.size());
    if (at_saddle.negative > 1) {
      out.status = "hessian_not_first_order";
      return out;
    }
    if (at_saddle.negative == 1) {
      const NormalModes at_minimum =
          normal_modes(partial_hessian(ef, out.back_minimum, rows, p.hessian_step_A, &out.force_calls), masses);
      out.prefactor = vineyard_prefactor(at_minimum, at_saddle, p.nu0_Hz);
      break;
    }
    if (rows.size() == n_atoms) break;
  }
  out.hessian_force_calls = out.force_calls - before_hessian;
  out.status = "verified";
  return out;
}

}  // namespace betarelax::experiments
