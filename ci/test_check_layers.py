#!/usr/bin/env python3
"""check_layers.py on made-up trees whose verdicts are known."""
import os
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import check_layers  # noqa: E402


def tree(files):
    root = tempfile.mkdtemp(prefix="layers_")
    for path, text in files.items():
        os.makedirs(os.path.join(root, os.path.dirname(path)), exist_ok=True)
        with open(os.path.join(root, path), "w") as f:
            f.write(text)
    return root


def main():
    base = {"support/units.hpp": "", "core/system/system.hpp": '#include "support/units.hpp"\n',
            "experiments/common/glass_folder.hpp": '#include "core/system/system.hpp"\n',
            "experiments/art/art_campaign.cpp": '#include "experiments/common/glass_folder.hpp"\n',
            "validation/analysis.hpp": '#include "support/units.hpp"\n#include "generated/install_paths.hpp"\n',
            "cli/cli.cpp": '#include "validation/analysis.hpp"\n#include "experiments/art/art_campaign.cpp"\n'}
    cases = [
        ("downward only", {}, 0),
        ("core includes validation", {"core/system/system.cpp": '#include "validation/analysis.hpp"\n'}, 1),
        ("experiments includes validation", {"experiments/art/x.cpp": '#include "validation/analysis.hpp"\n'}, 1),
        ("common includes a driver", {"experiments/common/y.cpp": '#include "experiments/art/art_campaign.cpp"\n'}, 1),
        ("a bare include", {"plots/fig.cpp": '#include "analysis.hpp"\n'}, 1),
        ("a folder that is not there", {"plots/fig.cpp": '#include "validation/nothere.hpp"\n'}, 1),
    ]
    failed = 0
    for name, extra, expected in cases:
        got = len(check_layers.check(tree({**base, **extra})))
        ok = got == expected
        failed += not ok
        print(f"{'ok  ' if ok else 'FAIL'} {name}: {got} problem(s), expected {expected}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
