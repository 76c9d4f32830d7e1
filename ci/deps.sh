#!/usr/bin/env bash
# Installs betarelax's Debian 12 packages. Idempotent: a package already
# installed is skipped, and apt is not touched at all when nothing is missing.
set -euo pipefail

packages=(
  cmake make g++ git patch xz-utils dpkg-dev ca-certificates
  libeigen3-dev libboost-math-dev
  libgtest-dev libgmock-dev libbenchmark-dev
  libgnuplot-iostream-dev gnuplot-nox libboost-iostreams-dev libboost-filesystem-dev
  libcli11-dev libtomlplusplus-dev nlohmann-json3-dev libfmt-dev
  lammps lammps-data openmpi-bin libopenmpi-dev
  patchelf
)

missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done

if [ ${#missing[@]} -eq 0 ]; then
  echo "[deps] all ${#packages[@]} packages present"
  exit 0
fi

echo "[deps] installing: ${missing[*]}"
sudo_cmd=()
if [ "$(id -u)" -ne 0 ]; then sudo_cmd=(sudo); fi
"${sudo_cmd[@]}" apt-get update -q
DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -q --no-install-recommends "${missing[@]}"
