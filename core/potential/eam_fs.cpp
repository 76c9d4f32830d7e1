#include "core/potential/eam_fs.hpp"

#include <algorithm>

#include "core/system/kmath.hpp"
#include "support/input_error.hpp"

namespace betarelax {
namespace {

/// LAMMPS pair_eam's interpolate(): knots m = 1..n hold f[m-1]; slopes from
/// 4th-order central differences (2nd-order one knot in, 1st-order at the
/// ends); Hermite cubic coefficients between knots.
void fill_spline(const std::vector<double>& f, double delta,
                 Kokkos::View<double** [7], Kokkos::LayoutRight, Kokkos::HostSpace> s, int fn) {
  const int n = static_cast<int>(f.size());
  for (int m = 1; m <= n; ++m) s(fn, m, 6) = f[m - 1];
  s(fn, 1, 5) = s(fn, 2, 6) - s(fn, 1, 6);
  s(fn, 2, 5) = 0.5 * (s(fn, 3, 6) - s(fn, 1, 6));
  s(fn, n - 1, 5) = 0.5 * (s(fn, n, 6) - s(fn, n - 2, 6));
  s(fn, n, 5) = s(fn, n, 6) - s(fn, n - 1, 6);
  for (int m = 3; m <= n - 2; ++m) {
    s(fn, m, 5) = ((s(fn, m - 2, 6) - s(fn, m + 2, 6)) + 8.0 * (s(fn, m + 1, 6) - s(fn, m - 1, 6))) / 12.0;
  }
  for (int m = 1; m <= n - 1; ++m) {
    s(fn, m, 4) = 3.0 * (s(fn, m + 1, 6) - s(fn, m, 6)) - 2.0 * s(fn, m, 5) - s(fn, m + 1, 5);
    s(fn, m, 3) = s(fn, m, 5) + s(fn, m + 1, 5) - 2.0 * (s(fn, m + 1, 6) - s(fn, m, 6));
  }
  s(fn, n, 4) = 0.0;
  s(fn, n, 3) = 0.0;
  for (int m = 1; m <= n; ++m) {
    s(fn, m, 2) = s(fn, m, 5) / delta;
    s(fn, m, 1) = 2.0 * s(fn, m, 4) / delta;
    s(fn, m, 0) = 3.0 * s(fn, m, 3) / delta;
  }
}

using HostSpline = Kokkos::View<double** [7], Kokkos::LayoutRight, Kokkos::HostSpace>;

HostSpline host_spline(const std::vector<std::vector<double>>& funcs, double delta) {
  const int n = static_cast<int>(funcs.front().size());
  HostSpline tmp("spline_tmp", funcs.size(), size_t(n) + 1);
  for (size_t fn = 0; fn < funcs.size(); ++fn) fill_spline(funcs[fn], delta, tmp, static_cast<int>(fn));
  return tmp;
}

SplineTable to_device(const char* label, const HostSpline& h) {
  SplineTable table(std::string(label), h.extent(0), h.extent(1));
  auto mirror = Kokkos::create_mirror_view(table);
  Kokkos::deep_copy(mirror, h);
  Kokkos::deep_copy(table, mirror);
  return table;
}

using Rows = Kokkos::RangePolicy<ExecSpace>;

/// How many half-list entries ahead pair_forces fetches its table rows.
constexpr int kAhead = 8;

/// Knot index m and fraction p of x on a grid of spacing 1/rd, as pair_eam.
KOKKOS_INLINE_FUNCTION void knot(double x, double rd, int n, int& m, double& p) {
  p = x * rd + 1.0;
  m = static_cast<int>(p);
  m = m < n - 1 ? m : n - 1;
  p -= m;
  p = p < 1.0 ? p : 1.0;
}

/// Pass 1, each atom over the pairs it owns: r, the density the partner
/// gives this atom (summed here) and the density this atom gives the partner
/// (left in the pair slot). In two sweeps over the atom's pairs: the
/// distances first, then the table, whose row for a pair kAhead entries on is
/// fetched while this one is computed. The table (8 doubles a row, ~2.5 MB for
/// two elements) is larger than L2 and its rows random in r: with one sweep,
/// two thirds of this pass's time went to the first load of each row (perf).
/// The sum over c runs in the same order either way.
template <SlotOrder O>
void pair_densities(const EamFs& pot, const System& sys, const NeighborList& list, const EamWork& work, Rows rows,
                    size_t base) {
  const int n = sys.n_atoms;
  auto x = sys.x;
  auto len = sys.box_len;
  auto type = sys.type;
  auto half = list.half;
  auto half_count = list.half_count;
  auto pair_rho = work.pair_rho;
  auto pair_r = work.pair_r;
  auto rho_out = work.rho;
  auto rho_pair = pot.rho_pair;
  const double rdr = pot.rdr, cutforcesq = pot.cutforcesq;
  const int nr = pot.nr, nt = pot.n_types;
  const SlotIndex<O> slot{O == SlotOrder::by_atom ? list.slot.row : list.slot.entry};
  Kokkos::parallel_for(
      "eam_fs::pair_densities", rows,
      KOKKOS_LAMBDA(const size_t k) {
        const int r = static_cast<int>(k / n);
        const int itype = type(static_cast<int>(k - size_t(r) * n));
        const double xi = x(k, 0), yi = x(k, 1), zi = x(k, 2);
        const double lx = len(r, 0), ly = len(r, 1), lz = len(r, 2);
        const int nh = half_count(k);
        for (int c = 0; c < nh; ++c) {
          const size_t kj = size_t(r) * n + half(k, c);
          const double dx = kmath::near_image(xi - x(kj, 0), lx);
          const double dy = kmath::near_image(yi - x(kj, 1), ly);
          const double dz = kmath::near_image(zi - x(kj, 2), lz);
          const double rsq = dx * dx + dy * dy + dz * dz;
          pair_r(slot(k, c) - base) = rsq < cutforcesq ? kmath::sqrt(rsq) : 0.0;  // 0 marks a pair beyond the cutoff
        }
        double rho = 0.0;
        for (int c = 0; c < nh; ++c) {
          if (c + kAhead < nh) {
            const double r_ahead = pair_r(slot(k, c + kAhead) - base);
            int m_ahead;
            double p_ahead;
            knot(r_ahead, rdr, nr, m_ahead, p_ahead);
            kmath::prefetch(&rho_pair(itype * nt + type(half(k, c + kAhead)), m_ahead, 0));
          }
          const size_t s = slot(k, c) - base;
          const double rij = pair_r(s);
          double rho_j = 0.0;
          // Half lists hold the pairs inside the cutoff first (neighbor_list.cpp),
          // so this branch is taken for a prefix of the list and predicted well.
          if (rij != 0.0) {
            int m;
            double p;
            knot(rij, rdr, nr, m, p);
            const int tp = itype * nt + type(half(k, c));
            rho += ((rho_pair(tp, m, 0) * p + rho_pair(tp, m, 1)) * p + rho_pair(tp, m, 2)) * p + rho_pair(tp, m, 3);
            rho_j = ((rho_pair(tp, m, 4) * p + rho_pair(tp, m, 5)) * p + rho_pair(tp, m, 6)) * p + rho_pair(tp, m, 7);
          }
          pair_rho(s) = rho_j;
        }
        rho_out(k) = rho;
      });
}

/// Pass 2 over atoms: ρ_i completed with the densities left by the owners of
/// the other pairs, then F(ρ_i), F'(ρ_i).
template <Tally T>
void embedding(const EamFs& pot, const System& sys, const NeighborList& list, const EamWork& work, Rows rows,
               size_t base) {
  const int n = sys.n_atoms;
  auto type = sys.type;
  auto reverse = list.reverse;
  auto reverse_count = list.reverse_count;
  auto pair_rho = work.pair_rho;
  auto rho_out = work.rho;
  auto fp_out = work.fp;
  auto pe_atom = work.pe_atom;
  auto frho = pot.frho;
  auto type2frho = pot.type2frho;
  const double rdrho = pot.rdrho, rhomax = pot.rhomax;
  const int nrho = pot.nrho;
  constexpr bool energy = T != Tally::forces;
  Kokkos::parallel_for(
      energy ? "eam_fs::embedding_energy" : "eam_fs::embedding",
      rows, KOKKOS_LAMBDA(const size_t k) {
        double rho = rho_out(k);
        const int nrev = reverse_count(k);
        for (int c = 0; c < nrev; ++c) rho += pair_rho(reverse(k, c) - base);
        rho_out(k) = rho;
        double p = rho * rdrho + 1.0;
        int m = static_cast<int>(p);
        m = m < 1 ? 1 : (m > nrho - 1 ? nrho - 1 : m);
        p -= m;
        p = p < 1.0 ? p : 1.0;
        const int fn = type2frho(type(static_cast<int>(k % n)));
        const double fprime = (frho(fn, m, 0) * p + frho(fn, m, 1)) * p + frho(fn, m, 2);
        fp_out(k) = fprime;
        if (energy) {
          double phi = ((frho(fn, m, 3) * p + frho(fn, m, 4)) * p + frho(fn, m, 5)) * p + frho(fn, m, 6);
          // Beyond the table, LAMMPS continues F linearly to conserve energy.
          if (rho > rhomax) phi += fprime * (rho - rhomax);
          pe_atom(k) = phi;
        }
      });
}

/// Pass 3, each atom over the pairs it owns: F_pair from both embedding
/// slopes and φ' (LAMMPS's fpair); this atom's force summed here, the
/// partner's left in the pair slot. Totals: the owner sums the pair's whole φ
/// and virial. Per atom: it keeps half and leaves half in the pair slot, which
/// costs 7 more doubles per slot written here and read in pass 4 (NPT steps
/// measured 1.5x an NVT step with the split on every step).
template <Tally T, SlotOrder O>
void pair_forces(const EamFs& pot, const System& sys, const NeighborList& list, const EamWork& work, Rows rows,
                 size_t base) {
  const int n = sys.n_atoms;
  auto x = sys.x;
  auto f = sys.f;
  auto len = sys.box_len;
  auto type = sys.type;
  auto half = list.half;
  auto half_count = list.half_count;
  auto fp = work.fp;
  auto pair_r = work.pair_r;
  auto pair_force = work.pair_force;
  auto pair_phi = work.pair_phi;
  auto pair_virial = work.pair_virial;
  auto pe_atom = work.pe_atom;
  auto virial_atom = work.virial_atom;
  auto tab = pot.force_pair;
  const double rdr = pot.rdr;
  const int nr = pot.nr, nt = pot.n_types;
  const SlotIndex<O> slot{O == SlotOrder::by_atom ? list.slot.row : list.slot.entry};
  constexpr bool energy = T != Tally::forces, split = T == Tally::per_atom;
  const char* label = split ? "eam_fs::pair_forces_per_atom" : (energy ? "eam_fs::pair_forces_totals" : "eam_fs::pair_forces");
  Kokkos::parallel_for(
      label,
      rows, KOKKOS_LAMBDA(const size_t k) {
        const int r = static_cast<int>(k / n);
        const int itype = type(static_cast<int>(k - size_t(r) * n));
        const double xi = x(k, 0), yi = x(k, 1), zi = x(k, 2);
        const double lx = len(r, 0), ly = len(r, 1), lz = len(r, 2);
        const double fpi = fp(k);
        double fx = 0.0, fy = 0.0, fz = 0.0, e_pair = 0.0;
        double v[6] = {0.0, 0.0, 0.0, 0.0, 0.0, 0.0};
        const int nh = half_count(k);
        for (int c = 0; c < nh; ++c) {
          const size_t s = slot(k, c) - base;
          // The table rows are random in r and too large for L2: fetch the
          // row of a pair kAhead entries on while this one is computed.
          if (c + kAhead < nh) {
            int m_ahead;
            double p_ahead;
            knot(pair_r(slot(k, c + kAhead) - base), rdr, nr, m_ahead, p_ahead);
            const int tp_ahead = itype * nt + type(half(k, c + kAhead));
            kmath::prefetch(&tab(tp_ahead, m_ahead, 0));
            kmath::prefetch(&tab(tp_ahead, m_ahead, 8));
          }
          const double rij = pair_r(s);
          if (rij == 0.0) {  // beyond the cutoff (inside-first lists: a predictable branch)
            for (int d = 0; d < 3; ++d) pair_force(s, d) = 0.0;
            if (split) {
              pair_phi(s) = 0.0;
              for (int a = 0; a < 6; ++a) pair_virial(s, a) = 0.0;
            }
            continue;
          }
          const int j = half(k, c);
          const size_t kj = size_t(r) * n + j;
          int m;
          double p;
          knot(rij, rdr, nr, m, p);
          // rhoip: slope of the density at j due to i; rhojp: at i due to j.
          const int tp = itype * nt + type(j);
          const double rhoip = (tab(tp, m, 0) * p + tab(tp, m, 1)) * p + tab(tp, m, 2);
          const double rhojp = (tab(tp, m, 3) * p + tab(tp, m, 4)) * p + tab(tp, m, 5);
          const double z2p = (tab(tp, m, 6) * p + tab(tp, m, 7)) * p + tab(tp, m, 8);
          const double z2 = ((tab(tp, m, 9) * p + tab(tp, m, 10)) * p + tab(tp, m, 11)) * p + tab(tp, m, 12);
          const double recip = 1.0 / rij;
          const double phi = z2 * recip;
          const double phip = z2p * recip - phi * recip;
          const double psip = fpi * rhojp + fp(kj) * rhoip + phip;
          const double fpair = -psip * recip;
          const double dx = kmath::near_image(xi - x(kj, 0), lx);
          const double dy = kmath::near_image(yi - x(kj, 1), ly);
          const double dz = kmath::near_image(zi - x(kj, 2), lz);
          fx += dx * fpair;
          fy += dy * fpair;
          fz += dz * fpair;
          pair_force(s, 0) = -(dx * fpair);
          pair_force(s, 1) = -(dy * fpair);
          pair_force(s, 2) = -(dz * fpair);
          if (split) {
            // Each atom of the pair takes half of φ and of the pair virial.
            const double w[6] = {0.5 * dx * dx * fpair, 0.5 * dy * dy * fpair, 0.5 * dz * dz * fpair,
                                 0.5 * dx * dy * fpair, 0.5 * dx * dz * fpair, 0.5 * dy * dz * fpair};
            e_pair += 0.5 * phi;
            pair_phi(s) = phi;
            for (int a = 0; a < 6; ++a) {
              v[a] += w[a];
              pair_virial(s, a) = w[a];
            }
          } else if (energy) {
            e_pair += phi;
            v[0] += dx * dx * fpair;
            v[1] += dy * dy * fpair;
            v[2] += dz * dz * fpair;
            v[3] += dx * dy * fpair;
            v[4] += dx * dz * fpair;
            v[5] += dy * dz * fpair;
          }
        }
        f(k, 0) = fx;
        f(k, 1) = fy;
        f(k, 2) = fz;
        if (energy) {
          pe_atom(k) += e_pair;
          for (int a = 0; a < 6; ++a) virial_atom(k, a) = v[a];
        }
      });
}

/// Pass 4 over atoms: the shares left by the owners of the other pairs.
template <Tally T>
void gather_forces(const System& sys, const NeighborList& list, const EamWork& work, Rows rows, size_t base) {
  auto f = sys.f;
  auto reverse = list.reverse;
  auto reverse_count = list.reverse_count;
  auto pair_force = work.pair_force;
  auto pair_phi = work.pair_phi;
  auto pair_virial = work.pair_virial;
  auto pe_atom = work.pe_atom;
  auto virial_atom = work.virial_atom;
  constexpr bool split = T == Tally::per_atom;
  Kokkos::parallel_for(
      split ? "eam_fs::gather_forces_per_atom" : "eam_fs::gather_forces",
      rows, KOKKOS_LAMBDA(const size_t k) {
        double fx = f(k, 0), fy = f(k, 1), fz = f(k, 2), e_pair = 0.0;
        double v[6] = {0.0, 0.0, 0.0, 0.0, 0.0, 0.0};
        const int nrev = reverse_count(k);
        for (int c = 0; c < nrev; ++c) {
          const size_t s = reverse(k, c) - base;
          fx += pair_force(s, 0);  // 0 beyond the cutoff: no branch to mispredict
          fy += pair_force(s, 1);
          fz += pair_force(s, 2);
          if (split) {
            e_pair += 0.5 * pair_phi(s);
            for (int a = 0; a < 6; ++a) v[a] += pair_virial(s, a);
          }
        }
        f(k, 0) = fx;
        f(k, 1) = fy;
        f(k, 2) = fz;
        if (split) {
          pe_atom(k) += e_pair;
          for (int a = 0; a < 6; ++a) virial_atom(k, a) += v[a];
        }
      });
}

/// The four passes over the atoms of replicas [r0, r1), whose pair slots
/// start at slot `base` of the list's numbering (see slot_base).
template <Tally T, SlotOrder O>
void eam_passes(const EamFs& pot, System& sys, const NeighborList& list, const EamWork& work, int r0, int r1,
                size_t base) {
  const Rows rows(size_t(r0) * sys.n_atoms, size_t(r1) * sys.n_atoms);
  pair_densities<O>(pot, sys, list, work, rows, base);
  embedding<T>(pot, sys, list, work, rows, base);
  pair_forces<T, O>(pot, sys, list, work, rows, base);
  gather_forces<T>(sys, list, work, rows, base);
}

template <Tally T>
void eam_passes(const EamFs& pot, System& sys, const NeighborList& list, const EamWork& work, int r0, int r1,
                size_t base) {
  if (list.slot_order == SlotOrder::by_atom)
    eam_passes<T, SlotOrder::by_atom>(pot, sys, list, work, r0, r1, base);
  else
    eam_passes<T, SlotOrder::by_entry>(pot, sys, list, work, r0, r1, base);
}

/// On a GPU all replicas go in one launch per pass (R × N threads fill it);
/// on CPU threads one replica at a time, so that the pair slots a pass writes
/// (~17 MB for 4000 atoms) are still in cache when the next pass reads them
/// (all of R = 16 at once spill the L3: measured 0.84 of R = 1's atom-steps/s).
constexpr bool kOneReplicaAtATime = Kokkos::SpaceAccessibility<Kokkos::HostSpace, MemSpace>::accessible;

/// One replica at a time with slots by atom, every replica's slots are one
/// replica-long block (replica r's numbering shifted down by r·N·max_half), so
/// each step reuses the same lines of cache instead of streaming R blocks
/// through it.
bool shared_slots(const NeighborList& list) {
  return kOneReplicaAtATime && list.slot_order == SlotOrder::by_atom;
}

size_t slot_base(const System& sys, const NeighborList& list, int r0) {
  return shared_slots(list) ? size_t(r0) * sys.n_atoms * list.max_half : 0;
}

/// A frozen replica is skipped on CPU threads (md_step zeroes its forces on
/// a GPU, where it costs nothing to speak of).
template <Tally T>
void eam_all_replicas(const EamFs& pot, System& sys, const NeighborList& list, const EamWork& work) {
  const int block = kOneReplicaAtATime ? 1 : sys.n_replicas;
  for (int r0 = 0; r0 < sys.n_replicas; r0 += block) {
    if constexpr (kOneReplicaAtATime) {
      if (sys.n_frozen > 0 && sys.frozen(r0)) continue;  // held still: its forces stay zero
    }
    eam_passes<T>(pot, sys, list, work, r0, std::min(r0 + block, sys.n_replicas), slot_base(sys, list, r0));
  }
}

}  // namespace

EamFs make_eam_fs(const EamFsFile& file, const std::vector<std::string>& type_elements) {
  EamFs pot;
  pot.file = file;
  pot.n_types = static_cast<int>(type_elements.size());
  const int nel = static_cast<int>(file.elements.size());
  for (int t = 0; t < pot.n_types; ++t) {
    const auto it = std::find(file.elements.begin(), file.elements.end(), type_elements[t]);
    if (it == file.elements.end()) {
      std::string have;
      for (const auto& e : file.elements) have += " " + e;
      throw InputError(file.path + ": element '" + type_elements[t] + "' of atom type " + std::to_string(t + 1) +
                       " is not in this potential (it has:" + have + ")");
    }
    pot.type_to_element.push_back(static_cast<int>(it - file.elements.begin()));
  }
  pot.nrho = file.nrho;
  pot.nr = file.nr;
  pot.rdrho = 1.0 / file.drho;
  pot.rdr = 1.0 / file.dr;
  pot.rhomax = (file.nrho - 1) * file.drho;
  pot.cutoff = file.cutoff;
  pot.cutforcesq = file.cutoff * file.cutoff;
  pot.frho = to_device("eam_fs::frho", host_spline(file.frho, file.drho));
  const HostSpline rhor = host_spline(file.rhor, file.dr);
  const HostSpline z2r = host_spline(file.z2r, file.dr);

  // LAMMPS's type2rhor (density at b due to a: the file's block of a's
  // element, b's column) and type2z2r (symmetric), here only to pack the tables.
  const int nt = pot.n_types;
  auto t2r = [&](int a, int b) { return pot.type_to_element[a] * nel + pot.type_to_element[b]; };
  auto t2z = [&](int a, int b) {
    const int hi = std::max(pot.type_to_element[a], pot.type_to_element[b]);
    const int lo = std::min(pot.type_to_element[a], pot.type_to_element[b]);
    return hi * (hi + 1) / 2 + lo;
  };
  pot.type2frho = Kokkos::View<int*, MemSpace>("type2frho", nt);
  auto t2f = Kokkos::create_mirror_view(pot.type2frho);
  for (int a = 0; a < nt; ++a) t2f(a) = pot.type_to_element[a];
  Kokkos::deep_copy(pot.type2frho, t2f);

  const size_t knots = size_t(file.nr) + 1;
  pot.rho_pair = decltype(pot.rho_pair)("eam_fs::rho_pair", size_t(nt) * nt, knots);
  pot.force_pair = decltype(pot.force_pair)("eam_fs::force_pair", size_t(nt) * nt, knots);
  auto rho_h = Kokkos::create_mirror_view(pot.rho_pair);
  auto force_h = Kokkos::create_mirror_view(pot.force_pair);
  for (int a = 0; a < nt; ++a) {
    for (int b = 0; b < nt; ++b) {
      const int ab = a * nt + b;
      for (size_t m = 0; m < knots; ++m) {
        for (int c = 0; c < 4; ++c) {
          rho_h(ab, m, c) = rhor(t2r(b, a), m, 3 + c);      // at a due to b
          rho_h(ab, m, 4 + c) = rhor(t2r(a, b), m, 3 + c);  // at b due to a
        }
        for (int c = 0; c < 3; ++c) {
          force_h(ab, m, c) = rhor(t2r(a, b), m, c);
          force_h(ab, m, 3 + c) = rhor(t2r(b, a), m, c);
        }
        for (int c = 0; c < 7; ++c) force_h(ab, m, 6 + c) = z2r(t2z(a, b), m, c);
        for (int c = 13; c < 16; ++c) force_h(ab, m, c) = 0.0;
      }
    }
  }
  Kokkos::deep_copy(pot.rho_pair, rho_h);
  Kokkos::deep_copy(pot.force_pair, force_h);
  return pot;
}

EamWork make_eam_work(const System& sys) {
  const size_t rows = size_t(sys.n_atoms) * sys.n_replicas;
  EamWork w;
  w.rho = RealView("eam::rho", rows);
  w.fp = RealView("eam::fp", rows);
  w.pe_atom = RealView("eam::pe_atom", rows);
  w.virial_atom = Kokkos::View<double* [6], MemSpace>("eam::virial_atom", rows);
  w.totals = ReplicaSum<7>(sys.n_replicas, sys.n_atoms);
  return w;
}

void compute_eam_fs(const EamFs& pot, System& sys, const NeighborList& list, EamWork& work, Tally tally) {
  const size_t slots = size_t(sys.n_atoms) * (shared_slots(list) ? 1 : sys.n_replicas) * list.max_half;
  if (work.pair_r.extent(0) < slots) {
    work.pair_rho = RealView("eam::pair_rho", slots);
    work.pair_r = RealView("eam::pair_r", slots);
    work.pair_force = Kokkos::View<double* [3], MemSpace>("eam::pair_force", slots);
  }
  if (tally == Tally::per_atom && work.pair_phi.extent(0) < slots) {  // per-atom energies are asked for rarely
    work.pair_phi = RealView("eam::pair_phi", slots);
    work.pair_virial = Kokkos::View<double* [6], MemSpace>("eam::pair_virial", slots);
  }
  switch (tally) {
    case Tally::forces: eam_all_replicas<Tally::forces>(pot, sys, list, work); return;
    case Tally::totals: eam_all_replicas<Tally::totals>(pot, sys, list, work); break;
    case Tally::per_atom: eam_all_replicas<Tally::per_atom>(pot, sys, list, work); break;
  }
  auto pe = work.pe_atom;
  auto vir = work.virial_atom;
  work.totals.sum("eam_fs::replica_totals", KOKKOS_LAMBDA(int, size_t k, double* acc) {
    acc[0] += pe(k);
    for (int c = 0; c < 6; ++c) acc[1 + c] += vir(k, c);
  });
}

}  // namespace betarelax
