"""Rules that depend on the day of the check (DA108, DA306).

Everything else a check finds in an agenda depends on its files alone, so ``agenda validate`` can
keep it with the agenda's skeleton in the cache (``bulkload``); these two rules are worked out
anew on every run, from the skeleton, which keeps what they read.
"""

from __future__ import annotations

import calendar
import datetime as dt
import functools

from ..diagnostics import Diagnostic
from ..framework import Framework
from ..model import Agenda, Skeleton
from ..sink import Sink


def check_dates(agenda: Agenda | Skeleton, framework: Framework, today: dt.date, review_months: int,
                out: list[Diagnostic]) -> None:
    review = agenda.last_review
    if review is not None and review < _months_before(today, review_months):
        Sink(agenda.source.path, out, agenda.slug).emit("DA108", agenda.record.mark_for("letzte_pruefung"),
                                                       date=review.isoformat(), months=review_months)
    for measure in agenda.measures():
        end = measure.end
        if end is None or not end.ends_before(today):
            continue
        status = framework.status(measure.status)
        if status is None or not status.ongoing:
            continue
        if measure.ends_before_start:
            continue  # the problem to fix first (DA305)
        Sink(measure.path, out, agenda.slug).emit("DA306", measure.end_mark, end=end, status=measure.status)


@functools.cache  # the same day for every agenda of a check
def _months_before(day: dt.date, months: int) -> dt.date:
    year, month = divmod(day.year * 12 + day.month - 1 - months, 12)
    return dt.date(year, month + 1, min(day.day, calendar.monthrange(year, month + 1)[1]))
