"""Metadata rules (DA1xx) on agenda.yml: official key and Land (the age of the last review is in
``dates``)."""

from __future__ import annotations

import re

from ..diagnostics import Diagnostic, Mark
from ..laender import CODE_BY_NAME, LAENDER
from ..model import Agenda
from ..sink import Sink
from ..suggest import suggestion_text

_KEY = re.compile(r"^[0-9]{8}([0-9]{4})?$")


def check_metadata(agenda: Agenda, out: list[Diagnostic]) -> None:
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


def is_valid_key(key: str | None) -> bool:
    """Whether ``key`` has the form of an AGS or ARS with a real Land code."""
    return key is not None and bool(_KEY.match(key)) and key[:2] in LAENDER


def _check_key(key: str, land: str | None, sink: Sink, mark: Mark) -> None:
    if not _KEY.match(key):
        if key.isascii() and key.isdigit():
            sink.emit("DA105", mark, value=key, detail=f" – {len(key)} Ziffern", detail_en=f" – {len(key)} digits")
        else:
            sink.emit("DA105", mark, value=key, detail=" – nur die Ziffern 0 bis 9 sind erlaubt",
                      detail_en=" – only the digits 0 to 9 are allowed")
        return
    prefix = key[:2]
    if prefix not in LAENDER:
        sink.emit("DA105", mark, value=key, detail=f" – {prefix} ist keine Landeskennziffer (01 bis 16)",
                  detail_en=f" – {prefix} is no Land code (01 to 16)")
        return
    if land is not None and CODE_BY_NAME[land] != prefix:
        sink.emit("DA106", mark, prefix=prefix, key_land=LAENDER[prefix], land=land, land_code=CODE_BY_NAME[land])

