#pragma once
/// Per-replica sums of per-atom quantities in a fixed order, independent of
/// the thread count and backend: atoms are summed in blocks of kBlock in index
/// order, then the blocks in order. Kokkos's parallel_reduce combines partial
/// sums in a schedule-dependent order, and a thermostat fed by such a sum
/// makes trajectories differ between 1 and 2 threads after a few hundred steps.
#include "core/system/types.hpp"

namespace betarelax {

template <int K>
class ReplicaSum {
 public:
  static constexpr int kBlock = 128;
  using Result = Kokkos::View<double* [K], MemSpace>;

  ReplicaSum() = default;
  ReplicaSum(int n_replicas, int n_atoms)
      : n_replicas_(n_replicas),
        n_atoms_(n_atoms),
        n_blocks_((n_atoms + kBlock - 1) / kBlock),
        partial_("replica_sum::partial", size_t(n_replicas) * n_blocks_),
        result_("replica_sum::result", n_replicas) {}

  /// value(r, k, acc) adds the K quantities of atom row k (replica r) into acc.
  /// The sums stay on the device, in result() (R rows of K).
  template <class PerAtom>
  const Result& sum(const char* label, const PerAtom& value) const {
    auto partial = partial_;
    auto result = result_;
    const int n = n_atoms_, nb = n_blocks_;
    Kokkos::parallel_for(
        label, Kokkos::RangePolicy<ExecSpace>(0, size_t(n_replicas_) * nb), KOKKOS_LAMBDA(const size_t rb) {
          const int r = static_cast<int>(rb / nb);
          const int b = static_cast<int>(rb - size_t(r) * nb);
          double acc[K];
          for (int c = 0; c < K; ++c) acc[c] = 0.0;
          const int end = (b + 1) * kBlock < n ? (b + 1) * kBlock : n;
          for (int i = b * kBlock; i < end; ++i) value(r, size_t(r) * n + i, acc);
          for (int c = 0; c < K; ++c) partial(rb, c) = acc[c];
        });
    Kokkos::parallel_for(
        "replica_sum::blocks", Kokkos::RangePolicy<ExecSpace>(0, n_replicas_), KOKKOS_LAMBDA(const int r) {
          for (int c = 0; c < K; ++c) {
            double s = 0.0;
            for (int b = 0; b < nb; ++b) s += partial(size_t(r) * nb + b, c);
            result(r, c) = s;
          }
        });
    return result_;
  }

  const Result& result() const { return result_; }

 private:
  int n_replicas_ = 0, n_atoms_ = 0, n_blocks_ = 0;
  Kokkos::View<double* [K], MemSpace> partial_;
  Result result_;
};

}  // namespace betarelax

namespace betarelax {

/// Per-replica maximum of a per-atom value: one team per replica. Max is
/// exactly associative, so the team's combination order cannot change it.
template <class PerAtom>
void replica_max(const char* label, int n_replicas, int n_atoms, const PerAtom& value,
                 const Kokkos::View<double*, MemSpace>& out) {
  using Team = Kokkos::TeamPolicy<ExecSpace>::member_type;
  Kokkos::parallel_for(
      label, Kokkos::TeamPolicy<ExecSpace>(n_replicas, Kokkos::AUTO), KOKKOS_LAMBDA(const Team& team) {
        const int r = team.league_rank();
        double m = 0.0;
        Kokkos::parallel_reduce(
            Kokkos::TeamThreadRange(team, n_atoms),
            [&](const int i, double& local) {
              const double x = value(r, size_t(r) * n_atoms + i);
              if (x > local) local = x;
            },
            Kokkos::Max<double>(m));
        Kokkos::single(Kokkos::PerTeam(team), [&]() { out(r) = m; });
      });
}

}  // namespace betarelax
