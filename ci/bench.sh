#!/usr/bin/env bash
# Issue #10's numbers in one run, each measured here, never asserted in tests:
#   1. betarelax / LAMMPS steps/s on the 4000-atom glass, NVT 300 K (ci/bench_vs_lammps.sh);
#   2. the WT-MetaD overhead: RMSD CV + bias + its forces over one NVT step (4000 atoms, R = 1);
#   3. the batched step's atom-steps/s versus replicas R (ci/bench_campaign.sh);
# plus the other Google Benchmarks (force kernel, neighbour build, analysis of 10^4 samples).
# Usage: ci/bench.sh [steps] [threads] [min_time_s]
set -euo pipefail
top=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
steps=${1:-2000}
threads=${2:-2}
min_time=${3:-1}
BETARELAX_BENCH_NO_SUITE=1 "$top/ci/bench_vs_lammps.sh" "$steps" "$threads"
export OMP_NUM_THREADS=$threads OMP_PROC_BIND=spread OMP_PLACES=threads
json="$top/build/bench_suite.json"
"$top/build/openmp/core/betarelax_bench" --benchmark_filter='BM_NvtStep/1/|BM_CvAndBias|BM_ForceKernel|BM_NeighborBuild' \
  --benchmark_min_time="$min_time" --kokkos-threads="$threads" --benchmark_format=json > "$json"
"$top/build/openmp/validation/validation_bench" --benchmark_min_time="$min_time" --benchmark_format=json > "$json.analysis"
python3 - "$json" "$json.analysis" <<'PY'
import json, sys
runs = {b["name"].split("/real_time")[0]: b for f in sys.argv[1:] for b in json.load(open(f))["benchmarks"]}
sec = lambda b: b["real_time"] * {"ns": 1e-9, "us": 1e-6, "ms": 1e-3, "s": 1.0}[b["time_unit"]]
step, cv = sec(runs["BM_NvtStep/1"]), sec(runs["BM_CvAndBias"])
print(f"[bench] WT-MetaD overhead: CV + bias {cv*1e6:.1f} us per step over an NVT step of {step*1e3:.2f} ms "
      f"(4000 atoms, R = 1) = {100*cv/step:.3f} % (target <= 2 %)")
for name in ("BM_ForceKernel", "BM_NeighborBuild"):
    b = runs[name]
    print(f"[bench] {name[3:]:>14}: {sec(b)*1e3:8.2f} ms per call, {b['atom-steps/s']:10.4g} atom-steps/s")
b = runs["BM_Analyze10kSamples"]
print(f"[bench] analysis of 10^4 samples (6 T, bootstrap 2000): {sec(b):.2f} s")
PY
"$top/ci/bench_campaign.sh" "$threads" "$min_time"
