#!/usr/bin/env bash
# Builds Kokkos 3.4.1 from Debian 12's `trilinos` source package into a cache
# prefix outside the build tree, and prints that prefix on the last line.
# Usage: ci/kokkos.sh openmp|serial|cuda
#   openmp  Serial + OpenMP (the default build)
#   serial  Serial only (sanitizer builds, debugging)
#   cuda    CUDA (sm_80, Ampere; runs on Hopper through PTX) + OpenMP + Serial
# A prefix that already holds an installed Kokkos is reused. Users with their
# own Kokkos skip this script and pass -DKokkos_ROOT=... to CMake instead.
# Debian's libtrilinos-kokkos-dev is Serial-only, which is why we build.
set -euo pipefail

flavour=${1:-openmp}
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
cache=${BETARELAX_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/betarelax}
prefix="$cache/kokkos-3.4.1-$flavour"
log() { echo "[kokkos] $*" >&2; }

if [ -f "$prefix/lib/cmake/Kokkos/KokkosConfig.cmake" ] || [ -f "$prefix/lib64/cmake/Kokkos/KokkosConfig.cmake" ]; then
  log "reusing $prefix"
  echo "$prefix"
  exit 0
fi

case "$flavour" in
  openmp) backend=(-DKokkos_ENABLE_SERIAL=ON -DKokkos_ENABLE_OPENMP=ON) ;;
  serial) backend=(-DKokkos_ENABLE_SERIAL=ON) ;;
  cuda)   backend=(-DKokkos_ENABLE_SERIAL=ON -DKokkos_ENABLE_OPENMP=ON -DKokkos_ENABLE_CUDA=ON
                   -DKokkos_ENABLE_CUDA_LAMBDA=ON -DKokkos_ARCH_AMPERE80=ON) ;;
  *) echo "ci/kokkos.sh: unknown flavour '$flavour' (expected openmp, serial or cuda)" >&2; exit 2 ;;
esac

src="$cache/src/kokkos-3.4.1"
if [ ! -f "$src/CMakeLists.txt" ]; then
  mkdir -p "$cache/src"
  tarball=$(ls "$cache"/src/trilinos_13.2.0.orig.tar.* 2>/dev/null | head -n1 || true)
  if [ -z "$tarball" ]; then
    # `apt-get source` needs a deb-src entry: derive it from the machine's own deb entry.
    if ! grep -rqsE '^(deb-src|Types:.*deb-src)' /etc/apt/sources.list /etc/apt/sources.list.d/; then
      sudo_cmd=(); [ "$(id -u)" -ne 0 ] && sudo_cmd=(sudo)
      if [ -f /etc/apt/sources.list.d/debian.sources ]; then
        log "adding deb-src entry derived from /etc/apt/sources.list.d/debian.sources"
        sed 's/^Types: deb$/Types: deb-src/' /etc/apt/sources.list.d/debian.sources |
          "${sudo_cmd[@]}" tee /etc/apt/sources.list.d/betarelax-deb-src.sources >/dev/null
      elif [ -f /etc/apt/sources.list ]; then
        log "adding deb-src entry derived from /etc/apt/sources.list"
        sed -n 's/^deb /deb-src /p' /etc/apt/sources.list |
          "${sudo_cmd[@]}" tee /etc/apt/sources.list.d/betarelax-deb-src.list >/dev/null
      else
        echo "ci/kokkos.sh: no apt source entry found to derive a deb-src entry from" >&2; exit 1
      fi
      "${sudo_cmd[@]}" apt-get update -q >&2
    fi
    log "downloading Debian source package trilinos (Kokkos 3.4.1 lives in packages/kokkos)"
    (cd "$cache/src" && apt-get source --download-only trilinos >&2)
    tarball=$(ls "$cache"/src/trilinos_13.2.0.orig.tar.* | head -n1)
  fi
  log "extracting packages/kokkos from $(basename "$tarball")"
  tmp=$(mktemp -d "$cache/src/extract.XXXXXX")
  tar -xf "$tarball" -C "$tmp" --wildcards '*/packages/kokkos/*'
  rm -rf "$src"
  mv "$tmp"/*/packages/kokkos "$src"
  rm -rf "$tmp"
  # CUDA 13 fixes (native half type, cudaMemPrefetchAsync signature, nvcc_wrapper
  # default arch); harmless for the CPU backends.
  (cd "$src" && patch -p1 --forward < "$here/kokkos-3.4.1-cuda13.patch" >&2)
fi

build="$cache/build/kokkos-3.4.1-$flavour"
rm -rf "$build"
mkdir -p "$build"
compiler=()
if [ "$flavour" = cuda ]; then
  export PATH="$PATH:/usr/local/cuda/bin"
  compiler=(-DCMAKE_CXX_COMPILER="$src/bin/nvcc_wrapper")
fi
log "configuring $flavour build"
cmake -S "$src" -B "$build" -DCMAKE_BUILD_TYPE=Release -DCMAKE_CXX_STANDARD=17 \
  -DCMAKE_INSTALL_PREFIX="$prefix" -DCMAKE_POSITION_INDEPENDENT_CODE=ON \
  "${compiler[@]}" "${backend[@]}" >&2
log "building (this takes ~15 s for openmp, a few minutes for cuda)"
cmake --build "$build" --parallel "$(nproc)" >&2
cmake --install "$build" >&2
rm -rf "$build"
echo "$prefix"
