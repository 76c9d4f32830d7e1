#include "core/saddle/art_nouveau.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>

#include <Eigen/Dense>

namespace betarelax {
namespace {

double dot(const std::vector<double>& a, const std::vector<double>& b) {
  double s = 0;
  for (size_t i = 0; i < a.size(); ++i) s += a[i] * b[i];
  return s;
}

double norm(const std::vector<double>& a) { return std::sqrt(dot(a, a)); }

void axpy(double alpha, const std::vector<double>& x, std::vector<double>& y) {
  for (size_t i = 0; i < y.size(); ++i) y[i] += alpha * x[i];
}

/// FIRE (Bitzek et al., PRL 97, 170201 (2006)) with unit masses, each step
/// capped at max_move; the state persists between calls to step(), so a
/// search can change the force it follows (a refreshed mode) and keep its
/// momentum.
struct Fire {
  std::vector<double> v;
  double dt, alpha = 0.1;
  int positive = 0;
  Fire(size_t n, const ArtParams& p) : v(n, 0.0), dt(p.fire_dt) {}

  void reset() { std::fill(v.begin(), v.end(), 0.0); }

  /// One step of x along the force field value g (at x).
  void step(std::vector<double>& x, const std::vector<double>& g, const ArtParams& p) {
    const double power = dot(g, v);
    if (power > 0) {
      const double vn = norm(v), gn = norm(g);
      for (size_t i = 0; i < v.size(); ++i) v[i] = (1 - alpha) * v[i] + alpha * vn * g[i] / gn;
      if (++positive > 5) {
        dt = std::min(dt * 1.1, p.fire_dt_max);
        alpha *= 0.99;
      }
    } else {
      reset();
      dt *= 0.5;
      alpha = 0.1;
      positive = 0;
    }
    axpy(dt, g, v);
    std::vector<double> dx(v);
    for (double& d : dx) d *= dt;
    const double move = norm(dx);
    if (move > p.max_move) {
      for (double& d : dx) d *= p.max_move / move;
    }
    axpy(1.0, dx, x);
  }
};

/// FIRE on a force field `g` until `done(g)`; returns the steps taken.
int fire(std::vector<double>& x, const std::function<void(const std::vector<double>&, std::vector<double>&)>& g,
         const std::function<bool(const std::vector<double>&)>& done, int max_steps, const ArtParams& p) {
  Fire state(x.size(), p);
  std::vector<double> f(x.size());
  for (int step = 0; step < max_steps; ++step) {
    g(x, f);
    if (done(f)) return step;
    state.step(x, f, p);
  }
  return max_steps;
}

/// Relaxes x across the held direction v (unit): FIRE on F − (F·v)v for at
/// most p.perpendicular_steps steps, stopping once that force is below the
/// saddle tolerance. The valley floor follows the climb.
long relax_across(const EnergyForce& ef, std::vector<double>& x, const std::vector<double>& v, const ArtParams& p) {
  long calls = 0;
  double measure = 1e300;
  auto across = [&](const std::vector<double>& xs, std::vector<double>& g) {
    ef(xs, g);
    ++calls;
    axpy(-dot(g, v), v, g);
    measure = force_measure(g, p);
  };
  auto done = [&](const std::vector<double>&) { return measure < p.force_tolerance; };
  fire(x, across, done, p.perpendicular_steps, p);
  return calls;
}

}  // namespace

double force_measure(const std::vector<double>& f, const ArtParams& p) {
  if (p.atom_dims <= 0) return norm(f);
  double largest = 0;
  for (size_t i = 0; i + p.atom_dims <= f.size(); i += p.atom_dims) {
    double s = 0;
    for (int d = 0; d < p.atom_dims; ++d) s += f[i + d] * f[i + d];
    largest = std::max(largest, s);
  }
  return std::sqrt(largest);
}

LowestMode lanczos_lowest_mode(const EnergyForce& ef, const std::vector<double>& x, const std::vector<double>& f,
                               const std::vector<double>& start, const ArtParams& p,
                               const std::vector<double>* deflate) {
  const size_t n = x.size();
  LowestMode out;
  std::vector<std::vector<double>> q;
  std::vector<double> alpha, beta;
  std::vector<double> r = start;
  // Uniform translations of a periodic system are exact zero modes with no
  // physics in them: kept out of the Krylov space.
  std::vector<std::vector<double>> zero_modes;
  if (p.atom_dims > 0 && n > size_t(p.atom_dims)) {
    const double w = 1 / std::sqrt(double(n / p.atom_dims));
    for (int d = 0; d < p.atom_dims; ++d) {
      zero_modes.emplace_back(n, 0.0);
      for (size_t i = d; i < n; i += p.atom_dims) zero_modes.back()[i] = w;
    }
  }
  auto project = [&](std::vector<double>& u) {
    for (const auto& z : zero_modes) axpy(-dot(z, u), z, u);
    if (deflate) axpy(-dot(*deflate, u), *deflate, u);
  };
  project(r);
  double b = norm(r);
  if (!(b > 0)) throw std::invalid_argument("lanczos: zero start vector");
  double previous = 0;
  std::vector<double> xe(n), fe(n);
  for (int k = 0; k < std::min<int>(p.lanczos_iterations, static_cast<int>(n)); ++k) {
    std::vector<double> qk(r);
    for (double& v : qk) v /= b;
    q.push_back(qk);
    // H q ≈ −(F(x + ε q) − F(x)) / ε
    for (size_t i = 0; i < n; ++i) xe[i] = x[i] + p.lanczos_epsilon * qk[i];
    ef(xe, fe);
    ++out.force_calls;
    std::vector<double> hq(n);
    for (size_t i = 0; i < n; ++i) hq[i] = -(fe[i] - f[i]) / p.lanczos_epsilon;
    project(hq);
    const double a = dot(qk, hq);
    alpha.push_back(a);
    r = hq;
    axpy(-a, qk, r);
    if (k > 0) axpy(-beta.back(), q[k - 1], r);
    for (const auto& qi : q) axpy(-dot(qi, r), qi, r);  // full reorthogonalisation
    project(r);
    // The tridiagonal's lowest eigenpair so far.
    const int m = static_cast<int>(alpha.size());
    Eigen::MatrixXd t = Eigen::MatrixXd::Zero(m, m);
    for (int i = 0; i < m; ++i) {
      t(i, i) = alpha[i];
      if (i + 1 < m) t(i, i + 1) = t(i + 1, i) = beta[i];
    }
    Eigen::SelfAdjointEigenSolver<Eigen::MatrixXd> es(t);
    const double lambda = es.eigenvalues()(0);
    out.eigenvalue = lambda;
    out.vector.assign(n, 0.0);
    for (int i = 0; i < m; ++i) axpy(es.eigenvectors()(i, 0), q[i], out.vector);
    b = norm(r);
    const bool settled = k > 0 && std::fabs(lambda - previous) <= p.lanczos_tolerance * std::max(1.0, std::fabs(lambda));
    previous = lambda;
    if (settled || b < 1e-12) break;
    beta.push_back(b);
  }
  const double vn = norm(out.vector);
  for (double& v : out.vector) v /= vn;
  return out;
}

double region_weight(const std::vector<double>& v, const std::vector<char>& region) {
  if (region.empty()) return 1;
  double in = 0;
  for (size_t k = 0; k < v.size(); ++k)
    if (region[k]) in += v[k] * v[k];
  return in / dot(v, v);
}

namespace {

/// The lowest mode at x for a search confined to `region`: Lanczos from
/// `start`; when that mode lies mostly off the region (a soft spot elsewhere
/// going unstable), Lanczos again with it deflated, so the search keeps
/// following the region's own mode and the perpendicular relaxation slides
/// the other spot off its unstable direction. `on_region` is false when no
/// mode on the region was found.
LowestMode region_lowest_mode(const EnergyForce& ef, const std::vector<double>& x, const std::vector<double>& f,
                              const std::vector<double>& start, const ArtParams& p, const std::vector<char>& region,
                              bool& on_region) {
  LowestMode lm = lanczos_lowest_mode(ef, x, f, start, p);
  on_region = region_weight(lm.vector, region) >= p.min_region_weight;
  if (on_region) return lm;
  LowestMode local = lanczos_lowest_mode(ef, x, f, start, p, &lm.vector);
  local.force_calls += lm.force_calls;
  on_region = region_weight(local.vector, region) >= p.min_region_weight;
  return local;
}

/// Step 3, from x with the mode `mode` (unit, pointing uphill) and its
/// curvature `lambda`: min-mode following. FIRE on the modified force
/// F − 2(F·v)v (uphill along the lowest mode v, downhill across it), v
/// refreshed by Lanczos every `perpendicular_steps` steps from the previous
/// one. While the curvature is not negative, a step of max_move uphill along
/// v first. Fills ev's status, saddle, energy, eigenpair and force calls.
void climb_to_saddle(const EnergyForce& ef, std::vector<double> x, std::vector<double> mode, double lambda,
                     const ArtParams& p, const std::vector<char>& region, ArtEvent& ev) {
  const size_t n = x.size();
  std::vector<double> f(n), g(n);
  double last_lambda = lambda;
  int step = 0, positive = 0;
  const int refresh = std::max(1, p.perpendicular_steps);
  Fire climb(n, p);
  for (; step < p.max_activation_steps; ++step) {
    ef(x, f);
    ++ev.force_calls;
    if (step % refresh == 0) {
      bool on_region = true;
      const LowestMode lm = region_lowest_mode(ef, x, f, mode, p, region, on_region);
      ev.force_calls += lm.force_calls;
      std::vector<double> v = lm.vector;
      if (dot(v, mode) < 0) for (double& c : v) c = -c;
      mode = v;
      last_lambda = lm.eigenvalue;
      ev.region_weight = region_weight(mode, region);
      if (!on_region) {
        ev.status = "mode_left_region";
        ev.saddle = x;
        ev.eigenvalue = last_lambda;
        return;
      }
      // Climbing with positive curvature for long: up a wall with no saddle
      // on it (a failed search, counted as such, never a saddle).
      positive = last_lambda < 0 ? 0 : positive + 1;
      if (positive > p.max_positive_steps) {
        ev.status = "lost_negative_curvature";
        ev.saddle = x;
        ev.eigenvalue = last_lambda;
        return;
      }
      if (last_lambda >= 0) {
        axpy(dot(f, mode) > 0 ? -p.max_move : p.max_move, mode, x);
        climb.reset();
        continue;
      }
    }
    if (last_lambda < 0 && force_measure(f, p) < p.force_tolerance) break;
    g = f;
    axpy(-2 * dot(f, mode), mode, g);
    climb.step(x, g, p);
  }
  ev.status = step < p.max_activation_steps ? "saddle" : "no_convergence";
  ev.saddle = x;
  ev.energy_saddle = ef(x, f);
  ++ev.force_calls;
  if (ev.status == "saddle") {
    // The mode may be a few steps old: the curvature at the point itself.
    bool on_region = true;
    const LowestMode lm = region_lowest_mode(ef, x, f, mode, p, region, on_region);
    ev.force_calls += lm.force_calls;
    mode = lm.vector;
    last_lambda = lm.eigenvalue;
    if (!(last_lambda < 0)) ev.status = "lost_negative_curvature";
  }
  ev.region_weight = region_weight(mode, region);
  ev.eigenvalue = last_lambda;
  ev.eigenvector = mode;
}

}  // namespace

ArtEvent art_find_saddle(const EnergyForce& ef, const std::vector<double>& x_min, const std::vector<double>& push,
                         const ArtParams& p, const std::vector<char>& region) {
  if (!region.empty() && region.size() != x_min.size()) throw std::invalid_argument("art: region size differs from x");
  const size_t n = x_min.size();
  ArtEvent ev;
  std::vector<double> f(n), dir = push;
  const double pn = norm(dir);
  if (!(pn > 0)) throw std::invalid_argument("art: zero push");
  for (double& d : dir) d /= pn;
  ev.energy_min = ef(x_min, f);
  ++ev.force_calls;
  std::vector<double> x = x_min;
  axpy(p.push_size, dir, x);

  // Basin: outward along the push, perpendicular forces relaxed, until the
  // lowest curvature turns negative in a mode on the region.
  std::vector<double> mode = dir;
  double lambda = 1;
  bool left = false;
  for (int step = 0; step < p.max_basin_steps; ++step) {
    // The first steps from a minimum cannot reach negative curvature: no
    // Lanczos there (ARTn's ninit).
    if (step >= p.basin_steps_before_lanczos) {
      ef(x, f);
      ++ev.force_calls;
      bool on_region = true;
      const LowestMode lm = region_lowest_mode(ef, x, f, mode, p, region, on_region);
      ev.force_calls += lm.force_calls;
      lambda = lm.eigenvalue;
      mode = lm.vector;
      ev.region_weight = region_weight(mode, region);
      if (lambda < p.eigen_threshold && on_region) {
        left = true;
        break;
      }
      // No mode on the region yet: the next Lanczos starts from the push
      // again, so it does not stay locked on another spot's mode.
      if (!on_region) mode = dir;
    }
    axpy(p.basin_step, dir, x);
    ev.force_calls += relax_across(ef, x, dir, p);
  }
  if (!left) {
    ev.status = "no_saddle_in_basin";
    return ev;
  }

  if (dot(mode, dir) < 0) for (double& m : mode) m = -m;
  climb_to_saddle(ef, x, mode, lambda, p, region, ev);
  return ev;
}

ArtEvent art_converge_saddle(const EnergyForce& ef, const std::vector<double>& x, const std::vector<double>& mode,
                             const ArtParams& p, const std::vector<char>& region) {
  ArtEvent ev;
  std::vector<double> m = mode;
  const double mn = norm(m);
  if (!(mn > 0)) throw std::invalid_argument("art: zero mode");
  for (double& c : m) c /= mn;
  climb_to_saddle(ef, x, m, -1, p, region, ev);
  return ev;
}

Relaxed art_relax(const EnergyForce& ef, std::vector<double> x, const ArtParams& p) {
  Relaxed out;
  double fnorm = 1e300;
  auto force = [&](const std::vector<double>& xs, std::vector<double>& g) {
    ef(xs, g);
    ++out.force_calls;
    fnorm = force_measure(g, p);
  };
  auto done = [&](const std::vector<double>&) { return fnorm < p.relax_tolerance; };
  out.converged = fire(x, force, done, p.max_relax_steps, p) < p.max_relax_steps;
  std::vector<double> f(x.size());
  out.energy = ef(x, f);
  ++out.force_calls;
  out.x = x;
  return out;
}

}  // namespace betarelax
