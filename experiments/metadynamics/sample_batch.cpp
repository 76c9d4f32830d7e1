#include "experiments/metadynamics/sample_batch.hpp"

#include <algorithm>
#include <cmath>
#include <deque>
#include <memory>
#include <numeric>
#include <utility>

#include "core/bias/wt_metad.hpp"
#include "core/cv/atom_group.hpp"
#include "core/cv/rmsd_cv.hpp"
#include "core/integrate/md.hpp"
#include "core/integrate/velocity_init.hpp"
#include "core/minimize/fire.hpp"
#include "experiments/metadynamics/crossing_point.hpp"
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

/// A frame of a replica kept for the hop rule: its state, the sample step,
/// and the CV of each of its sites.
struct KeptFrame {
  long step = 0;
  Configuration state;
  std::vector<double> s;
};

/// Bisects a replica's kept frames (the last one is the state just
/// confirmed out of the initial basin) for where site k's trajectory crossed.
CrossingPoint locate_crossing(const std::deque<KeptFrame>& frames, int k, const SampleRun& sample,
                              const SingleSampleParams& p, const EamFs& potential) {
  CrossingPoint c;
  const int n = static_cast<int>(frames.size());
  const int out = first_frame_out(
      n, [&](int i) { return sample.still_in_initial(inherent_structure(frames[i].state, potential, p.skin, p.fire_ftol)); },
      c.quenches);
  if (out < 0) {
    c.why = n < 2 ? "no frames kept"
                  : "the group had left the initial basin before the kept frames (" + std::to_string(p.crossing_frames_ps) + " ps)";
    return c;
  }
  c.located = true;
  c.step_in = frames[out - 1].step;
  c.step_out = frames[out].step;
  c.s_in = frames[out - 1].s.at(k);
  c.s_out = frames[out].s.at(k);
  return c;
}

std::vector<double> host_copy(const RealView& v) {
  auto h = Kokkos::create_mirror_view_and_copy(Kokkos::HostSpace(), v);
  return std::vector<double>(h.data(), h.data() + h.extent(0));
}

}  // namespace

namespace {

/// The runs of a batch: [first, last) ranges of consecutive points that
/// share SamplePoint::run (their temperature, seed and height must agree).
std::vector<std::pair<size_t, size_t>> runs_of(const std::vector<SamplePoint>& points) {
  std::vector<std::pair<size_t, size_t>> runs;
  for (size_t i = 0; i < points.size(); ++i) {
    if (runs.empty() || points[i].run != points[runs.back().first].run) {
      runs.push_back({i, i + 1});
      continue;
    }
    const SamplePoint& a = points[runs.back().first];
    const SamplePoint& b = points[i];
    if (a.temperature != b.temperature || a.seed != b.seed || a.height_factor != b.height_factor) {
      throw InputError("samples " + std::to_string(a.id) + " and " + std::to_string(b.id) + " share run " +
                       std::to_string(a.run) + " but not its temperature, seed and hill height");
    }
    runs.back().second = i + 1;
  }
  return runs;
}

}  // namespace

bool run_sample_batch(const SampleBatch& b, RunControl& ctl) {
  if (b.points.empty()) return true;
  const SingleSampleParams& p = b.params;
  const auto runs = runs_of(b.points);
  const int n_rep = std::max(1, std::min<int>(b.replicas, static_cast<int>(runs.size())));
  int sites = 1;
  for (const auto& [first, last] : runs) sites = std::max(sites, static_cast<int>(last - first));
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

  // Channel c = r × sites + k: site k of replica r (core/cv/rmsd_cv.hpp).
  System sys = make_system(first, n_rep);
  ForceField ff = make_force_field(p.potential, p.elements, sys, p.skin, p.pair_style);
  RmsdCv cv = make_rmsd_cv(sys, {group_rows[0]}, {group_xyz(first, group_rows[0])}, static_cast<int>(capacity), sites);
  WtMetad metad = make_wt_metad(n_rep * sites, p.metad);
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

  // slot[r][k]: the sample of site k of replica r's run (null: finished or empty).
  std::vector<std::vector<std::unique_ptr<SampleRun>>> slot(n_rep);
  for (auto& s : slot) s.resize(sites);
  auto running = [&](int r) { return std::any_of(slot[r].begin(), slot[r].end(), [](const auto& x) { return bool(x); }); };
  std::vector<long> start(n_rep, 0);
  std::vector<std::deque<KeptFrame>> kept(n_rep);  // the hop rule's frames (crossing_point.hpp)
  const long reach = std::lround(p.crossing_frames_ps / p.dt_ps);
  size_t next = 0;
  long finished = 0;
  auto refill = [&](int r, long now) {
    const auto [from, to] = runs[next++];
    const SamplePoint& lead = b.points[from];
    const long tkey = std::lround(lead.temperature);
    const Configuration& glass = b.glass_at.at(tkey);
    set_replica(sys, r, starting_state(glass, lead.temperature, lead.seed));
    kept[r].clear();
    invalidate_replica(ff.list, r);
    nose_hoover_restart_replica(md.nh, sys, r, lead.temperature);
    if (!inherent_at.count(tkey)) inherent_at[tkey] = inherent_structure(glass, ff.potential, p.skin, p.fire_ftol);
    std::vector<std::vector<int>> groups;
    std::vector<std::vector<double>> refs;
    for (int k = 0; k < sites; ++k) {
      const int c = r * sites + k;
      wt_metad_clear(metad, c, p.metad.height0 * lead.height_factor);
      const size_t i = from + k;
      if (i >= to) {  // a site this run leaves empty: no group, no hills
        wt_metad_freeze(metad, c);
        continue;
      }
      const SamplePoint& pt = b.points[i];
      groups.push_back(group_rows[i]);
      refs.push_back(group_xyz(glass, group_rows[i]));
      slot[r][k] = std::make_unique<SampleRun>(pt, p, b.files, b.sample_dir(pt), glass, group_rows[i]);
      slot[r][k]->set_initial_inherent(inherent_at.at(tkey));
    }
    set_rmsd_cv_sites(cv, sys, r, groups, refs);
    start[r] = now;
  };
  Vec3View kept_f("kept_forces", sys.f.extent(0));
  IntView refilled("refilled", n_rep);
  auto fill_empty_slots = [&](long now) {
    auto refilled_h = Kokkos::create_mirror_view(refilled);
    bool any = false;
    for (int r = 0; r < n_rep; ++r) {
      refilled_h(r) = 0;
      if (!running(r) && next < runs.size()) {
        refill(r, now);
        refilled_h(r) = 1;
        any = true;
      }
    }
    if (!any) return;
    // Forces for the new runs. The running ones keep the forces they had:
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
    long busy = 0;
    for (const auto& r : slot)
      for (const auto& s : r) busy += s ? 1 : 0;
    return b.label + " " + std::to_string(busy) + " running, " + std::to_string(runs.size() - next) + " runs pending";
  };
  if (ctl.progress) ctl.progress->start(progress_label(), b.total, b.done_before, "samples");

  // Every live sample of the batch: replica, site, channel.
  auto for_each_live = [&](auto&& body) {
    for (int r = 0; r < n_rep; ++r)
      for (int k = 0; k < sites; ++k)
        if (slot[r][k]) body(r, k, r * sites + k, *slot[r][k]);
  };
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
      for_each_live([&](int r, int, int c, SampleRun& s) {
        s.on_hill(g - start[r], centers[c], heights[c]);
        s.remember_bias(g - start[r], wt_metad_bias(metad, c));
      });
    }
    for_each_live([&](int r, int, int c, SampleRun& s) {
      if (s.wants_landmark_check(g - start[r])) s.check_landmarks(g - start[r], grid, wt_metad_bias(metad, c));
    });
    if (g % p.cv_every == 0) {
      const std::vector<double> sv = host_copy(cv.value), v = host_copy(metad.energy), temp = host_copy(md.nh.t_current);
      // Frames of every live replica, searching or not: a transition the
      // system comes back from is revoked, and the next one's bisection must
      // see a trajectory without gaps.
      for (int r = 0; r < n_rep; ++r) {
        if (!running(r)) continue;
        const long local = g - start[r];
        kept[r].push_back({local, extract_replica(sys, r), std::vector<double>(sv.begin() + r * sites, sv.begin() + (r + 1) * sites)});
        while (!kept[r].empty() && kept[r].front().step < local - reach) kept[r].pop_front();
      }
      for_each_live([&](int r, int k, int c, SampleRun& s) {
        // A replica that blew up (overlapping atoms, a bad potential, a bug)
        // ends its own samples as failed; the others go on untouched.
        const double t_point = s.point().temperature;
        if (!std::isfinite(sv[c]) || !std::isfinite(v[c]) || !std::isfinite(temp[r]) || temp[r] > kBlowUp * t_point ||
            temp[r] < t_point / kBlowUp) {
          const std::string why = !std::isfinite(sv[c]) || !std::isfinite(v[c])
                                      ? "non-finite CV or bias (s = " + std::to_string(sv[c]) + " A, V = " + std::to_string(v[c]) + " eV)"
                                      : "temperature " + std::to_string(temp[r]) + " K, outside 1/" + std::to_string(kBlowUp) + " to " +
                                            std::to_string(kBlowUp) + " x the thermostat's " + std::to_string(t_point) + " K";
          s.fail(g - start[r], g - start[r] - p.cv_every, why + "; " + culprit_atom(extract_replica(sys, r)));
          return;
        }
        if (s.on_cv(g - start[r], sv[c], v[c])) {
          const long local = g - start[r];
          s.confirm(local, inherent_structure(extract_replica(sys, r), ff.potential, p.skin, p.fire_ftol));
          if (s.confirmed_at(local)) s.set_crossing(locate_crossing(kept[r], k, s, p, ff.potential));
        }
      });
    }
    for (int r = 0; r < n_rep; ++r) {
      if (!running(r)) continue;
      const long local = g - start[r];
      for (int k = 0; k < sites; ++k) {
        if (!slot[r][k] || !slot[r][k]->done(local)) continue;
        // The site has finished: its bias stays as it is (frozen) while the
        // run's other sites go on.
        const int c = r * sites + k;
        wt_metad_freeze(metad, c);
        const SampleRecord rec = slot[r][k]->finish(local, extract_replica(sys, r), grid, wt_metad_bias(metad, c), b.provenance,
                                                    ff.potential.file.path, ff.potential.file.sha256);
        if (!slot[r][k]->point().replay) {
          if (b.on_finished) b.on_finished(slot[r][k]->point(), rec);
          ++finished;
        }
        slot[r][k].reset();
      }
      if (running(r)) continue;
      // Nothing left to start here: hold this replica still, so the runs
      // still going get the whole machine (the tail of a campaign ran at
      // half speed on 2 threads with R = 2).
      if (next >= runs.size()) freeze_replica(sys, r);
      if (ctl.progress) {
        ctl.progress->relabel(progress_label());
        ctl.progress->update(b.done_before + finished);
      }
    }
    if (g % quantum == 0) fill_empty_slots(g);
    if (next >= runs.size() && std::none_of(slot.begin(), slot.end(), [&](const auto& r) {
          return std::any_of(r.begin(), r.end(), [](const auto& x) { return bool(x); });
        }))
      break;
    if (ctl.progress && g % 1000 == 0) {
      ctl.progress->relabel(progress_label());
      ctl.progress->update(b.done_before + finished);
    }
  }
  if (ctl.progress) ctl.progress->finish();
  return true;
}

}  // namespace betarelax::experiments
