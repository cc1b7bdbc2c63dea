"""Full-jitter exponential backoff (AWS Architecture Blog, "Exponential Backoff and Jitter").

The delay is uniform in [0, min(cap, base * 2**failures)]: retries of many accounts after
one Librus outage spread out instead of arriving together.
"""

from __future__ import annotations

import random
from datetime import timedelta


def full_jitter(failures: int, *, base: float, cap: float, rng: random.Random) -> timedelta:
    ceiling = min(cap, base * (2 ** min(max(failures, 0), 30)))
    return timedelta(seconds=max(base / 4, rng.uniform(0, ceiling)))
