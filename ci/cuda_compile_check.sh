#!/usr/bin/env bash
# Compiles and links the whole project for the CUDA backend (sm_80) with the
# machine's nvcc. No GPU is needed: this keeps every kernel device-clean
# between GPU runs. Skipped, with a message, where nvcc is absent.
set -euo pipefail
top=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
export PATH="$PATH:/usr/local/cuda/bin"
if ! command -v nvcc >/dev/null; then
  echo "[cuda] nvcc not found: CUDA compile check skipped"
  exit 0
fi
"$top/ci/build.sh" cuda
echo "[cuda] the cuda preset compiled and linked"
