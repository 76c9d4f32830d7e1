#!/usr/bin/env bash
# The 4000-atom benchmark glass, made once and cached: random fcc Cu50Zr50
# (10^3 cells, a = 4.2 Å), melted at 2000 K for 10 ps (NPT, P = 0), quenched
# to 300 K in 20 ps (~8.5e13 K/s: far faster than the paper's 1e10 K/s, but a
# dense amorphous solid is all a benchmark or a cross-check needs), 2 ps NVT
# at 300 K. Prints the data file's path on the last line.
# Usage: ci/bench_glass.sh BETARELAX_BINARY [DIR]   (DIR: build/bench)
set -euo pipefail
top=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
bin=$1
work=${2:-$top/build/bench}
mkdir -p "$work"
cd "$work"
if [ ! -f glass4000.data ]; then
  echo "[bench] making the 4000-atom benchmark glass (one-off, a few minutes)" >&2
  "$bin" lattice --cells 10 --a 4.2 --seed 1 --out lattice.data >/dev/null
  "$bin" md --data lattice.data --ensemble npt --temperature 2000 --steps 5000 --thermo 1000 --seed 1 --out melt >/dev/null
  "$bin" md --data melt/final.data --ensemble npt --temperature 2000 --temperature-stop 300 --steps 10000 --thermo 1000 --out quench >/dev/null
  "$bin" md --data quench/final.data --ensemble nvt --temperature 300 --steps 1000 --thermo 1000 --out equil >/dev/null
  cp equil/final.data glass4000.data.tmp
  mv glass4000.data.tmp glass4000.data
fi
echo "$work/glass4000.data"
