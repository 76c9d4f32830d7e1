#include "experiments/metadynamics/sample_batch.hpp"

#include <algorithm>
#include <cmath>
#include <memory>
#include <numeric>

#include "core/bias/wt_metad.hpp"
#include "core/cv/atom_group.hpp"
#include "core/cv/rmsd_cv.hpp"
#include "core/integrate/md.hpp"
#include "core/integrate/velocity_init.hpp"
#include "core/minimize/fire.hpp"
#include "support/input_error.hpp"

namespace betarelax::experiments {
namespace {

/// The atom to look at in a replica that blew up: the first with a
/// non-finite position or velocity, else the fastest.
std::string culprit_atom(const Configuration& c) {
  int worst = -1;
  double v2_max = -1;
  for (int a = 0; a < c.n_atoms(); ++a) {
    double v2 = 0;
    bool finite = true;
    for (int d = 0; d < 3; ++d) {
      finite = finite && std::isfinite(c.x[3 * a + d]) && (c.v.empty() || std::isfinite(c.v[3 * a + d]));
      if (!c.v.empty()) v2 += c.v[3 * a + d] * c.v[3 * a + d];
    }
    if (!finite) return "atom " + std::to_string(c.id[a]) + " has a non-finite position or velocity";
    if (v2 > v2_max) {
      v2_max = v2;
      worst = a;
    }
  }
  if (worst < 0) return "no atoms";
  return "fastest atom " + std::to_string(c.id[worst]) + " at " + std::to_string(std::sqrt(v2_max)) + " A/ps";
}

/// A replica whose kinetic temperature leaves [T/10, 10 T] has broken:
/// Nosé–Hoover keeps 500 atoms within a few per cent of T. Both ways: an
/// explosion (overlapping atoms) can drive the chain so hard that it scales
/// the velocities to zero (measured: T = 0 K after 10 steps of a 0.4 A pair).
constexpr double kBlowUp = 10.0;

/// FIRE-minimised copy of a configuration.
Configuration inherent_structure(const Configuration& c, const EamFs& potential, double skin, double ftol) {
  System copy = make_system(c, 1);
  ForceField ff = make_force_field(potential, copy, skin);
  FireParams fp;
  fp.ftol = ftol;
  fire_minimize(copy, ff, fp);
  return extract_replica(copy, 0);
}

/// The starting state of a point: its glass with Maxwell–Boltzmann velocities
/// of its own seed (replica stream 0, whatever slot it lands in).
Configuration starting_state(const Configuration& glass, double temperature, uint64_t seed) {
  System one = make_system(glass, 1);
  create_velocities(one, {temperature}, seed);
  Configuration c = glass;
  c.v = extract_replica(one, 0).v;
  return c;
}

std::vector<double> host_copy(const RealView& v) {
  auto h = Kokkos::create_mirror_view_and_copy(Kokkos::HostSpace(), v);
  return std::vector<double>(h.data(), h.data() + h.extent(0));
}

}  // namespace

bool run_sample_batch(const SampleBatch& b, RunControl& ctl) {
  if (b.points.empty()) return true;
  const SingleSampleParams& p = b.params;
  const int n_rep = std::max(1, std::min<int>(b.replicas, static_cast<int>(b.points.size())));
  const Configuration& first = b.glass_at.at(std::lround(b.points.front().temperature));

  // Rows of every point's group (ids fixed by the campaign), known before the
  // run: the CV needs room for the largest.
  std::vector<std::vector<int>> group_rows;
  size_t capacity = 0;
  for (const SamplePoint& pt : b.points) {
    const auto g = b.glass_at.find(std::lround(pt.temperature));
    if (g == b.glass_at.end()) throw InputError("no glass at " + std::to_string(pt.temperature) + " K for sample " + std::to_string(pt.id));
    if (pt.group_ids.size() < 2) {
      throw InputError("the group of sample " + std::to_string(pt.id) + " (cutoff " + pt.cutoff_label + " = " +
                       std::to_string(pt.cutoff) + " A) holds only its central atom: nothing to boost");
    }
    group_rows.push_back(rows_of_ids(g->second, pt.group_ids));
    capacity = std::max(capacity, group_rows.back().size());
  }

  System sys = make_system(first, n_rep);
  ForceField ff = make_force_field(p.potential, p.elements, sys, p.skin);
  RmsdCv cv = make_rmsd_cv(sys, {group_rows[0]}, {group_xyz(first, group_rows[0])}, static_cast<int>(capacity));
  WtMetad metad = make_wt_metad(n_rep, p.metad);
  MdParams mp;
  mp.ensemble = Ensemble::nvt;
  mp.dt = p.dt_ps;
  mp.t_start = {b.points.front().temperature};
  mp.t_damp = p.t_damp_ps;
  MdIntegrator md = make_md(sys, ff, mp);
  md.post_force = [&](System& s) {
    compute_rmsd_cv(cv, s);
    wt_metad_evaluate(metad, cv.value);
    apply_cv_force(cv, s, metad.dv_ds);
  };
  const std::vector<double> grid = wt_metad_grid(metad);
  std::map<long, Configuration> inherent_at;  // one quench per temperature: every sample there starts from it

  std::vector<std::unique_ptr<SampleRun>> slot(n_rep);
  std::vector<long> start(n_rep, 0);
  size_t next = 0;
  long finished = 0;
  auto refill = [&](int r, long now) {
    const SamplePoint& pt = b.points[next];
    const std::vector<int>& rows = group_rows[next];
    ++next;
    const long tkey = std::lround(pt.temperature);
    const Configuration& glass = b.glass_at.at(tkey);
    set_replica(sys, r, starting_state(glass, pt.temperature, pt.seed));
    invalidate_replica(ff.list, r);
    nose_hoover_restart_replica(md.nh, sys, r, pt.temperature);
    wt_metad_clear(metad, r, p.metad.height0 * pt.height_factor);
    set_rmsd_cv_group(cv, sys, r, rows, group_xyz(glass, rows));
    slot[r] = std::make_unique<SampleRun>(pt, p, b.files, b.sample_dir(pt), glass, rows, b.center_id);
    if (!inherent_at.count(tkey)) inherent_at[tkey] = inherent_structure(glass, ff.potential, p.skin, p.fire_ftol);
    slot[r]->set_initial_inherent(inherent_at.at(tkey));
    start[r] = now;
  };
  Vec3View kept_f("kept_forces", sys.f.extent(0));
  IntView refilled("refilled", n_rep);
  auto fill_empty_slots = [&](long now) {
    auto refilled_h = Kokkos::create_mirror_view(refilled);
    bool any = false;
    for (int r = 0; r < n_rep; ++r) {
      refilled_h(r) = 0;
      if (!slot[r] && next < b.points.size()) {
        refill(r, now);
        refilled_h(r) = 1;
        any = true;
      }
    }
    if (!any) return;
    // Forces for the new samples. The running ones keep the forces they had:
    // recomputed now they would see the hill just deposited, which their next
    // half kick must not (it belongs to the force of the step before).
    Kokkos::deep_copy(refilled, refilled_h);
    Kokkos::deep_copy(kept_f, sys.f);
    compute_forces(ff, sys, Tally::forces);
    md.post_force(sys);
    auto f = sys.f;
    auto mask = refilled;
    const int n = sys.n_atoms;
    Kokkos::parallel_for(
        "sample_batch::keep_running_forces", Kokkos::RangePolicy<ExecSpace>(0, sys.f.extent(0)), KOKKOS_LAMBDA(const size_t k) {
          if (mask(k / n)) return;
          for (int d = 0; d < 3; ++d) f(k, d) = kept_f(k, d);
        });
  };
  const long pace = p.metad.pace;
  const long quantum = std::lcm(10 * pace, p.cv_every);
  auto progress_label = [&]() {
    long running = 0;
    for (const auto& s : slot) running += s ? 1 : 0;
    return b.label + " " + std::to_string(running) + " running, " + std::to_string(b.points.size() - next) + " pending";
  };
  if (ctl.progress) ctl.progress->start(progress_label(), b.total, b.done_before, "samples");

  fill_empty_slots(0);
  long g = 0;
  for (;;) {
    if (ctl.budget() <= 0) {
      if (ctl.progress) ctl.progress->finish();
      return false;
    }
    md_step(md, sys, ff, 0.0, false);
    ++g;
    ++ctl.steps_taken;
    if (g % pace == 0) {
      wt_metad_deposit(metad, cv.value);
      const std::vector<double> centers = host_copy(metad.center), heights = host_copy(metad.height);
      for (int r = 0; r < n_rep; ++r)
        if (slot[r]) slot[r]->on_hill(g - start[r], centers[r], heights[r]);
    }
    for (int r = 0; r < n_rep; ++r) {
      if (slot[r] && slot[r]->wants_landmark_check(g - start[r])) slot[r]->check_landmarks(g - start[r], grid, wt_metad_bias(metad, r));
    }
    if (g % p.cv_every == 0) {
      const std::vector<double> s = host_copy(cv.value), v = host_copy(metad.energy), temp = host_copy(md.nh.t_current);
      for (int r = 0; r < n_rep; ++r) {
        if (!slot[r]) continue;
        // A replica that blew up (overlapping atoms, a bad potential, a bug)
        // ends its own sample as failed; the others go on untouched.
        const double t_point = slot[r]->point().temperature;
        if (!std::isfinite(s[r]) || !std::isfinite(v[r]) || !std::isfinite(temp[r]) || temp[r] > kBlowUp * t_point ||
            temp[r] < t_point / kBlowUp) {
          const std::string why = !std::isfinite(s[r]) || !std::isfinite(v[r])
                                      ? "non-finite CV or bias (s = " + std::to_string(s[r]) + " A, V = " + std::to_string(v[r]) + " eV)"
                                      : "temperature " + std::to_string(temp[r]) + " K, outside 1/" + std::to_string(kBlowUp) + " to " +
                                            std::to_string(kBlowUp) + " x the thermostat's " + std::to_string(t_point) + " K";
          slot[r]->fail(g - start[r], g - start[r] - p.cv_every, why + "; " + culprit_atom(extract_replica(sys, r)));
          continue;
        }
        if (slot[r]->on_cv(g - start[r], s[r], v[r])) {
          slot[r]->confirm(g - start[r], inherent_structure(extract_replica(sys, r), ff.potential, p.skin, p.fire_ftol));
        }
      }
    }
    for (int r = 0; r < n_rep; ++r) {
      if (!slot[r]) continue;
      const long local = g - start[r];
      if (slot[r]->done(local)) {
        const SampleRecord rec = slot[r]->finish(local, extract_replica(sys, r), grid, wt_metad_bias(metad, r), b.provenance,
                                                 ff.potential.file.path, ff.potential.file.sha256);
        if (b.on_finished) b.on_finished(slot[r]->point(), rec);
        slot[r].reset();
        ++finished;
        // Nothing left to start here: hold this replica still, so the samples
        // still running get the whole machine (the tail of a campaign ran at
        // half speed on 2 threads with R = 2).
        if (next >= b.points.size()) freeze_replica(sys, r);
        if (ctl.progress) {
          ctl.progress->relabel(progress_label());
          ctl.progress->update(b.done_before + finished);
        }
      }
    }
    if (g % quantum == 0) fill_empty_slots(g);
    if (next >= b.points.size() && std::none_of(slot.begin(), slot.end(), [](const auto& s) { return bool(s); })) break;
    if (ctl.progress && g % 1000 == 0) {
      ctl.progress->relabel(progress_label());
      ctl.progress->update(b.done_before + finished);
    }
  }
  if (ctl.progress) ctl.progress->finish();
  return true;
}

}  // namespace betarelax::experiments
