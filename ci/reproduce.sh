#!/usr/bin/env bash
# The README's main command: installs what is missing, builds, and runs the
# whole pipeline at the given profile (default: smoke) into results/<profile>.
# Only the betarelax executable is built (every stage, figure and the report
# are its subcommands); the tests and benchmarks are ci/test.sh's to build.
set -euo pipefail
top=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
profile=${1:-smoke}
BETARELAX_BUILD_TARGETS=betarelax "$top/ci/build.sh" openmp
cd "$top"
exec ./build/openmp/betarelax reproduce --profile "$profile" --out "results/$profile"
