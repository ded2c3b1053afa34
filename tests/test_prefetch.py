"""Rendering ahead in a child process: the same pages, in order, even if the child dies."""

from __future__ import annotations

import os

from digitale_agenda.core.prefetch import Prefetcher
from digitale_agenda.core.site import GeneratedPage, Rendered

PARENT = os.getpid()


def _page(number: int, dies_in_child: bool = False) -> GeneratedPage:
    def render() -> Rendered:
        if dies_in_child and os.getpid() != PARENT:
            os._exit(1)  # as if the system had stopped the child for want of memory
        return Rendered(f"<p>Seite {number}</p>", [], [])
    return GeneratedPage(f"seite-{number}.md", f"Seite {number}", {}, render)


def test_a_dead_child_leaves_the_remaining_pages_to_the_parent() -> None:
    pages = [_page(0), _page(1, dies_in_child=True), _page(2)]
    prefetcher = Prefetcher(pages)
    try:
        assert [prefetcher.get(p.src_uri).html for p in pages] == ["<p>Seite 0</p>", "<p>Seite 1</p>",
                                                                  "<p>Seite 2</p>"]
    finally:
        prefetcher.close()
