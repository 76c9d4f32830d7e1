#!/usr/bin/env bash
# Throughput of the batched WT-MetaD step (the campaigns' inner loop) versus
# the number of replicas R = 1, 2, 4, 8, 16, for the 500-atom (smoke) and
# 4000-atom (paper) Cu50Zr50 systems: NVT + RMSD CV + bias, a hill every 50
# steps. Prints atom-steps/s and the ratio to R = 1. Measured, never asserted.
# Usage: ci/bench_campaign.sh [threads] [min_time_s]
set -euo pipefail
top=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
threads=${1:-2}
min_time=${2:-2}
"$top/ci/build.sh" openmp >/dev/null
export OMP_NUM_THREADS=$threads OMP_PROC_BIND=spread OMP_PLACES=threads
"$top/build/openmp/core/betarelax_bench" --benchmark_filter=BM_MetadBatchStep --benchmark_min_time="$min_time" \
  --kokkos-threads="$threads" --benchmark_format=json > "$top/build/bench_campaign.json"
python3 - "$top/build/bench_campaign.json" "$threads" <<'PY'
import json, sys
runs = json.load(open(sys.argv[1]))["benchmarks"]
print(f"[bench] batched WT-MetaD step, {sys.argv[2]} threads: atom-steps/s vs replicas R")
base = {}
for b in runs:
    atoms, r, rate = int(b["atoms"]), int(b["replicas"]), b["atom-steps/s"]
    base.setdefault(atoms, rate if r == 1 else None)
    ratio = rate / base[atoms] if base[atoms] else float("nan")
    print(f"[bench]   {atoms:5d} atoms  R = {r:2d}  {rate:12.4g} atom-steps/s  x{ratio:.2f} of R = 1")
PY
