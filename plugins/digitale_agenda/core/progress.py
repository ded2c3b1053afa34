"""Progress of long runs, said in tenths, and numbers written the German way.

Checking all ~11,000 agendas of a national portal takes about a minute, building its site several;
a command that says nothing for that long looks stuck, in a terminal and in a CI log alike. Ten
lines per run say that it moves without flooding the log, and a small repository stays silent.
Each line also says how long it has taken so far and about how long the rest will take, assuming
the rest goes as fast as what is done: enough to decide whether to wait or get a coffee.
"""

from __future__ import annotations

import time
from collections.abc import Callable


def de_number(value: float | int) -> str:
    """1234567.5 -> '1.234.567,5' (German digit grouping)."""
    text = f"{value:,.2f}".rstrip("0").rstrip(".") if isinstance(value, float) else f"{value:,}"
    return text.replace(",", "\x00").replace(".", ",").replace("\x00", ".")


def de_count(value: int, one: str, many: str) -> str:
    """(1, "Agenda", "Agenden") -> '1 Agenda', (11000, …) -> '11.000 Agenden'."""
    return f"{de_number(value)} {one if value == 1 else many}"


def de_duration(seconds: float) -> str:
    """42.4 -> '42 s', 200 -> '3 min 20 s' (whole seconds: enough for a progress line)."""
    whole = round(seconds)
    return f"{whole} s" if whole < 60 else f"{whole // 60} min {whole % 60} s"


class Tenths:
    """Says "<what>: <done> von <total> (nach …, noch etwa …)" each time another tenth of ``total``
    is done, and "(in …)" when all are; says nothing at all for fewer than ``shown_from``.
    ``clock``: seconds from any fixed point (tests pass their own)."""

    def __init__(self, total: int, say: Callable[[str], None] | None, what: str, shown_from: int,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self.total, self.done, self.what = total, 0, what
        self.say = say if say is not None and total >= shown_from and total > 0 else None
        self.every = -(-total // 10)
        self.next = self.every
        self.clock = clock
        self.started = clock()

    def advance(self, steps: int = 1) -> None:
        self.done += steps
        if self.say is not None and (self.done >= self.next or self.done == self.total):
            self.say(f"{self.what}: {de_number(self.done)} von {de_number(self.total)} ({self._timing()})")
            while self.next <= self.done:
                self.next += self.every

    def _timing(self) -> str:
        elapsed = self.clock() - self.started
        if self.done >= self.total:
            return f"in {de_duration(elapsed)}"
        left = elapsed / self.done * (self.total - self.done)
        return f"nach {de_duration(elapsed)}, noch etwa {de_duration(left)}"
