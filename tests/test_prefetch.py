"""Preparing and rendering in a child process: the same plan and pages, in order, even if the
child dies; MkDocs' process never builds the model when the child works."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

from digitale_agenda.core import prefetch
from digitale_agenda.core.prefetch import Prefetcher
from digitale_agenda.core.site import GeneratedPage, Rendered
from digitale_agenda.core.siteplan import SitePlan

PARENT = os.getpid()


def _page(number: int, dies_in_child: bool = False) -> GeneratedPage:
    def render() -> Rendered:
        if dies_in_child and os.getpid() != PARENT:
            os._exit(1)  # as if the system had stopped the child for want of memory
        return Rendered(f"<p>Seite {number}</p>", [])
    return GeneratedPage(f"seite-{number}.md", f"Seite {number}", {}, render)


class _Site:
    """A ``prepare`` that records in which processes it ran (in a file: the child's memory is its own)."""

    def __init__(self, log: Path, pages: list[GeneratedPage], fails: bool = False) -> None:
        self.log, self.pages, self.fails = log, pages, fails

    def __call__(self) -> tuple[SitePlan, list[GeneratedPage]]:
        with open(self.log, "a", encoding="utf-8") as log:
            log.write(f"{'eltern' if os.getpid() == PARENT else 'kind'}\n")
        if self.fails:
            raise ValueError("Agenda kaputt")
        return SitePlan([], None, [], [page.info() for page in self.pages]), self.pages

    def ran_in(self) -> list[str]:
        with open(self.log, encoding="utf-8") as log:
            return log.read().split()


def test_the_child_prepares_and_renders_and_the_parent_gets_the_plan(tmp_path: Path) -> None:
    site = _Site(tmp_path / "log", [_page(0), _page(1), _page(2)])
    prefetcher = Prefetcher(site)
    try:
        assert [page.src_uri for page in prefetcher.plan.pages] == ["seite-0.md", "seite-1.md", "seite-2.md"]
        assert [prefetcher.get(f"seite-{n}.md").html for n in range(3)] == [f"<p>Seite {n}</p>" for n in range(3)]
    finally:
        prefetcher.close()
    assert site.ran_in() == ["kind"]


def test_a_dead_child_leaves_the_remaining_pages_to_the_parent(tmp_path: Path) -> None:
    pages = [_page(0), _page(1, dies_in_child=True), _page(2)]
    site = _Site(tmp_path / "log", pages)
    prefetcher = Prefetcher(site)
    try:
        assert [prefetcher.get(p.src_uri).html for p in pages] == ["<p>Seite 0</p>", "<p>Seite 1</p>",
                                                                  "<p>Seite 2</p>"]
    finally:
        prefetcher.close()
    assert site.ran_in() == ["kind", "eltern"]


def test_an_error_in_the_child_is_raised_in_the_parent_without_the_childs_traceback(
        tmp_path: Path, capfd: pytest.CaptureFixture[str]) -> None:
    site = _Site(tmp_path / "log", [_page(0)], fails=True)
    with pytest.raises(ValueError, match="Agenda kaputt"):
        Prefetcher(site)
    assert site.ran_in() == ["kind", "eltern"]
    assert "Traceback" not in capfd.readouterr().err


def test_without_fork_everything_happens_in_the_calling_process(tmp_path: Path) -> None:
    site = _Site(tmp_path / "log", [_page(0)])
    prefetcher = Prefetcher(site, fork=False)
    assert prefetcher.get("seite-0.md").html == "<p>Seite 0</p>"
    assert site.ran_in() == ["eltern"]


def test_the_child_renders_up_to_lead_pages_ahead_while_the_parent_reads_nothing(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """MkDocs prepares every page before it asks for the first. The child keeps rendering meanwhile,
    up to ``LEAD`` pages, more than the messages a pipe of the system's default size holds (about 1,000)."""
    monkeypatch.setattr(prefetch, "LEAD", 2500)
    rendered = tmp_path / "gerendert"

    def page(number: int) -> GeneratedPage:
        def render() -> Rendered:
            with open(rendered, "a", encoding="utf-8") as log:
                log.write(f"{number}\n")
            return Rendered(f"<p>Seite {number}</p>", [])
        return GeneratedPage(f"agendas/musterstadt-{number}/handlungsfeld.md", f"Seite {number}", {}, render)

    def count() -> int:
        return len(rendered.read_text(encoding="utf-8").split()) if rendered.exists() else 0

    prefetcher = Prefetcher(_Site(tmp_path / "log", [page(n) for n in range(3000)]))
    try:
        deadline = time.monotonic() + 60
        while count() < 2500 and time.monotonic() < deadline:
            time.sleep(0.1)
        time.sleep(1)  # time to run further ahead, if it could
        assert count() == 2500
        assert prefetcher.get("agendas/musterstadt-0/handlungsfeld.md").html == "<p>Seite 0</p>"
        assert prefetcher.get("agendas/musterstadt-2999/handlungsfeld.md").html == "<p>Seite 2999</p>"
        assert count() == 3000
    finally:
        prefetcher.close()
