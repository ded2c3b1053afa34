"""Pagefind runs, several at once within a memory budget (core.indexing), tested with stand-ins:
small Python processes that note when they ran, in the output folder the runner hands them."""

from __future__ import annotations

import sys
import time
from pathlib import Path

import pytest

from digitale_agenda.core.indexing import IndexRun, SearchIndexError, run_all

# A stand-in for Pagefind: sys.argv ends with "--output-path <folder>"; sleeps, notes start and end.
STAND_IN = """
import pathlib, sys, time
out = pathlib.Path(sys.argv[-1]); out.mkdir(parents=True, exist_ok=True)
start = time.monotonic(); time.sleep(float(sys.argv[1]))
(out / "lauf.txt").write_text(f"{start} {time.monotonic()}")
sys.exit(int(sys.argv[2]))
"""


def _run(tmp_path: Path, name: str, pages: int, seconds: float = 0.5, exit_code: int = 0) -> IndexRun:
    return IndexRun([sys.executable, "-c", STAND_IN, str(seconds), str(exit_code)], tmp_path / "site" / name,
                    pages, f"Teil {name}")


def _span(tmp_path: Path, name: str) -> tuple[float, float]:
    start, end = (tmp_path / "site" / name / "lauf.txt").read_text().split()
    return float(start), float(end)


def _overlap(a: tuple[float, float], b: tuple[float, float]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def test_runs_go_two_at_a_time_and_every_bundle_lands_in_the_site(tmp_path: Path) -> None:
    runs = [_run(tmp_path, f"teil-{n}", 100) for n in range(1, 5)]
    messages: list[str] = []
    run_all(runs, 2, messages.append, together_pages=1000)
    spans = [_span(tmp_path, f"teil-{n}") for n in range(1, 5)]
    assert sorted(messages) == ["Teil teil-1", "Teil teil-2", "Teil teil-3", "Teil teil-4"]
    assert _overlap(spans[0], spans[1])
    assert not any(_overlap(a, b) and _overlap(b, c) and _overlap(a, c)
                   for a in spans for b in spans for c in spans if len({a, b, c}) == 3)


def test_runs_that_together_exceed_the_budget_go_one_after_another(tmp_path: Path) -> None:
    runs = [_run(tmp_path, "gross", 800), _run(tmp_path, "auch-gross", 800), _run(tmp_path, "klein", 100)]
    run_all(runs, 2, lambda _: None, together_pages=1000)
    big, also_big, small = (_span(tmp_path, name) for name in ("gross", "auch-gross", "klein"))
    assert not _overlap(big, also_big)
    assert _overlap(also_big, small)


def test_a_failing_run_stops_the_rest_and_names_pagefind(tmp_path: Path) -> None:
    runs = [_run(tmp_path, "kaputt", 100, 0.1, exit_code=3), _run(tmp_path, "lang", 100, 1.0),
            *(_run(tmp_path, f"danach-{n}", 100) for n in range(3))]
    started = time.monotonic()
    with pytest.raises(SearchIndexError, match="Pagefind"):
        run_all(runs, 2, lambda _: None, together_pages=1000)
    assert time.monotonic() - started < 2.5  # the later runs did not start
    assert not any((tmp_path / "site" / f"danach-{n}").exists() for n in range(3))


def test_a_missing_program_is_a_clear_error(tmp_path: Path) -> None:
    run = IndexRun([str(tmp_path / "gibt-es-nicht")], tmp_path / "site", 10, "Teil 1")
    with pytest.raises(SearchIndexError, match="Suchindex konnte nicht erstellt werden"):
        run_all([run], 2, lambda _: None)
