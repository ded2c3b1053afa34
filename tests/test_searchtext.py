"""Pagefind reads only the pages' indexed parts (core.searchtext): the index must be the one it
writes from the whole pages, and content must not widen the part it reads."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from conftest import Catalogue, build_site, site_config
from digitale_agenda.core.searchtext import BODY_END, BODY_START, search_document

THEME_BEFORE = '<!doctype html><html lang="de" class="no-js"><head><title>T</title></head><body><nav>Navigation</nav>'
THEME_AFTER = "<footer>Impressum</footer><script>var x = 1;</script></body></html>"


def _page(content: str) -> str:
    return f"{THEME_BEFORE}{BODY_START}{content}</div>{BODY_END}{THEME_AFTER}"


def test_the_copy_holds_the_marked_part_with_the_page_language() -> None:
    document = search_document(_page("<h1>Titel</h1><p>Text</p>"))
    assert document is not None
    assert '<html lang="de" class="no-js">' in document
    assert f"{BODY_START}<h1>Titel</h1><p>Text</p></div>" in document
    assert "Navigation" not in document and "Impressum" not in document and "var x" not in document


def test_a_page_without_marked_part_is_not_copied() -> None:
    assert search_document(f"{THEME_BEFORE}<p>Liste</p>{THEME_AFTER}") is None


def test_markers_in_the_content_cannot_widen_the_copy() -> None:
    """The theme's start comes before all content and its end after it: content that repeats
    either marker still yields exactly the page's marked part, never the theme around it."""
    content = f"<p>a</p>{BODY_END}<p>b</p>{BODY_START}<p>c</p>"
    document = search_document(_page(content))
    assert document is not None
    assert f"{BODY_START}{content}</div>" in document
    assert "Navigation" not in document and "Impressum" not in document


def test_the_index_equals_pagefinds_index_of_the_whole_pages(catalogue: Catalogue, tmp_path: Path) -> None:
    """Every fragment (a page's text, title, filters and anchors) and every index chunk that Pagefind
    writes from the whole built pages is there, under the same content-hashed name, in the index the
    build wrote from the copies; the copies are gone after the build."""
    result = build_site(catalogue.agendas, tmp_path)
    assert result.returncode == 0, result.stderr
    site = tmp_path / "site"
    reference = tmp_path / "referenz"
    subprocess.run([sys.executable, "-m", "pagefind", "--site", str(site), "--output-path", str(reference),
                    "--silent"], check=True, timeout=300)
    for part, at_least in (("fragment", 25), ("index", 1)):  # one fragment per indexed page
        built = sorted(p.name for p in (site / "pagefind" / part).iterdir())
        expected = sorted(p.name for p in (reference / part).iterdir())
        assert len(built) >= at_least
        assert built == expected, part
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []


def test_a_dirty_build_indexes_the_pages_it_did_not_rewrite(catalogue: Catalogue, tmp_path: Path) -> None:
    """``mkdocs build --dirty`` writes only changed pages (not the unchanged hand-written ones), so
    Pagefind reads the whole site then: the index keeps every page of the full build."""
    config = site_config(catalogue.agendas, tmp_path)
    mkdocs = Path(sys.executable).parent / "mkdocs"
    indexed = []
    for extra in ([], ["--dirty"]):
        subprocess.run([str(mkdocs), "build", "-q", "-f", str(config), *extra], cwd=tmp_path, check=True,
                       capture_output=True, timeout=300, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
        entry = json.loads((tmp_path / "site" / "pagefind" / "pagefind-entry.json").read_text(encoding="utf-8"))
        indexed.append(entry["languages"]["de"]["page_count"])
    assert indexed[0] >= 25
    assert indexed[1] == indexed[0]
