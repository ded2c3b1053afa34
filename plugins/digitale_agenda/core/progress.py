"""Progress of long runs, said in tenths, and numbers written the German way.

Checking all ~11,000 agendas of a national portal takes about a minute, building its site several;
a command that says nothing for that long looks stuck, in a terminal and in a CI log alike. Ten
lines per run say that it moves without flooding the log, and a small repository stays silent.
"""

from __future__ import annotations

from collections.abc import Callable


def de_number(value: float | int) -> str:
    """1234567.5 -> '1.234.567,5' (German digit grouping)."""
    text = f"{value:,.2f}".rstrip("0").rstrip(".") if isinstance(value, float) else f"{value:,}"
    return text.replace(",", "\x00").replace(".", ",").replace("\x00", ".")


class Tenths:
    """Says "<what>: <done> von <total>" each time another tenth of ``total`` is done, and when all
    are; says nothing at all for fewer than ``shown_from``."""

    def __init__(self, total: int, say: Callable[[str], None] | None, what: str, shown_from: int) -> None:
        self.total, self.done, self.what = total, 0, what
        self.say = say if say is not None and total >= shown_from and total > 0 else None
        self.every = -(-total // 10)
        self.next = self.every

    def advance(self, steps: int = 1) -> None:
        self.done += steps
        if self.say is not None and (self.done >= self.next or self.done == self.total):
            self.say(f"{self.what}: {de_number(self.done)} von {de_number(self.total)}")
            while self.next <= self.done:
                self.next += self.every
