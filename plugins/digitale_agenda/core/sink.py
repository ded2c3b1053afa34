"""Where checks put their findings: one sink per file, carrying path and agenda."""

from __future__ import annotations

from typing import Any

from .diagnostics import Diagnostic, Mark, Severity
from .rules import RULES


class Sink:
    """Collects the diagnostics of one file, so checks need not repeat its path and agenda."""

    def __init__(self, path: str, out: list[Diagnostic], agenda: str | None = None):
        self.path = path
        self.out = out
        self.agenda = agenda

    def emit(self, code: str, mark: Mark, severity: Severity | None = None, **args: Any) -> None:
        rule = RULES[code]
        self.out.append(Diagnostic(code, severity or rule.severity, self.path, mark, args, self.agenda))
