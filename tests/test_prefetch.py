"""Rendering ahead in a child process: the same pages, and a clear end when the child dies."""

from __future__ import annotations

import os

import pytest

from digitale_agenda.core.prefetch import ChildEnded, Prefetcher
from digitale_agenda.core.site import GeneratedPage, Rendered

PARENT = os.getpid()


def _page(number: int, dies_in_child: bool = False) -> GeneratedPage:
    def render() -> Rendered:
        if dies_in_child and os.getpid() != PARENT:
            os._exit(1)  # as if the system had stopped the child for want of memory
        return Rendered(f"<p>Seite {number}</p>", [], [])
    return GeneratedPage(f"seite-{number}.md", f"Seite {number}", {}, render)


def test_pages_come_from_the_child_in_order() -> None:
    prefetcher = Prefetcher([_page(n) for n in range(5)])
    assert prefetcher.running
    prefetcher.release()  # the parent no longer needs to render anything itself
    try:
        assert [prefetcher.get(f"seite-{n}.md").html for n in range(5)] == [f"<p>Seite {n}</p>" for n in range(5)]
    finally:
        prefetcher.close()


def test_a_dead_child_is_replaced_by_the_parent_unless_it_let_go_of_the_model() -> None:
    pages = [_page(0), _page(1, dies_in_child=True), _page(2)]
    keeping = Prefetcher(pages)
    try:
        assert [keeping.get(p.src_uri).html for p in pages] == ["<p>Seite 0</p>", "<p>Seite 1</p>", "<p>Seite 2</p>"]
    finally:
        keeping.close()
    released = Prefetcher(pages)
    released.release()
    try:
        assert released.get("seite-0.md").html == "<p>Seite 0</p>"
        with pytest.raises(ChildEnded, match="parallel: false"):
            released.get("seite-1.md")
    finally:
        released.close()
