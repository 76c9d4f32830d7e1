#include "experiments/art/art_batch.hpp"

#include <condition_variable>
#include <exception>
#include <mutex>
#include <thread>

#include "core/neighbor/neighbor_list.hpp"

namespace betarelax::experiments {
namespace {

struct Slot {
  std::vector<double> x, f;  ///< requested unwrapped positions, returned forces
  double energy = 0;
  bool pending = false, ready = false, reset = false;
};

/// The engine side: positions of the waiting replicas in, one batched force
/// call, forces and energies out.
class Evaluator {
 public:
  Evaluator(System& sys, ForceField& ff, const Configuration& minimum)
      : sys_(sys), ff_(ff), minimum_(minimum), hx_(Kokkos::create_mirror_view(sys.x)),
        hf_(Kokkos::create_mirror_view(sys.f)), himage_(Kokkos::create_mirror_view(sys.image)),
        hlen_(Kokkos::create_mirror_view(sys.box_len)), hpe_(Kokkos::create_mirror_view(ff.work.totals.result())) {}

  void evaluate(std::vector<Slot>& slots, const std::vector<int>& which) {
    const int n = sys_.n_atoms;
    for (int r : which) {
      if (slots[r].reset) {
        // The event's replica back to the minimum, its list rebuilt at the
        // next call: every event sees the same engine state.
        set_replica(sys_, r, minimum_);
        invalidate_replica(ff_.list, r);
        slots[r].reset = false;
      }
    }
    Kokkos::deep_copy(hx_, sys_.x);
    Kokkos::deep_copy(himage_, sys_.image);
    Kokkos::deep_copy(hlen_, sys_.box_len);
    for (int r : which) {
      const std::vector<double>& u = slots[r].x;
      for (int i = 0; i < n; ++i) {
        const size_t row = size_t(r) * n + i;
        for (int d = 0; d < 3; ++d) hx_(row, d) = u[3 * size_t(i) + d] - himage_(row, d) * hlen_(r, d);
      }
    }
    Kokkos::deep_copy(sys_.x, hx_);
    compute_forces(ff_, sys_, Tally::totals);
    Kokkos::deep_copy(hf_, sys_.f);
    Kokkos::deep_copy(hpe_, ff_.work.totals.result());
    for (int r : which) {
      std::vector<double>& f = slots[r].f;
      f.resize(3 * size_t(n));
      for (int i = 0; i < n; ++i)
        for (int d = 0; d < 3; ++d) f[3 * size_t(i) + d] = hf_(size_t(r) * n + i, d);
      slots[r].energy = hpe_(r, 0);
    }
  }

 private:
  System& sys_;
  ForceField& ff_;
  const Configuration& minimum_;
  decltype(Kokkos::create_mirror_view(std::declval<Vec3View>())) hx_, hf_;
  decltype(Kokkos::create_mirror_view(std::declval<Kokkos::View<int* [3], MemSpace>>())) himage_;
  decltype(Kokkos::create_mirror_view(std::declval<Kokkos::View<double* [3], MemSpace>>())) hlen_;
  decltype(Kokkos::create_mirror_view(std::declval<ReplicaSum<7>::Result>())) hpe_;
};

}  // namespace

void run_art_batch(System& sys, ForceField& ff, const Configuration& minimum, const std::vector<long>& ids,
                   const ArtJob& work) {
  const int replicas = std::min<int>(sys.n_replicas, static_cast<int>(ids.size()));
  if (replicas == 0) return;
  Evaluator engine(sys, ff, minimum);
  std::vector<Slot> slots(sys.n_replicas);

  if (replicas == 1) {
    const EnergyForce ef = [&](const std::vector<double>& u, std::vector<double>& f) {
      slots[0].x = u;
      engine.evaluate(slots, {0});
      f = slots[0].f;
      return slots[0].energy;
    };
    for (long id : ids) {
      slots[0].reset = true;
      work(ef, id);
    }
    return;
  }

  std::mutex m;
  std::condition_variable requested, answered;
  size_t next = 0;
  int running = replicas, waiting = 0;
  std::exception_ptr failure;
  auto worker = [&](int r) {
    const EnergyForce ef = [&, r](const std::vector<double>& u, std::vector<double>& f) {
      std::unique_lock<std::mutex> lock(m);
      slots[r].x = u;
      slots[r].pending = true;
      ++waiting;
      requested.notify_one();
      answered.wait(lock, [&] { return slots[r].ready; });
      slots[r].ready = false;
      if (failure) throw std::runtime_error("ART batch stopped");
      f = slots[r].f;
      return slots[r].energy;
    };
    for (;;) {
      long id;
      {
        std::lock_guard<std::mutex> lock(m);
        if (failure || next == ids.size()) break;
        id = ids[next++];
        slots[r].reset = true;
      }
      try {
        work(ef, id);
      } catch (...) {
        std::lock_guard<std::mutex> lock(m);
        if (!failure) failure = std::current_exception();
        break;
      }
    }
    std::lock_guard<std::mutex> lock(m);
    --running;
    requested.notify_one();
  };
  std::vector<std::thread> threads;
  for (int r = 0; r < replicas; ++r) threads.emplace_back(worker, r);

  // The coordinator: once every running search waits for forces, one batched call.
  for (;;) {
    std::unique_lock<std::mutex> lock(m);
    requested.wait(lock, [&] { return running == 0 || waiting == running; });
    if (running == 0) break;
    std::vector<int> which;
    for (int r = 0; r < replicas; ++r)
      if (slots[r].pending) which.push_back(r);
    lock.unlock();
    try {
      engine.evaluate(slots, which);
    } catch (...) {
      lock.lock();
      if (!failure) failure = std::current_exception();
      lock.unlock();
    }
    lock.lock();
    for (int r : which) {
      slots[r].pending = false;
      slots[r].ready = true;
    }
    waiting -= static_cast<int>(which.size());
    answered.notify_all();
  }
  for (std::thread& t : threads) t.join();
  if (failure) std::rethrow_exception(failure);
}

}  // namespace betarelax::experiments
