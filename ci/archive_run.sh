#!/usr/bin/env bash
# Archives a results directory's raw rows, plans and reports into
# reference-data/runs/<profile>-<date>/, without the bulky per-sample files
# (samples/*, saddles/, minima/, checkpoints, trajectories), so that CI can
# re-analyse and re-validate it in seconds (ctest archived.<name>.*). Run it
# again on the same results to refresh the archive.
# Usage: ci/archive_run.sh RESULTS_DIR NAME     e.g. ci/archive_run.sh results/standard standard-2026-11-30
set -euo pipefail
top=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
src=${1:?results directory}
name=${2:?archive name, <profile>-<date>}
dest="$top/reference-data/runs/$name"
mkdir -p "$dest"
copy() {  # copy SRC-RELATIVE-PATH if it exists
  [ -e "$src/$1" ] || return 0
  mkdir -p "$dest/$(dirname "$1")"
  cp -p "$src/$1" "$dest/$1"
}
for f in reproduce.json validation.json validation.md report.md analysis/derived.json; do copy "$f"; done
# The glass record and its small files: with these (and the rows) a cut run
# resumes from the archive (copy it to results/<profile>, then reproduce).
for f in glass_preparation.json structure.json structure_validation.json config.toml config_hash cooling_thermo.csv; do
  copy "glass_preparation/$f"
done
for f in "$src"/glass_preparation/glass_*K.data "$src"/glass_preparation/glass_*K_inherent.data "$src"/glass_preparation/rdf_*K.csv; do
  [ -e "$f" ] && copy "glass_preparation/$(basename "$f")"
done
for c in single_sample cluster_size sample_count temperature_sweep; do
  for f in campaign.json samples.csv summary.json sample.json fes.csv; do copy "$c/$f"; done
done
# (neb_check.*: LAMMPS NEB on a sample of the events, validation/neb_check.py, when it was run.)
for f in art.json events.csv summary.json neb_check.csv neb_check.json; do copy "art_comparison/$f"; done
if [ -d "$src/figures" ]; then
  mkdir -p "$dest/figures"
  cp -p "$src"/figures/*.png "$dest/figures/" 2>/dev/null || true
fi
du -sh "$dest"
