"""Hypothesis profiles for the reliability suite, chosen with HYPOTHESIS_PROFILE.

``ci`` (the default under CI=true): 2,000 examples per property, no deadline (the machine is shared).
``dev`` (the default elsewhere): 200 examples. ``long``: 20,000 examples, for a soak run::

    HYPOTHESIS_PROFILE=long .venv/bin/python -m pytest tests/reliability -k property
"""
from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))  # rel_invariants, rel_strategies


def pytest_configure(config) -> None:
    config.addinivalue_line("markers", "slow: a long run (50 MB input); runs with FANGTAN_SLOW=1")
