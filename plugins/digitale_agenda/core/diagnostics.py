"""Diagnostics: located findings with a stable rule code.

A diagnostic stores the rule code and the values for the message template, not the rendered text,
so the same finding can be shown in German or English and as text, JSON or CI annotation.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any, NamedTuple, SupportsIndex


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"

    def __reduce_ex__(self, protocol: SupportsIndex) -> tuple[type[Severity], tuple[str]]:
        """Pickled by value, as Python 3.11.7 and later do it: 3.11.2 (Debian 12's) pickles a
        member as ``getattr(Severity, name)``, which the cache's unpickler refuses, so nothing
        with a diagnostic could be taken from the cache."""
        return Severity, (self.value,)


class Mark(NamedTuple):
    """A 1-based position in a file.

    A named tuple, not a dataclass: there is one per value read, and a tuple is the cheapest to
    create and to unpickle from the cache.
    """

    line: int = 1
    col: int = 1


@dataclass
class Diagnostic:
    code: str
    severity: Severity
    path: str
    mark: Mark
    args: dict[str, Any] = field(default_factory=dict)
    agenda: str | None = None

    @property
    def sort_key(self) -> tuple[str, int, int, str]:
        return (self.path, self.mark.line, self.mark.col, self.code)


def count(diagnostics: list[Diagnostic], severity: Severity) -> int:
    return sum(1 for d in diagnostics if d.severity is severity)
