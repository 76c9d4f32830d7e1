#!/usr/bin/env bash
# Compiles and links the GPU kit's executables (betarelax, which links every
# library of the project, and core_tests) for the CUDA backend (sm_80) with
# the machine's nvcc, configured as ci/gpu_check.sh prepare uses them. No GPU
# is needed: this keeps every kernel device-clean between GPU runs. Skipped,
# with a message, where nvcc is absent.
# The other test executables are host code over the same headers: on a clean
# clone every target took 864 s, these two 648 s (2026-12-01, 2 cores).
# MPI is left out: the kit runs one process on one GPU, and OpenMPI's
# libraries and plugins would have to travel with it.
set -euo pipefail
top=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
export PATH="$PATH:/usr/local/cuda/bin"
if ! command -v nvcc >/dev/null; then
  echo "[cuda] nvcc not found: CUDA compile check skipped"
  exit 0
fi
BETARELAX_BUILD_TARGETS="betarelax core_tests" "$top/ci/build.sh" cuda -DCMAKE_DISABLE_FIND_PACKAGE_MPI=ON
echo "[cuda] the cuda preset's betarelax and core_tests compiled and linked"
