"""Metadata rules (DA1xx) on agenda.yml: official key, Land and age of the last review."""

from __future__ import annotations

import datetime as dt
import re

from ..diagnostics import Diagnostic, Mark
from ..laender import CODE_BY_NAME, LAENDER
from ..model import Agenda
from ..sink import Sink
from ..suggest import suggestion_text

_KEY = re.compile(r"^\d{8}(\d{4})?$")


def check_metadata(agenda: Agenda, today: dt.date, review_months: int, out: list[Diagnostic]) -> None:
    sink = Sink(agenda.source.path, out, agenda.slug)
    record = agenda.record
    land = agenda.land
    if land is not None and land not in CODE_BY_NAME:
        names = list(CODE_BY_NAME)
        sink.emit("DA104", record.mark_for("land"), value=land, key="land", allowed=", ".join(names),
                  suggestion=suggestion_text(land, names), suggestion_en=suggestion_text(land, names, "en"))
        land = None
    key = agenda.key
    if key is not None:
        _check_key(key, land, sink, record.mark_for("schluessel"))
    review = agenda.last_review
    if review is not None and review < _months_before(today, review_months):
        sink.emit("DA108", record.mark_for("letzte_pruefung"), date=review.isoformat(), months=review_months)


def is_valid_key(key: str | None) -> bool:
    """Whether ``key`` has the form of an AGS or ARS with a real Land code."""
    return key is not None and bool(_KEY.match(key)) and key[:2] in LAENDER


def _check_key(key: str, land: str | None, sink: Sink, mark: Mark) -> None:
    if not _KEY.match(key):
        digits = sum(ch.isdigit() for ch in key)
        detail = f" – {digits} Ziffern" if key.isdigit() else " – nur Ziffern sind erlaubt"
        sink.emit("DA105", mark, value=key, detail=detail)
        return
    prefix = key[:2]
    if prefix not in LAENDER:
        sink.emit("DA105", mark, value=key, detail=f" – {prefix} ist keine Landeskennziffer (01 bis 16)")
        return
    if land is not None and CODE_BY_NAME[land] != prefix:
        sink.emit("DA106", mark, prefix=prefix, key_land=LAENDER[prefix], land=land, land_code=CODE_BY_NAME[land])


def _months_before(day: dt.date, months: int) -> dt.date:
    year, month = divmod(day.year * 12 + day.month - 1 - months, 12)
    month += 1
    last = [31, 29 if year % 4 == 0 and (year % 100 != 0 or year % 400 == 0) else 28,
            31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]
    return dt.date(year, month, min(day.day, last))
