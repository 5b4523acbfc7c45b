"""Throughput and latency benchmarks: `python -m bench.run` (see `make bench`).

Importing the package puts the network guard's folder (tests/guard) on sys.path, so
`tests.helpers` can be imported the way pytest imports it.
"""

import sys
from pathlib import Path

_GUARD_DIR = str(Path(__file__).resolve().parents[1] / "tests" / "guard")
if _GUARD_DIR not in sys.path:
    sys.path.insert(0, _GUARD_DIR)
