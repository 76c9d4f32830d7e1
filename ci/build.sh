#!/usr/bin/env bash
# Installs what is missing, then configures and builds one CMake preset.
# Usage: ci/build.sh [openmp|serial|cuda|asan] [extra cmake args...]
# With Kokkos_ROOT set in the environment, that Kokkos is used and none is built.
# With BETARELAX_BUILD_TARGETS (space-separated), only those targets are built.
set -euo pipefail
top=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
preset=${1:-openmp}
shift || true

"$top/ci/deps.sh"

case "$preset" in
  openmp) flavour=openmp ;;
  serial|asan) flavour=serial ;;
  cuda) flavour=cuda ;;
  *) echo "ci/build.sh: unknown preset '$preset' (expected openmp, serial, cuda or asan)" >&2; exit 2 ;;
esac

extra=()
if [ -n "${Kokkos_ROOT:-}" ]; then
  kokkos_root=$Kokkos_ROOT
  echo "[build] using Kokkos from Kokkos_ROOT=$kokkos_root"
else
  kokkos_root=$("$top/ci/kokkos.sh" "$flavour" | tail -n1)
fi
extra+=(-DKokkos_ROOT="$kokkos_root")
if [ "$preset" = cuda ]; then
  export PATH="$PATH:/usr/local/cuda/bin"
  wrapper="$kokkos_root/bin/nvcc_wrapper"
  [ -x "$wrapper" ] || { echo "ci/build.sh: $wrapper not found: the cuda preset needs a CUDA Kokkos" >&2; exit 1; }
  extra+=(-DCMAKE_CXX_COMPILER="$wrapper")
fi

cd "$top"
cmake --preset "$preset" "${extra[@]}" "$@"
targets=()
for t in ${BETARELAX_BUILD_TARGETS:-}; do targets+=(--target "$t"); done
cmake --build --preset "$preset" --parallel "$(nproc)" "${targets[@]}"
