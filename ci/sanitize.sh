#!/usr/bin/env bash
# Issue #11's sanitizer job: the `asan` preset (Serial Kokkos, AddressSanitizer
# + UndefinedBehaviorSanitizer, RelWithDebInfo) built and its unit, validation
# and command-line tests run. Any report stops the process that made it, so
# the test fails and ctest shows the report.
# Usage: ci/sanitize.sh [extra ctest args...]
set -euo pipefail
top=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
"$top/ci/build.sh" asan
cd "$top"
export ASAN_OPTIONS=${ASAN_OPTIONS:-halt_on_error=1:abort_on_error=1:detect_leaks=1:strict_string_checks=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-halt_on_error=1:print_stacktrace=1}
# Left out: three statistical tests that sample thousands of steps (74, 36 and
# 35 s under the sanitizers) through code the shorter tests run as well (the
# same integrators: Determinism, RunsBackwardsToTheStart, RampsTheTargetTemperature).
ctest --preset asan -L "core|validation|cli" \
  -E "NoseHooverChain.SamplesTheCanonicalKineticEnergy|VelocityVerlet.ConservesEnergyOverTenPicoseconds|MtkBarostat.RelaxesTheVolumeToZeroPressure" "$@"
