#!/usr/bin/env python3
"""A long property-based run over loader and validator: any input gives diagnostics, never an exception.

The test suite runs a short version (tests/test_robustness.py); this runs the same properties with
many more examples:

    .venv/bin/python scripts/fuzz.py --examples 10000
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--examples", type=int, default=10_000, help="examples per property")
    args = parser.parse_args()
    os.environ["AGENDA_FUZZ_EXAMPLES"] = str(args.examples)
    import pytest

    return pytest.main([str(ROOT / "tests" / "test_robustness.py"), "-q", "-p", "no:cacheprovider"])


if __name__ == "__main__":
    sys.exit(main())
