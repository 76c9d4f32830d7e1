#!/usr/bin/env bash
# The README's main command: installs what is missing, builds, and runs the
# whole pipeline at the given profile (default: smoke) into results/<profile>.
set -euo pipefail
top=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
profile=${1:-smoke}
"$top/ci/build.sh" openmp
cd "$top"
exec ./build/openmp/betarelax reproduce --profile "$profile" --out "results/$profile"
