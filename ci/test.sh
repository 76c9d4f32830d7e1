#!/usr/bin/env bash
# The README's test command: installs what is missing, builds the default
# (OpenMP) preset and runs every test with ctest.
set -euo pipefail
top=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
"$top/ci/build.sh" openmp
cd "$top"
export OMP_PROC_BIND=${OMP_PROC_BIND:-false}
ctest --preset openmp "$@"
