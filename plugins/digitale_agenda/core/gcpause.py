"""Building the model of a large repository creates millions of long-lived objects at once.

Python's cyclic garbage collector would traverse all of them again and again while they are
created (a third of the time of loading 1,000 agendas); the model holds no garbage cycles worth
collecting, so the collector is paused while it is built. Freezing the result afterwards keeps
later collections from walking it, and keeps a forked child (``prefetch``) from copying its
memory pages just to update collector bookkeeping.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def model_building() -> Iterator[None]:
    """Pause the collector for the block; freeze what exists afterwards."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        gc.freeze()
        if enabled:
            gc.enable()
