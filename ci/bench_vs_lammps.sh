#!/usr/bin/env bash
# Speed of betarelax against LAMMPS (eam/fs and eam/fs/opt) on the same
# 4000-atom Cu50Zr50 glass, NVT at 300 K, 2 fs, same potential file, same
# neighbour skin, measured in one run of `betarelax bench --lammps` and printed
# as two ratios (numbers in build/bench/vs_lammps/bench.json). Then the Google
# Benchmark suite (atom-steps/s).
# Usage: ci/bench_vs_lammps.sh [steps] [threads]
# Speed is measured here, never asserted in tests.
set -euo pipefail
top=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
steps=${1:-2000}
threads=${2:-2}
potential=/usr/share/lammps/potentials/CuZr_mm.eam.fs
"$top/ci/build.sh" openmp >/dev/null
bin="$top/build/openmp/betarelax"
work="$top/build/bench"
mkdir -p "$work"
cd "$work"
export OMP_NUM_THREADS=$threads OMP_PROC_BIND=spread OMP_PLACES=threads

# The benchmark glass (made once, cached in build/bench).
"$top/ci/bench_glass.sh" "$bin" "$work" >/dev/null

# One invocation times betarelax (R = 1) and LAMMPS with both of its CPU
# styles for this potential, eam/fs and the OPT package's eam/fs/opt, on the
# same glass, skin and thermostat, and prints both ratios.
echo "[bench] betarelax bench --lammps: $threads threads against mpirun -np $threads lmp, $steps steps"
"$bin" bench --data glass4000.data --potential "$potential" --temperature 300 --steps "$steps" --warmup 20 \
  --replicas 1 --lammps --out vs_lammps --kokkos-threads="$threads"

if [ -z "${BETARELAX_BENCH_NO_SUITE:-}" ]; then
  echo "[bench] Google Benchmark (atom-steps/s counters)"
  "$top/build/openmp/core/betarelax_bench" --benchmark_min_time=1 --kokkos-threads="$threads"
fi
