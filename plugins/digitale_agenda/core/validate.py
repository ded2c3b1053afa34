"""One entry point for loading and checking: shared by the CLI, the MkDocs plugin and the tests."""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection
from dataclasses import dataclass
from functools import partial
from pathlib import Path

from .bulkload import LoadOptions
from .checks.dates import check_dates
from .checks.measures import check_measures
from .checks.metadata import check_metadata
from .checks.references import check_references, skeleton
from .checks.sections import check_sections
from .diagnostics import Diagnostic, Severity, count
from .framework import Framework
from .load import load_catalogue
from .model import Agenda, Catalogue, Skeleton
from .rules import RULES


@dataclass
class Result:
    catalogue: Catalogue
    diagnostics: list[Diagnostic]

    @property
    def errors(self) -> int:
        return count(self.diagnostics, Severity.ERROR)

    @property
    def warnings(self) -> int:
        return count(self.diagnostics, Severity.WARNING)


def check(root: Path, framework: Framework, today: dt.date | None = None,
          review_months: int | None = None, only: Collection[str] | None = None,
          options: LoadOptions | None = None, whole: bool = True) -> Result:
    """Load every agenda under ``root`` once and run all rules on it.

    ``only`` names the agendas that matter (see ``load_catalogue``); the result is complete for
    them, while diagnostics of other agendas it had to read may be incomplete. ``options``: cache
    and processes for loading (default: neither). Without ``whole``, the catalogue keeps only each
    agenda's skeleton (``checks.references.skeleton``): enough for the diagnostics and for counting
    agendas, not for pages or reports; each agenda is then checked where it is loaded, in the
    worker processes of a large repository, and what that finds is kept in the cache with the
    skeleton. The rules of the day (``checks.dates``) run here, on every agenda, in either case.
    """
    today = today or dt.date.today()
    months = review_months or framework.review_months
    diagnostics: list[Diagnostic] = []
    finish = partial(_check_agenda, framework, whole)
    if whole:
        catalogue = load_catalogue(root, framework, diagnostics, only, options)
        for agenda in catalogue.agendas.values():
            finish(agenda, diagnostics)
    else:
        catalogue = load_catalogue(root, framework, diagnostics, only, options, finish)
    for agenda in catalogue.agendas.values():
        check_dates(agenda, framework, today, months, diagnostics)
    check_references(catalogue, diagnostics)
    _soften_for_drafts(diagnostics, catalogue)
    diagnostics.sort(key=lambda d: d.sort_key)
    return Result(catalogue, diagnostics)


def _check_agenda(framework: Framework, whole: bool, agenda: Agenda, out: list[Diagnostic]) -> Agenda | Skeleton:
    """The rules that look at one agenda's files alone; the agenda as the caller keeps it."""
    check_metadata(agenda, out)
    check_sections(agenda, framework, out)
    check_measures(agenda, framework, out)
    return agenda if whole else skeleton(agenda)


def _soften_for_drafts(diagnostics: list[Diagnostic], catalogue: Catalogue) -> None:
    """Missing required content is a warning, not an error, while an agenda is a draft."""
    drafts = {slug for slug, agenda in catalogue.agendas.items() if agenda.is_draft}
    for diagnostic in diagnostics:
        if diagnostic.agenda in drafts and RULES[diagnostic.code].draft_softened:
            diagnostic.severity = Severity.WARNING
