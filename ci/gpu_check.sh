#!/usr/bin/env bash
# GPU first light in two halves, so that a lent GPU machine's few minutes go
# to measuring, not building:
#
#   ci/gpu_check.sh prepare [cuda|openmp]
#       here, on the CPU machine: builds the kit in build/gpu-kit (binaries,
#       the shared libraries they need with an $ORIGIN rpath, the potential,
#       the glasses, and the CPU's reference outputs made by the OpenMP build).
#       cuda (the default where nvcc exists) is the GPU kit; openmp gives the
#       dry-run kit, which runs the same checks on this machine.
#   ci/gpu_check.sh run OUT
#       on the GPU machine (or here, on a dry-run kit): device facts, core
#       tests, energies/forces/virial, NVE/NVT trajectories, WT-MetaD hills and
#       an ART batch against the CPU's, repeat determinism, throughput vs
#       replicas, and a 2-minute slice of the standard temperature sweep.
#       Writes at most 8 files under OUT (verdict.md, gpu_check.json,
#       bench500.json, bench4000.json, facts.txt, log.txt) and exits non-zero
#       on any correctness failure. Speed is reported, never a failure.
#
# The kit travels without the rest of build/: carry `build/gpu-kit`.
set -euo pipefail
top=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
kit=${BETARELAX_GPU_KIT:-$top/build/gpu-kit}
kit_limit_mib=60
# The trajectory frames and the reference sample (ci/gpu_compare.py holds the rules).
steps_list=(1 10 100 1000)
kick_A=1e-12
art_events=6

say() { echo "[gpu_check] $*" >&2; }

# The standard glass for the sweep slice: $BETARELAX_GPU_KIT_STANDARD_GLASS,
# else the one `betarelax reproduce --profile standard` left in results/.
standard_glass() {
  local g=${BETARELAX_GPU_KIT_STANDARD_GLASS:-$top/results/standard/glass_preparation}
  [ -f "$g/glass_400K_inherent.data" ] && echo "$g"
  return 0
}

# Copies a glass-preparation folder's outputs (not its checkpoints) to $2.
copy_glass() {
  mkdir -p "$2"
  (cd "$1" && cp glass_*.data glass_preparation.json structure.json config.toml config_hash "$2/")
}

# Adds KICK_A to the first atom's x in a LAMMPS data file: the chaos yardstick.
kick() {
  python3 - "$1" "$2" "$kick_A" <<'PY'
import sys
src, dst, kick = sys.argv[1], sys.argv[2], float(sys.argv[3])
lines, in_atoms, done = open(src).read().split("\n"), False, False
for k, line in enumerate(lines):
    if line.startswith("Atoms"):
        in_atoms = True
        continue
    w = line.split()
    if in_atoms and not done and len(w) >= 8:
        w[2] = repr(float(w[2]) + kick)
        lines[k] = " ".join(w)
        done = True
open(dst, "w").write("\n".join(lines))
PY
}

# The reference and the run make the same outputs with these commands ($1: the
# binary, $2: kit data folder, $3: output folder, $4: "kicked" for the yardstick).
trajectories() {
  local bin=$1 data=$2 dir=$3 tag=${4:-} start=$2/glass4000.data
  if [ "$tag" = kicked ]; then kick "$data/glass4000.data" "$dir/glass4000_kicked.data"; start=$dir/glass4000_kicked.data; fi
  for ens in nve nvt; do
    for n in "${steps_list[@]}"; do
      "$bin" md --data "$start" --ensemble "$ens" --temperature 300 --steps "$n" --thermo "$n" --velocities keep \
        --out "$dir/md_${ens}_${n}${tag:+_$tag}" >/dev/null
      cp "$dir/md_${ens}_${n}${tag:+_$tag}/final.data" "$dir/${ens}_${n}${tag:+_$tag}.data"
    done
  done
}

one_sample() {  # $1 binary, $2 glass folder, $3 output folder
  "$1" run "$top/experiments/single_sample.toml" --profile smoke --glass "$2" --out "$3" >/dev/null
}

art_batch() {  # $1 binary, $2 glass folder, $3 output folder
  "$1" art --data "$2/glass_300K_inherent.data" --events "$art_events" --out "$3" >/dev/null
}

prepare() {
  local backend=${1:-}
  if [ -z "$backend" ]; then
    if command -v nvcc >/dev/null || [ -x /usr/local/cuda/bin/nvcc ]; then backend=cuda; else backend=openmp; fi
  fi
  case "$backend" in cuda|openmp) ;; *) echo "ci/gpu_check.sh prepare: backend '$backend' (cuda or openmp)" >&2; exit 2 ;; esac
  local t0=$SECONDS
  "$top/ci/build.sh" openmp >/dev/null
  if [ "$backend" = cuda ]; then "$top/ci/cuda_compile_check.sh" >/dev/null; fi
  local ref_bin=$top/build/openmp/betarelax
  local tmp=$kit.tmp work=$top/build/gpu-kit-work
  rm -rf "$tmp"
  mkdir -p "$tmp/bin" "$tmp/lib" "$tmp/data" "$tmp/reference" "$work"

  say "binaries ($backend) and the libraries they need"
  cp "$top/build/$backend/betarelax" "$top/build/$backend/core/tests/core_tests" "$tmp/bin/"
  strip --strip-unneeded "$tmp/bin/"*
  # Everything ldd resolves but the C library itself and the driver (the GPU
  # machine's own libcuda must be used).
  local skip='^(linux-vdso|libc\.so|libm\.so|libpthread\.so|libdl\.so|librt\.so|ld-linux|libcuda\.so)'
  for b in "$tmp/bin/"*; do
    ldd "$b" | awk '$2 == "=>" && $3 ~ /^\// {print $1, $3}'
  done | sort -u | while read -r name path; do
    if ! [[ $name =~ $skip ]]; then cp -L "$path" "$tmp/lib/$name"; fi
  done
  for b in "$tmp/bin/"*; do patchelf --set-rpath '$ORIGIN/../lib' "$b"; done
  for l in "$tmp/lib/"*; do patchelf --set-rpath '$ORIGIN' "$l"; done
  for b in "$tmp/bin/"*; do
    if env -i LD_LIBRARY_PATH= ldd "$b" | grep -q "not found"; then
      env -i ldd "$b" >&2
      echo "ci/gpu_check.sh: $b misses a library" >&2
      exit 1
    fi
  done

  say "potential and glasses"
  local potential=${BETARELAX_DEFAULT_POTENTIAL:-/usr/share/lammps/potentials/CuZr_mm.eam.fs}
  cp "$potential" "$tmp/data/CuZr_mm.eam.fs"
  cp "$("$top/ci/bench_glass.sh" "$ref_bin" | tail -n1)" "$tmp/data/glass4000.data"
  "$ref_bin" run "$top/experiments/glass_preparation.toml" --profile smoke --out "$work/glass_smoke" --resume >/dev/null
  copy_glass "$work/glass_smoke" "$tmp/data/glass_smoke"
  local standard
  standard=$(standard_glass)
  if [ -n "$standard" ]; then
    copy_glass "$standard" "$tmp/data/glass_standard"
  else
    say "no standard glass in results/ (betarelax reproduce --profile standard makes one): the sweep slice will be skipped"
  fi

  say "CPU references (OpenMP build, $(nproc) threads)"
  export OMP_NUM_THREADS=${OMP_NUM_THREADS:-$(nproc)} OMP_PROC_BIND=spread OMP_PLACES=threads
  local ref=$tmp/reference
  "$ref_bin" energy --data "$tmp/data/glass4000.data" --potential "$tmp/data/CuZr_mm.eam.fs" \
    --forces "$ref/forces4000.csv" > "$ref/energy4000.json"
  rm -rf "$work/ref"
  mkdir -p "$work/ref"
  trajectories "$ref_bin" "$tmp/data" "$work/ref"
  trajectories "$ref_bin" "$tmp/data" "$work/ref" kicked
  cp "$work/ref/"*.data "$ref/"
  rm -f "$ref/glass4000_kicked.data"
  one_sample "$ref_bin" "$tmp/data/glass_smoke" "$work/ref/sample"
  cp "$work/ref/sample/HILLS" "$ref/HILLS"
  rm -rf "$work/glass_smoke_kicked"
  cp -r "$tmp/data/glass_smoke" "$work/glass_smoke_kicked"
  kick "$tmp/data/glass_smoke/glass_300K.data" "$work/glass_smoke_kicked/glass_300K.data"
  one_sample "$ref_bin" "$work/glass_smoke_kicked" "$work/ref/sample_kicked"
  cp "$work/ref/sample_kicked/HILLS" "$ref/HILLS_kicked"
  art_batch "$ref_bin" "$tmp/data/glass_smoke" "$work/ref/art"
  cp "$work/ref/art/events.csv" "$ref/events.csv"
  {
    echo "{\"prepared\": \"$(date -u +%Y-%m-%dT%H:%M:%SZ)\", \"backend\": \"$backend\", \"kick_A\": $kick_A,"
    echo " \"reference_build\": $(python3 -c 'import json,sys; print(json.dumps(sys.stdin.read()))' < <("$ref_bin" --version)),"
    echo " \"kit_build\": $(python3 -c 'import json,sys; print(json.dumps(sys.stdin.read()))' < <("$tmp/bin/betarelax" --version 2>/dev/null || echo "$backend: starts on a machine with its device only"))}"
  } > "$ref/prepare.json"

  rm -rf "$kit"
  mv "$tmp" "$kit"
  local mib
  mib=$(du -sm "$kit" | cut -f1)
  say "kit: $kit, $mib MiB ($(du -sh "$kit/bin" | cut -f1) binaries, $(du -sh "$kit/lib" | cut -f1) libraries, $(du -sh "$kit/data" | cut -f1) data, $(du -sh "$kit/reference" | cut -f1) references), $((SECONDS - t0)) s"
  if [ "$mib" -gt "$kit_limit_mib" ]; then echo "ci/gpu_check.sh: the kit is $mib MiB, over $kit_limit_mib MiB" >&2; exit 1; fi
}

run() {
  local out=${1:?usage: ci/gpu_check.sh run OUT}
  mkdir -p "$out"
  out=$(cd "$out" && pwd)
  [ -x "$kit/bin/betarelax" ] || { echo "ci/gpu_check.sh run: no kit at $kit (run prepare first)" >&2; exit 1; }
  exec > >(tee "$out/log.txt") 2>&1
  local t0=$SECONDS bin=$kit/bin/betarelax data=$kit/data work
  work=$(mktemp -d)
  export BETARELAX_DEFAULT_POTENTIAL=$data/CuZr_mm.eam.fs
  export OMP_PROC_BIND=spread OMP_PLACES=threads

  # 1. Device and build facts.
  local space version
  if ! version=$("$bin" --version 2>&1); then
    echo "ci/gpu_check.sh run: the kit's betarelax does not start here:" >&2
    echo "$version" >&2
    exit 1
  fi
  space=$(awk -F': ' '/execution space/ {print $2}' <<< "$version")
  {
    echo "date: $(date -u +%Y-%m-%dT%H:%M:%SZ)"
    nvidia-smi --query-gpu=name,driver_version,memory.total,clocks.max.sm --format=csv 2>/dev/null || echo "nvidia-smi: none"
    "$bin" --version
    echo "kit: $(cat "$kit/reference/prepare.json")"
    echo "ldd of the kit's binaries (bare environment):"
    for b in "$kit/bin/"*; do env -i ldd "$b"; done
  } > "$out/facts.txt" 2>&1
  cat "$out/facts.txt"
  # A GPU gets the issue's sizes; a CPU dry run the same checks, smaller.
  local r500 r4000 steps slice sweep_replicas
  if [ "$space" = Cuda ]; then
    r500=1,8,32,128,512; r4000=1,8,32,128,512; steps=200; slice=120; sweep_replicas=24
  else
    r500=1,2; r4000=1; steps=20; slice=${BETARELAX_GPU_CHECK_SLICE_S:-30}; sweep_replicas=2
  fi
  say "execution space $space"

  # 2. Correctness.
  say "core tests"
  local core_rc=0
  timeout 180 "$kit/bin/core_tests" --gtest_brief=1 > "$work/core_tests.log" 2>&1 || core_rc=$?
  tail -n 5 "$work/core_tests.log"
  local core_summary
  core_summary=$(grep -E '^\[  (PASSED|FAILED)  \]' "$work/core_tests.log" | tr '\n' ' ' | sed 's/"/\\"/g')
  # A step that fails is recorded (its outputs are then missing, which
  # gpu_compare.py reports as a failed check) and the others still run: a
  # lent GPU's minutes are too few to spend on a rerun for one crash.
  local failed_steps=""
  step() {
    local name=$1
    shift
    "$@" || { say "step '$name' failed (exit $?)"; failed_steps="$failed_steps $name"; }
  }
  local energy_same=false nvt_same=false
  energy_pair() {
    "$bin" energy --data "$data/glass4000.data" --forces "$work/forces4000.csv" > "$work/energy4000.json" &&
      "$bin" energy --data "$data/glass4000.data" --forces "$work/forces4000_again.csv" > "$work/energy4000_again.json" &&
      cmp -s "$work/forces4000.csv" "$work/forces4000_again.csv" && cmp -s "$work/energy4000.json" "$work/energy4000_again.json" &&
      energy_same=true
    return 0
  }
  nvt_repeat() {
    "$bin" md --data "$data/glass4000.data" --ensemble nvt --temperature 300 --steps 100 --thermo 100 --velocities keep \
      --out "$work/md_nvt_100_again" >/dev/null && cmp -s "$work/md_nvt_100/final.data" "$work/md_nvt_100_again/final.data" &&
      nvt_same=true
    return 0
  }
  say "energies, forces, virial"
  step energy energy_pair
  say "NVE and NVT trajectories"
  step trajectories trajectories "$bin" "$data" "$work"
  step nvt_repeat nvt_repeat
  say "one WT-MetaD sample"
  step wt_metad_sample one_sample "$bin" "$data/glass_smoke" "$work/sample"
  cp "$work/sample/HILLS" "$work/HILLS" 2>/dev/null || true
  say "ART batch of $art_events searches"
  step art art_batch "$bin" "$data/glass_smoke" "$work/art"
  cp "$work/art/events.csv" "$work/events.csv" 2>/dev/null || true

  # The verdict so far: written now, so that a run stopped during the
  # throughput part still leaves one; rewritten at the end.
  local device="no GPU: a dry run on $space" sweep=null
  if command -v nvidia-smi >/dev/null && nvidia-smi -L >/dev/null 2>&1; then
    device=$(nvidia-smi --query-gpu=name,driver_version --format=csv,noheader | head -n1)
  fi
  verdict() {
    cat > "$work/run_facts.json" <<JSON
{"device": "$device",
 "version": "$(head -n1 <<< "$version")", "execution_space": "$space",
 "core_tests_rc": $core_rc, "core_tests_summary": "$core_summary", "failed_steps": "${failed_steps# }",
 "energy_repeat_identical": $energy_same, "nvt_repeat_identical": $nvt_same,
 "sweep": $sweep, "wall_s": $((SECONDS - t0))}
JSON
    python3 "$top/ci/gpu_compare.py" "$kit/reference" "$work" "$out"
  }
  verdict > /dev/null || true

  # 3. Throughput.
  say "throughput: 500 atoms R = $r500; 4000 atoms R = $r4000"
  step bench500 "$bin" bench --data "$data/glass_smoke/glass_300K.data" --replicas "$r500" --steps "$steps" --warmup 20 \
    --force-calls 5 --metad --out "$work/bench500"
  cp "$work/bench500/bench.json" "$out/bench500.json" 2>/dev/null || true
  step bench4000 "$bin" bench --data "$data/glass4000.data" --replicas "$r4000" --steps "$steps" --warmup 20 \
    --force-calls 5 --metad --out "$work/bench4000"
  cp "$work/bench4000/bench.json" "$out/bench4000.json" 2>/dev/null || true

  # 4. A slice of real work: the standard temperature sweep, all samples as
  # replicas of one batch, for a fixed time; a kill keeps finished samples.
  if [ -d "$data/glass_standard" ]; then
    say "standard temperature sweep for $slice s, $sweep_replicas replicas"
    timeout -s INT "$slice" "$bin" run "$top/experiments/temperature_sweep.toml" --profile standard \
      --glass "$data/glass_standard" --out "$work/sweep" --replicas "$sweep_replicas" >/dev/null 2>&1 || true
    local n=0
    [ -f "$work/sweep/samples.csv" ] && n=$(($(wc -l < "$work/sweep/samples.csv") - 1))
    sweep="{\"replicas\": $sweep_replicas, \"seconds\": $slice, \"samples\": $n, \"samples_per_hour\": $(python3 -c "print($n * 3600 / $slice)"), \"note\": \"samples finished within the slice; a sample started in it and unfinished counts 0\"}"
  fi

  local rc=0
  verdict || rc=$?
  say "done in $((SECONDS - t0)) s: verdict in $out/verdict.md"
  rm -rf "$work"
  return $rc
}

case "${1:-}" in
  prepare) shift; prepare "$@" ;;
  run) shift; run "$@" ;;
  *) echo "usage: ci/gpu_check.sh prepare [cuda|openmp] | run OUT" >&2; exit 2 ;;
esac
