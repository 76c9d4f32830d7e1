#!/usr/bin/env bash
# Speed of betarelax against LAMMPS (eam/fs and eam/fs/opt) on the same
# 4000-atom Cu50Zr50 glass, NVT at 300 K, 2 fs, same potential file, same
# neighbour skin, measured in one run and printed as two ratios. Then the
# Google Benchmark suite (atom-steps/s).
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

# LAMMPS with both of its CPU styles for this potential: eam/fs and the OPT
# package's eam/fs/opt (the faster, so the honest anchor).
declare -A lammps_rate
for style in eam/fs eam/fs/opt; do
  tag=${style//\//_}
  cat > "in.$tag" <<LMP
units metal
atom_style atomic
boundary p p p
read_data glass4000.data
pair_style $style
pair_coeff * * $potential Cu Zr
neighbor 1.0 bin
neigh_modify every 1 delay 0 check yes
timestep 0.002
fix 1 all nvt temp 300 300 0.2
thermo 1000
run $steps
LMP
  echo "[bench] LAMMPS $style: mpirun -np $threads lmp, $steps steps"
  OMP_NUM_THREADS=1 mpirun --allow-run-as-root --oversubscribe -np "$threads" lmp -in "in.$tag" -log "$tag.log" -screen none
  loop=$(awk '/^Loop time of/ {print $4}' "$tag.log" | tail -n1)
  lammps_rate[$style]=$(python3 -c "print($steps / $loop)")
done

echo "[bench] betarelax: $threads OpenMP threads, $steps steps"
"$bin" md --data glass4000.data --ensemble nvt --temperature 300 --steps "$steps" --thermo "$steps" \
  --velocities keep --out ours --kokkos-threads="$threads" > ours.log
ours_rate=$(python3 -c "import json; print(json.load(open('ours/run.json'))['steps_per_s'])")

python3 - "${lammps_rate[eam/fs]}" "${lammps_rate[eam/fs/opt]}" "$ours_rate" "$threads" <<'PY'
import sys
plain, opt, ours, threads = float(sys.argv[1]), float(sys.argv[2]), float(sys.argv[3]), sys.argv[4]
print(f"[bench] 4000-atom Cu50Zr50 glass, NVT 300 K, {threads} threads/ranks")
print(f"[bench]   LAMMPS eam/fs     {plain:10.1f} steps/s  {plain*4000:12.4g} atom-steps/s")
print(f"[bench]   LAMMPS eam/fs/opt {opt:10.1f} steps/s  {opt*4000:12.4g} atom-steps/s")
print(f"[bench]   betarelax         {ours:10.1f} steps/s  {ours*4000:12.4g} atom-steps/s")
print(f"[bench]   ratio betarelax / LAMMPS eam/fs = {ours/plain:.2f}, / eam/fs/opt = {ours/opt:.2f}")
PY

if [ -z "${BETARELAX_BENCH_NO_SUITE:-}" ]; then
  echo "[bench] Google Benchmark (atom-steps/s counters)"
  "$top/build/openmp/core/betarelax_bench" --benchmark_min_time=1 --kokkos-threads="$threads"
fi
